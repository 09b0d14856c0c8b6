// Training tokens: a memory-mapped .bin file (uint16 when the vocabulary fits, else uint32, as nanoGPT's
// prepare.py writes) or a copied in-memory array; batches are nanoGPT's random windows.
#pragma once
#include <torch/torch.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/safetensors.h"

namespace lmforge {

class TokenData {
 public:
  /** Maps `path`; bytesPerToken 2 (uint16) or 4 (uint32). */
  static std::shared_ptr<TokenData> FromFile(const std::string& path, int bytesPerToken, const std::string& name);
  static std::shared_ptr<TokenData> FromVector(std::vector<uint32_t> tokens, const std::string& name);

  int64_t size() const { return size_; }
  const std::string& name() const { return name_; }
  int64_t At(int64_t i) const { return bytes_ == 2 ? u16_[i] : u32_[i]; }
  /** Throws naming the first id >= vocab and its position. */
  void CheckVocab(int64_t vocab) const;
  /** Throws unless there is at least one window of contextLength + 1 tokens. */
  void CheckLength(int64_t contextLength) const;
  /** x, y: [B, T] int64 (CPU); y is x shifted by one. Windows start at randint(size - T) as nanoGPT. */
  void Batch(int64_t B, int64_t T, at::Generator& gen, at::Tensor& x, at::Tensor& y) const;

 private:
  std::string name_;
  std::unique_ptr<MappedFile> file_;
  std::vector<uint32_t> owned_;
  const uint16_t* u16_ = nullptr;
  const uint32_t* u32_ = nullptr;
  int bytes_ = 4;
  int64_t size_ = 0;
};

}  // namespace lmforge
