// The GPT-2 model (nanoGPT's model.py in libtorch): config, Conv1D-layout linear layers with optional LoRA,
// attention, MLP, block, model. Parameters keep Hugging Face GPT-2 names and layouts ([in, out] Conv1D
// weights), so saving and loading HF checkpoints is a copy, not a translation.
#pragma once
#include <torch/torch.h>
#include <torch/version.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace lmforge {

struct GPTConfig {
  int64_t vocab_size = 50257;
  int64_t n_positions = 1024;
  int64_t n_embd = 768;
  int64_t n_layer = 12;
  int64_t n_head = 12;
  double dropout = 0.0;
  double layer_norm_epsilon = 1e-5;
  bool tie_word_embeddings = true;
  /** Throws std::invalid_argument naming the field. */
  void Validate() const;
};

/** LoRA factors in peft's layout: A [r, in], B [out, r]; delta W (Conv1D layout) = scaling * (B A)^T. */
struct LoraAdapter {
  at::Tensor A, B;
  double scaling = 1.0;
  double dropout = 0.0;
  int64_t r = 0;
  double alpha = 0.0;
  bool merged = false;
};

/**
 * A GPT-2 Conv1D: y = x W + b with W stored [in, out]. The dense weight is the only base today; a quantized
 * base (QLoRA's NF4) slots in by giving Linear another way to compute BaseForward(), while LoRA, names and
 * the optimizer (which only sees trainable tensors) stay as they are.
 */
struct Linear {
  at::Tensor weight;  // [in, out]
  at::Tensor bias;    // [out]
  std::shared_ptr<LoraAdapter> lora;

  at::Tensor BaseForward(const at::Tensor& x2d) const { return at::addmm(bias, x2d, weight); }
  at::Tensor Forward(const at::Tensor& x, bool train) const;
  void Merge();
  void Unmerge();
};

struct LayerNorm {
  at::Tensor weight, bias;
  at::Tensor Forward(const at::Tensor& x, double eps) const {
    return at::layer_norm(x, {x.size(-1)}, weight, bias, eps, /*cudnn_enable=*/true);
  }
};

struct Block {
  LayerNorm ln_1, ln_2;
  Linear c_attn, attn_proj, c_fc, mlp_proj;
};

/** Per-layer keys and values of the tokens seen so far ([B, H, T, D]), for generation. */
struct KVCache {
  std::vector<at::Tensor> k, v;
  int64_t length = 0;
};

struct NamedTensor {
  std::string name;
  at::Tensor* tensor;
};

class GPT {
 public:
  explicit GPT(const GPTConfig& config, uint64_t seed);

  GPTConfig config;
  c10::Device device = c10::Device(c10::kCPU);
  at::Tensor wte, wpe;  // [V, C], [P, C]
  std::vector<Block> h;
  LayerNorm ln_f;
  at::Tensor lm_head;   // [V, C]; undefined when tied to wte
  /** Set while a training run or generation uses the model, so a second user gets a clear error. */
  std::atomic<bool> busy{false};

  /** Every tensor with its HF name (h.0.attn.c_attn.weight, ..., LoRA as ...c_attn.lora_A.weight). */
  std::vector<NamedTensor> NamedParameters();
  at::Tensor* FindParameter(const std::string& name);
  /** Trainable tensors: weight-decayed ones (matrices, embeddings) first, then the rest (biases, norms). */
  void TrainableParameters(std::vector<at::Tensor>& decay, std::vector<at::Tensor>& noDecay,
                           std::vector<std::string>* decayNames = nullptr, std::vector<std::string>* noDecayNames = nullptr);

  /** Final hidden states after ln_f, [B, T, C]. `cache` (optional) supplies and receives keys/values. */
  at::Tensor Hidden(const at::Tensor& idx, bool train, KVCache* cache = nullptr);
  const at::Tensor& HeadWeight() const { return lm_head.defined() ? lm_head : wte; }
  at::Tensor Logits(const at::Tensor& hidden) const { return at::matmul(hidden, HeadWeight().t()); }
  /** Mean next-token cross-entropy of idx -> targets, through the fused classifier (see FusedClassifier). */
  at::Tensor Loss(const at::Tensor& idx, const at::Tensor& targets, bool train);

  /** Frees this thread's logits buffer (kept between steps by Loss). */
  static void ReleaseWorkspace();
  void To(const c10::Device& device);
  void ResizeTokenEmbeddings(int64_t n, uint64_t seed);
  /** Names of the Linear layers, e.g. h.0.attn.c_attn, for LoRA targeting. */
  std::vector<std::pair<std::string, Linear*>> NamedLinears();

 private:
  at::Tensor Attention(const Block& b, const at::Tensor& x, bool train, KVCache* cache, int64_t layer);
  at::Tensor causalMask_;  // additive (-inf above the diagonal), for libtorch < 2.0
};

/** RAII "model in use" flag; throws when the model is already busy. */
class BusyGuard {
 public:
  BusyGuard(GPT& model, const char* what);
  ~BusyGuard();
  BusyGuard(const BusyGuard&) = delete;
  BusyGuard& operator=(const BusyGuard&) = delete;

 private:
  GPT& model_;
};

}  // namespace lmforge
