// GPT-2 in libtorch, read top to bottom like nanoGPT's model.py: config, linear (+LoRA), attention, MLP,
// block, model, loss. Weights use Hugging Face GPT-2 names and the Conv1D [in, out] layout.
#include "model/gpt.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/autocast_mode.h>

#include <cmath>
#include <stdexcept>

namespace lmforge {

void GPTConfig::Validate() const {
  auto positive = [](int64_t v, const char* name) {
    if (v <= 0) throw std::invalid_argument(std::string(name) + " must be a positive integer, got " + std::to_string(v));
  };
  positive(vocab_size, "vocabSize");
  positive(n_positions, "nPositions");
  positive(n_embd, "nEmbd");
  positive(n_layer, "nLayer");
  positive(n_head, "nHead");
  if (n_embd % n_head != 0)
    throw std::invalid_argument("nEmbd (" + std::to_string(n_embd) + ") must be divisible by nHead (" + std::to_string(n_head) + ")");
  if (!(dropout >= 0.0 && dropout < 1.0)) throw std::invalid_argument("dropout must be in [0, 1), got " + std::to_string(dropout));
  if (!(layer_norm_epsilon > 0.0)) throw std::invalid_argument("layerNormEpsilon must be > 0");
}

// ---------- Linear (GPT-2 Conv1D) with optional LoRA ----------

at::Tensor Linear::Forward(const at::Tensor& x, bool train) const {
  auto sizes = x.sizes().vec();
  at::Tensor x2d = x.reshape({-1, sizes.back()});
  at::Tensor out = BaseForward(x2d);
  if (lora && !lora->merged) {
    at::Tensor xd = (train && lora->dropout > 0) ? at::dropout(x2d, lora->dropout, true) : x2d;
    // peft: base(x) + B(A(dropout(x))) * scaling
    out = at::addmm(out, at::mm(xd, lora->A.t()), lora->B.t(), 1.0, lora->scaling);
  }
  sizes.back() = out.size(-1);
  return out.view(sizes);
}

void Linear::Merge() {
  if (!lora || lora->merged) return;
  at::NoGradGuard ng;
  weight.add_(at::mm(lora->B, lora->A).t(), lora->scaling);
  lora->merged = true;
}

void Linear::Unmerge() {
  if (!lora || !lora->merged) return;
  at::NoGradGuard ng;
  weight.sub_(at::mm(lora->B, lora->A).t(), lora->scaling);
  lora->merged = false;
}

// ---------- model ----------

GPT::GPT(const GPTConfig& cfg, uint64_t seed) : config(cfg) {
  config.Validate();
  const int64_t V = config.vocab_size, P = config.n_positions, C = config.n_embd;
  auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  auto normal = [&](std::vector<int64_t> shape, double std) { return at::empty(shape, at::kFloat).normal_(0.0, std, gen); };
  auto zeros = [](int64_t n) { return at::zeros({n}, at::kFloat); };
  auto ones = [](int64_t n) { return at::ones({n}, at::kFloat); };
  // GPT-2 init: N(0, 0.02) everywhere, residual projections scaled by 1/sqrt(2 * n_layer) (nanoGPT, GPT-2 paper).
  const double projStd = 0.02 / std::sqrt(2.0 * static_cast<double>(config.n_layer));
  wte = normal({V, C}, 0.02);
  wpe = normal({P, C}, 0.02);
  h.resize(config.n_layer);
  for (auto& b : h) {
    b.ln_1 = {ones(C), zeros(C)};
    b.c_attn = {normal({C, 3 * C}, 0.02), zeros(3 * C), nullptr};
    b.attn_proj = {normal({C, C}, projStd), zeros(C), nullptr};
    b.ln_2 = {ones(C), zeros(C)};
    b.c_fc = {normal({C, 4 * C}, 0.02), zeros(4 * C), nullptr};
    b.mlp_proj = {normal({4 * C, C}, projStd), zeros(C), nullptr};
  }
  ln_f = {ones(C), zeros(C)};
  if (!config.tie_word_embeddings) lm_head = normal({V, C}, 0.02);
  for (auto& p : NamedParameters()) p.tensor->set_requires_grad(true);
}

std::vector<NamedTensor> GPT::NamedParameters() {
  std::vector<NamedTensor> out;
  out.push_back({"wte.weight", &wte});
  out.push_back({"wpe.weight", &wpe});
  auto linear = [&](const std::string& prefix, Linear& l) {
    out.push_back({prefix + ".weight", &l.weight});
    out.push_back({prefix + ".bias", &l.bias});
    if (l.lora) {
      out.push_back({prefix + ".lora_A.weight", &l.lora->A});
      out.push_back({prefix + ".lora_B.weight", &l.lora->B});
    }
  };
  for (size_t i = 0; i < h.size(); i++) {
    const std::string p = "h." + std::to_string(i) + ".";
    out.push_back({p + "ln_1.weight", &h[i].ln_1.weight});
    out.push_back({p + "ln_1.bias", &h[i].ln_1.bias});
    linear(p + "attn.c_attn", h[i].c_attn);
    linear(p + "attn.c_proj", h[i].attn_proj);
    out.push_back({p + "ln_2.weight", &h[i].ln_2.weight});
    out.push_back({p + "ln_2.bias", &h[i].ln_2.bias});
    linear(p + "mlp.c_fc", h[i].c_fc);
    linear(p + "mlp.c_proj", h[i].mlp_proj);
  }
  out.push_back({"ln_f.weight", &ln_f.weight});
  out.push_back({"ln_f.bias", &ln_f.bias});
  if (lm_head.defined()) out.push_back({"lm_head.weight", &lm_head});
  return out;
}

at::Tensor* GPT::FindParameter(const std::string& name) {
  for (auto& p : NamedParameters())
    if (p.name == name) return p.tensor;
  return nullptr;
}

std::vector<std::pair<std::string, Linear*>> GPT::NamedLinears() {
  std::vector<std::pair<std::string, Linear*>> out;
  for (size_t i = 0; i < h.size(); i++) {
    const std::string p = "h." + std::to_string(i) + ".";
    out.push_back({p + "attn.c_attn", &h[i].c_attn});
    out.push_back({p + "attn.c_proj", &h[i].attn_proj});
    out.push_back({p + "mlp.c_fc", &h[i].c_fc});
    out.push_back({p + "mlp.c_proj", &h[i].mlp_proj});
  }
  return out;
}

void GPT::TrainableParameters(std::vector<at::Tensor>& decay, std::vector<at::Tensor>& noDecay, std::vector<std::string>* decayNames,
                              std::vector<std::string>* noDecayNames) {
  // nanoGPT's rule: every >= 2-D tensor (matmul weights, embeddings, LoRA factors) decays; biases and norms don't.
  for (auto& p : NamedParameters()) {
    if (!p.tensor->requires_grad()) continue;
    if (p.tensor->dim() >= 2) {
      decay.push_back(*p.tensor);
      if (decayNames) decayNames->push_back(p.name);
    } else {
      noDecay.push_back(*p.tensor);
      if (noDecayNames) noDecayNames->push_back(p.name);
    }
  }
}

void GPT::To(const c10::Device& d) {
  if (d == device) return;
  for (auto& p : NamedParameters()) {
    bool rg = p.tensor->requires_grad();
    *p.tensor = p.tensor->detach().to(d).set_requires_grad(rg);
  }
  causalMask_ = at::Tensor();
  device = d;
}

void GPT::ResizeTokenEmbeddings(int64_t n, uint64_t seed) {
  if (n <= 0) throw std::invalid_argument("n must be a positive integer, got " + std::to_string(n));
  at::NoGradGuard ng;
  auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  auto resize = [&](at::Tensor& t) {
    bool rg = t.requires_grad();
    // New rows get the GPT-2 init, N(0, 0.02), as transformers' resize_token_embeddings does.
    at::Tensor fresh = at::empty({n, config.n_embd}, at::kFloat).normal_(0.0, 0.02, gen).to(device);
    int64_t keep = std::min(n, t.size(0));
    fresh.narrow(0, 0, keep).copy_(t.narrow(0, 0, keep));
    t = fresh.set_requires_grad(rg);
  };
  resize(wte);
  if (lm_head.defined()) resize(lm_head);
  config.vocab_size = n;
}

at::Tensor GPT::Attention(const Block& b, const at::Tensor& x, bool train, KVCache* cache, int64_t layer) {
  const int64_t B = x.size(0), T = x.size(1), C = config.n_embd, H = config.n_head, D = C / H;
  const double p = train ? config.dropout : 0.0;
  // q, k, v for all heads from one matmul, rearranged to [3, B, H, T, D] in one copy.
  at::Tensor qkv = b.c_attn.Forward(x, train).view({B, T, 3, H, D}).permute({2, 0, 3, 1, 4}).contiguous();
  at::Tensor q = qkv[0], k = qkv[1], v = qkv[2];
  if (cache) {
    if (static_cast<int64_t>(cache->k.size()) <= layer) {
      cache->k.resize(layer + 1);
      cache->v.resize(layer + 1);
    }
    if (cache->k[layer].defined()) {
      k = at::cat({cache->k[layer], k}, 2);
      v = at::cat({cache->v[layer], v}, 2);
    }
    cache->k[layer] = k;
    cache->v[layer] = v;
  }
  const int64_t Tk = k.size(2);
  at::Tensor y;
#if TORCH_VERSION_MAJOR >= 2
  if (T == 1 || T == Tk) {
    y = at::scaled_dot_product_attention(q, k, v, {}, p, /*is_causal=*/T > 1);
  } else {
    // Queries are the last T of Tk positions: causal mask aligned bottom-right.
    at::Tensor mask = at::ones({T, Tk}, x.options().dtype(at::kBool)).tril(Tk - T);
    y = at::scaled_dot_product_attention(q, k, v, mask, p, false);
  }
#else
  // libtorch 1.13 has no public fused attention: scores = mask + scale * q k^T in one baddbmm (the additive
  // -inf mask replaces nanoGPT's separate scale and masked_fill passes), softmax, dropout, @ v.
  const double scale = 1.0 / std::sqrt(static_cast<double>(D));
  at::Tensor q3 = q.reshape({B * H, T, D}), k3 = k.reshape({B * H, Tk, D}), v3 = v.reshape({B * H, Tk, D});
  at::Tensor att;
  if (T > 1) {
    if (!causalMask_.defined() || causalMask_.scalar_type() != q.scalar_type()) {
      const int64_t P = config.n_positions;
      causalMask_ = at::full({P, P}, -std::numeric_limits<float>::infinity(), q.options()).triu(1);
    }
    at::Tensor mask = causalMask_.narrow(0, Tk - T, T).narrow(1, 0, Tk);
    att = at::baddbmm(mask.expand({B * H, T, Tk}), q3, k3.transpose(1, 2), 1.0, scale);
  } else {
    att = at::bmm(q3, k3.transpose(1, 2)).mul_(scale);
  }
  att = at::_softmax(att, -1, false);
  if (p > 0) att = at::dropout(att, p, true);
  y = at::bmm(att, v3).view({B, H, T, D});
#endif
  y = y.transpose(1, 2).reshape({B, T, C});
  y = b.attn_proj.Forward(y, train);
  return p > 0 ? at::dropout(y, p, true) : y;
}

at::Tensor GPT::Hidden(const at::Tensor& idx, bool train, KVCache* cache) {
  const int64_t T = idx.size(1);
  const int64_t offset = cache ? cache->length : 0;
  if (offset + T > config.n_positions)
    throw std::invalid_argument("sequence length " + std::to_string(offset + T) + " exceeds nPositions " + std::to_string(config.n_positions));
  const double p = train ? config.dropout : 0.0;
  at::Tensor x = at::embedding(wte, idx) + wpe.narrow(0, offset, T);
  if (p > 0) x = at::dropout(x, p, true);
  const double eps = config.layer_norm_epsilon;
  for (size_t i = 0; i < h.size(); i++) {
    const Block& b = h[i];
    x = x + Attention(b, b.ln_1.Forward(x, eps), train, cache, static_cast<int64_t>(i));
    at::Tensor m = b.mlp_proj.Forward(at::gelu(b.c_fc.Forward(b.ln_2.Forward(x, eps), train), "tanh"), train);
    x = x + (p > 0 ? at::dropout(m, p, true) : m);
  }
  if (cache) cache->length += T;
  return ln_f.Forward(x, eps);
}

// ---------- fused classifier ----------

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

/**
 * lm_head matmul + softmax cross-entropy in one autograd node (llm.c's fused classifier): the [N, V] logits
 * buffer is turned into softmax in place and then into d loss / d logits (softmax - onehot) during forward,
 * so no log-softmax copy, no zero-filled one-hot grad and no separate softmax backward pass touch memory.
 * The buffer is reused across steps (the model keeps it), which also saves re-faulting ~N*V*4 bytes per step.
 */
class FusedClassifier : public torch::autograd::Function<FusedClassifier> {
 public:
  static at::Tensor forward(AutogradContext* ctx, const at::Tensor& x, const at::Tensor& w, const at::Tensor& targets, at::Tensor logits,
                            int64_t computeDtype) {
    const auto dt = static_cast<at::ScalarType>(computeDtype);
    const int64_t N = x.size(0);
    if (dt == at::kFloat && x.scalar_type() == at::kFloat) {
      at::mm_out(logits, x, w.t());
    } else {
      logits.copy_(at::mm(x.to(dt), w.to(dt).t()));
    }
    at::Tensor t1 = targets.unsqueeze(1);
    auto mx = logits.max(1);
    at::Tensor zmax = std::get<0>(mx), argmax = std::get<1>(mx);
    at::Tensor zt = logits.gather(1, t1).squeeze(1);
    at::_softmax_out(logits, logits, 1, false);
    // log-sum-exp = max - log p(argmax); p(argmax) >= 1/V never underflows, unlike p(target).
    at::Tensor pmax = logits.gather(1, argmax.unsqueeze(1)).squeeze(1);
    at::Tensor loss = (zmax - pmax.log() - zt).mean();
    logits.scatter_add_(1, t1, at::full({N, 1}, -1.0, logits.options()));
    ctx->save_for_backward({x, w});
    ctx->saved_data["dlogits"] = logits;
    ctx->saved_data["dt"] = computeDtype;
    return loss;
  }

