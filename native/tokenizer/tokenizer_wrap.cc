// NativeTokenizer: a shared, read-only BpeModel. Changes (addSpecialTokens) swap in a finalized copy, so
// encodeBatch workers holding the old pointer never see a model mid-edit.
#include <atomic>
#include <mutex>
#include <stdexcept>
#include "tokenizer/addon_util.h"
#include "tokenizer/byte_level.h"

namespace lmforge {
namespace {

class NativeTokenizer : public Napi::ObjectWrap<NativeTokenizer> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "NativeTokenizer",
                       {
                           InstanceMethod("encode", &NativeTokenizer::Encode),
                           InstanceMethod("encodeBatch", &NativeTokenizer::EncodeBatch),
                           InstanceMethod("decode", &NativeTokenizer::Decode),
                           InstanceMethod("decodeBatch", &NativeTokenizer::DecodeBatch),
                           InstanceMethod("tokenToId", &NativeTokenizer::TokenToId),
                           InstanceMethod("idToToken", &NativeTokenizer::IdToToken),
                           InstanceMethod("vocabSize", &NativeTokenizer::VocabSize),
                           InstanceMethod("addSpecialTokens", &NativeTokenizer::AddSpecialTokens),
                           InstanceMethod("exportSpec", &NativeTokenizer::ExportSpec),
                           InstanceMethod("tokenByteLengths", &NativeTokenizer::TokenByteLengths),
                           InstanceMethod("preTokenizer", &NativeTokenizer::PreTokenizer),
                           InstanceMethod("unicodeWhitespace", &NativeTokenizer::UnicodeWhitespace),
                           InstanceMethod("addPrefixSpace", &NativeTokenizer::AddPrefixSpace),
                           InstanceMethod("mergeCount", &NativeTokenizer::MergeCount),
                       });
  }

  explicit NativeTokenizer(const Napi::CallbackInfo& info) : Napi::ObjectWrap<NativeTokenizer>(info) {
    Guard(info.Env(), "Tokenizer", [&] {
      Napi::Value arg = Arg(info, 0);
      if (arg.IsExternal()) {
        model_ = arg.As<Napi::External<ModelBox>>().Data()->model;
        return;
      }
      if (!arg.IsObject()) ThrowTypeError(info.Env(), "spec must be an object");
      model_ = FromSpec(arg);
    });
  }

 private:
  // spec: { tokens: string[] (byte-level names; special tokens as text), special: Uint8Array,
  //         merges: Uint32Array (left, right, merged) triples, preTokenizer, ignoreMerges }
  static ModelPtr FromSpec(const Napi::Value& spec) {
    Napi::Env env = spec.Env();
    auto m = std::make_unique<BpeModel>();
    std::vector<std::string> names = StringList(Field(spec, "tokens"), "spec.tokens");
    Napi::Value special = Field(spec, "special");
    if (!special.IsTypedArray() || special.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array)
      ThrowTypeError(env, "spec.special must be a Uint8Array");
    auto flags = special.As<Napi::Uint8Array>();
    if (flags.ElementLength() != names.size()) ThrowTypeError(env, "spec.special must have one flag per token");
    m->tokens.resize(names.size());
    m->special.assign(flags.Data(), flags.Data() + flags.ElementLength());
    for (size_t i = 0; i < names.size(); i++) {
      if (m->special[i]) {
        m->tokens[i] = names[i];
      } else if (!tok::FromByteLevel(names[i], &m->tokens[i])) {
        throw std::runtime_error("token " + std::to_string(i) + " ('" + names[i] +
                                 "') is not a byte-level token name (characters outside GPT-2's byte alphabet)");
      }
    }
    Napi::Value merges = Field(spec, "merges");
    if (!merges.IsTypedArray() || merges.As<Napi::TypedArray>().TypedArrayType() != napi_uint32_array)
      ThrowTypeError(env, "spec.merges must be a Uint32Array");
    auto mm = merges.As<Napi::Uint32Array>();
    m->merges.assign(mm.Data(), mm.Data() + mm.ElementLength());
    m->pre = PreArg(Field(spec, "preTokenizer"), "spec.preTokenizer");
    Napi::Value ig = Field(spec, "ignoreMerges");
    m->ignoreMerges = IsMissing(ig) ? false : ToBool(ig, "spec.ignoreMerges");
    Napi::Value ap = Field(spec, "addPrefixSpace");
    m->addPrefixSpace = IsMissing(ap) ? false : ToBool(ap, "spec.addPrefixSpace");
    Napi::Value us = Field(spec, "unicodeWhitespace");
    m->unicodeSpace = IsMissing(us) ? true : ToBool(us, "spec.unicodeWhitespace");
    m->Finalize();
    return ModelPtr(std::move(m));
  }

  Napi::Value Encode(const Napi::CallbackInfo& info) {
    return Guard(info.Env(), "encode", [&]() -> Napi::Value {
      std::string text = ToString(Arg(info, 0), "text");
      ModelPtr m = model_;
      auto cache = m->BorrowCache();
      std::vector<uint32_t> ids;
      ids.reserve(text.size() / 3 + 4);
      m->Encode(text, &ids, cache.get());
      m->ReturnCache(std::move(cache));
      return ToUint32Array(info.Env(), ids);
    });
  }

  class EncodeBatchWorker : public Napi::AsyncWorker {
   public:
    EncodeBatchWorker(Napi::Env env, ModelPtr model, std::vector<std::string> texts, int threads)
        : Napi::AsyncWorker(env, "lmforge.encodeBatch"),
          deferred_(Napi::Promise::Deferred::New(env)),
          model_(std::move(model)),
          texts_(std::move(texts)),
          threads_(threads) {}
    Napi::Promise Promise() { return deferred_.Promise(); }

    void Execute() override {
      try {
        results_.resize(texts_.size());
        size_t total = 0;
        for (auto& t : texts_) total += t.size();
        // Small batches are not worth a thread each.
        int nt = static_cast<int>(std::min<size_t>(threads_, std::max<size_t>(1, total / 65536)));
        nt = std::max(1, std::min<int>(nt, static_cast<int>(texts_.size())));
        std::atomic<size_t> next{0};
        std::atomic<bool> failed{false};
        std::string error;
        std::mutex errorMutex;
        auto work = [&] {
          auto cache = model_->BorrowCache();
          try {
            size_t k;
            while (!failed && (k = next.fetch_add(1)) < texts_.size()) {
              results_[k].reserve(texts_[k].size() / 3 + 4);
              model_->Encode(texts_[k], &results_[k], cache.get());
              std::string().swap(texts_[k]);
            }
          } catch (const std::exception& e) {
            std::lock_guard<std::mutex> lock(errorMutex);
            failed = true;
            error = e.what();
          }
          model_->ReturnCache(std::move(cache));
        };
        std::vector<std::thread> pool;
        for (int t = 1; t < nt; t++) pool.emplace_back(work);
        work();
        for (auto& th : pool) th.join();
        if (failed) throw std::runtime_error(error);
      } catch (const std::exception& e) {
        SetError(DescribeException("encodeBatch", e));
      }
    }
    void OnOK() override {
      Napi::Env env = Env();
      auto arr = Napi::Array::New(env, results_.size());
      for (size_t i = 0; i < results_.size(); i++) arr.Set(static_cast<uint32_t>(i), ToUint32Array(env, results_[i]));
      deferred_.Resolve(arr);
    }
    void OnError(const Napi::Error& e) override { deferred_.Reject(e.Value()); }

   private:
    Napi::Promise::Deferred deferred_;
    ModelPtr model_;
    std::vector<std::string> texts_;
    std::vector<std::vector<uint32_t>> results_;
    int threads_;
  };

  Napi::Value EncodeBatch(const Napi::CallbackInfo& info) {
    return Guard(info.Env(), "encodeBatch", [&]() -> Napi::Value {
      std::vector<std::string> texts = StringList(Arg(info, 0), "texts");
      int threads = ThreadsArg(Arg(info, 1), "threads");
      auto* w = new EncodeBatchWorker(info.Env(), model_, std::move(texts), threads);
      auto p = w->Promise();
      w->Queue();
      return p;
    });
  }

  Napi::Value DecodeIds(Napi::Env env, const ModelPtr& m, const std::vector<uint32_t>& ids, bool skip) {
    std::string out;
    uint32_t bad = 0;
    if (!m->Decode(ids.data(), ids.size(), skip, &out, &bad))
      throw std::runtime_error("token id " + std::to_string(bad) + " is out of range (vocabulary size " +
                               std::to_string(m->Size()) + ")");
    // V8 replaces invalid UTF-8 (a token sequence cut mid-character) with U+FFFD, like TextDecoder.
    return Napi::String::New(env, out.data(), out.size());
  }

  Napi::Value Decode(const Napi::CallbackInfo& info) {
    return Guard(info.Env(), "decode", [&]() -> Napi::Value {
      std::vector<uint32_t> ids = IdList(Arg(info, 0), "ids");
      bool skip = IsMissing(Arg(info, 1)) ? false : ToBool(Arg(info, 1), "skipSpecialTokens");
      return DecodeIds(info.Env(), model_, ids, skip);
    });
  }

  Napi::Value DecodeBatch(const Napi::CallbackInfo& info) {
    return Guard(info.Env(), "decodeBatch", [&]() -> Napi::Value {
      Napi::Value v = Arg(info, 0);
      if (!v.IsArray()) ThrowTypeError(info.Env(), "batch must be an array of id arrays");
      bool skip = IsMissing(Arg(info, 1)) ? false : ToBool(Arg(info, 1), "skipSpecialTokens");
      auto arr = v.As<Napi::Array>();
      auto out = Napi::Array::New(info.Env(), arr.Length());
      ModelPtr m = model_;
      for (uint32_t i = 0; i < arr.Length(); i++) {
        std::string name = "batch[" + std::to_string(i) + "]";
        out.Set(i, DecodeIds(info.Env(), m, IdList(arr.Get(i), name.c_str()), skip));
      }
      return out;
    });
  }

  Napi::Value TokenToId(const Napi::CallbackInfo& info) {
    return Guard(info.Env(), "tokenToId", [&]() -> Napi::Value {
      std::string name = ToString(Arg(info, 0), "token");
      ModelPtr m = model_;
      int64_t id = m->FindSpecial(name);
      std::string raw;
      if (id < 0 && tok::FromByteLevel(name, &raw)) id = m->FindRaw(raw);
      if (id < 0) return info.Env().Undefined();
      return Napi::Number::New(info.Env(), static_cast<double>(id));
    });
  }

  Napi::Value IdToToken(const Napi::CallbackInfo& info) {
    return Guard(info.Env(), "idToToken", [&]() -> Napi::Value {
      int64_t id = ToInt(Arg(info, 0), "id");
      ModelPtr m = model_;
      if (id < 0 || id >= m->Size()) return info.Env().Undefined();
      if (m->special[id]) return Napi::String::New(info.Env(), m->tokens[id]);
      return Napi::String::New(info.Env(), tok::ToByteLevel(m->tokens[id]));
    });
  }

  Napi::Value PreTokenizer(const Napi::CallbackInfo& info) {
    return Napi::String::New(info.Env(), tok::PreTokenizerName(model_->pre));
  }

  Napi::Value UnicodeWhitespace(const Napi::CallbackInfo& info) {
    return Napi::Boolean::New(info.Env(), model_->unicodeSpace);
  }

  Napi::Value MergeCount(const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), static_cast<double>(model_->merges.size() / 3));
  }

  Napi::Value AddPrefixSpace(const Napi::CallbackInfo& info) {
    return Napi::Boolean::New(info.Env(), model_->addPrefixSpace);
  }

  Napi::Value VocabSize(const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), model_->Size());
  }

  // Adds special tokens (text matched before pre-tokenization, never split). A token whose byte-level name is
  // already in the vocabulary keeps its id and becomes special (HF's behaviour); returns how many were added.
  Napi::Value AddSpecialTokens(const Napi::CallbackInfo& info) {
    return Guard(info.Env(), "addSpecialTokens", [&]() -> Napi::Value {
      std::vector<std::string> list = StringList(Arg(info, 0), "tokens");
      auto m = model_->Clone();
      uint32_t added = 0;
      for (size_t i = 0; i < list.size(); i++) {
        const std::string& t = list[i];
        if (t.empty()) ThrowTypeError(info.Env(), "tokens[" + std::to_string(i) + "] must not be empty");
        if (m->FindSpecial(t) >= 0) continue;
        std::string raw;
        int64_t id = tok::FromByteLevel(t, &raw) ? m->FindRaw(raw) : -1;
        if (id >= 0 && raw == t) {
          m->special[id] = 1;
        } else {
          m->tokens.push_back(t);
          m->special.push_back(1);
          added++;
        }
        m->Finalize();
      }
      model_ = ModelPtr(std::move(m));
      return Napi::Number::New(info.Env(), added);
    });
  }

  // Byte length of each token (for offsets computed on the JS side).
  Napi::Value TokenByteLengths(const Napi::CallbackInfo& info) {
    ModelPtr m = model_;
    auto out = Napi::Uint32Array::New(info.Env(), m->Size());
    for (uint32_t i = 0; i < m->Size(); i++) out[i] = static_cast<uint32_t>(m->tokens[i].size());
    return out;
  }

  Napi::Value ExportSpec(const Napi::CallbackInfo& info) {
    return Guard(info.Env(), "exportSpec", [&]() -> Napi::Value {
      Napi::Env env = info.Env();
      ModelPtr m = model_;
      auto names = Napi::Array::New(env, m->Size());
      auto flags = Napi::Uint8Array::New(env, m->Size());
      for (uint32_t i = 0; i < m->Size(); i++) {
        names.Set(i, Napi::String::New(env, m->special[i] ? m->tokens[i] : tok::ToByteLevel(m->tokens[i])));
        flags[i] = m->special[i];
      }
      auto spec = Napi::Object::New(env);
      spec.Set("tokens", names);
      spec.Set("special", flags);
      spec.Set("merges", ToUint32Array(env, m->merges));
      spec.Set("preTokenizer", tok::PreTokenizerName(m->pre));
      spec.Set("ignoreMerges", m->ignoreMerges);
      spec.Set("addPrefixSpace", m->addPrefixSpace);
      spec.Set("unicodeWhitespace", m->unicodeSpace);
      return spec;
    });
  }

  ModelPtr model_;
};

}  // namespace

Napi::Function DefineNativeTokenizer(Napi::Env env) { return NativeTokenizer::Define(env); }

}  // namespace lmforge
