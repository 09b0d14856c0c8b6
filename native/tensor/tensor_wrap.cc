#include "tensor/tensor_wrap.h"

#include <ATen/ScalarOps.h>
#include <mutex>
#include <unordered_set>

#include "common/convert.h"
#include "common/errors.h"
#include "common/registry.h"

namespace lmforge {

namespace {

// Per-environment state: the class constructor and the stack of tidy() scopes. Scopes hold weak
// references, so a tensor that GC collects inside a scope simply drops out.
struct TensorState {
  Napi::FunctionReference ctor;
  std::vector<std::vector<Napi::ObjectReference>> scopes;
};

TensorState& State(Napi::Env env) { return *env.GetInstanceData<TensorState>(); }

// fromBuffer() tensors keep their ArrayBuffer alive through a napi_ref. libtorch may free the storage on
// any thread, where N-API calls are not allowed, so the deleter only queues the ref; the JS thread drains
// the queue whenever it makes or disposes a tensor.
std::mutex pendingMutex;
std::vector<std::pair<napi_env, napi_ref>> pendingUnrefs;

void DrainPendingUnrefs(napi_env env) {
  std::vector<napi_ref> mine;
  {
    std::lock_guard<std::mutex> lock(pendingMutex);
    for (auto it = pendingUnrefs.begin(); it != pendingUnrefs.end();) {
      if (it->first == env) {
        mine.push_back(it->second);
        it = pendingUnrefs.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (napi_ref ref : mine) napi_delete_reference(env, ref);
}

int64_t StorageBytes(const at::Tensor& t) {
  if (!t.defined()) return 0;
  return static_cast<int64_t>(t.numel()) * static_cast<int64_t>(t.element_size());
}

}  // namespace

// ---------- dtypes and devices ----------

c10::ScalarType ParseDtype(Napi::Env env, const std::string& name) {
  static const std::vector<std::pair<std::string, c10::ScalarType>> table = {
      {"float32", at::kFloat}, {"float", at::kFloat},     {"float64", at::kDouble}, {"double", at::kDouble},
      {"float16", at::kHalf},  {"half", at::kHalf},       {"bfloat16", at::kBFloat16}, {"int64", at::kLong},
      {"long", at::kLong},     {"int32", at::kInt},       {"int", at::kInt},        {"int16", at::kShort},
      {"int8", at::kChar},     {"uint8", at::kByte},      {"bool", at::kBool}};
  for (auto& [n, t] : table)
    if (n == name) return t;
  ThrowTypeError(env, "dtype must be one of float32, float64, float16, bfloat16, int64, int32, int16, int8, uint8, bool; got '" + name + "'");
}

std::string DtypeName(c10::ScalarType type) {
  switch (type) {
    case at::kFloat: return "float32";
    case at::kDouble: return "float64";
    case at::kHalf: return "float16";
    case at::kBFloat16: return "bfloat16";
    case at::kLong: return "int64";
    case at::kInt: return "int32";
    case at::kShort: return "int16";
    case at::kChar: return "int8";
    case at::kByte: return "uint8";
    case at::kBool: return "bool";
    default: return c10::toString(type);
  }
}

c10::Device ParseDevice(Napi::Env env, const std::string& name) {
  c10::Device device(c10::kCPU);
  try {
    device = c10::Device(name);
  } catch (const std::exception&) {
    ThrowTypeError(env, "device must be 'cpu', 'cuda', 'cuda:N' or 'mps'; got '" + name + "'");
  }
  if (device.is_cuda()) {
    // A CUDA backend is registered only when libtorch_cuda is linked: that tells "no support" from "no GPU".
    if (!c10::impl::hasDeviceGuardImpl(c10::DeviceType::CUDA))
      throw Napi::Error::New(env, "this build of lmforge has no CUDA support (it was built against a CPU-only libtorch)");
    int64_t count = static_cast<int64_t>(torch::cuda::device_count());
    if (count == 0) throw Napi::Error::New(env, "no CUDA device visible");
    if (device.has_index() && device.index() >= count)
      throw Napi::Error::New(env, "CUDA device " + std::to_string(device.index()) + " requested but only " + std::to_string(count) + " visible");
  } else if (device.is_mps()) {
    if (!at::hasMPS()) throw Napi::Error::New(env, "this build of lmforge has no MPS support, or no Apple GPU is available");
  } else if (!device.is_cpu()) {
    ThrowTypeError(env, "device must be 'cpu', 'cuda', 'cuda:N' or 'mps'; got '" + name + "'");
  }
  return device;
}

std::string DeviceName(const c10::Device& device) { return device.str(); }

// ---------- wrapping ----------

Napi::Value WrapTensor(Napi::Env env, at::Tensor tensor) {
  auto ext = Napi::External<at::Tensor>::New(env, new at::Tensor(std::move(tensor)), [](Napi::Env, at::Tensor* t) { delete t; });
  return State(env).ctor.New({ext});
}

bool IsTensor(const Napi::Value& value) {
  if (!value.IsObject()) return false;
  return value.As<Napi::Object>().InstanceOf(State(value.Env()).ctor.Value());
}

at::Tensor UnwrapTensor(const Napi::Value& value, const char* name) {
  if (!IsTensor(value)) ThrowTypeError(value.Env(), std::string(name) + " must be a Tensor");
  auto* wrap = TensorWrap::Unwrap(value.As<Napi::Object>());
  if (wrap->disposed()) throw Napi::Error::New(value.Env(), std::string(name) + " was disposed");
  return wrap->tensor();
}

TensorWrap::TensorWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<TensorWrap>(info) {
  Napi::Env env = info.Env();
  DrainPendingUnrefs(env);
  if (info.Length() != 1 || !info[0].IsExternal())
    ThrowTypeError(env, "Tensor cannot be constructed directly; use tensor(), zeros(), fromBuffer() ...");
  at::Tensor* source = info[0].As<Napi::External<at::Tensor>>().Data();
  tensor_ = std::move(*source);
  *source = at::Tensor();
  // Only CPU memory lives in this process's heap as V8 sees it; reporting it makes large tensors trigger GC.
  if (tensor_.defined() && tensor_.device().is_cpu()) {
    reportedBytes_ = StorageBytes(tensor_);
    Napi::MemoryManagement::AdjustExternalMemory(env, reportedBytes_);
  }
  auto& scopes = State(env).scopes;
  if (!scopes.empty()) scopes.back().push_back(Napi::Weak(info.This().As<Napi::Object>()));
}

void TensorWrap::Dispose(Napi::Env env) {
  if (reportedBytes_ != 0) {
    Napi::MemoryManagement::AdjustExternalMemory(env, -reportedBytes_);
    reportedBytes_ = 0;
  }
  // Drop our handle only: never release_resources(), which would empty storage shared with views.
  tensor_ = at::Tensor();
  DrainPendingUnrefs(env);
}

void TensorWrap::Reset(Napi::Env env, at::Tensor t) {
  Dispose(env);
  tensor_ = std::move(t);
  if (tensor_.defined() && tensor_.device().is_cpu()) {
    reportedBytes_ = StorageBytes(tensor_);
    Napi::MemoryManagement::AdjustExternalMemory(env, reportedBytes_);
  }
}

void TensorWrap::Finalize(Napi::Env env) { Dispose(env); }

// ---------- properties ----------

#define REQUIRE_LIVE(env)                                                            \
  if (disposed()) throw Napi::Error::New(env, "Tensor was disposed and can no longer be used");

Napi::Value TensorWrap::Shape(const Napi::CallbackInfo& info) {
  REQUIRE_LIVE(info.Env());
  return ToJsIntArray(info.Env(), tensor_.sizes().vec());
}
Napi::Value TensorWrap::Dtype(const Napi::CallbackInfo& info) {
  REQUIRE_LIVE(info.Env());
  return Napi::String::New(info.Env(), DtypeName(tensor_.scalar_type()));
}
Napi::Value TensorWrap::Device(const Napi::CallbackInfo& info) {
  REQUIRE_LIVE(info.Env());
  return Napi::String::New(info.Env(), DeviceName(tensor_.device()));
}
Napi::Value TensorWrap::Numel(const Napi::CallbackInfo& info) {
  REQUIRE_LIVE(info.Env());
  return Napi::Number::New(info.Env(), static_cast<double>(tensor_.numel()));
}
Napi::Value TensorWrap::Ndim(const Napi::CallbackInfo& info) {
  REQUIRE_LIVE(info.Env());
  return Napi::Number::New(info.Env(), static_cast<double>(tensor_.dim()));
}
Napi::Value TensorWrap::RequiresGrad(const Napi::CallbackInfo& info) {
  REQUIRE_LIVE(info.Env());
  return Napi::Boolean::New(info.Env(), tensor_.requires_grad());
}
void TensorWrap::SetRequiresGrad(const Napi::CallbackInfo& info, const Napi::Value& value) {
  REQUIRE_LIVE(info.Env());
  bool flag = ToBool(value, "requiresGrad");
  Guard(info.Env(), "requiresGrad", [&] { tensor_.set_requires_grad(flag); });
}
Napi::Value TensorWrap::Grad(const Napi::CallbackInfo& info) {
  REQUIRE_LIVE(info.Env());
  const at::Tensor& g = tensor_.grad();
  if (!g.defined()) return info.Env().Undefined();
  return WrapTensor(info.Env(), g);
}
Napi::Value TensorWrap::IsDisposed(const Napi::CallbackInfo& info) { return Napi::Boolean::New(info.Env(), disposed()); }
Napi::Value TensorWrap::DisposeMethod(const Napi::CallbackInfo& info) {
  Dispose(info.Env());
  return info.Env().Undefined();
}

template <typename T, typename ArrayT>
static Napi::Value CopyOut(Napi::Env env, const at::Tensor& t, napi_typedarray_type type) {
  size_t n = static_cast<size_t>(t.numel());
  auto buffer = Napi::ArrayBuffer::New(env, n * sizeof(T));
  if (n) std::memcpy(buffer.Data(), t.data_ptr(), n * sizeof(T));
  return Napi::TypedArrayOf<ArrayT>::New(env, n, buffer, 0, type);
}

Napi::Value TensorWrap::ToTypedArray(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  REQUIRE_LIVE(env);
  return Guard(env, "toTypedArray", [&]() -> Napi::Value {
    at::Tensor t = tensor_.detach();
    if (t.scalar_type() == at::kHalf || t.scalar_type() == at::kBFloat16) t = t.to(at::kFloat);
    t = t.to(c10::kCPU).contiguous();
    switch (t.scalar_type()) {
      case at::kFloat: return CopyOut<float, float>(env, t, napi_float32_array);
      case at::kDouble: return CopyOut<double, double>(env, t, napi_float64_array);
      case at::kLong: return CopyOut<int64_t, int64_t>(env, t, napi_bigint64_array);
      case at::kInt: return CopyOut<int32_t, int32_t>(env, t, napi_int32_array);
      case at::kShort: return CopyOut<int16_t, int16_t>(env, t, napi_int16_array);
      case at::kChar: return CopyOut<int8_t, int8_t>(env, t, napi_int8_array);
      case at::kByte: return CopyOut<uint8_t, uint8_t>(env, t, napi_uint8_array);
      case at::kBool: return CopyOut<uint8_t, uint8_t>(env, t, napi_uint8_array);
      default: throw std::runtime_error("unsupported dtype " + DtypeName(t.scalar_type()));
    }
  });
}

Napi::Value TensorWrap::Item(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  REQUIRE_LIVE(env);
  return Guard(env, "item", [&]() -> Napi::Value {
    if (tensor_.numel() != 1)
      throw std::runtime_error("a Tensor with " + std::to_string(tensor_.numel()) + " elements cannot be converted to a number");
    at::Scalar s = tensor_.item();
    if (s.isBoolean()) return Napi::Boolean::New(env, s.toBool());
    if (s.isIntegral(false)) return Napi::Number::New(env, static_cast<double>(s.toLong()));
    return Napi::Number::New(env, s.toDouble());
  });
}

// ---------- module functions: scopes, creation ----------

static Napi::Value StartScope(const Napi::CallbackInfo& info) {
  State(info.Env()).scopes.emplace_back();
  return Napi::Number::New(info.Env(), static_cast<double>(State(info.Env()).scopes.size()));
}

// endScope(keep: Tensor[]): disposes every live tensor made since the matching startScope() except those
// in `keep`, which move to the enclosing scope (so nested tidy() returns work like TF.js's).
static Napi::Value EndScope(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto& scopes = State(env).scopes;
  if (scopes.empty()) throw Napi::Error::New(env, "endScope without startScope");
  std::unordered_set<TensorWrap*> keep;
  Napi::Value keepArg = Arg(info, 0);
  if (keepArg.IsArray()) {
    auto arr = keepArg.As<Napi::Array>();
    for (uint32_t i = 0; i < arr.Length(); i++)
      if (IsTensor(arr.Get(i))) keep.insert(TensorWrap::Unwrap(arr.Get(i).As<Napi::Object>()));
  }
  std::vector<Napi::ObjectReference> scope = std::move(scopes.back());
  scopes.pop_back();
  size_t disposed = 0;
  for (auto& ref : scope) {
    if (ref.IsEmpty()) continue;
    Napi::Object obj = ref.Value();
    if (obj.IsEmpty() || obj.IsUndefined()) continue;  // already collected
    auto* wrap = TensorWrap::Unwrap(obj);
    if (keep.count(wrap)) {
      if (!scopes.empty()) scopes.back().push_back(Napi::Weak(obj));
    } else if (!wrap->disposed()) {
      wrap->Dispose(env);
      disposed++;
    }
  }
  return Napi::Number::New(env, static_cast<double>(disposed));
}

static at::TensorOptions Options(Napi::Env env, const Napi::Value& options, c10::ScalarType defaultType) {
  at::TensorOptions o = at::TensorOptions().dtype(defaultType);
  Napi::Value dt = Field(options, "dtype");
  if (!IsMissing(dt)) o = o.dtype(ParseDtype(env, ToString(dt, "options.dtype")));
  Napi::Value dev = Field(options, "device");
  if (!IsMissing(dev)) o = o.device(ParseDevice(env, ToString(dev, "options.device")));
  Napi::Value rg = Field(options, "requiresGrad");
  if (!IsMissing(rg)) o = o.requires_grad(ToBool(rg, "options.requiresGrad"));
  return o;
}

static c10::ScalarType TypedArrayDtype(Napi::Env env, napi_typedarray_type type) {
  switch (type) {
    case napi_float32_array: return at::kFloat;
    case napi_float64_array: return at::kDouble;
    case napi_int32_array: return at::kInt;
    case napi_int16_array: return at::kShort;
    case napi_int8_array: return at::kChar;
    case napi_uint8_array: return at::kByte;
    case napi_uint8_clamped_array: return at::kByte;
    case napi_bigint64_array: return at::kLong;
    case napi_uint32_array: return at::kLong;  // no uint32 in libtorch 1.13: widened
    case napi_uint16_array: return at::kInt;   // likewise
    default: ThrowTypeError(env, "data: unsupported typed array (use Float32Array, Float64Array, Int32Array, BigInt64Array, Uint8Array ...)");
  }
}

// fromData(typedArray, shape, options, copy): a tensor over the typed array's bytes, copied unless copy=false
// (fromBuffer), in which case the buffer stays referenced until libtorch frees the storage.
static Napi::Value FromData(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Value data = Arg(info, 0);
  if (!data.IsTypedArray()) ThrowTypeError(env, "data must be a TypedArray");
  auto ta = data.As<Napi::TypedArray>();
  std::vector<int64_t> shape = ToIntList(Arg(info, 1), "shape");
  bool copy = IsMissing(Arg(info, 3)) ? true : ToBool(Arg(info, 3), "copy");
  napi_typedarray_type type = ta.TypedArrayType();
  c10::ScalarType source = TypedArrayDtype(env, type);
  at::TensorOptions opts = Options(env, Arg(info, 2), source);
  int64_t n = 1;
  for (int64_t s : shape) {
    if (s < 0) ThrowTypeError(env, "shape must not contain negative sizes");
    n *= s;
  }
  if (n != static_cast<int64_t>(ta.ElementLength()))
    throw Napi::Error::New(env, "tensor: shape has " + std::to_string(n) + " elements but data has " + std::to_string(ta.ElementLength()));
  return Guard(env, "tensor", [&]() -> Napi::Value {
    void* ptr = static_cast<uint8_t*>(ta.ArrayBuffer().Data()) + ta.ByteOffset();
    at::Tensor t;
    if (type == napi_uint32_array || type == napi_uint16_array) {
      // Widen element by element (libtorch 1.13 has no unsigned 16/32-bit types).
      t = at::empty(shape, at::TensorOptions().dtype(source));
      if (type == napi_uint32_array) {
        auto* src = static_cast<uint32_t*>(ptr);
        auto* dst = t.data_ptr<int64_t>();
        for (int64_t i = 0; i < n; i++) dst[i] = src[i];
      } else {
        auto* src = static_cast<uint16_t*>(ptr);
        auto* dst = t.data_ptr<int32_t>();
        for (int64_t i = 0; i < n; i++) dst[i] = src[i];
      }
    } else if (copy) {
      t = at::from_blob(ptr, shape, at::TensorOptions().dtype(source)).clone();
    } else {
      napi_ref ref;
      napi_create_reference(env, ta.ArrayBuffer(), 1, &ref);
      napi_env rawEnv = env;
      t = at::from_blob(ptr, shape, [rawEnv, ref](void*) {
            std::lock_guard<std::mutex> lock(pendingMutex);
            pendingUnrefs.emplace_back(rawEnv, ref);
          }, at::TensorOptions().dtype(source));
    }
    bool rg = opts.requires_grad();
    t = t.to(opts.device(), opts.dtype().toScalarType());
    if (rg) t.set_requires_grad(true);
    return WrapTensor(env, t);
  });
}

// at:: factories ignore TensorOptions::requires_grad (only torch:: ones honour it): apply it afterwards.
static Napi::Value WrapFactoryResult(Napi::Env env, at::Tensor t, const at::TensorOptions& o) {
  if (o.requires_grad()) t.set_requires_grad(true);
  return WrapTensor(env, std::move(t));
}

static Napi::Value Factory(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string kind = static_cast<const char*>(info.Data());
  return Guard(env, kind.c_str(), [&]() -> Napi::Value {
    if (kind == "zeros" || kind == "ones" || kind == "randn" || kind == "rand" || kind == "empty") {
      auto shape = ToIntOrIntList(Arg(info, 0), "shape");
      auto o = Options(env, Arg(info, 1), at::kFloat);
      if (kind == "zeros") return WrapFactoryResult(env, at::zeros(shape, o.requires_grad(false)), o);
      if (kind == "ones") return WrapFactoryResult(env, at::ones(shape, o.requires_grad(false)), o);
      if (kind == "randn") return WrapFactoryResult(env, at::randn(shape, o.requires_grad(false)), o);
      if (kind == "rand") return WrapFactoryResult(env, at::rand(shape, o.requires_grad(false)), o);
      return WrapFactoryResult(env, at::empty(shape, o.requires_grad(false)), o);
    }
    if (kind == "full") {
      auto shape = ToIntOrIntList(Arg(info, 0), "shape");
      Napi::Value v = Arg(info, 1);
      at::Scalar s = v.IsBoolean() ? at::Scalar(ToBool(v, "value")) : at::Scalar(ToDouble(v, "value"));
      auto o = Options(env, Arg(info, 2), v.IsBoolean() ? at::kBool : at::kFloat);
      return WrapFactoryResult(env, at::full(shape, s, o.requires_grad(false)), o);
    }
    if (kind == "arange") {
      double start = ToDouble(Arg(info, 0), "start");
      double end = ToDouble(Arg(info, 1), "end");
      double step = IsMissing(Arg(info, 2)) ? 1.0 : ToDouble(Arg(info, 2), "step");
      if (step == 0) ThrowTypeError(env, "step must not be 0");
      bool integral = start == std::floor(start) && end == std::floor(end) && step == std::floor(step);
      auto o = Options(env, Arg(info, 3), integral ? at::kLong : at::kFloat);
      return WrapFactoryResult(env, at::arange(start, end, step, o.requires_grad(false)), o);
    }
    if (kind == "linspace") {
      double start = ToDouble(Arg(info, 0), "start");
      double end = ToDouble(Arg(info, 1), "end");
      int64_t steps = ToInt(Arg(info, 2), "steps");
      if (steps < 0) ThrowTypeError(env, "steps must be >= 0");
      auto o = Options(env, Arg(info, 3), at::kFloat);
      return WrapFactoryResult(env, at::linspace(start, end, steps, o.requires_grad(false)), o);
    }
    if (kind == "eye") {
      int64_t n = ToInt(Arg(info, 0), "n");
      int64_t m = IsMissing(Arg(info, 1)) ? n : ToInt(Arg(info, 1), "m");
      auto o = Options(env, Arg(info, 2), at::kFloat);
      return WrapFactoryResult(env, at::eye(n, m, o.requires_grad(false)), o);
    }
    throw std::runtime_error("unknown factory");
  });
}

void TensorWrap::Init(Napi::Env env, Napi::Object exports) {
  std::vector<PropertyDescriptor> props = {
      InstanceAccessor<&TensorWrap::Shape>("shape"),
      InstanceAccessor<&TensorWrap::Dtype>("dtype"),
      InstanceAccessor<&TensorWrap::Device>("device"),
      InstanceAccessor<&TensorWrap::Numel>("numel"),
      InstanceAccessor<&TensorWrap::Ndim>("ndim"),
      InstanceAccessor<&TensorWrap::RequiresGrad, &TensorWrap::SetRequiresGrad>("requiresGrad"),
      InstanceAccessor<&TensorWrap::Grad>("grad"),
      InstanceAccessor<&TensorWrap::IsDisposed>("isDisposed"),
      InstanceMethod<&TensorWrap::DisposeMethod>("dispose"),
      InstanceMethod<&TensorWrap::ToTypedArray>("toTypedArray"),
      InstanceMethod<&TensorWrap::Item>("item"),
  };
  for (auto& p : OpMethods()) props.push_back(p);
  Napi::Function ctor = DefineClass(env, "Tensor", props);
  auto* state = new TensorState();
  state->ctor = Napi::Persistent(ctor);
  env.SetInstanceData<TensorState>(state);
  exports.Set("Tensor", ctor);
  exports.Set("startScope", Napi::Function::New(env, StartScope, "startScope"));
  exports.Set("endScope", Napi::Function::New(env, EndScope, "endScope"));
  exports.Set("fromData", Napi::Function::New(env, FromData, "fromData"));
  static const char* factories[] = {"zeros", "ones", "randn", "rand", "empty", "full", "arange", "linspace", "eye"};
  for (const char* f : factories)
    exports.Set(f, Napi::Function::New(env, Factory, f, const_cast<char*>(f)));
}

static lmforge::Registration registration("tensor", [](Napi::Env env, Napi::Object exports) { TensorWrap::Init(env, exports); });

}  // namespace lmforge
