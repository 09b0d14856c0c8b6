#include "model/generate.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <stdexcept>

namespace lmforge {

namespace {

at::Tensor IdsTensor(const std::vector<int64_t>& ids, const c10::Device& device) {
  return at::tensor(ids, at::kLong).view({1, static_cast<int64_t>(ids.size())}).to(device);
}

void CheckIds(const GPT& model, const std::vector<int64_t>& ids, const char* what) {
  for (size_t i = 0; i < ids.size(); i++)
    if (ids[i] < 0 || ids[i] >= model.config.vocab_size)
      throw std::invalid_argument(std::string(what) + "[" + std::to_string(i) + "] = " + std::to_string(ids[i]) + " is outside the vocabulary (size " +
                                  std::to_string(model.config.vocab_size) + ")");
}

/** Logits of the last position, as a CPU float vector [V]. */
at::Tensor LastLogits(GPT& model, const std::vector<int64_t>& ids, KVCache& cache) {
  at::Tensor hidden = model.Hidden(IdsTensor(ids, model.device), false, &cache);
  return model.Logits(hidden.select(1, hidden.size(1) - 1)).squeeze(0).to(at::kCPU, at::kFloat);
}

}  // namespace

std::vector<int64_t> Generate(GPT& model, const std::vector<int64_t>& prompt, const GenerateOptions& o) {
  if (prompt.empty()) throw std::invalid_argument("prompt must contain at least one token");
  CheckIds(model, prompt, "prompt");
  if (o.maxNewTokens < 0) throw std::invalid_argument("maxNewTokens must be >= 0");
  if (o.temperature < 0) throw std::invalid_argument("temperature must be >= 0");
  if (o.topP <= 0 || o.topP > 1) throw std::invalid_argument("topP must be in (0, 1]");
  if (o.repetitionPenalty <= 0) throw std::invalid_argument("repetitionPenalty must be > 0");
  at::NoGradGuard ng;
  const int64_t P = model.config.n_positions;
  auto gen = at::make_generator<at::CPUGeneratorImpl>(o.seed);
  std::vector<int64_t> ids = prompt;
  std::vector<int64_t> out;
  KVCache cache;
  // As nanoGPT: a context longer than the model's window is cropped to its last nPositions tokens.
  auto window = [&]() { return std::vector<int64_t>(ids.end() - std::min<int64_t>(P, ids.size()), ids.end()); };
  at::Tensor logits = LastLogits(model, window(), cache);
  for (int64_t step = 0; step < o.maxNewTokens; step++) {
    if (o.repetitionPenalty != 1.0) {
      // HF RepetitionPenaltyLogitsProcessor: seen tokens' logits divided by the penalty (multiplied when < 0).
      std::vector<int64_t> seen = ids;
      std::sort(seen.begin(), seen.end());
      seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
      float* l = logits.data_ptr<float>();
      const float pen = static_cast<float>(o.repetitionPenalty);
      for (int64_t t : seen) l[t] = l[t] < 0 ? l[t] * pen : l[t] / pen;
    }
    int64_t next;
    if (o.temperature == 0) {
      next = logits.argmax().item<int64_t>();
    } else {
      at::Tensor l = logits / o.temperature;
      const int64_t V = l.size(0);
      if (o.topK > 0 && o.topK < V) {
        at::Tensor kth = std::get<0>(l.topk(o.topK)).select(0, o.topK - 1);
        l.masked_fill_(l < kth, -std::numeric_limits<float>::infinity());
      }
      if (o.topP < 1.0) {
        // HF TopPLogitsWarper: keep the smallest set of most likely tokens whose mass reaches topP.
        auto sorted = l.sort(0, /*descending=*/true);
        at::Tensor probs = std::get<0>(sorted).softmax(0);
        at::Tensor cum = probs.cumsum(0);
        at::Tensor remove = (cum - probs) > o.topP;
        l.index_put_({std::get<1>(sorted).masked_select(remove)}, -std::numeric_limits<float>::infinity());
      }
      next = at::multinomial(l.softmax(0), 1, false, gen).item<int64_t>();
    }
    out.push_back(next);
    ids.push_back(next);
    if (std::find(o.stop.begin(), o.stop.end(), next) != o.stop.end()) break;
    if (step + 1 == o.maxNewTokens) break;
    if (cache.length < P) {
      logits = LastLogits(model, {next}, cache);
    } else {
      cache = KVCache();
      logits = LastLogits(model, window(), cache);
    }
  }
  return out;
}

std::vector<float> TokenLogProbs(GPT& model, const std::vector<int64_t>& ids) {
  CheckIds(model, ids, "ids");
  if (static_cast<int64_t>(ids.size()) > model.config.n_positions)
    throw std::invalid_argument("ids has " + std::to_string(ids.size()) + " tokens but the model's nPositions is " +
                                std::to_string(model.config.n_positions));
  if (ids.size() < 2) return {};
  at::NoGradGuard ng;
  at::Tensor idx = IdsTensor(ids, model.device);
  at::Tensor logp = model.Logits(model.Hidden(idx, false)).squeeze(0).log_softmax(-1);
  const int64_t T = idx.size(1);
  at::Tensor next = idx.squeeze(0).narrow(0, 1, T - 1).unsqueeze(1);
  at::Tensor lp = logp.narrow(0, 0, T - 1).gather(1, next).squeeze(1).to(at::kCPU, at::kFloat).contiguous();
  return std::vector<float>(lp.data_ptr<float>(), lp.data_ptr<float>() + lp.numel());
}

}  // namespace lmforge
