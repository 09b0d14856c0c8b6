#include "tokenizer/byte_level.h"
#include "tokenizer/unicode.h"

namespace lmforge::tok {

const ByteLevel& Bytes() {
  static const ByteLevel table;
  return table;
}

std::string ToByteLevel(std::string_view raw) {
  const ByteLevel& bl = Bytes();
  std::string out;
  out.reserve(raw.size() * 2);
  for (unsigned char c : raw) AppendUtf8(bl.toChar[c], &out);
  return out;
}

bool FromByteLevel(std::string_view name, std::string* raw) {
  const ByteLevel& bl = Bytes();
  const unsigned char* s = reinterpret_cast<const unsigned char*>(name.data());
  raw->clear();
  for (size_t i = 0; i < name.size();) {
    int len;
    uint32_t cp = DecodeAt(s, i, name.size(), &len);
    if (cp >= 0x144 || bl.fromChar[cp] < 0) return false;
    raw->push_back(static_cast<char>(bl.fromChar[cp]));
    i += len;
  }
  return true;
}

}  // namespace lmforge::tok
