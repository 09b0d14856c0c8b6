// The training loop: one AsyncProgressQueueWorker per run (its own thread, explicit at::set_num_threads),
// nanoGPT's loop in C++ (random windows, accumulation, clipping, AdamW, warmup + decay, periodic eval), with
// progress events queued to JS and nothing in the hot loop that calls into JS.
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/autocast_mode.h>
#include <torch/version.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <cstring>
#include <filesystem>
#include <mutex>

#include "common/convert.h"
#include "common/errors.h"
#include "common/registry.h"
#include "model/model_binding.h"
#include "tensor/tensor_wrap.h"
#include "train/adamw.h"
#include "train/checkpoint.h"
#include "train/token_data.h"

namespace lmforge {

namespace {

struct TrainConfig {
  std::shared_ptr<TokenData> train, val;
  int64_t batchSize = 8, contextLength = 128, maxSteps = 100, accum = 1;
  Schedule schedule;
  AdamWOptions adam;
  double clip = 1.0;
  std::string precision = "fp32";
  int64_t evalEvery = 0, evalSteps = 20, logEvery = 1;
  std::string checkpointDir;
  int64_t saveEvery = 0, keepLast = 0;
  bool keepBest = false;
  int64_t patience = 0;
  double minDelta = 0.0;
  uint64_t seed = 1337;
  c10::Device device = c10::Device(c10::kCPU);
  int threads = 1;
  // resume
  bool resume = false;
  SafetensorsSource resumeModel, resumeOptimizer;
  TrainerState resumeState;
  int64_t resumeOptimizerStep = 0;
};

struct EventData {
  std::string type;
  int64_t step = 0;
  double loss = NAN, lr = NAN, gradNorm = NAN, tokensPerSecond = NAN, valLoss = NAN, valPerplexity = NAN, elapsedMs = 0;
  std::string path;
};

struct Summary {
  int64_t steps = 0, tokens = 0;
  std::optional<double> bestValLoss;
  double lastLoss = NAN, wallMs = 0;
  std::string stopReason, lastCheckpoint, bestCheckpoint;
};

/** Turns autocast on for `device` in `dtype` on this thread for its lifetime (no C++ guard exists before 2.4). */
class AutocastScope {
 public:
  AutocastScope(const c10::Device& device, at::ScalarType dtype) : type_(device.type()) {
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
    at::autocast::set_autocast_enabled(type_, true);
    at::autocast::set_autocast_dtype(type_, dtype);
#else
    if (type_ == c10::kCUDA) {
      at::autocast::set_enabled(true);
      at::autocast::set_autocast_gpu_dtype(dtype);
    } else {
      at::autocast::set_cpu_enabled(true);
      at::autocast::set_autocast_cpu_dtype(dtype);
    }
#endif
  }
  ~AutocastScope() {
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
    at::autocast::set_autocast_enabled(type_, false);
#else
    if (type_ == c10::kCUDA)
      at::autocast::set_enabled(false);
    else
      at::autocast::set_cpu_enabled(false);
#endif
    at::autocast::clear_cache();
  }

 private:
  c10::DeviceType type_;
};

double NowMs() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

class TrainWorker : public Napi::AsyncProgressQueueWorker<EventData> {
 public:
  TrainWorker(Napi::Function onEvent, std::shared_ptr<GPT> model, TrainConfig cfg, std::shared_ptr<std::atomic<bool>> stop)
      : Napi::AsyncProgressQueueWorker<EventData>(onEvent),
        deferred_(Napi::Promise::Deferred::New(onEvent.Env())),
        model_(std::move(model)),
        cfg_(std::move(cfg)),
        stop_(std::move(stop)) {}

  Napi::Promise Promise() { return deferred_.Promise(); }

  void Execute(const ExecutionProgress& progress) override {
    try {
      at::set_num_threads(cfg_.threads);
      BusyGuard busy(*model_, "training");
      Run(progress);
    } catch (const std::exception& e) {
      SetError(DescribeException("train", e));
    }
  }

