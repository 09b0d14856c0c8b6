// Autoregressive sampling with a KV cache, and per-token log-probabilities (nanoGPT's generate, plus HF's
// top-p and repetition penalty).
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "model/gpt.h"

namespace lmforge {

struct GenerateOptions {
  int64_t maxNewTokens = 32;
  double temperature = 1.0;  // 0 = greedy
  int64_t topK = 0;          // 0 = off
  double topP = 1.0;         // 1 = off
  double repetitionPenalty = 1.0;
  std::vector<int64_t> stop;
  uint64_t seed = 0;
};

/** New tokens only. Runs on the calling thread; hold a BusyGuard. */
std::vector<int64_t> Generate(GPT& model, const std::vector<int64_t>& prompt, const GenerateOptions& options);

/** result[i] = log p(ids[i+1] | ids[0..i]). */
std::vector<float> TokenLogProbs(GPT& model, const std::vector<int64_t>& ids);

}  // namespace lmforge
