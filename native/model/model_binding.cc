// JS surface of the model area: the NativeGPT class (config, parameters, LoRA, safetensors I/O, generation).
#include "model/model_binding.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "common/convert.h"
#include "common/errors.h"
#include "common/registry.h"
#include "model/generate.h"
#include "model/safetensors.h"
#include "tensor/tensor_wrap.h"

namespace lmforge {

namespace {

Napi::FunctionReference* gptCtor = nullptr;  // one per process: the addon is loaded in one environment

GPTConfig ParseConfig(const Napi::Value& v) {
  if (!v.IsObject()) throw Napi::TypeError::New(v.Env(), "config must be an object");
  GPTConfig c;
  auto intField = [&](const char* key, int64_t& out) {
    auto f = Field(v, key);
    if (!IsMissing(f)) out = ToInt(f, (std::string("config.") + key).c_str());
  };
  intField("vocabSize", c.vocab_size);
  intField("nPositions", c.n_positions);
  intField("nEmbd", c.n_embd);
  intField("nLayer", c.n_layer);
  intField("nHead", c.n_head);
  if (!IsMissing(Field(v, "dropout"))) c.dropout = ToDouble(Field(v, "dropout"), "config.dropout");
  if (!IsMissing(Field(v, "layerNormEpsilon"))) c.layer_norm_epsilon = ToDouble(Field(v, "layerNormEpsilon"), "config.layerNormEpsilon");
  if (!IsMissing(Field(v, "tieWordEmbeddings"))) c.tie_word_embeddings = ToBool(Field(v, "tieWordEmbeddings"), "config.tieWordEmbeddings");
  return c;
}

std::vector<int64_t> ToIds(const Napi::Value& v, const char* name) {
  if (v.IsTypedArray()) {
    auto ta = v.As<Napi::TypedArray>();
    std::vector<int64_t> out(ta.ElementLength());
    switch (ta.TypedArrayType()) {
      case napi_uint32_array: {
        auto a = v.As<Napi::Uint32Array>();
        for (size_t i = 0; i < out.size(); i++) out[i] = a[i];
        return out;
      }
      case napi_int32_array: {
        auto a = v.As<Napi::Int32Array>();
        for (size_t i = 0; i < out.size(); i++) out[i] = a[i];
        return out;
      }
      case napi_uint16_array: {
        auto a = v.As<Napi::Uint16Array>();
        for (size_t i = 0; i < out.size(); i++) out[i] = a[i];
        return out;
      }
      default: break;
    }
  }
  if (v.IsArray()) return ToIntList(v, name);
  throw Napi::TypeError::New(v.Env(), std::string(name) + " must be a Uint32Array, Int32Array, Uint16Array or array of integers");
}

SafetensorsEntry ParseEntry(const Napi::Value& e, const char* name) {
  SafetensorsEntry out;
  out.name = ToString(Field(e, "key"), name);
  out.dtype = ToString(Field(e, "dtype"), name);
  out.shape = ToIntList(Field(e, "shape"), name);
  out.begin = ToInt(Field(e, "begin"), name);
  out.end = ToInt(Field(e, "end"), name);
  return out;
}

class ModelWorker : public Napi::AsyncWorker {
 public:
  ModelWorker(Napi::Env env, std::shared_ptr<GPT> model, const char* op)
      : Napi::AsyncWorker(env), model_(std::move(model)), op_(op), deferred_(Napi::Promise::Deferred::New(env)), threads_(at::get_num_threads()) {}
  Napi::Promise Promise() { return deferred_.Promise(); }
  void Execute() override {
    try {
      at::set_num_threads(threads_);  // OpenMP thread counts are per thread
      BusyGuard busy(*model_, op_);
      Run();
    } catch (const std::exception& e) {
      SetError(DescribeException(op_, e));
    }
  }
  void OnError(const Napi::Error& e) override { deferred_.Reject(e.Value()); }

 protected:
  virtual void Run() = 0;
  std::shared_ptr<GPT> model_;
  const char* op_;
  Napi::Promise::Deferred deferred_;
  int threads_;
};

class GenerateWorker : public ModelWorker {
 public:
  GenerateWorker(Napi::Env env, std::shared_ptr<GPT> m, std::vector<int64_t> prompt, GenerateOptions o)
      : ModelWorker(env, std::move(m), "generate"), prompt_(std::move(prompt)), options_(std::move(o)) {}
  void Run() override { result_ = Generate(*model_, prompt_, options_); }
  void OnOK() override {
    auto out = Napi::Uint32Array::New(Env(), result_.size());
    for (size_t i = 0; i < result_.size(); i++) out[i] = static_cast<uint32_t>(result_[i]);
    deferred_.Resolve(out);
  }