  void OnProgress(const EventData* data, size_t count) override {
    Napi::Env env = Env();
    Napi::HandleScope scope(env);
    for (size_t i = 0; i < count; i++) {
      const EventData& d = data[i];
      auto o = Napi::Object::New(env);
      o.Set("type", d.type);
      o.Set("step", static_cast<double>(d.step));
      auto num = [&](const char* k, double v) {
        if (!std::isnan(v) || d.type == "step") o.Set(k, v);
      };
      if (d.type == "step") {
        num("loss", d.loss);
        num("lr", d.lr);
        num("gradNorm", d.gradNorm);
        num("tokensPerSecond", d.tokensPerSecond);
      }
      if (d.type == "eval") {
        num("valLoss", d.valLoss);
        num("valPerplexity", d.valPerplexity);
      }
      if (!d.path.empty()) o.Set("path", d.path);
      o.Set("elapsedMs", d.elapsedMs);
      if (!Callback().IsEmpty()) Callback().Call({o});
    }
  }

  void OnOK() override {
    Napi::Env env = Env();
    auto o = Napi::Object::New(env);
    o.Set("steps", static_cast<double>(summary_.steps));
    o.Set("tokens", static_cast<double>(summary_.tokens));
    o.Set("bestValLoss", summary_.bestValLoss ? Napi::Value(Napi::Number::New(env, *summary_.bestValLoss)) : env.Null());
    o.Set("bestValPerplexity", summary_.bestValLoss ? Napi::Value(Napi::Number::New(env, std::exp(*summary_.bestValLoss))) : env.Null());
    o.Set("lastLoss", summary_.lastLoss);
    o.Set("wallMs", summary_.wallMs);
    o.Set("stopReason", summary_.stopReason);
    o.Set("lastCheckpoint", summary_.lastCheckpoint.empty() ? env.Null() : Napi::Value(Napi::String::New(env, summary_.lastCheckpoint)));
    o.Set("bestCheckpoint", summary_.bestCheckpoint.empty() ? env.Null() : Napi::Value(Napi::String::New(env, summary_.bestCheckpoint)));
    deferred_.Resolve(o);
  }
  void OnError(const Napi::Error& e) override { deferred_.Reject(e.Value()); }

 private:
  double EvalLoss(GPT& m, at::Generator& valGen) {
    at::NoGradGuard ng;
    // The same validation windows at every eval (generator re-seeded), so evals compare like with like.
    valGen.set_current_seed(cfg_.seed + 1);
    at::Tensor total = at::zeros({}, at::TensorOptions().dtype(at::kFloat).device(cfg_.device));
    at::Tensor x, y;
    for (int64_t i = 0; i < cfg_.evalSteps; i++) {
      cfg_.val->Batch(cfg_.batchSize, cfg_.contextLength, valGen, x, y);
      total += m.Loss(x.to(cfg_.device, true), y.to(cfg_.device, true), false).detach().to(at::kFloat);
    }
    return (total / static_cast<double>(cfg_.evalSteps)).item<double>();
  }

