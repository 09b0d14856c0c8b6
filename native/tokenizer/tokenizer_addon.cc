// N-API surface of the tokenizer area: registers NativeTokenizer (tokenizer_wrap.cc), NativeBpeTrainer
// (trainer_wrap.cc) and preTokenize. lib/tokenizer/ is the typed facade over these.
#include "common/registry.h"
#include "tokenizer/addon_util.h"

namespace lmforge {
namespace {

// preTokenize(text, kind, unicodeWhitespace) -> the pieces as strings (diagnostics, and tests against the reference regexes).
Napi::Value PreTokenizeJs(const Napi::CallbackInfo& info) {
  return Guard(info.Env(), "preTokenize", [&]() -> Napi::Value {
    std::string text = ToString(Arg(info, 0), "text");
    tok::PreTokenizerKind kind = PreArg(Arg(info, 1), "preTokenizer");
    bool unicodeSpace = IsMissing(Arg(info, 2)) ? false : ToBool(Arg(info, 2), "unicodeWhitespace");
    std::vector<tok::Piece> pieces;
    tok::PreTokenize(kind, text, &pieces, unicodeSpace);
    auto out = Napi::Array::New(info.Env(), pieces.size());
    for (size_t i = 0; i < pieces.size(); i++)
      out.Set(static_cast<uint32_t>(i), Napi::String::New(info.Env(), text.data() + pieces[i].begin, pieces[i].len));
    return out;
  });
}

void InitTokenizer(Napi::Env env, Napi::Object exports) {
  exports.Set("preTokenize", Napi::Function::New(env, PreTokenizeJs, "preTokenize"));
  exports.Set("NativeTokenizer", DefineNativeTokenizer(env));
  exports.Set("NativeBpeTrainer", DefineNativeBpeTrainer(env));
}

static Registration reg("tokenizer", InitTokenizer);

}  // namespace
}  // namespace lmforge
