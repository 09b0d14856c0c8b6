// Helpers shared by the tokenizer area's N-API classes: argument conversion (naming the argument in each
// TypeError) and the handle that carries a trained model to `new NativeTokenizer(handle)`.
#pragma once
#include <napi.h>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>
#include "common/convert.h"
#include "common/errors.h"
#include "tokenizer/bpe_model.h"
#include "tokenizer/pretokenize.h"

namespace lmforge {

using tok::BpeModel;
using ModelPtr = std::shared_ptr<const BpeModel>;

inline int DefaultThreads() {
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

inline int ThreadsArg(const Napi::Value& v, const char* name) {
  if (IsMissing(v)) return DefaultThreads();
  int64_t n = ToInt(v, name);
  if (n < 1 || n > 1024) ThrowTypeError(v.Env(), std::string(name) + " must be between 1 and 1024, got " + std::to_string(n));
  return static_cast<int>(n);
}

inline tok::PreTokenizerKind PreArg(const Napi::Value& v, const char* name) {
  if (IsMissing(v)) return tok::PreTokenizerKind::kGpt2;
  tok::PreTokenizerKind k;
  std::string s = ToString(v, name);
  if (!tok::ParsePreTokenizer(s, &k))
    ThrowTypeError(v.Env(), std::string(name) + " must be 'gpt2', 'cl100k', 'whitespace' or 'digits', got '" + s + "'");
  return k;
}

inline std::vector<std::string> StringList(const Napi::Value& v, const char* name) {
  if (!v.IsArray()) ThrowTypeError(v.Env(), std::string(name) + " must be an array of strings");
  auto arr = v.As<Napi::Array>();
  std::vector<std::string> out(arr.Length());
  for (uint32_t i = 0; i < arr.Length(); i++) {
    Napi::Value e = arr.Get(i);
    if (!e.IsString()) ThrowTypeError(v.Env(), std::string(name) + "[" + std::to_string(i) + "] must be a string");
    out[i] = e.As<Napi::String>().Utf8Value();
  }
  return out;
}

// Ids from a Uint32Array (fast path) or an array of numbers.
inline std::vector<uint32_t> IdList(const Napi::Value& v, const char* name) {
  if (v.IsTypedArray() && v.As<Napi::TypedArray>().TypedArrayType() == napi_uint32_array) {
    auto a = v.As<Napi::Uint32Array>();
    return std::vector<uint32_t>(a.Data(), a.Data() + a.ElementLength());
  }
  if (v.IsTypedArray()) {
    auto t = v.As<Napi::TypedArray>();
    std::vector<uint32_t> out(t.ElementLength());
    for (size_t i = 0; i < out.size(); i++) {
      double d = t.Get(static_cast<uint32_t>(i)).As<Napi::Number>().DoubleValue();
      if (!(d >= 0 && d < 4294967296.0) || d != static_cast<double>(static_cast<uint32_t>(d)))
        ThrowTypeError(v.Env(), std::string(name) + "[" + std::to_string(i) + "] must be a non-negative integer id");
      out[i] = static_cast<uint32_t>(d);
    }
    return out;
  }
  if (!v.IsArray()) ThrowTypeError(v.Env(), std::string(name) + " must be a Uint32Array or an array of token ids");
  auto arr = v.As<Napi::Array>();
  std::vector<uint32_t> out(arr.Length());
  for (uint32_t i = 0; i < arr.Length(); i++) {
    Napi::Value e = arr.Get(i);
    double d = e.IsNumber() ? e.As<Napi::Number>().DoubleValue() : -1;
    if (!(d >= 0 && d < 4294967296.0) || d != static_cast<double>(static_cast<uint32_t>(d)))
      ThrowTypeError(v.Env(), std::string(name) + "[" + std::to_string(i) + "] must be a non-negative integer id");
    out[i] = static_cast<uint32_t>(d);
  }
  return out;
}

inline Napi::Uint32Array ToUint32Array(Napi::Env env, const std::vector<uint32_t>& ids) {
  auto arr = Napi::Uint32Array::New(env, ids.size());
  if (!ids.empty()) std::memcpy(arr.Data(), ids.data(), ids.size() * sizeof(uint32_t));
  return arr;
}

// Holder passed from a finished training to `new NativeTokenizer(external)`.
struct ModelBox {
  ModelPtr model;
};

/** The NativeTokenizer class (tokenizer_wrap.cc) and the NativeBpeTrainer class (trainer_wrap.cc). */
Napi::Function DefineNativeTokenizer(Napi::Env env);
Napi::Function DefineNativeBpeTrainer(Napi::Env env);

}  // namespace lmforge
