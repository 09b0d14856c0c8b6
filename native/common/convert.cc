#include "common/convert.h"
#include <cmath>
#include "common/errors.h"

namespace lmforge {

static const char* TypeName(const Napi::Value& v) {
  if (v.IsUndefined()) return "undefined";
  if (v.IsNull()) return "null";
  if (v.IsBoolean()) return "boolean";
  if (v.IsNumber()) return "number";
  if (v.IsBigInt()) return "bigint";
  if (v.IsString()) return "string";
  if (v.IsArray()) return "array";
  if (v.IsTypedArray()) return "typed array";
  if (v.IsFunction()) return "function";
  return "object";
}

bool IsMissing(const Napi::Value& v) { return v.IsUndefined() || v.IsNull(); }

int64_t ToInt(const Napi::Value& v, const char* name) {
  if (v.IsNumber()) {
    double d = v.As<Napi::Number>().DoubleValue();
    if (std::isfinite(d) && d == std::floor(d)) return static_cast<int64_t>(d);
    ThrowTypeError(v.Env(), std::string(name) + " must be an integer, got " + std::to_string(d));
  }
  if (v.IsBigInt()) {
    bool lossless = true;
    return v.As<Napi::BigInt>().Int64Value(&lossless);
  }
  ThrowTypeError(v.Env(), std::string(name) + " must be an integer, got " + TypeName(v));
}

double ToDouble(const Napi::Value& v, const char* name) {
  if (v.IsNumber()) return v.As<Napi::Number>().DoubleValue();
  if (v.IsBoolean()) return v.As<Napi::Boolean>().Value() ? 1.0 : 0.0;
  ThrowTypeError(v.Env(), std::string(name) + " must be a number, got " + TypeName(v));
}

bool ToBool(const Napi::Value& v, const char* name) {
  if (v.IsBoolean()) return v.As<Napi::Boolean>().Value();
  ThrowTypeError(v.Env(), std::string(name) + " must be a boolean, got " + TypeName(v));
}

std::string ToString(const Napi::Value& v, const char* name) {
  if (v.IsString()) return v.As<Napi::String>().Utf8Value();
  ThrowTypeError(v.Env(), std::string(name) + " must be a string, got " + TypeName(v));
}

std::vector<int64_t> ToIntList(const Napi::Value& v, const char* name) {
  if (!v.IsArray()) ThrowTypeError(v.Env(), std::string(name) + " must be an array of integers, got " + TypeName(v));
  auto arr = v.As<Napi::Array>();
  std::vector<int64_t> out(arr.Length());
  for (uint32_t i = 0; i < arr.Length(); i++) out[i] = ToInt(arr.Get(i), name);
  return out;
}

std::vector<int64_t> ToIntOrIntList(const Napi::Value& v, const char* name) {
  if (v.IsNumber() || v.IsBigInt()) return {ToInt(v, name)};
  return ToIntList(v, name);
}

Napi::Value Field(const Napi::Value& options, const char* key) {
  if (!options.IsObject()) return options.Env().Undefined();
  return options.As<Napi::Object>().Get(key);
}

Napi::Array ToJsIntArray(Napi::Env env, const std::vector<int64_t>& values) {
  auto arr = Napi::Array::New(env, values.size());
  for (size_t i = 0; i < values.size(); i++) arr.Set(i, Napi::Number::New(env, static_cast<double>(values[i])));
  return arr;
}

}  // namespace lmforge