  void Run(const ExecutionProgress& progress) {
    GPT& m = *model_;
    const double start = NowMs();
    m.To(cfg_.device);
    cfg_.train->CheckVocab(m.config.vocab_size);
    cfg_.train->CheckLength(cfg_.contextLength);
    if (cfg_.val) {
      cfg_.val->CheckVocab(m.config.vocab_size);
      cfg_.val->CheckLength(cfg_.contextLength);
    }
    if (cfg_.contextLength > m.config.n_positions)
      throw std::invalid_argument("contextLength " + std::to_string(cfg_.contextLength) + " exceeds the model's nPositions " +
                                  std::to_string(m.config.n_positions));

    // RNGs: batches from a dedicated generator, dropout from libtorch's default ones; all saved in checkpoints.
    at::Generator dataGen = at::make_generator<at::CPUGeneratorImpl>(cfg_.seed);
    at::Generator valGen = at::make_generator<at::CPUGeneratorImpl>(cfg_.seed + 1);
    at::Generator cpuGen = at::detail::getDefaultCPUGenerator();
    {
      std::lock_guard<std::mutex> lock(cpuGen.mutex());
      cpuGen.set_current_seed(cfg_.seed);
    }
    RngStates rng{&dataGen, &cpuGen, nullptr};
    at::Generator cudaGen;
    if (cfg_.device.is_cuda()) {
      cudaGen = at::globalContext().defaultGenerator(cfg_.device);
      cudaGen.set_current_seed(cfg_.seed);
      rng.cuda = &cudaGen;
    }

    std::vector<at::Tensor> decay, noDecay;
    std::vector<std::string> decayNames, noDecayNames;
    m.TrainableParameters(decay, noDecay, &decayNames, &noDecayNames);
    AdamW opt(decay, noDecay, decayNames, noDecayNames, cfg_.adam);

    TrainerState st;
    st.maxSteps = cfg_.maxSteps;
    st.seed = cfg_.seed;
    if (cfg_.resume) {
      LoadCheckpoint(cfg_.resumeModel, cfg_.resumeOptimizer, m, opt, rng);
      st = cfg_.resumeState;
      st.maxSteps = cfg_.maxSteps;
      opt.step = cfg_.resumeOptimizerStep;
    }
    const double elapsedBefore = st.elapsedMs;
    auto elapsed = [&]() { return elapsedBefore + (NowMs() - start); };

    std::optional<AutocastScope> autocast;
    const bool fp16 = cfg_.precision == "fp16";
    if (cfg_.precision == "bf16") autocast.emplace(cfg_.device, at::kBFloat16);
    if (fp16) {
      if (!cfg_.device.is_cuda()) throw std::invalid_argument("precision 'fp16' needs a CUDA device; use 'bf16' or 'fp32' on " + DeviceName(cfg_.device));
      autocast.emplace(cfg_.device, at::kHalf);
      if (!cfg_.resume) st.lossScale = 65536.0;
    }

    const int64_t tokensPerStep = cfg_.batchSize * cfg_.contextLength * cfg_.accum;
    at::Tensor x, y;
    double lastLogTime = NowMs();
    int64_t lastLogStep = st.step;
    int64_t goodSteps = 0;
    int64_t lastSavedStep = -1;
    auto save = [&]() {
      st.elapsedMs = elapsed();
      std::string path = SaveCheckpoint(cfg_.checkpointDir, m, opt, rng, st);
      lastSavedStep = st.step;
      summary_.lastCheckpoint = path;
      PruneCheckpoints(cfg_.checkpointDir, cfg_.keepLast, st.bestCheckpoint);
      EventData ev;
      ev.type = "checkpoint";
      ev.step = st.step;
      ev.path = path;
      ev.elapsedMs = elapsed();
      progress.Send(&ev, 1);
      return path;
    };

    std::string reason = "max_steps";
    while (st.step < cfg_.maxSteps) {
      if (stop_->load()) {
        reason = "aborted";
        break;
      }
      const double lr = cfg_.schedule.At(st.step);
      at::Tensor lossSum;
      for (int64_t micro = 0; micro < cfg_.accum; micro++) {
        cfg_.train->Batch(cfg_.batchSize, cfg_.contextLength, dataGen, x, y);
        at::Tensor loss = m.Loss(x.to(cfg_.device, true), y.to(cfg_.device, true), true);
        at::Tensor scaled = cfg_.accum > 1 ? loss / static_cast<double>(cfg_.accum) : loss;
        if (fp16) scaled = scaled * st.lossScale;
        scaled.backward();
        at::Tensor d = loss.detach();
        lossSum = lossSum.defined() ? lossSum + d : d;
      }
      at::Tensor meanLoss = cfg_.accum > 1 ? lossSum / static_cast<double>(cfg_.accum) : lossSum;
      at::Tensor norm = opt.GradNorm();
      if (fp16) norm = norm / st.lossScale;
      // Clip factor stays on the device (no sync): min(1, max_norm / (norm + 1e-6)), torch's clip_grad_norm_.
      at::Tensor scale = cfg_.clip > 0 ? at::clamp_max(cfg_.clip / (norm + 1e-6), 1.0) : at::ones({}, norm.options());
      if (fp16) scale = scale / st.lossScale;

      const bool logNow = (st.step + 1) % cfg_.logEvery == 0 || st.step + 1 == cfg_.maxSteps;
      double lossValue = NAN, normValue = NAN;
      if (logNow || cfg_.device.is_cpu() || fp16) {  // CPU reads are free; on GPUs only at log steps
        lossValue = meanLoss.item<double>();
        normValue = norm.item<double>();
        if (!std::isfinite(lossValue)) {
          reason = "non_finite_loss";
          summary_.lastLoss = lossValue;
          opt.ZeroGrad();
          EventData ev;
          ev.type = "step";
          ev.step = st.step + 1;
          ev.loss = lossValue;
          ev.lr = lr;
          ev.gradNorm = normValue;
          ev.elapsedMs = elapsed();
          progress.Send(&ev, 1);
          break;
        }
        if (fp16 && !std::isfinite(normValue)) {  // overflow in the scaled grads: skip the step, lower the scale
          st.lossScale /= 2;
          goodSteps = 0;
          opt.ZeroGrad();
          continue;
        }
      }
      opt.Step(lr, scale);
      opt.ZeroGrad();
      if (autocast) at::autocast::clear_cache();
      if (fp16 && ++goodSteps % 2000 == 0) st.lossScale *= 2;
      st.step++;
      st.tokens += tokensPerStep;
      summary_.lastLoss = lossValue;

      if (logNow) {
        const double now = NowMs();
        EventData ev;
        ev.type = "step";
        ev.step = st.step;
        ev.loss = lossValue;
        ev.lr = lr;
        ev.gradNorm = normValue;
        ev.tokensPerSecond = static_cast<double>((st.step - lastLogStep) * tokensPerStep) / ((now - lastLogTime) / 1000.0);
        ev.elapsedMs = elapsed();
        progress.Send(&ev, 1);
        lastLogTime = now;
        lastLogStep = st.step;
      }

      bool stopEarly = false;
      const bool evalNow = cfg_.val && cfg_.evalEvery > 0 && (st.step % cfg_.evalEvery == 0 || st.step == cfg_.maxSteps);
      if (evalNow) {
        const double t0 = NowMs();
        const double vl = EvalLoss(m, valGen);
        EventData ev;
        ev.type = "eval";
        ev.step = st.step;
        ev.valLoss = vl;
        ev.valPerplexity = std::exp(vl);
        ev.elapsedMs = elapsed();
        progress.Send(&ev, 1);
        const bool improved = !st.bestValLoss || vl < *st.bestValLoss - cfg_.minDelta;
        if (improved) {
          st.bestValLoss = vl;
          st.evalsWithoutImprovement = 0;
          if (cfg_.keepBest && !cfg_.checkpointDir.empty()) {
            st.bestCheckpoint = CheckpointPath(cfg_.checkpointDir, st.step);
            save();
          }
        } else if (std::isfinite(vl)) {
          st.evalsWithoutImprovement++;
        }
        if (!std::isfinite(vl)) {
          reason = "non_finite_loss";
          stopEarly = true;
        } else if (cfg_.patience > 0 && st.evalsWithoutImprovement >= cfg_.patience) {
          reason = "early_stopping";
          stopEarly = true;
        }
        lastLogTime += NowMs() - t0;  // keep eval time out of tokens/s
      }
      if (!cfg_.checkpointDir.empty() && cfg_.saveEvery > 0 && st.step % cfg_.saveEvery == 0 && lastSavedStep != st.step) save();
      if (stopEarly) break;
    }
    // Final checkpoint (also on abort, at this step boundary), unless this step was just saved.
    if (!cfg_.checkpointDir.empty() && reason != "non_finite_loss" && lastSavedStep != st.step) save();
    GPT::ReleaseWorkspace();
    summary_.steps = st.step;
    summary_.tokens = st.tokens;
    summary_.bestValLoss = st.bestValLoss;
    summary_.bestCheckpoint = st.bestCheckpoint;
    summary_.stopReason = reason;
    summary_.wallMs = elapsed();
    EventData done;
    done.type = "done";
    done.step = st.step;
    done.elapsedMs = summary_.wallMs;
    progress.Send(&done, 1);
  }