  static variable_list backward(AutogradContext* ctx, variable_list grads) {
    auto saved = ctx->get_saved_variables();
    const at::Tensor& x = saved[0];
    const at::Tensor& w = saved[1];
    at::Tensor dlogits = ctx->saved_data["dlogits"].toTensor();
    const auto dt = static_cast<at::ScalarType>(ctx->saved_data["dt"].toInt());
    at::Tensor scale = grads[0] / static_cast<double>(x.size(0));  // d mean / d loss_i, times upstream grad
    at::Tensor dx, dw;
    if (dt == at::kFloat) {
      if (ctx->needs_input_grad(0)) dx = at::mm(dlogits, w).mul_(scale);
      if (ctx->needs_input_grad(1)) dw = at::mm(dlogits.t(), x).mul_(scale);
    } else {
      at::Tensor dl = dlogits.to(dt);
      if (ctx->needs_input_grad(0)) dx = at::mm(dl, w.to(dt)).to(x.scalar_type()).mul_(scale);
      if (ctx->needs_input_grad(1)) dw = at::mm(dl.t(), x.to(dt)).to(w.scalar_type()).mul_(scale);
    }
    return {dx, dw, at::Tensor(), at::Tensor(), at::Tensor()};
  }
};

thread_local at::Tensor logitsWorkspace;

}  // namespace

