// The byte-level BPE model: vocabulary (raw byte strings), ranked merges, special tokens and the
// pre-tokenizer choice. Encoding = split out special tokens -> pre-tokenize -> merge each piece's bytes by
// rank (lowest rank first, leftmost on ties: GPT-2's rule) with a per-thread cache of piece -> ids.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>
#include "tokenizer/hash.h"
#include "tokenizer/pretokenize.h"

namespace lmforge::tok {

/** Piece -> ids memo for one thread. Keys live in an append-only arena so map views never dangle. */
class EncodeCache {
 public:
  const uint32_t* Find(std::string_view piece, uint32_t* count) const;
  void Insert(std::string_view piece, const uint32_t* ids, uint32_t count);

 private:
  void Reset();
  StrMap map_{1 << 14};
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t blockUsed_ = 0, blockSize_ = 0;
  std::vector<uint32_t> ids_;
};

class BpeModel {
 public:
  /** Token bytes by id (special tokens: their UTF-8 text). */
  std::vector<std::string> tokens;
  /** 1 where the token is special: matched in the raw text before pre-tokenization and never split. */
  std::vector<uint8_t> special;
  /** Merges in rank order: (left id, right id, merged id). */
  std::vector<uint32_t> merges;
  PreTokenizerKind pre = PreTokenizerKind::kGpt2;
  /** A piece that is itself a token is emitted whole without merging (HF ignore_merges, Llama-3). */
  bool ignoreMerges = false;
  /** Prepend a space to each text segment that does not start with one (HF ByteLevel add_prefix_space). */
  bool addPrefixSpace = false;
  /** \s as Unicode White_Space (HF, Python tiktoken) instead of JavaScript's (js-tiktoken). */
  bool unicodeSpace = true;

  /** Builds the lookup structures; throws std::runtime_error naming the problem. Call after any change. */
  void Finalize();
  /** A finalized copy of the data (models are shared read-only by worker threads; changes go to a copy). */
  std::unique_ptr<BpeModel> Clone() const;

  uint32_t Size() const { return static_cast<uint32_t>(tokens.size()); }
  /** Id of a raw token (non-special), or -1. */
  int64_t FindRaw(std::string_view raw) const;
  /** Id of a special token by text, or -1. */
  int64_t FindSpecial(std::string_view text) const;

  void Encode(std::string_view text, std::vector<uint32_t>* out, EncodeCache* cache) const;
  /** Encodes one pre-tokenized piece (no special-token matching). */
  void EncodePiece(std::string_view piece, std::vector<uint32_t>* out, EncodeCache* cache) const;
  /** Appends the bytes of ids; false if an id is out of range (`bad` receives it). */
  bool Decode(const uint32_t* ids, size_t n, bool skipSpecial, std::string* out, uint32_t* bad) const;

  /** Lends a cache to a worker thread (and takes it back), so caches persist across batches. */
  std::unique_ptr<EncodeCache> BorrowCache() const;
  void ReturnCache(std::unique_ptr<EncodeCache> cache) const;

 private:
  void EncodeOrdinary(std::string_view text, std::vector<uint32_t>* out, EncodeCache* cache) const;
  void MergeBytes(std::string_view piece, std::vector<uint32_t>* out) const;

  static constexpr uint32_t kNoByte = ~0u;
  StrMap vocab_{1024};       // raw bytes -> id, non-special tokens
  U64Map pairs_{1024};       // (left << 32 | right) -> (rank << 32 | merged)
  uint32_t byteId_[256] = {};
  std::vector<uint32_t> specialIds_;  // longest first, so a longer special wins at the same position
  mutable std::mutex poolMutex_;
  mutable std::vector<std::unique_ptr<EncodeCache>> pool_;
};

}  // namespace lmforge::tok
