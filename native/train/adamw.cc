#include "train/adamw.h"

#include <ATen/Parallel.h>

#include <cmath>
#include <stdexcept>

namespace lmforge {

namespace {

// One pass over a float tensor: g' = g * scale; m = b1 m + (1-b1) g'; v = b2 v + (1-b2) g'^2;
// p = p (1 - lr wd) - (lr / bc1) m / (sqrt(v) / sqrt(bc2) + eps)  -- torch.optim.AdamW's arithmetic.
__attribute__((optimize("no-math-errno"))) void AdamWKernel(float* __restrict p, const float* __restrict g, float* __restrict m,
                                                             float* __restrict v, int64_t n, float scale, float b1, float b2, float decay,
                                                             float stepSize, float bc2Sqrt, float eps) {
  const float c1 = 1.0f - b1, c2 = 1.0f - b2;
  for (int64_t i = 0; i < n; i++) {
    const float gi = g[i] * scale;
    const float mi = b1 * m[i] + c1 * gi;
    const float vi = b2 * v[i] + c2 * gi * gi;
    m[i] = mi;
    v[i] = vi;
    p[i] = p[i] * decay - stepSize * mi / (std::sqrt(vi) / bc2Sqrt + eps);
  }
}

}  // namespace

AdamW::AdamW(std::vector<at::Tensor> decay, std::vector<at::Tensor> noDecay, std::vector<std::string> decayNames,
             std::vector<std::string> noDecayNames, AdamWOptions options)
    : o_(options) {
  for (size_t i = 0; i < decay.size(); i++) {
    params_.push_back(decay[i]);
    names_.push_back(decayNames[i]);
    decays_.push_back(true);
  }
  for (size_t i = 0; i < noDecay.size(); i++) {
    params_.push_back(noDecay[i]);
    names_.push_back(noDecayNames[i]);
    decays_.push_back(false);
  }
  if (params_.empty()) throw std::invalid_argument("the model has no trainable parameters");
  for (auto& p : params_) {
    exp_avg.push_back(at::zeros_like(p, at::MemoryFormat::Contiguous));
    exp_avg_sq.push_back(at::zeros_like(p, at::MemoryFormat::Contiguous));
  }
}

at::Tensor AdamW::GradNorm() const {
  std::vector<at::Tensor> norms;
  for (auto& p : params_)
    if (p.grad().defined()) norms.push_back(at::linalg_vector_norm(p.grad(), 2, c10::nullopt, false, at::kFloat));
  if (norms.empty()) return at::zeros({}, params_[0].options().dtype(at::kFloat));
  return at::linalg_vector_norm(at::stack(norms), 2);
}

void AdamW::ZeroGrad() {
  // set_to_none: the next backward writes fresh gradients instead of accumulating into zeroed ones.
  for (auto& p : params_) p.mutable_grad().reset();
}

void AdamW::Step(double lr, const at::Tensor& gradScale) {
  at::NoGradGuard ng;
  step++;
  const double bc1 = 1.0 - std::pow(o_.beta1, static_cast<double>(step));
  const double bc2 = 1.0 - std::pow(o_.beta2, static_cast<double>(step));
  const double stepSize = lr / bc1, bc2Sqrt = std::sqrt(bc2);
  const bool cpu = params_[0].is_cpu();
  if (cpu) {
    const float scale = gradScale.item<float>();  // free on CPU: there is no device to wait for
    for (size_t i = 0; i < params_.size(); i++) {
      at::Tensor& p = params_[i];
      const at::Tensor& g = p.grad();
      if (!g.defined()) continue;
      TORCH_CHECK(p.scalar_type() == at::kFloat && p.is_contiguous(), "AdamW expects contiguous float32 parameters");
      at::Tensor gc = g.contiguous();
      float* pp = p.data_ptr<float>();
      const float* gp = gc.data_ptr<float>();
      float* mp = exp_avg[i].data_ptr<float>();
      float* vp = exp_avg_sq[i].data_ptr<float>();
      const float decay = decays_[i] ? static_cast<float>(1.0 - lr * o_.weightDecay) : 1.0f;
      at::parallel_for(0, p.numel(), 32768, [&](int64_t b, int64_t e) {
        AdamWKernel(pp + b, gp + b, mp + b, vp + b, e - b, scale, static_cast<float>(o_.beta1), static_cast<float>(o_.beta2), decay,
                    static_cast<float>(stepSize), static_cast<float>(bc2Sqrt), static_cast<float>(o_.eps));
      });
    }
    return;
  }
  std::vector<at::Tensor> ps, gs, ms, vs, decayed;
  for (size_t i = 0; i < params_.size(); i++) {
    if (!params_[i].grad().defined()) continue;
    params_[i].grad().mul_(gradScale);  // device tensor: no sync
    ps.push_back(params_[i]);
    gs.push_back(params_[i].grad());
    ms.push_back(exp_avg[i]);
    vs.push_back(exp_avg_sq[i]);
    if (decays_[i]) decayed.push_back(params_[i]);
  }
  if (!decayed.empty()) at::_foreach_mul_(decayed, 1.0 - lr * o_.weightDecay);
  at::_foreach_mul_(ms, o_.beta1);
  at::_foreach_add_(ms, gs, 1.0 - o_.beta1);
  at::_foreach_mul_(vs, o_.beta2);
  at::_foreach_addcmul_(vs, gs, gs, 1.0 - o_.beta2);
  auto denom = at::_foreach_sqrt(vs);
  at::_foreach_div_(denom, bc2Sqrt);
  at::_foreach_add_(denom, o_.eps);
  at::_foreach_addcdiv_(ps, ms, denom, -stepSize);
}

double Schedule::At(int64_t it) const {
  if (it < warmupSteps) return lr * static_cast<double>(it + 1) / static_cast<double>(warmupSteps + 1);
  if (kind == "constant") return lr;
  if (maxSteps <= warmupSteps) return lr;
  double ratio = static_cast<double>(it - warmupSteps) / static_cast<double>(maxSteps - warmupSteps);
  ratio = std::min(1.0, std::max(0.0, ratio));
  if (kind == "linear") return lr - (lr - minLr) * ratio;
  const double coeff = 0.5 * (1.0 + std::cos(M_PI * ratio));
  return minLr + coeff * (lr - minLr);
}

}  // namespace lmforge
