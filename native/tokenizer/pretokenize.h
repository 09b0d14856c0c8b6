// Pre-tokenizers: hand-written scanners that split UTF-8 text into the pieces BPE runs on, each matching
// a well-known regex exactly (leftmost alternative wins, greedy runs, the same backtracking outcome) without
// a regex engine. Pieces always cover the whole input, so byte-level decoding round-trips.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lmforge::tok {

enum class PreTokenizerKind : uint8_t {
  /** GPT-2: 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+ */
  kGpt2,
  /** cl100k (as js-tiktoken writes it): ('s|'S|..|'d|'D)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+ */
  kCl100k,
  /** Whitespace only:  ?\S+|\s+(?!\S)|\s+ */
  kWhitespace,
  /** Every \p{N} is its own piece; the text between runs through the GPT-2 scanner (HF Digits + ByteLevel). */
  kDigits,
};

bool ParsePreTokenizer(const std::string& name, PreTokenizerKind* out);
const char* PreTokenizerName(PreTokenizerKind kind);

struct Piece {
  uint32_t begin;
  uint32_t len;
};

/**
 * Appends the pieces of text (offsets relative to text.data()) to out. \s is JavaScript's by default (with
 * U+FEFF, without U+0085: js-tiktoken); `unicodeSpace` switches to Unicode White_Space (U+0085, not U+FEFF),
 * which is what HF tokenizers (Oniguruma) and Python tiktoken (Rust regex) use.
 */
void PreTokenize(PreTokenizerKind kind, std::string_view text, std::vector<Piece>* out, bool unicodeSpace = false);

/**
 * Positions where text can be cut into chunks that pre-tokenize independently to the same pieces: just
 * before a '\n' that follows a non-space character (no pattern joins a non-space to a following newline,
 * and patterns only look ahead). Returns cut offsets (excluding 0 and size) about `target` bytes apart.
 */
std::vector<size_t> SafeCuts(std::string_view text, size_t target);

}  // namespace lmforge::tok
