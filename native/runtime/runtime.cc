// Process-wide settings: threads, devices, BLAS, seeds, grad mode, versions.
#include <dlfcn.h>
#include <chrono>
#include <vector>
#include <torch/torch.h>
#include <torch/version.h>

#include "common/convert.h"
#include "common/errors.h"
#include "common/registry.h"

namespace lmforge {
namespace {

// OpenBLAS exports these; libtorch may be linked against another BLAS, so look them up at run time.
using GetParallelFn = int (*)();
using SetThreadsFn = void (*)(int);
using GetThreadsFn = int (*)();
using GetConfigFn = char* (*)();

std::string BlasParallelKind() {
  auto fn = reinterpret_cast<GetParallelFn>(dlsym(RTLD_DEFAULT, "openblas_get_parallel"));
  if (!fn) return "unknown";
  switch (fn()) {
    case 0: return "sequential";
    case 1: return "pthreads";
    case 2: return "openmp";
    default: return "unknown";
  }
}

std::string BlasLibrary() {
  Dl_info info;
  void* sym = dlsym(RTLD_DEFAULT, "sgemm_");
  if (sym && dladdr(sym, &info) && info.dli_fname) return info.dli_fname;
  return "unknown";
}

Napi::Value SetNumThreads(const Napi::CallbackInfo& info) {
  int64_t n = ToInt(Arg(info, 0), "n");
  if (n < 1) ThrowTypeError(info.Env(), "n must be >= 1");
  at::set_num_threads(static_cast<int>(n));
  // A pthreads OpenBLAS keeps its own pool that competes with libtorch's OpenMP threads for the same cores
  // (measured: PyTorch trained 25% faster with OPENBLAS_NUM_THREADS=1). The OpenMP build shares libtorch's
  // pool and needs nothing. Users can still override with the env variable before start.
  if (BlasParallelKind() == "pthreads" && !getenv("OPENBLAS_NUM_THREADS")) {
    if (auto fn = reinterpret_cast<SetThreadsFn>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"))) fn(1);
  }
  return info.Env().Undefined();
}

Napi::Value GetNumThreads(const Napi::CallbackInfo& info) { return Napi::Number::New(info.Env(), at::get_num_threads()); }

Napi::Value Devices(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto out = Napi::Object::New(env);
  out.Set("cpu", true);
  out.Set("cuda", Napi::Number::New(env, static_cast<double>(torch::cuda::is_available() ? torch::cuda::device_count() : 0)));
  out.Set("cudaCompiled", Napi::Boolean::New(env, c10::impl::hasDeviceGuardImpl(c10::DeviceType::CUDA)));
  out.Set("mps", Napi::Boolean::New(env, at::hasMPS()));
  return out;
}

Napi::Value BuildInfo(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto out = Napi::Object::New(env);
  out.Set("torchVersion", TORCH_VERSION);
  out.Set("torchMajor", TORCH_VERSION_MAJOR);
  out.Set("torchMinor", TORCH_VERSION_MINOR);
  out.Set("blasLibrary", BlasLibrary());
  out.Set("blasParallel", BlasParallelKind());
  auto getThreads = reinterpret_cast<GetThreadsFn>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
  out.Set("blasThreads", getThreads ? Napi::Number::New(env, getThreads()) : env.Null());
  auto getConfig = reinterpret_cast<GetConfigFn>(dlsym(RTLD_DEFAULT, "openblas_get_config"));
  out.Set("blasConfig", getConfig ? Napi::Value(Napi::String::New(env, getConfig())) : env.Null());
  out.Set("parallelInfo", FirstLine(at::get_parallel_info()));
  return out;
}

Napi::Value ManualSeed(const Napi::CallbackInfo& info) {
  int64_t seed = ToInt(Arg(info, 0), "seed");
  torch::manual_seed(static_cast<uint64_t>(seed));
  return info.Env().Undefined();
}

Napi::Value SetGradEnabled(const Napi::CallbackInfo& info) {
  bool prev = at::GradMode::is_enabled();
  at::GradMode::set_enabled(ToBool(Arg(info, 0), "enabled"));
  return Napi::Boolean::New(info.Env(), prev);
}

Napi::Value IsGradEnabled(const Napi::CallbackInfo& info) { return Napi::Boolean::New(info.Env(), at::GradMode::is_enabled()); }

// Times the BLAS library's own sgemm_ directly (no libtorch dispatch): the machine's matmul ceiling that
// bench/matmul.mjs compares lmforge against. Returns GFLOP/s of the best of `reps` runs.
using SgemmFn = void (*)(const char*, const char*, const int*, const int*, const int*, const float*, const float*,
                         const int*, const float*, const int*, const float*, float*, const int*);

Napi::Value BlasSgemmGflops(const Napi::CallbackInfo& info) {
  int n = static_cast<int>(ToInt(Arg(info, 0), "n"));
  int reps = IsMissing(Arg(info, 1)) ? 5 : static_cast<int>(ToInt(Arg(info, 1), "reps"));
  if (n < 1 || reps < 1) ThrowTypeError(info.Env(), "n and reps must be >= 1");
  auto sgemm = reinterpret_cast<SgemmFn>(dlsym(RTLD_DEFAULT, "sgemm_"));
  if (!sgemm) throw Napi::Error::New(info.Env(), "blasSgemmGflops: no sgemm_ symbol in this process (libtorch uses no external BLAS)");
  std::vector<float> a(static_cast<size_t>(n) * n, 1.0f), b(a.size(), 0.5f), c(a.size(), 0.0f);
  const float alpha = 1.0f, beta = 0.0f;
  double best = 0;
  for (int r = 0; r < reps + 1; r++) {
    auto t0 = std::chrono::steady_clock::now();
    sgemm("N", "N", &n, &n, &n, &alpha, a.data(), &n, b.data(), &n, &beta, c.data(), &n);
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (r > 0) best = std::max(best, 2.0 * n * n * static_cast<double>(n) / s / 1e9);  // first run warms up
  }
  return Napi::Number::New(info.Env(), best);
}

void Init(Napi::Env env, Napi::Object exports) {
  exports.Set("blasSgemmGflops", Napi::Function::New(env, BlasSgemmGflops, "blasSgemmGflops"));
  exports.Set("setNumThreads", Napi::Function::New(env, SetNumThreads, "setNumThreads"));
  exports.Set("getNumThreads", Napi::Function::New(env, GetNumThreads, "getNumThreads"));
  exports.Set("devices", Napi::Function::New(env, Devices, "devices"));
  exports.Set("buildInfo", Napi::Function::New(env, BuildInfo, "buildInfo"));
  exports.Set("manualSeed", Napi::Function::New(env, ManualSeed, "manualSeed"));
  exports.Set("setGradEnabled", Napi::Function::New(env, SetGradEnabled, "setGradEnabled"));
  exports.Set("isGradEnabled", Napi::Function::New(env, IsGradEnabled, "isGradEnabled"));
}

lmforge::Registration registration("runtime", Init);

}  // namespace
}  // namespace lmforge
