// The JS class wrapping a GPT (shared with training runs through a shared_ptr).
#pragma once
#include <napi.h>

#include <memory>

#include "model/gpt.h"

namespace lmforge {

class GPTWrap : public Napi::ObjectWrap<GPTWrap> {
 public:
  static void Init(Napi::Env env, Napi::Object exports);
  explicit GPTWrap(const Napi::CallbackInfo& info);
  /** The model behind a JS NativeGPT; TypeError naming `name` otherwise. */
  static std::shared_ptr<GPT> ModelOf(const Napi::Value& value, const char* name);

 private:
  Napi::Value Config(const Napi::CallbackInfo& info);
  Napi::Value DeviceName(const Napi::CallbackInfo& info);
  Napi::Value NamedParameters(const Napi::CallbackInfo& info);
  Napi::Value ParameterStats(const Napi::CallbackInfo& info);
  Napi::Value TokenLogProbs(const Napi::CallbackInfo& info);
  Napi::Value GenerateMethod(const Napi::CallbackInfo& info);
  Napi::Value LoadSafetensors(const Napi::CallbackInfo& info);
  Napi::Value SaveSafetensors(const Napi::CallbackInfo& info);
  Napi::Value ApplyLora(const Napi::CallbackInfo& info);
  Napi::Value MergeLora(const Napi::CallbackInfo& info);
  Napi::Value LoraInfo(const Napi::CallbackInfo& info);
  Napi::Value SetTrainable(const Napi::CallbackInfo& info);
  Napi::Value ResizeTokenEmbeddings(const Napi::CallbackInfo& info);
  Napi::Value To(const Napi::CallbackInfo& info);
  Napi::Value Parameter(const Napi::CallbackInfo& info);

  std::shared_ptr<GPT> model_;
};

}  // namespace lmforge
