// BPE training. WordCounter pre-tokenizes documents in parallel (each thread counts pieces of its chunks in
// a private map, then the maps are folded into one). Train() then runs the merge loop on the unique words:
// pair counts are kept incrementally, each pair knows the words it occurs in, and a max-heap with lazy
// re-validation picks the next merge, so no merge recounts the corpus. Ties go to the smaller (left, right)
// id pair, which makes the result deterministic for a given input and settings.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>
#include "tokenizer/bpe_model.h"
#include "tokenizer/hash.h"
#include "tokenizer/pretokenize.h"

namespace lmforge::tok {

struct CountStats {
  uint64_t documents = 0;
  uint64_t bytes = 0;
  uint64_t pieces = 0;
  /** Invalid UTF-8 sequences replaced with U+FFFD while reading files. */
  uint64_t invalidUtf8 = 0;
};

class WordCounter {
 public:
  WordCounter(PreTokenizerKind pre, bool unicodeSpace, std::vector<std::string> specials, int threads);

  /** Counts the pieces of each document (valid UTF-8). Special tokens are cut out and not counted. */
  void AddDocuments(const std::vector<std::string_view>& docs);
  /** Reads, sanitizes and counts a file; throws std::runtime_error naming the file when unreadable. */
  void AddFile(const std::string& path);

  const CountStats& stats() const { return stats_; }
  size_t UniqueWords() const { return counts_.size(); }
  /** (word, count) pairs, sorted by word bytes. */
  std::vector<std::pair<std::string_view, uint64_t>> SortedWords() const;

 private:
  std::string_view Keep(std::string_view key);

  PreTokenizerKind pre_;
  bool unicodeSpace_;
  std::vector<std::string> specials_;
  int threads_;
  StrMap counts_{1 << 16};
  std::vector<std::unique_ptr<char[]>> arena_;
  size_t arenaUsed_ = 0, arenaSize_ = 0;
  CountStats stats_;
};

struct TrainOptions {
  uint32_t vocabSize = 30000;
  uint64_t minFrequency = 0;
  std::vector<std::string> specials;
  PreTokenizerKind pre = PreTokenizerKind::kGpt2;
  bool unicodeSpace = true;
};

/** progress(mergesDone, mergesTarget) is called every few hundred merges from the training thread. */
std::unique_ptr<BpeModel> TrainBpe(const WordCounter& counter, const TrainOptions& options,
                                   const std::function<void(uint32_t, uint32_t)>& progress);

}  // namespace lmforge::tok