  Napi::Promise::Deferred deferred_;
  std::shared_ptr<GPT> model_;
  TrainConfig cfg_;
  std::shared_ptr<std::atomic<bool>> stop_;
  Summary summary_;
};

std::shared_ptr<TokenData> ParseData(const Napi::Value& v, const char* name) {
  if (v.IsTypedArray()) {
    auto ta = v.As<Napi::TypedArray>();
    std::vector<uint32_t> out(ta.ElementLength());
    switch (ta.TypedArrayType()) {
      case napi_uint16_array: {
        auto a = v.As<Napi::Uint16Array>();
        for (size_t i = 0; i < out.size(); i++) out[i] = a[i];
        break;
      }
      case napi_uint32_array: {
        auto a = v.As<Napi::Uint32Array>();
        std::memcpy(out.data(), a.Data(), out.size() * 4);
        break;
      }
      case napi_int32_array: {
        auto a = v.As<Napi::Int32Array>();
        for (size_t i = 0; i < out.size(); i++) {
          if (a[i] < 0) throw Napi::TypeError::New(v.Env(), std::string(name) + "[" + std::to_string(i) + "] is negative");
          out[i] = static_cast<uint32_t>(a[i]);
        }
        break;
      }
      default: throw Napi::TypeError::New(v.Env(), std::string(name) + " must be a Uint16Array, Uint32Array or Int32Array");
    }
    return TokenData::FromVector(std::move(out), name);
  }
  if (v.IsObject() && Field(v, "path").IsString()) {
    std::string dtype = IsMissing(Field(v, "dtype")) ? "uint16" : ToString(Field(v, "dtype"), name);
    if (dtype != "uint16" && dtype != "uint32") throw Napi::TypeError::New(v.Env(), std::string(name) + ".dtype must be 'uint16' or 'uint32'");
    return TokenData::FromFile(ToString(Field(v, "path"), name), dtype == "uint16" ? 2 : 4, name);
  }
  throw Napi::TypeError::New(v.Env(), std::string(name) + " must be a typed array of token ids or { path, dtype }");
}

SafetensorsSource ParseSource(const Napi::Value& v, const char* name) {
  SafetensorsSource s;
  s.path = ToString(Field(v, "path"), name);
  s.dataStart = ToInt(Field(v, "dataStart"), name);
  auto arr = Field(v, "entries");
  if (!arr.IsArray()) throw Napi::TypeError::New(v.Env(), std::string(name) + ".entries must be an array");
  auto a = arr.As<Napi::Array>();
  for (uint32_t i = 0; i < a.Length(); i++) {
    auto e = a.Get(i);
    SafetensorsEntry en;
    en.name = ToString(Field(e, "key"), name);
    en.dtype = ToString(Field(e, "dtype"), name);
    en.shape = ToIntList(Field(e, "shape"), name);
    en.begin = ToInt(Field(e, "begin"), name);
    en.end = ToInt(Field(e, "end"), name);
    s.entries.push_back(std::move(en));
  }
  return s;
}

// train(model, options, onEvent) -> { promise, stop() }. Options are validated by lib/train (TypeScript);
// here they are only converted.
Napi::Value Train(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return Guard(env, "train", [&]() -> Napi::Value {
    auto model = GPTWrap::ModelOf(Arg(info, 0), "model");
    Napi::Value o = Arg(info, 1);
    if (!Arg(info, 2).IsFunction()) throw Napi::TypeError::New(env, "onEvent must be a function");
    TrainConfig c;
    auto i64 = [&](const char* k, int64_t& out) {
      if (!IsMissing(Field(o, k))) out = ToInt(Field(o, k), k);
    };
    auto dbl = [&](const char* k, double& out) {
      if (!IsMissing(Field(o, k))) out = ToDouble(Field(o, k), k);
    };
    c.train = ParseData(Field(o, "trainData"), "trainData");
    if (!IsMissing(Field(o, "valData"))) c.val = ParseData(Field(o, "valData"), "valData");
    i64("batchSize", c.batchSize);
    i64("contextLength", c.contextLength);
    i64("maxSteps", c.maxSteps);
    i64("gradientAccumulation", c.accum);
    dbl("lr", c.schedule.lr);
    dbl("minLr", c.schedule.minLr);
    if (!IsMissing(Field(o, "schedule"))) c.schedule.kind = ToString(Field(o, "schedule"), "schedule");
    i64("warmupSteps", c.schedule.warmupSteps);
    c.schedule.maxSteps = c.maxSteps;
    dbl("weightDecay", c.adam.weightDecay);
    dbl("beta1", c.adam.beta1);
    dbl("beta2", c.adam.beta2);
    dbl("eps", c.adam.eps);
    dbl("clipGradNorm", c.clip);
    if (!IsMissing(Field(o, "precision"))) c.precision = ToString(Field(o, "precision"), "precision");
    i64("evalEvery", c.evalEvery);
    i64("evalSteps", c.evalSteps);
    i64("logEvery", c.logEvery);
    if (!IsMissing(Field(o, "checkpointDir"))) c.checkpointDir = ToString(Field(o, "checkpointDir"), "checkpointDir");
    i64("saveEvery", c.saveEvery);
    i64("keepLast", c.keepLast);
    if (!IsMissing(Field(o, "keepBest"))) c.keepBest = ToBool(Field(o, "keepBest"), "keepBest");
    i64("patience", c.patience);
    dbl("minDelta", c.minDelta);
    int64_t seed = 1337;
    i64("seed", seed);
    c.seed = static_cast<uint64_t>(seed);
    if (!IsMissing(Field(o, "device"))) c.device = ParseDevice(env, ToString(Field(o, "device"), "device"));
    int64_t threads = at::get_num_threads();
    i64("threads", threads);
    c.threads = static_cast<int>(threads);
    if (c.logEvery < 1) c.logEvery = 1;
    Napi::Value r = Field(o, "resume");
    if (!IsMissing(r)) {
      c.resume = true;
      c.resumeModel = ParseSource(Field(r, "model"), "resume.model");
      c.resumeOptimizer = ParseSource(Field(r, "optimizer"), "resume.optimizer");
      c.resumeState.step = ToInt(Field(r, "step"), "resume.step");
      c.resumeOptimizerStep = ToInt(Field(r, "optimizerStep"), "resume.optimizerStep");
      c.resumeState.tokens = ToInt(Field(r, "tokens"), "resume.tokens");
      if (!IsMissing(Field(r, "bestValLoss"))) c.resumeState.bestValLoss = ToDouble(Field(r, "bestValLoss"), "resume.bestValLoss");
      if (!IsMissing(Field(r, "bestCheckpoint"))) c.resumeState.bestCheckpoint = ToString(Field(r, "bestCheckpoint"), "resume.bestCheckpoint");
      c.resumeState.evalsWithoutImprovement = ToInt(Field(r, "evalsWithoutImprovement"), "resume.evalsWithoutImprovement");
      c.resumeState.lossScale = ToDouble(Field(r, "lossScale"), "resume.lossScale");
      c.resumeState.elapsedMs = ToDouble(Field(r, "elapsedMs"), "resume.elapsedMs");
      c.resumeState.seed = c.seed;
    }
    auto stop = std::make_shared<std::atomic<bool>>(false);
    auto* w = new TrainWorker(Arg(info, 2).As<Napi::Function>(), model, std::move(c), stop);
    auto handle = Napi::Object::New(env);
    handle.Set("promise", w->Promise());
    handle.Set("stop", Napi::Function::New(env, [stop](const Napi::CallbackInfo& ci) {
                 stop->store(true);
                 return ci.Env().Undefined();
               }));
    w->Queue();
    return handle;
  });
}

// matmulGflops(n, iters, device = 'cpu', dtype = 'float32'): n x n matmul throughput (on CPU with this
// thread's OpenMP pool), the peak that the bench's MFU is measured against.
Napi::Value MatmulGflops(const Napi::CallbackInfo& info) {
  return Guard(info.Env(), "matmulGflops", [&]() -> Napi::Value {
    const int64_t n = ToInt(Arg(info, 0), "n"), iters = ToInt(Arg(info, 1), "iters");
    c10::Device device(c10::kCPU);
    if (!IsMissing(Arg(info, 2))) device = ParseDevice(info.Env(), ToString(Arg(info, 2), "device"));
    c10::ScalarType dtype = at::kFloat;
    if (!IsMissing(Arg(info, 3))) dtype = ParseDtype(info.Env(), ToString(Arg(info, 3), "dtype"));
    at::NoGradGuard ng;
    auto opts = at::TensorOptions().device(device).dtype(dtype);
    at::Tensor a = at::randn({n, n}, opts), b = at::randn({n, n}, opts), c = at::empty({n, n}, opts);
    at::mm_out(c, a, b);
    c.sum().item<double>();  // wait for the device
    const double t0 = NowMs();
    for (int64_t i = 0; i < iters; i++) at::mm_out(c, a, b);
    c.sum().item<double>();
    const double ms = NowMs() - t0;
    return Napi::Number::New(info.Env(), 2.0 * n * n * n * iters / (ms / 1000.0) / 1e9);
  });
}

void InitTrain(Napi::Env env, Napi::Object exports) {
  exports.Set("train", Napi::Function::New(env, Train, "train"));
  exports.Set("matmulGflops", Napi::Function::New(env, MatmulGflops, "matmulGflops"));
}

Registration registration("train", InitTrain);

}  // namespace
}  // namespace lmforge
