// Training checkpoints: one directory per save (step-00000010/) holding model.safetensors (HF names),
// optimizer.safetensors (exp_avg.<name>, exp_avg_sq.<name>, rng.*) and trainer_state.json. The directory
// is built under a temporary name and renamed into place, so a killed run leaves whole checkpoints only.
#pragma once
#include <torch/torch.h>

#include <optional>
#include <string>
#include <vector>

#include "model/gpt.h"
#include "model/safetensors.h"
#include "train/adamw.h"

namespace lmforge {

struct TrainerState {
  int64_t step = 0;
  int64_t tokens = 0;
  std::optional<double> bestValLoss;
  std::string bestCheckpoint;
  int64_t evalsWithoutImprovement = 0;
  double lossScale = 1.0;
  double elapsedMs = 0;
  int64_t maxSteps = 0;
  uint64_t seed = 0;
};

struct RngStates {
  at::Generator* data = nullptr;  // batch sampling
  at::Generator* cpu = nullptr;   // dropout (libtorch's default CPU generator)
  at::Generator* cuda = nullptr;  // dropout on CUDA, when used
};

/** checkpointDir/step-XXXXXXXX */
std::string CheckpointPath(const std::string& checkpointDir, int64_t step);

/** Writes checkpointDir/step-XXXXXXXX atomically; returns its path. */
std::string SaveCheckpoint(const std::string& checkpointDir, GPT& model, const AdamW& opt, const RngStates& rng, const TrainerState& state);

/** Removes step-* directories beyond the newest `keepLast`, never `keep` (the best one). keepLast <= 0: keep all. */
void PruneCheckpoints(const std::string& checkpointDir, int64_t keepLast, const std::string& keep);

/** A file + its entries as parsed (header) by the TypeScript side. */
struct SafetensorsSource {
  std::string path;
  int64_t dataStart = 0;
  std::vector<SafetensorsEntry> entries;
  const SafetensorsEntry* Find(const std::string& key) const {
    for (auto& e : entries)
      if (e.name == key) return &e;
    return nullptr;
  }
};

/** Restores weights, optimizer moments and RNG states; throws naming the file and key on any mismatch. */
void LoadCheckpoint(const SafetensorsSource& modelFile, const SafetensorsSource& optimizerFile, GPT& model, AdamW& opt, const RngStates& rng);

}  // namespace lmforge
