#include "train/checkpoint.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <stdexcept>

namespace lmforge {

namespace fs = std::filesystem;

namespace {

std::string StepName(int64_t step) {
  char buf[32];
  snprintf(buf, sizeof buf, "step-%08lld", static_cast<long long>(step));
  return buf;
}

std::string JsonNumber(double v) {
  if (!std::isfinite(v)) return "null";
  std::ostringstream os;
  os.precision(17);
  os << v;
  return os.str();
}

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

at::Tensor GeneratorState(at::Generator* g) { return g->get_state(); }

void FsyncPath(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // best effort: some filesystems cannot open directories
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

std::string CheckpointPath(const std::string& checkpointDir, int64_t step) { return (fs::path(checkpointDir) / StepName(step)).string(); }

std::string SaveCheckpoint(const std::string& checkpointDir, GPT& model, const AdamW& opt, const RngStates& rng, const TrainerState& st) {
  fs::create_directories(checkpointDir);
  const std::string name = StepName(st.step);
  const fs::path final = fs::path(checkpointDir) / name;
  const fs::path tmp = fs::path(checkpointDir) / ("." + name + ".tmp-" + std::to_string(getpid()));
  fs::remove_all(tmp);
  fs::create_directories(tmp);

  std::vector<std::pair<std::string, at::Tensor>> weights;
  for (auto& p : model.NamedParameters()) weights.push_back({p.name, *p.tensor});
  WriteSafetensors((tmp / "model.safetensors").string(), weights);

  std::vector<std::pair<std::string, at::Tensor>> optState;
  for (size_t i = 0; i < opt.params().size(); i++) {
    optState.push_back({"exp_avg." + opt.names()[i], opt.exp_avg[i]});
    optState.push_back({"exp_avg_sq." + opt.names()[i], opt.exp_avg_sq[i]});
  }
  if (rng.data) optState.push_back({"rng.data", GeneratorState(rng.data)});
  if (rng.cpu) optState.push_back({"rng.cpu", GeneratorState(rng.cpu)});
  if (rng.cuda) optState.push_back({"rng.cuda", GeneratorState(rng.cuda)});
  WriteSafetensors((tmp / "optimizer.safetensors").string(), optState, c10::ScalarType::Undefined,
                   {{"format", "lmforge-optimizer"}, {"optimizer_step", std::to_string(opt.step)}});

  std::ostringstream js;
  js << "{\n  \"format\": \"lmforge-checkpoint-v1\",\n  \"step\": " << st.step << ",\n  \"optimizerStep\": " << opt.step
     << ",\n  \"tokens\": " << st.tokens << ",\n  \"maxSteps\": " << st.maxSteps << ",\n  \"seed\": " << st.seed
     << ",\n  \"bestValLoss\": " << (st.bestValLoss ? JsonNumber(*st.bestValLoss) : "null") << ",\n  \"bestCheckpoint\": "
     << (st.bestCheckpoint.empty() ? "null" : JsonString(st.bestCheckpoint)) << ",\n  \"evalsWithoutImprovement\": " << st.evalsWithoutImprovement
     << ",\n  \"lossScale\": " << JsonNumber(st.lossScale) << ",\n  \"elapsedMs\": " << JsonNumber(st.elapsedMs) << ",\n  \"config\": {\"vocabSize\": "
     << model.config.vocab_size << ", \"nPositions\": " << model.config.n_positions << ", \"nEmbd\": " << model.config.n_embd
     << ", \"nLayer\": " << model.config.n_layer << ", \"nHead\": " << model.config.n_head << ", \"dropout\": " << JsonNumber(model.config.dropout)
     << ", \"layerNormEpsilon\": " << JsonNumber(model.config.layer_norm_epsilon)
     << ", \"tieWordEmbeddings\": " << (model.config.tie_word_embeddings ? "true" : "false") << "},\n  \"lora\": [";
  bool first = true;
  for (auto& [lname, lin] : model.NamedLinears()) {
    if (!lin->lora) continue;
    js << (first ? "" : ", ") << "{\"name\": " << JsonString(lname) << ", \"r\": " << lin->lora->r << ", \"alpha\": " << JsonNumber(lin->lora->alpha)
       << ", \"scaling\": " << JsonNumber(lin->lora->scaling) << ", \"dropout\": " << JsonNumber(lin->lora->dropout)
       << ", \"merged\": " << (lin->lora->merged ? "true" : "false") << "}";
    first = false;
  }
  js << "],\n  \"trainable\": [";
  for (size_t i = 0; i < opt.names().size(); i++) js << (i ? ", " : "") << JsonString(opt.names()[i]);
  js << "]\n}\n";
  WriteFileAtomic((tmp / "trainer_state.json").string(), js.str());

  if (fs::exists(final)) fs::remove_all(final);  // re-saving a step (e.g. after a resume): the newer one wins
  FsyncPath(tmp);
  fs::rename(tmp, final);
  FsyncPath(fs::path(checkpointDir));  // make the rename itself durable
  return final.string();
}

void PruneCheckpoints(const std::string& checkpointDir, int64_t keepLast, const std::string& keep) {
  if (keepLast <= 0) return;
  std::vector<fs::path> dirs;
  for (auto& e : fs::directory_iterator(checkpointDir)) {
    const std::string n = e.path().filename().string();
    if (e.is_directory() && n.rfind("step-", 0) == 0) dirs.push_back(e.path());
  }
  std::sort(dirs.begin(), dirs.end());
  const int64_t excess = static_cast<int64_t>(dirs.size()) - keepLast;
  for (int64_t i = 0; i < excess; i++) {
    if (!keep.empty() && fs::equivalent(dirs[i], fs::path(keep))) continue;
    fs::remove_all(dirs[i]);
  }
}

void LoadCheckpoint(const SafetensorsSource& mf, const SafetensorsSource& of, GPT& model, AdamW& opt, const RngStates& rng) {
  MappedFile modelMap(mf.path);
  for (auto& p : model.NamedParameters()) {
    const SafetensorsEntry* e = mf.Find(p.name);
    if (!e) throw std::runtime_error(mf.path + ": missing tensor '" + p.name + "' (checkpoint of a different model or LoRA setup?)");
    CopyInto(*p.tensor, MappedTensor(modelMap, mf.dataStart, *e), mf.path, p.name);
  }
  MappedFile optMap(of.path);
  for (size_t i = 0; i < opt.params().size(); i++) {
    for (auto [prefix, target] : {std::make_pair("exp_avg.", &opt.exp_avg[i]), std::make_pair("exp_avg_sq.", &opt.exp_avg_sq[i])}) {
      const std::string key = prefix + opt.names()[i];
      const SafetensorsEntry* e = of.Find(key);
      if (!e) throw std::runtime_error(of.path + ": missing tensor '" + key + "' (were different parameters trainable?)");
      CopyInto(*target, MappedTensor(optMap, of.dataStart, *e), of.path, key);
    }
  }
  auto restore = [&](const char* key, at::Generator* g) {
    if (!g) return;
    const SafetensorsEntry* e = of.Find(key);
    if (!e) throw std::runtime_error(of.path + ": missing RNG state '" + std::string(key) + "'");
    g->set_state(MappedTensor(optMap, of.dataStart, *e).clone());
  };
  restore("rng.data", rng.data);
  restore("rng.cpu", rng.cpu);
  restore("rng.cuda", rng.cuda);
}

}  // namespace lmforge
