// AdamW (decoupled weight decay, PyTorch's formula) and the learning-rate schedules, built for a hot loop:
// on CPU one fused pass per tensor updates m, v and the weights with the clipping factor folded in; on other
// devices the update is a few _foreach ops with host scalars and the clip factor stays a device tensor, so
// no step needs a host sync.
#pragma once
#include <torch/torch.h>

#include <string>
#include <vector>

namespace lmforge {

struct AdamWOptions {
  double beta1 = 0.9, beta2 = 0.95, eps = 1e-8, weightDecay = 0.1;
};

class AdamW {
 public:
  AdamW(std::vector<at::Tensor> decay, std::vector<at::Tensor> noDecay, std::vector<std::string> decayNames, std::vector<std::string> noDecayNames,
        AdamWOptions options);

  /** L2 norm of all gradients as a 0-dim device tensor (missing grads count as zero). */
  at::Tensor GradNorm() const;
  /** One update with learning rate `lr`; gradients are multiplied by `gradScale` (clip factor, 0-dim tensor) first. */
  void Step(double lr, const at::Tensor& gradScale);
  void ZeroGrad();

  int64_t step = 0;
  const std::vector<at::Tensor>& params() const { return params_; }
  const std::vector<std::string>& names() const { return names_; }
  std::vector<at::Tensor> exp_avg, exp_avg_sq;

 private:
  std::vector<at::Tensor> params_;
  std::vector<std::string> names_;
  std::vector<bool> decays_;
  AdamWOptions o_;
};

struct Schedule {
  std::string kind = "cosine";  // cosine | linear | constant
  double lr = 6e-4, minLr = 6e-5;
  int64_t warmupSteps = 0, maxSteps = 1;
  /** nanoGPT's get_lr: linear warmup lr*(it+1)/(warmup+1), then decay to minLr at maxSteps. */
  double At(int64_t step) const;
};

}  // namespace lmforge