void GPT::ReleaseWorkspace() { logitsWorkspace = at::Tensor(); }

at::Tensor GPT::Loss(const at::Tensor& idx, const at::Tensor& targets, bool train) {
  at::Tensor hidden = Hidden(idx, train);
  const int64_t N = hidden.size(0) * hidden.size(1), V = HeadWeight().size(0);
  at::Tensor x = hidden.reshape({N, hidden.size(2)});
  at::Tensor& ws = logitsWorkspace;
  // Reuse the buffer only when no autograd graph still holds it (use_count 1 = only us).
  if (!ws.defined() || ws.use_count() > 1 || ws.size(0) != N || ws.size(1) != V || ws.device() != x.device()) {
    ws = at::Tensor();
    ws = at::empty({N, V}, x.options().dtype(at::kFloat));
  }
  int64_t dt = static_cast<int64_t>(x.scalar_type());
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
  if (at::autocast::is_autocast_enabled(x.device().type())) dt = static_cast<int64_t>(at::autocast::get_autocast_dtype(x.device().type()));
#else
  if (x.is_cuda() && at::autocast::is_enabled()) dt = static_cast<int64_t>(at::autocast::get_autocast_gpu_dtype());
  if (x.is_cpu() && at::autocast::is_cpu_enabled()) dt = static_cast<int64_t>(at::autocast::get_autocast_cpu_dtype());
#endif
  return FusedClassifier::apply(x, HeadWeight(), targets.reshape({N}), ws, dt);
}

BusyGuard::BusyGuard(GPT& model, const char* what) : model_(model) {
  bool expected = false;
  if (!model.busy.compare_exchange_strong(expected, true))
    throw std::runtime_error(std::string("the model is in use by a training run or another call; wait for it before ") + what);
}
BusyGuard::~BusyGuard() { model_.busy.store(false); }

}  // namespace lmforge
