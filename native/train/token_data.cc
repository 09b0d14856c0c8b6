#include "train/token_data.h"

#include <stdexcept>

namespace lmforge {

std::shared_ptr<TokenData> TokenData::FromFile(const std::string& path, int bytesPerToken, const std::string& name) {
  if (bytesPerToken != 2 && bytesPerToken != 4) throw std::invalid_argument(name + ": token width must be 2 (uint16) or 4 (uint32) bytes");
  auto d = std::make_shared<TokenData>();
  d->name_ = name + " (" + path + ")";
  d->file_ = std::make_unique<MappedFile>(path);
  if (d->file_->size() % bytesPerToken != 0)
    throw std::invalid_argument(path + ": size " + std::to_string(d->file_->size()) + " is not a multiple of " + std::to_string(bytesPerToken) +
                                " bytes; is the token dtype right (uint16 vs uint32)?");
  d->bytes_ = bytesPerToken;
  d->size_ = d->file_->size() / bytesPerToken;
  if (bytesPerToken == 2)
    d->u16_ = reinterpret_cast<const uint16_t*>(d->file_->data());
  else
    d->u32_ = reinterpret_cast<const uint32_t*>(d->file_->data());
  return d;
}

std::shared_ptr<TokenData> TokenData::FromVector(std::vector<uint32_t> tokens, const std::string& name) {
  auto d = std::make_shared<TokenData>();
  d->name_ = name;
  d->owned_ = std::move(tokens);
  d->u32_ = d->owned_.data();
  d->bytes_ = 4;
  d->size_ = static_cast<int64_t>(d->owned_.size());
  return d;
}

void TokenData::CheckVocab(int64_t vocab) const {
  for (int64_t i = 0; i < size_; i++) {
    int64_t t = At(i);
    if (t >= vocab)
      throw std::invalid_argument(name_ + ": token id " + std::to_string(t) + " at position " + std::to_string(i) + " is >= the model's vocabSize " +
                                  std::to_string(vocab) + " (was it tokenized with another tokenizer?)");
  }
}

void TokenData::CheckLength(int64_t T) const {
  if (size_ < T + 1)
    throw std::invalid_argument(name_ + " has " + std::to_string(size_) + " tokens; it needs at least contextLength + 1 = " + std::to_string(T + 1));
}

void TokenData::Batch(int64_t B, int64_t T, at::Generator& gen, at::Tensor& x, at::Tensor& y) const {
  // nanoGPT: ix = torch.randint(len(data) - block_size, (batch_size,))
  at::Tensor ix = at::randint(size_ - T, {B}, gen, at::TensorOptions().dtype(at::kLong));
  if (!x.defined() || x.size(0) != B || x.size(1) != T || x.use_count() > 1) x = at::empty({B, T}, at::kLong);
  if (!y.defined() || y.size(0) != B || y.size(1) != T || y.use_count() > 1) y = at::empty({B, T}, at::kLong);
  const int64_t* starts = ix.data_ptr<int64_t>();
  int64_t* xp = x.data_ptr<int64_t>();
  int64_t* yp = y.data_ptr<int64_t>();
  for (int64_t b = 0; b < B; b++) {
    const int64_t s = starts[b];
    for (int64_t t = 0; t < T; t++) {
      xp[b * T + t] = At(s + t);
      yp[b * T + t] = At(s + t + 1);
    }
  }
}

}  // namespace lmforge
