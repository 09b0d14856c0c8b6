// Each native area (tensor, runtime, tokenizer, model, train) registers its exports here at static-init
// time, so adding an area never means editing addon.cc:
//   static lmforge::Registration reg("tokenizer", InitTokenizer);
#pragma once
#include <napi.h>
#include <functional>
#include <string>
#include <vector>

namespace lmforge {

using InitFn = void (*)(Napi::Env env, Napi::Object exports);

struct Module {
  std::string name;
  InitFn init;
};

std::vector<Module>& Modules();

struct Registration {
  Registration(const char* name, InitFn init) { Modules().push_back({name, init}); }
};

}  // namespace lmforge
