// The op table: every Tensor method that computes something. Each entry is a plain function from
// (self, JS arguments) to a JS value; Guard turns libtorch errors into "op: message" JS Errors.
#include <ATen/ScalarOps.h>

#include "common/convert.h"
#include "common/errors.h"
#include "common/registry.h"
#include "tensor/tensor_wrap.h"

namespace lmforge {

namespace {

using OpFn = Napi::Value (*)(Napi::Env env, const at::Tensor& self, const Napi::CallbackInfo& info);
struct OpEntry {
  const char* name;
  OpFn fn;
};

// A JS number/boolean becomes a "wrapped number" tensor, so type promotion follows PyTorch's Python rules
// (float32 tensor * 2.5 stays float32; int tensor * 2.5 becomes float). Integers stay integral.
at::Tensor Operand(const Napi::Value& v, const char* name) {
  if (v.IsNumber()) {
    double d = v.As<Napi::Number>().DoubleValue();
    at::Scalar s = (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.007199254740992e15) ? at::Scalar(static_cast<int64_t>(d)) : at::Scalar(d);
    return at::native::wrapped_scalar_tensor(s);
  }
  if (v.IsBoolean()) return at::native::wrapped_scalar_tensor(at::Scalar(v.As<Napi::Boolean>().Value()));
  return UnwrapTensor(v, name);
}

at::Scalar ToScalar(const Napi::Value& v, const char* name) {
  if (v.IsBoolean()) return at::Scalar(v.As<Napi::Boolean>().Value());
  double d = ToDouble(v, name);
  if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.007199254740992e15) return at::Scalar(static_cast<int64_t>(d));
  return at::Scalar(d);
}

Napi::Value W(Napi::Env env, at::Tensor t) { return WrapTensor(env, std::move(t)); }

Napi::Value WrapList(Napi::Env env, const std::vector<at::Tensor>& list) {
  auto arr = Napi::Array::New(env, list.size());
  for (size_t i = 0; i < list.size(); i++) arr.Set(i, WrapTensor(env, list[i]));
  return arr;
}

Napi::Value ValuesIndices(Napi::Env env, const std::tuple<at::Tensor, at::Tensor>& vi) {
  auto obj = Napi::Object::New(env);
  obj.Set("values", WrapTensor(env, std::get<0>(vi)));
  obj.Set("indices", WrapTensor(env, std::get<1>(vi)));
  return obj;
}

bool OptBool(const Napi::Value& v, const char* name, bool fallback) { return IsMissing(v) ? fallback : ToBool(v, name); }


// dims argument of reductions: undefined -> all dims.
std::optional<std::vector<int64_t>> OptDims(const Napi::Value& v, const char* name) {
  if (IsMissing(v)) return std::nullopt;
  return ToIntOrIntList(v, name);
}

std::vector<at::indexing::TensorIndex> ParseIndex(Napi::Env env, const Napi::Value& spec) {
  using namespace at::indexing;
  std::vector<TensorIndex> out;
  auto one = [&](const Napi::Value& v) {
    if (v.IsNull()) {
      out.emplace_back(None);
    } else if (v.IsNumber()) {
      out.emplace_back(ToInt(v, "index"));
    } else if (v.IsBoolean()) {
      out.emplace_back(v.As<Napi::Boolean>().Value());
    } else if (v.IsString()) {
      std::string s = v.As<Napi::String>().Utf8Value();
      if (s == "...") out.emplace_back(Ellipsis);
      else if (s == ":") out.emplace_back(Slice());
      else ThrowTypeError(env, "index: string entries must be '...' or ':', got '" + s + "'");
    } else if (IsTensor(v)) {
      out.emplace_back(UnwrapTensor(v, "index"));
    } else if (v.IsObject()) {
      Napi::Value a = Field(v, "start"), b = Field(v, "stop"), c = Field(v, "step");
      out.emplace_back(Slice(IsMissing(a) ? c10::nullopt : c10::optional<int64_t>(ToInt(a, "index.start")),
                             IsMissing(b) ? c10::nullopt : c10::optional<int64_t>(ToInt(b, "index.stop")),
                             IsMissing(c) ? c10::nullopt : c10::optional<int64_t>(ToInt(c, "index.step"))));
    } else {
      ThrowTypeError(env, "index entries must be numbers, null, '...', ':', {start, stop, step} or Tensors");
    }
  };
  if (spec.IsArray()) {
    auto arr = spec.As<Napi::Array>();
    for (uint32_t i = 0; i < arr.Length(); i++) one(arr.Get(i));
  } else {
    one(spec);
  }
  return out;
}

#define A(i) Arg(info, i)
#define OP(body) [](Napi::Env env, const at::Tensor& self, const Napi::CallbackInfo& info) -> Napi::Value { body }

const std::vector<OpEntry>& Table() {
  static const std::vector<OpEntry> table = {
      // ----- arithmetic (broadcasting) -----
      {"add", OP(return W(env, IsMissing(A(1)) ? at::add(self, Operand(A(0), "other")) : at::add(self, Operand(A(0), "other"), ToScalar(A(1), "alpha")));)},
      {"sub", OP(return W(env, at::sub(self, Operand(A(0), "other")));)},
      {"mul", OP(return W(env, at::mul(self, Operand(A(0), "other")));)},
      {"div", OP(return W(env, at::div(self, Operand(A(0), "other")));)},
      {"pow", OP(return W(env, at::pow(self, Operand(A(0), "exponent")));)},
      {"remainder", OP(return W(env, at::remainder(self, Operand(A(0), "other")));)},
      {"maximum", OP(return W(env, at::maximum(self, Operand(A(0), "other")));)},
      {"minimum", OP(return W(env, at::minimum(self, Operand(A(0), "other")));)},
      {"matmul", OP(return W(env, at::matmul(self, UnwrapTensor(A(0), "other")));)},
      {"add_", OP(at::Tensor s = self; s.add_(Operand(A(0), "other")); return info.This();)},
      {"sub_", OP(at::Tensor s = self; s.sub_(Operand(A(0), "other")); return info.This();)},
      {"mul_", OP(at::Tensor s = self; s.mul_(Operand(A(0), "other")); return info.This();)},
      {"div_", OP(at::Tensor s = self; s.div_(Operand(A(0), "other")); return info.This();)},
      {"zero_", OP(at::Tensor s = self; s.zero_(); return info.This();)},
      {"fill_", OP(at::Tensor s = self; s.fill_(ToScalar(A(0), "value")); return info.This();)},
      {"copy_", OP(at::Tensor s = self; s.copy_(UnwrapTensor(A(0), "source")); return info.This();)},
      // ----- comparison and selection -----
      {"eq", OP(return W(env, at::eq(self, Operand(A(0), "other")));)},
      {"ne", OP(return W(env, at::ne(self, Operand(A(0), "other")));)},
      {"lt", OP(return W(env, at::lt(self, Operand(A(0), "other")));)},
      {"le", OP(return W(env, at::le(self, Operand(A(0), "other")));)},
      {"gt", OP(return W(env, at::gt(self, Operand(A(0), "other")));)},
      {"ge", OP(return W(env, at::ge(self, Operand(A(0), "other")));)},
      {"logicalAnd", OP(return W(env, at::logical_and(self, Operand(A(0), "other")));)},
      {"logicalOr", OP(return W(env, at::logical_or(self, Operand(A(0), "other")));)},
      {"logicalNot", OP(return W(env, at::logical_not(self));)},
      {"maskedFill", OP(return W(env, self.masked_fill(UnwrapTensor(A(0), "mask"), ToScalar(A(1), "value")));)},
      {"clamp", OP(return W(env, at::clamp(self, IsMissing(A(0)) ? c10::optional<at::Scalar>() : ToScalar(A(0), "min"),
                                            IsMissing(A(1)) ? c10::optional<at::Scalar>() : ToScalar(A(1), "max")));)},
      {"allclose", OP(return Napi::Boolean::New(env, at::allclose(self, UnwrapTensor(A(0), "other"), IsMissing(A(1)) ? 1e-5 : ToDouble(A(1), "rtol"), IsMissing(A(2)) ? 1e-8 : ToDouble(A(2), "atol")));)},
      {"equal", OP(return Napi::Boolean::New(env, at::equal(self, UnwrapTensor(A(0), "other")));)},
      // ----- elementwise -----
      {"neg", OP(return W(env, at::neg(self));)},
      {"abs", OP(return W(env, at::abs(self));)},
      {"exp", OP(return W(env, at::exp(self));)},
      {"log", OP(return W(env, at::log(self));)},
      {"sqrt", OP(return W(env, at::sqrt(self));)},
      {"rsqrt", OP(return W(env, at::rsqrt(self));)},
      {"sin", OP(return W(env, at::sin(self));)},
      {"cos", OP(return W(env, at::cos(self));)},
      {"tanh", OP(return W(env, at::tanh(self));)},
      {"sigmoid", OP(return W(env, at::sigmoid(self));)},
      {"relu", OP(return W(env, at::relu(self));)},
      {"gelu", OP(std::string approx = IsMissing(A(0)) ? "none" : ToString(A(0), "approximate");
                  if (approx != "none" && approx != "tanh") ThrowTypeError(env, "approximate must be 'none' or 'tanh'");
                  return W(env, at::gelu(self, approx));)},
      {"floor", OP(return W(env, at::floor(self));)},
      {"ceil", OP(return W(env, at::ceil(self));)},
      {"round", OP(return W(env, at::round(self));)},
      {"isnan", OP(return W(env, at::isnan(self));)},
      {"isfinite", OP(return W(env, at::isfinite(self));)},
      // ----- reductions -----
      {"sum", OP(auto d = OptDims(A(0), "dim"); bool k = OptBool(A(1), "keepdim", false);
                 return W(env, d ? at::sum(self, *d, k) : at::sum(self));)},
      {"mean", OP(auto d = OptDims(A(0), "dim"); bool k = OptBool(A(1), "keepdim", false);
                  return W(env, d ? at::mean(self, *d, k) : at::mean(self));)},
      {"prod", OP(if (IsMissing(A(0))) return W(env, at::prod(self));
                  return W(env, at::prod(self, ToInt(A(0), "dim"), OptBool(A(1), "keepdim", false)));)},
      {"var", OP(auto d = OptDims(A(0), "dim"); bool k = OptBool(A(1), "keepdim", false); bool unb = OptBool(A(2), "unbiased", true);
                 return W(env, d ? at::var(self, at::IntArrayRef(*d), unb, k) : at::var(self, unb));)},
      {"std", OP(auto d = OptDims(A(0), "dim"); bool k = OptBool(A(1), "keepdim", false); bool unb = OptBool(A(2), "unbiased", true);
                 return W(env, d ? at::std(self, at::IntArrayRef(*d), unb, k) : at::std(self, unb));)},
      {"norm", OP(double p = IsMissing(A(0)) ? 2.0 : ToDouble(A(0), "p");
                  if (IsMissing(A(1))) return W(env, at::norm(self, p));
                  return W(env, at::norm(self, p, ToIntOrIntList(A(1), "dim"), OptBool(A(2), "keepdim", false)));)},
      {"max", OP(if (IsMissing(A(0))) return W(env, at::max(self));
                 return W(env, std::get<0>(at::max(self, ToInt(A(0), "dim"), OptBool(A(1), "keepdim", false))));)},
      {"min", OP(if (IsMissing(A(0))) return W(env, at::min(self));
                 return W(env, std::get<0>(at::min(self, ToInt(A(0), "dim"), OptBool(A(1), "keepdim", false))));)},
      {"argmax", OP(if (IsMissing(A(0))) return W(env, at::argmax(self));
                    return W(env, at::argmax(self, ToInt(A(0), "dim"), OptBool(A(1), "keepdim", false)));)},
      {"argmin", OP(if (IsMissing(A(0))) return W(env, at::argmin(self));
                    return W(env, at::argmin(self, ToInt(A(0), "dim"), OptBool(A(1), "keepdim", false)));)},
      {"softmax", OP(return W(env, at::softmax(self, ToInt(A(0), "dim")));)},
      {"logSoftmax", OP(return W(env, at::log_softmax(self, ToInt(A(0), "dim")));)},
      {"cumsum", OP(return W(env, at::cumsum(self, ToInt(A(0), "dim")));)},
      // ----- shape -----
      {"reshape", OP(return W(env, self.reshape(ToIntList(A(0), "shape")));)},
      {"view", OP(return W(env, self.view(ToIntList(A(0), "shape")));)},
      {"transpose", OP(return W(env, self.transpose(ToInt(A(0), "dim0"), ToInt(A(1), "dim1")));)},
      {"permute", OP(return W(env, self.permute(ToIntList(A(0), "dims")));)},
      {"squeeze", OP(return W(env, IsMissing(A(0)) ? self.squeeze() : self.squeeze(ToInt(A(0), "dim")));)},
      {"unsqueeze", OP(return W(env, self.unsqueeze(ToInt(A(0), "dim")));)},
      {"flatten", OP(return W(env, self.flatten(IsMissing(A(0)) ? 0 : ToInt(A(0), "startDim"), IsMissing(A(1)) ? -1 : ToInt(A(1), "endDim")));)},
      {"expand", OP(return W(env, self.expand(ToIntList(A(0), "shape")));)},
      {"repeat", OP(return W(env, self.repeat(ToIntList(A(0), "repeats")));)},
      {"contiguous", OP(return W(env, self.contiguous());)},
      {"isContiguous", OP(return Napi::Boolean::New(env, self.is_contiguous());)},
      {"narrow", OP(return W(env, self.narrow(ToInt(A(0), "dim"), ToInt(A(1), "start"), ToInt(A(2), "length")));)},
      {"tril", OP(return W(env, at::tril(self, IsMissing(A(0)) ? 0 : ToInt(A(0), "diagonal")));)},
      {"triu", OP(return W(env, at::triu(self, IsMissing(A(0)) ? 0 : ToInt(A(0), "diagonal")));)},
      // ----- indexing -----
      {"index", OP(return W(env, self.index(ParseIndex(env, A(0))));)},
      {"indexPut_", OP(at::Tensor s = self; auto idx = ParseIndex(env, A(0));
                       if (IsTensor(A(1))) s.index_put_(idx, UnwrapTensor(A(1), "value"));
                       else s.index_put_(idx, ToScalar(A(1), "value"));
                       return info.This();)},
      {"indexSelect", OP(return W(env, at::index_select(self, ToInt(A(0), "dim"), UnwrapTensor(A(1), "index")));)},
      {"gather", OP(return W(env, at::gather(self, ToInt(A(0), "dim"), UnwrapTensor(A(1), "index")));)},
      {"split", OP(int64_t dim = IsMissing(A(1)) ? 0 : ToInt(A(1), "dim");
                   if (A(0).IsArray()) return WrapList(env, at::split_with_sizes(self, ToIntList(A(0), "splitSizes"), dim));
                   return WrapList(env, at::split(self, ToInt(A(0), "splitSize"), dim));)},
      {"chunk", OP(return WrapList(env, at::chunk(self, ToInt(A(0), "chunks"), IsMissing(A(1)) ? 0 : ToInt(A(1), "dim")));)},
      {"topk", OP(int64_t k = ToInt(A(0), "k"); int64_t dim = IsMissing(A(1)) ? -1 : ToInt(A(1), "dim");
                  return ValuesIndices(env, at::topk(self, k, dim, OptBool(A(2), "largest", true), OptBool(A(3), "sorted", true)));)},
      {"sort", OP(int64_t dim = IsMissing(A(0)) ? -1 : ToInt(A(0), "dim");
                  return ValuesIndices(env, at::sort(self, dim, OptBool(A(1), "descending", false)));)},
      {"multinomial", OP(return W(env, at::multinomial(self, ToInt(A(0), "numSamples"), OptBool(A(1), "replacement", false)));)},
      // ----- types, devices, autograd -----
      {"to", OP(at::Tensor t = self; Napi::Value v = A(0);
                 auto apply = [&](const std::string& s) {
                   if (s == "cpu" || s.rfind("cuda", 0) == 0 || s == "mps") t = t.to(ParseDevice(env, s));
                   else t = t.to(ParseDtype(env, s));
                 };
                 if (v.IsString()) apply(ToString(v, "target"));
                 else if (v.IsObject()) {
                   if (!IsMissing(Field(v, "device"))) t = t.to(ParseDevice(env, ToString(Field(v, "device"), "target.device")));
                   if (!IsMissing(Field(v, "dtype"))) t = t.to(ParseDtype(env, ToString(Field(v, "dtype"), "target.dtype")));
                 } else ThrowTypeError(env, "target must be a device name, a dtype name or { device, dtype }");
                 return W(env, t);)},
      {"clone", OP(return W(env, self.clone());)},
      {"detach", OP(return W(env, self.detach());)},
      {"backward", OP(if (IsMissing(A(0))) self.backward(); else self.backward(UnwrapTensor(A(0), "gradient"));
                      return env.Undefined();)},
      {"zeroGrad", OP(at::Tensor g = self.grad(); if (g.defined()) g.zero_(); return env.Undefined();)},
      {"setRequiresGrad", OP(at::Tensor s = self; s.set_requires_grad(ToBool(A(0), "requiresGrad")); return info.This();)},
  };
  return table;
}

#undef OP
#undef A

// ----- module-level ops (several tensors in, or no self) -----

std::vector<at::Tensor> TensorList(const Napi::Value& v, const char* name) {
  if (!v.IsArray()) ThrowTypeError(v.Env(), std::string(name) + " must be an array of Tensors");
  auto arr = v.As<Napi::Array>();
  std::vector<at::Tensor> out;
  for (uint32_t i = 0; i < arr.Length(); i++) out.push_back(UnwrapTensor(arr.Get(i), name));
  return out;
}

Napi::Value Cat(const Napi::CallbackInfo& info) {
  auto list = TensorList(Arg(info, 0), "tensors");
  int64_t dim = IsMissing(Arg(info, 1)) ? 0 : ToInt(Arg(info, 1), "dim");
  return Guard(info.Env(), "cat", [&] { return W(info.Env(), at::cat(list, dim)); });
}

Napi::Value Stack(const Napi::CallbackInfo& info) {
  auto list = TensorList(Arg(info, 0), "tensors");
  int64_t dim = IsMissing(Arg(info, 1)) ? 0 : ToInt(Arg(info, 1), "dim");
  return Guard(info.Env(), "stack", [&] { return W(info.Env(), at::stack(list, dim)); });
}

Napi::Value Where(const Napi::CallbackInfo& info) {
  at::Tensor cond = UnwrapTensor(Arg(info, 0), "condition");
  at::Tensor a = Operand(Arg(info, 1), "input");
  at::Tensor b = Operand(Arg(info, 2), "other");
  return Guard(info.Env(), "where", [&] { return W(info.Env(), at::where(cond, a, b)); });
}

// crossEntropy(logits [N, C] or [N, C, ...], target [N] int64, { ignoreIndex, reduction, labelSmoothing })
Napi::Value CrossEntropy(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  at::Tensor logits = UnwrapTensor(Arg(info, 0), "input");
  at::Tensor target = UnwrapTensor(Arg(info, 1), "target");
  Napi::Value opts = Arg(info, 2);
  int64_t ignore = IsMissing(Field(opts, "ignoreIndex")) ? -100 : ToInt(Field(opts, "ignoreIndex"), "options.ignoreIndex");
  std::string red = IsMissing(Field(opts, "reduction")) ? "mean" : ToString(Field(opts, "reduction"), "options.reduction");
  double smoothing = IsMissing(Field(opts, "labelSmoothing")) ? 0.0 : ToDouble(Field(opts, "labelSmoothing"), "options.labelSmoothing");
  int64_t reduction = red == "mean" ? at::Reduction::Mean : red == "sum" ? at::Reduction::Sum : red == "none" ? at::Reduction::None : -1;
  if (reduction < 0) ThrowTypeError(env, "options.reduction must be 'mean', 'sum' or 'none'");
  return Guard(env, "crossEntropy", [&] {
    if (target.scalar_type() != at::kLong) target = target.to(at::kLong);
    return W(env, at::cross_entropy_loss(logits, target, {}, reduction, ignore, smoothing));
  });
}

}  // namespace

Napi::Value TensorWrap::Op(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const auto* entry = static_cast<const OpEntry*>(info.Data());
  if (disposed()) throw Napi::Error::New(env, std::string(entry->name) + ": Tensor was disposed and can no longer be used");
  return Guard(env, entry->name, [&] { return entry->fn(env, tensor_, info); });
}

std::vector<TensorWrap::PropertyDescriptor> TensorWrap::OpMethods() {
  std::vector<PropertyDescriptor> out;
  for (const auto& entry : Table())
    out.push_back(InstanceMethod(entry.name, &TensorWrap::Op, napi_default, const_cast<OpEntry*>(&entry)));
  return out;
}

static lmforge::Registration registration("tensor_ops", [](Napi::Env env, Napi::Object exports) {
  exports.Set("cat", Napi::Function::New(env, Cat, "cat"));
  exports.Set("stack", Napi::Function::New(env, Stack, "stack"));
  exports.Set("where", Napi::Function::New(env, Where, "where"));
  exports.Set("crossEntropy", Napi::Function::New(env, CrossEntropy, "crossEntropy"));
});

}  // namespace lmforge