 private:
  std::vector<int64_t> prompt_, result_;
  GenerateOptions options_;
};

class LogProbsWorker : public ModelWorker {
 public:
  LogProbsWorker(Napi::Env env, std::shared_ptr<GPT> m, std::vector<int64_t> ids)
      : ModelWorker(env, std::move(m), "tokenLogProbs"), ids_(std::move(ids)) {}
  void Run() override { result_ = TokenLogProbs(*model_, ids_); }
  void OnOK() override {
    auto out = Napi::Float32Array::New(Env(), result_.size());
    for (size_t i = 0; i < result_.size(); i++) out[i] = result_[i];
    deferred_.Resolve(out);
  }

 private:
  std::vector<int64_t> ids_;
  std::vector<float> result_;
};

Napi::Object ConfigObject(Napi::Env env, const GPTConfig& c) {
  auto o = Napi::Object::New(env);
  o.Set("vocabSize", static_cast<double>(c.vocab_size));
  o.Set("nPositions", static_cast<double>(c.n_positions));
  o.Set("nEmbd", static_cast<double>(c.n_embd));
  o.Set("nLayer", static_cast<double>(c.n_layer));
  o.Set("nHead", static_cast<double>(c.n_head));
  o.Set("dropout", c.dropout);
  o.Set("layerNormEpsilon", c.layer_norm_epsilon);
  o.Set("tieWordEmbeddings", c.tie_word_embeddings);
  return o;
}

}  // namespace

GPTWrap::GPTWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<GPTWrap>(info) {
  Guard(info.Env(), "GPT", [&] {
    GPTConfig c = ParseConfig(Arg(info, 0));
    uint64_t seed = IsMissing(Arg(info, 1)) ? 1337 : static_cast<uint64_t>(ToInt(Arg(info, 1), "seed"));
    model_ = std::make_shared<GPT>(c, seed);
  });
}

std::shared_ptr<GPT> GPTWrap::ModelOf(const Napi::Value& value, const char* name) {
  if (!gptCtor || !value.IsObject() || !value.As<Napi::Object>().InstanceOf(gptCtor->Value()))
    throw Napi::TypeError::New(value.Env(), std::string(name) + " must be a GPT model");
  return Napi::ObjectWrap<GPTWrap>::Unwrap(value.As<Napi::Object>())->model_;
}

Napi::Value GPTWrap::Config(const Napi::CallbackInfo& info) { return ConfigObject(info.Env(), model_->config); }

Napi::Value GPTWrap::DeviceName(const Napi::CallbackInfo& info) { return Napi::String::New(info.Env(), lmforge::DeviceName(model_->device)); }

Napi::Value GPTWrap::NamedParameters(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto params = model_->NamedParameters();
  auto arr = Napi::Array::New(env, params.size());
  for (size_t i = 0; i < params.size(); i++) {
    auto o = Napi::Object::New(env);
    o.Set("name", params[i].name);
    o.Set("shape", ToJsIntArray(env, params[i].tensor->sizes().vec()));
    o.Set("trainable", params[i].tensor->requires_grad());
    arr.Set(i, o);
  }
  return arr;
}

Napi::Value GPTWrap::ParameterStats(const Napi::CallbackInfo& info) {
  return Guard(info.Env(), "parameterStats", [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    at::NoGradGuard ng;
    auto params = model_->NamedParameters();
    auto arr = Napi::Array::New(env, params.size());
    for (size_t i = 0; i < params.size(); i++) {
      const at::Tensor& t = *params[i].tensor;
      auto o = Napi::Object::New(env);
      o.Set("name", params[i].name);
      o.Set("shape", ToJsIntArray(env, t.sizes().vec()));
      o.Set("numel", static_cast<double>(t.numel()));
      o.Set("trainable", t.requires_grad());
      o.Set("norm", t.detach().norm().item<double>());
      o.Set("nonFinite", static_cast<double>((~at::isfinite(t.detach())).sum().item<int64_t>()));
      const at::Tensor& g = t.grad();
      if (g.defined()) {
        o.Set("gradNorm", g.norm().item<double>());
        o.Set("gradNonFinite", static_cast<double>((~at::isfinite(g)).sum().item<int64_t>()));
      } else {
        o.Set("gradNorm", env.Null());
        o.Set("gradNonFinite", 0);
      }
      arr.Set(i, o);
    }
    return arr;
  });
}

Napi::Value GPTWrap::TokenLogProbs(const Napi::CallbackInfo& info) {
  auto ids = ToIds(Arg(info, 0), "ids");
  auto* w = new LogProbsWorker(info.Env(), model_, std::move(ids));
  auto p = w->Promise();
  w->Queue();
  return p;
}

Napi::Value GPTWrap::GenerateMethod(const Napi::CallbackInfo& info) {
  auto prompt = ToIds(Arg(info, 0), "prompt");
  Napi::Value opts = Arg(info, 1);
  GenerateOptions o;
  if (!IsMissing(Field(opts, "maxNewTokens"))) o.maxNewTokens = ToInt(Field(opts, "maxNewTokens"), "options.maxNewTokens");
  if (!IsMissing(Field(opts, "temperature"))) o.temperature = ToDouble(Field(opts, "temperature"), "options.temperature");
  if (!IsMissing(Field(opts, "topK"))) o.topK = ToInt(Field(opts, "topK"), "options.topK");
  if (!IsMissing(Field(opts, "topP"))) o.topP = ToDouble(Field(opts, "topP"), "options.topP");
  if (!IsMissing(Field(opts, "repetitionPenalty"))) o.repetitionPenalty = ToDouble(Field(opts, "repetitionPenalty"), "options.repetitionPenalty");
  if (!IsMissing(Field(opts, "stop"))) o.stop = ToIntList(Field(opts, "stop"), "options.stop");
  if (!IsMissing(Field(opts, "seed"))) {
    o.seed = static_cast<uint64_t>(ToInt(Field(opts, "seed"), "options.seed"));
  } else {
    o.seed = std::random_device{}();
  }
  auto* w = new GenerateWorker(info.Env(), model_, std::move(prompt), std::move(o));
  auto p = w->Promise();
  w->Queue();
  return p;
}

// loadSafetensors(path, dataStart, [{key, dtype, shape, begin, end, param}]): copies each entry into the named
// parameter straight from the memory mapping.
Napi::Value GPTWrap::LoadSafetensors(const Napi::CallbackInfo& info) {
  return Guard(info.Env(), "loadSafetensors", [&]() -> Napi::Value {
    std::string path = ToString(Arg(info, 0), "path");
    int64_t dataStart = ToInt(Arg(info, 1), "dataStart");
    if (!Arg(info, 2).IsArray()) throw Napi::TypeError::New(info.Env(), "entries must be an array");
    auto arr = Arg(info, 2).As<Napi::Array>();
    BusyGuard busy(*model_, "loading weights");
    MappedFile file(path);
    for (uint32_t i = 0; i < arr.Length(); i++) {
      SafetensorsEntry e = ParseEntry(arr.Get(i), "entries[i]");
      std::string param = ToString(Field(arr.Get(i), "param"), "entries[i].param");
      at::Tensor* target = model_->FindParameter(param);
      if (!target) throw std::runtime_error(path + ": tensor '" + e.name + "' maps to unknown parameter '" + param + "'");
      CopyInto(*target, MappedTensor(file, dataStart, e), path, e.name);
    }
    return info.Env().Undefined();
  });
}

// saveSafetensors(path, [{key, param}], dtype?, metadata?)
Napi::Value GPTWrap::SaveSafetensors(const Napi::CallbackInfo& info) {
  return Guard(info.Env(), "saveSafetensors", [&]() -> Napi::Value {
    std::string path = ToString(Arg(info, 0), "path");
    if (!Arg(info, 1).IsArray()) throw Napi::TypeError::New(info.Env(), "entries must be an array");
    auto arr = Arg(info, 1).As<Napi::Array>();
    c10::ScalarType dtype = c10::ScalarType::Undefined;
    if (!IsMissing(Arg(info, 2))) dtype = ParseDtype(info.Env(), ToString(Arg(info, 2), "dtype"));
    std::map<std::string, std::string> meta = {{"format", "pt"}};
    if (Arg(info, 3).IsObject()) {
      auto o = Arg(info, 3).As<Napi::Object>();
      auto keys = o.GetPropertyNames();
      for (uint32_t i = 0; i < keys.Length(); i++) {
        std::string k = keys.Get(i).As<Napi::String>().Utf8Value();
        meta[k] = ToString(o.Get(k), "metadata value");
      }
    }
    std::vector<std::pair<std::string, at::Tensor>> tensors;
    for (uint32_t i = 0; i < arr.Length(); i++) {
      std::string key = ToString(Field(arr.Get(i), "key"), "entries[i].key");
      std::string param = ToString(Field(arr.Get(i), "param"), "entries[i].param");
      at::Tensor* t = model_->FindParameter(param);
      if (!t) throw std::runtime_error("unknown parameter '" + param + "'");
      tensors.push_back({key, *t});
    }
    WriteSafetensors(path, tensors, dtype, meta);
    return info.Env().Undefined();
  });
}

// applyLora(linearNames[], r, alpha, dropout, useRslora, seed): wraps the named Conv1D layers and freezes
// every other tensor, as peft's get_peft_model does.
Napi::Value GPTWrap::ApplyLora(const Napi::CallbackInfo& info) {
  return Guard(info.Env(), "applyLora", [&]() -> Napi::Value {
    std::vector<std::string> names;
    if (!Arg(info, 0).IsArray()) throw Napi::TypeError::New(info.Env(), "targets must be an array of layer names");
    auto arr = Arg(info, 0).As<Napi::Array>();
    for (uint32_t i = 0; i < arr.Length(); i++) names.push_back(ToString(arr.Get(i), "targets[i]"));
    const int64_t r = ToInt(Arg(info, 1), "r");
    const double alpha = ToDouble(Arg(info, 2), "alpha");
    const double dropout = ToDouble(Arg(info, 3), "dropout");
    const bool rs = ToBool(Arg(info, 4), "useRslora");
    const uint64_t seed = static_cast<uint64_t>(ToInt(Arg(info, 5), "seed"));
    if (r <= 0) throw Napi::TypeError::New(info.Env(), "r must be a positive integer");
    BusyGuard busy(*model_, "applying LoRA");
    auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
    for (auto& p : model_->NamedParameters()) p.tensor->set_requires_grad(false);
    for (auto& [name, lin] : model_->NamedLinears()) {
      if (std::find(names.begin(), names.end(), name) == names.end()) continue;
      if (lin->lora) throw std::runtime_error(name + " already has a LoRA adapter");
      const int64_t in = lin->weight.size(0), out = lin->weight.size(1);
      auto a = std::make_shared<LoraAdapter>();
      // peft: kaiming_uniform_(A, a=sqrt(5)) -> U(-1/sqrt(in), 1/sqrt(in)); B = 0, so the wrapped layer starts unchanged.
      const double bound = 1.0 / std::sqrt(static_cast<double>(in));
      a->A = at::empty({r, in}, at::kFloat).uniform_(-bound, bound, gen).to(model_->device).set_requires_grad(true);
      a->B = at::zeros({out, r}, at::TensorOptions().dtype(at::kFloat).device(model_->device)).set_requires_grad(true);
      a->r = r;
      a->alpha = alpha;
      a->scaling = rs ? alpha / std::sqrt(static_cast<double>(r)) : alpha / static_cast<double>(r);
      a->dropout = dropout;
      lin->lora = a;
    }
    for (auto& p : model_->NamedParameters())
      if (p.name.find(".lora_") != std::string::npos) p.tensor->set_requires_grad(true);
    return info.Env().Undefined();
  });
}

Napi::Value GPTWrap::MergeLora(const Napi::CallbackInfo& info) {
  return Guard(info.Env(), "mergeLora", [&]() -> Napi::Value {
    BusyGuard busy(*model_, "merging LoRA");
    bool merge = ToBool(Arg(info, 0), "merge");
    for (auto& [name, lin] : model_->NamedLinears()) merge ? lin->Merge() : lin->Unmerge();
    return info.Env().Undefined();
  });
}

Napi::Value GPTWrap::LoraInfo(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto arr = Napi::Array::New(env);
  uint32_t i = 0;
  for (auto& [name, lin] : model_->NamedLinears()) {
    if (!lin->lora) continue;
    auto o = Napi::Object::New(env);
    o.Set("name", name);
    o.Set("r", static_cast<double>(lin->lora->r));
    o.Set("alpha", lin->lora->alpha);
    o.Set("scaling", lin->lora->scaling);
    o.Set("dropout", lin->lora->dropout);
    o.Set("merged", lin->lora->merged);
    arr.Set(i++, o);
  }
  return arr;
}

Napi::Value GPTWrap::SetTrainable(const Napi::CallbackInfo& info) {
  return Guard(info.Env(), "setTrainable", [&]() -> Napi::Value {
    std::string name = ToString(Arg(info, 0), "name");
    bool on = ToBool(Arg(info, 1), "trainable");
    BusyGuard busy(*model_, "changing trainable parameters");
    at::Tensor* t = model_->FindParameter(name);
    if (!t) throw std::runtime_error("unknown parameter '" + name + "'");
    t->set_requires_grad(on);
    return info.Env().Undefined();
  });
}

Napi::Value GPTWrap::ResizeTokenEmbeddings(const Napi::CallbackInfo& info) {
  return Guard(info.Env(), "resizeTokenEmbeddings", [&]() -> Napi::Value {
    int64_t n = ToInt(Arg(info, 0), "n");
    uint64_t seed = IsMissing(Arg(info, 1)) ? 1337 : static_cast<uint64_t>(ToInt(Arg(info, 1), "seed"));
    BusyGuard busy(*model_, "resizing embeddings");
    model_->ResizeTokenEmbeddings(n, seed);
    return info.Env().Undefined();
  });
}

Napi::Value GPTWrap::To(const Napi::CallbackInfo& info) {
  return Guard(info.Env(), "to", [&]() -> Napi::Value {
    c10::Device d = ParseDevice(info.Env(), ToString(Arg(info, 0), "device"));
    BusyGuard busy(*model_, "moving the model");
    model_->To(d);
    return info.Env().Undefined();
  });
}

// parameter(name) -> a JS Tensor sharing the parameter's storage (for inspection and tests).
Napi::Value GPTWrap::Parameter(const Napi::CallbackInfo& info) {
  return Guard(info.Env(), "parameter", [&]() -> Napi::Value {
    std::string name = ToString(Arg(info, 0), "name");
    at::Tensor* t = model_->FindParameter(name);
    if (!t) throw std::runtime_error("unknown parameter '" + name + "'");
    return WrapTensor(info.Env(), t->detach());
  });
}

void GPTWrap::Init(Napi::Env env, Napi::Object exports) {
  Napi::Function ctor = DefineClass(env, "NativeGPT",
                                    {
                                        InstanceMethod("config", &GPTWrap::Config),
                                        InstanceMethod("device", &GPTWrap::DeviceName),
                                        InstanceMethod("namedParameters", &GPTWrap::NamedParameters),
                                        InstanceMethod("parameterStats", &GPTWrap::ParameterStats),
                                        InstanceMethod("tokenLogProbs", &GPTWrap::TokenLogProbs),
                                        InstanceMethod("generate", &GPTWrap::GenerateMethod),
                                        InstanceMethod("loadSafetensors", &GPTWrap::LoadSafetensors),
                                        InstanceMethod("saveSafetensors", &GPTWrap::SaveSafetensors),
                                        InstanceMethod("applyLora", &GPTWrap::ApplyLora),
                                        InstanceMethod("mergeLora", &GPTWrap::MergeLora),
                                        InstanceMethod("loraInfo", &GPTWrap::LoraInfo),
                                        InstanceMethod("setTrainable", &GPTWrap::SetTrainable),
                                        InstanceMethod("resizeTokenEmbeddings", &GPTWrap::ResizeTokenEmbeddings),
                                        InstanceMethod("to", &GPTWrap::To),
                                        InstanceMethod("parameter", &GPTWrap::Parameter),
                                    });
  gptCtor = new Napi::FunctionReference(Napi::Persistent(ctor));
  exports.Set("NativeGPT", ctor);
}

static void InitModel(Napi::Env env, Napi::Object exports) { GPTWrap::Init(env, exports); }
static Registration registration("model", InitModel);

}  // namespace lmforge
