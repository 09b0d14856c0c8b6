// Registers each area's exports; nothing else lives here.
#include <napi.h>
#include <algorithm>
#include "common/registry.h"

namespace lmforge {
std::vector<Module>& Modules() {
  static std::vector<Module> modules;
  return modules;
}
}  // namespace lmforge

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  auto& modules = lmforge::Modules();
  // Static-init order across files is unspecified: sort so exports are set up deterministically.
  std::sort(modules.begin(), modules.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  Napi::Array names = Napi::Array::New(env, modules.size());
  for (size_t i = 0; i < modules.size(); i++) {
    modules[i].init(env, exports);
    names.Set(i, Napi::String::New(env, modules[i].name));
  }
  exports.Set("modules", names);
  return exports;
}

NODE_API_MODULE(lmforge, Init)
