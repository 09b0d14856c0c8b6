// The Tensor wrapper: a JS object owning one at::Tensor handle. Other native areas (model, train) use
// WrapTensor/UnwrapTensor to pass tensors across the boundary.
#pragma once
#include <napi.h>
#include <torch/torch.h>
#include <string>
#include <vector>

namespace lmforge {

c10::ScalarType ParseDtype(Napi::Env env, const std::string& name);
std::string DtypeName(c10::ScalarType type);
/** Parses "cpu" | "cuda" | "cuda:N" | "mps" and checks that this build and machine have it. */
c10::Device ParseDevice(Napi::Env env, const std::string& name);
std::string DeviceName(const c10::Device& device);

/** Wraps a tensor into a new JS Tensor (it joins the innermost tidy() scope, if any). */
Napi::Value WrapTensor(Napi::Env env, at::Tensor tensor);
bool IsTensor(const Napi::Value& value);
/** The tensor behind a JS Tensor; TypeError naming `name` when it is not one or was disposed. */
at::Tensor UnwrapTensor(const Napi::Value& value, const char* name);

class TensorWrap : public Napi::ObjectWrap<TensorWrap> {
 public:
  static void Init(Napi::Env env, Napi::Object exports);
  explicit TensorWrap(const Napi::CallbackInfo& info);
  void Finalize(Napi::Env env) override;

  const at::Tensor& tensor() const { return tensor_; }
  bool disposed() const { return !tensor_.defined(); }
  void Dispose(Napi::Env env);
  void Reset(Napi::Env env, at::Tensor t);

  // Properties and methods (defined in tensor_wrap.cc and tensor_ops.cc).
  Napi::Value Shape(const Napi::CallbackInfo& info);
  Napi::Value Dtype(const Napi::CallbackInfo& info);
  Napi::Value Device(const Napi::CallbackInfo& info);
  Napi::Value Numel(const Napi::CallbackInfo& info);
  Napi::Value Ndim(const Napi::CallbackInfo& info);
  Napi::Value RequiresGrad(const Napi::CallbackInfo& info);
  void SetRequiresGrad(const Napi::CallbackInfo& info, const Napi::Value& value);
  Napi::Value Grad(const Napi::CallbackInfo& info);
  Napi::Value IsDisposed(const Napi::CallbackInfo& info);
  Napi::Value DisposeMethod(const Napi::CallbackInfo& info);
  Napi::Value ToTypedArray(const Napi::CallbackInfo& info);
  Napi::Value Item(const Napi::CallbackInfo& info);
  Napi::Value Op(const Napi::CallbackInfo& info);

  static std::vector<PropertyDescriptor> OpMethods();

 private:
  at::Tensor tensor_;
  int64_t reportedBytes_ = 0;
};

/** Runs the op table entry `name` (tensor_ops.cc). */
Napi::Value RunOp(Napi::Env env, const std::string& name, const at::Tensor& self, const Napi::CallbackInfo& info, size_t argStart);

}  // namespace lmforge
