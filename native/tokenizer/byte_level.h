// GPT-2's byte-level alphabet: each byte maps to one printable code point (printable ASCII and Latin-1 map to
// themselves, the rest to U+0100..U+0143), so any byte string is a valid, visible Unicode token name. Tokens
// are kept as raw bytes inside; these names appear only in vocab files and idToToken/tokenToId.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace lmforge::tok {

struct ByteLevel {
  uint32_t toChar[256];
  int16_t fromChar[0x144];  // code point -> byte, -1 when not part of the alphabet
  /** The 256 bytes in the order of their code points (GPT-2's encoder.json order for ids 0..255). */
  uint8_t byOrder[256];

  ByteLevel() {
    for (auto& v : fromChar) v = -1;
    int n = 0;
    for (int b = 0; b < 256; b++) {
      bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      toChar[b] = printable ? static_cast<uint32_t>(b) : static_cast<uint32_t>(256 + n++);
      fromChar[toChar[b]] = static_cast<int16_t>(b);
    }
    int k = 0;
    for (uint32_t cp = 0; cp < 0x144; cp++)
      if (fromChar[cp] >= 0) byOrder[k++] = static_cast<uint8_t>(fromChar[cp]);
  }
};

const ByteLevel& Bytes();

/** Raw bytes -> byte-level name (UTF-8). */
std::string ToByteLevel(std::string_view raw);
/** Byte-level name (UTF-8) -> raw bytes; false when a character is outside the alphabet. */
bool FromByteLevel(std::string_view name, std::string* raw);

}  // namespace lmforge::tok
