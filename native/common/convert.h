// JS <-> C++ argument conversion. Every helper names the argument in its TypeError.
#pragma once
#include <napi.h>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lmforge {

int64_t ToInt(const Napi::Value& v, const char* name);
double ToDouble(const Napi::Value& v, const char* name);
bool ToBool(const Napi::Value& v, const char* name);
std::string ToString(const Napi::Value& v, const char* name);
std::vector<int64_t> ToIntList(const Napi::Value& v, const char* name);
/** Accepts a number or an array of numbers (dims arguments). */
std::vector<int64_t> ToIntOrIntList(const Napi::Value& v, const char* name);

bool IsMissing(const Napi::Value& v);
/** Argument i of info, or undefined when absent. */
inline Napi::Value Arg(const Napi::CallbackInfo& info, size_t i) {
  return i < info.Length() ? info[i] : info.Env().Undefined();
}

/** Options-object field, undefined when the object or field is absent. */
Napi::Value Field(const Napi::Value& options, const char* key);

Napi::Array ToJsIntArray(Napi::Env env, const std::vector<int64_t>& values);

}  // namespace lmforge
