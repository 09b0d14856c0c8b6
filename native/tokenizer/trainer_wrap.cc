// NativeBpeTrainer: word counting (addTexts/addFiles) and the merge loop (train) on worker threads, with
// progress through a thread-safe function. One call at a time; the busy flag turns misuse into an error.
#include <atomic>
#include <functional>
#include <stdexcept>
#include "tokenizer/addon_util.h"
#include "tokenizer/bpe_trainer.h"

namespace lmforge {
namespace {

class NativeBpeTrainer : public Napi::ObjectWrap<NativeBpeTrainer> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "NativeBpeTrainer",
                       {
                           InstanceMethod("addTexts", &NativeBpeTrainer::AddTexts),
                           InstanceMethod("addFiles", &NativeBpeTrainer::AddFiles),
                           InstanceMethod("stats", &NativeBpeTrainer::Stats),
                           InstanceMethod("train", &NativeBpeTrainer::Train),
                       });
  }

  // options: { preTokenizer, specialTokens: string[], threads }
  explicit NativeBpeTrainer(const Napi::CallbackInfo& info) : Napi::ObjectWrap<NativeBpeTrainer>(info) {
    Guard(info.Env(), "trainBpe", [&] {
      Napi::Value o = Arg(info, 0);
      pre_ = PreArg(Field(o, "preTokenizer"), "preTokenizer");
      Napi::Value sp = Field(o, "specialTokens");
      specials_ = IsMissing(sp) ? std::vector<std::string>() : StringList(sp, "specialTokens");
      threads_ = ThreadsArg(Field(o, "threads"), "threads");
      Napi::Value us = Field(o, "unicodeWhitespace");
      unicodeSpace_ = IsMissing(us) ? true : ToBool(us, "unicodeWhitespace");
      counter_ = std::make_shared<tok::WordCounter>(pre_, unicodeSpace_, specials_, threads_);
    });
  }

 private:
  // What both workers share: the promise, the trainer's counter, and its busy flag, which is
  // released when the work settles either way.
  class CounterWorker : public Napi::AsyncWorker {
   public:
    CounterWorker(Napi::Env env, const char* name, NativeBpeTrainer* owner)
        : Napi::AsyncWorker(env, name),
          deferred_(Napi::Promise::Deferred::New(env)),
          counter_(owner->counter_),
          busy_(owner->busy_) {}
    Napi::Promise Promise() { return deferred_.Promise(); }
    void OnError(const Napi::Error& e) override {
      *busy_ = false;
      deferred_.Reject(e.Value());
    }

   protected:
    void Settle(Napi::Value value) {
      *busy_ = false;
      deferred_.Resolve(value);
    }
    Napi::Promise::Deferred deferred_;
    std::shared_ptr<tok::WordCounter> counter_;
    std::shared_ptr<std::atomic<bool>> busy_;
  };

  // Work for one call: either texts or file paths, counted into the shared counter.
  class CountWorker : public CounterWorker {
   public:
    CountWorker(Napi::Env env, NativeBpeTrainer* owner, std::vector<std::string> items, bool files)
        : CounterWorker(env, "lmforge.bpeCount", owner), items_(std::move(items)), files_(files) {}
    void Execute() override {
      try {
        if (files_) {
          for (const auto& path : items_) counter_->AddFile(path);
        } else {
          std::vector<std::string_view> docs(items_.begin(), items_.end());
          counter_->AddDocuments(docs);
        }
      } catch (const std::exception& e) {
        SetError(DescribeException("trainBpe", e));
      }
    }
    void OnOK() override { Settle(Env().Undefined()); }

   private:
    std::vector<std::string> items_;
    bool files_;
  };

  void Claim(Napi::Env env) {
    bool expected = false;
    if (!busy_->compare_exchange_strong(expected, true))
      throw std::runtime_error("the trainer is busy: await each addTexts/addFiles/train call before the next");
  }

  Napi::Value AddTexts(const Napi::CallbackInfo& info) { return Add(info, "texts", false); }
  Napi::Value AddFiles(const Napi::CallbackInfo& info) { return Add(info, "files", true); }

  // Counts words of texts (or of files, read on the worker) off the main thread.
  Napi::Value Add(const Napi::CallbackInfo& info, const char* argName, bool areFiles) {
    return Guard(info.Env(), "trainBpe", [&]() -> Napi::Value {
      std::vector<std::string> items = StringList(Arg(info, 0), argName);
      Claim(info.Env());
      auto* w = new CountWorker(info.Env(), this, std::move(items), areFiles);
      auto p = w->Promise();
      w->Queue();
      return p;
    });
  }

  Napi::Value Stats(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (*busy_) return env.Undefined();
    const auto& s = counter_->stats();
    auto o = Napi::Object::New(env);
    o.Set("documents", static_cast<double>(s.documents));
    o.Set("bytes", static_cast<double>(s.bytes));
    o.Set("pieces", static_cast<double>(s.pieces));
    o.Set("invalidUtf8", static_cast<double>(s.invalidUtf8));
    o.Set("uniqueWords", static_cast<double>(counter_->UniqueWords()));
    return o;
  }

  struct ProgressData {
    uint32_t done, target;
  };

  class TrainWorker : public CounterWorker {
   public:
    TrainWorker(Napi::Env env, NativeBpeTrainer* owner, tok::TrainOptions options, Napi::Function onProgress)
        : CounterWorker(env, "lmforge.bpeTrain", owner), options_(std::move(options)) {
      if (!onProgress.IsEmpty()) {
        tsfn_ = Napi::ThreadSafeFunction::New(env, onProgress, "lmforge.bpeTrainProgress", 0, 1);
        hasTsfn_ = true;
      }
    }
    ~TrainWorker() override {
      if (hasTsfn_) tsfn_.Release();
    }
    void Execute() override {
      try {
        std::function<void(uint32_t, uint32_t)> progress;
        if (hasTsfn_) {
          progress = [this](uint32_t done, uint32_t target) {
            auto* d = new ProgressData{done, target};
            napi_status st = tsfn_.NonBlockingCall(d, [](Napi::Env env, Napi::Function fn, ProgressData* d) {
              uint32_t done = d->done, target = d->target;
              delete d;
              if (env != nullptr && !fn.IsEmpty()) {
                fn.Call({Napi::Number::New(env, done), Napi::Number::New(env, target)});
              }
            });
            if (st != napi_ok) delete d;
          };
        }
        model_ = tok::TrainBpe(*counter_, options_, progress);
      } catch (const std::exception& e) {
        SetError(DescribeException("trainBpe", e));
      }
    }
    void OnOK() override {
      auto* box = new ModelBox{ModelPtr(std::move(model_))};
      Settle(Napi::External<ModelBox>::New(Env(), box, [](Napi::Env, ModelBox* b) { delete b; }));
    }

   private:
    tok::TrainOptions options_;
    Napi::ThreadSafeFunction tsfn_;
    bool hasTsfn_ = false;
    std::unique_ptr<BpeModel> model_;
  };

  // train({ vocabSize, minFrequency }, onProgress?) -> Promise<External>
  Napi::Value Train(const Napi::CallbackInfo& info) {
    return Guard(info.Env(), "trainBpe", [&]() -> Napi::Value {
      Napi::Value o = Arg(info, 0);
      tok::TrainOptions opt;
      int64_t vs = ToInt(Field(o, "vocabSize"), "vocabSize");
      if (vs < 1 || vs > 0x7FFFFFFF) ThrowTypeError(info.Env(), "vocabSize must be a positive integer");
      opt.vocabSize = static_cast<uint32_t>(vs);
      Napi::Value mf = Field(o, "minFrequency");
      int64_t minf = IsMissing(mf) ? 0 : ToInt(mf, "minFrequency");
      if (minf < 0) ThrowTypeError(info.Env(), "minFrequency must be >= 0");
      opt.minFrequency = static_cast<uint64_t>(minf);
      opt.specials = specials_;
      opt.pre = pre_;
      opt.unicodeSpace = unicodeSpace_;
      Napi::Value cb = Arg(info, 1);
      if (!IsMissing(cb) && !cb.IsFunction()) ThrowTypeError(info.Env(), "onProgress must be a function");
      Claim(info.Env());
      auto* w = new TrainWorker(info.Env(), this, opt, cb.IsFunction() ? cb.As<Napi::Function>() : Napi::Function());
      auto p = w->Promise();
      w->Queue();
      return p;
    });
  }

  tok::PreTokenizerKind pre_ = tok::PreTokenizerKind::kGpt2;
  std::vector<std::string> specials_;
  int threads_ = 1;
  bool unicodeSpace_ = true;
  std::shared_ptr<tok::WordCounter> counter_;
  std::shared_ptr<std::atomic<bool>> busy_ = std::make_shared<std::atomic<bool>>(false);
};

}  // namespace

Napi::Function DefineNativeBpeTrainer(Napi::Env env) { return NativeBpeTrainer::Define(env); }

}  // namespace lmforge
