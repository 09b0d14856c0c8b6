#include "tokenizer/unicode.h"
#include <vector>

namespace lmforge::tok {

#include "tokenizer/unicode_tables.inc"

static std::vector<uint8_t> BuildBmp() {
  std::vector<uint8_t> t(0x10000, kOther);
  for (uint32_t r = 0; r < kUnicodeRangeCount; r++) {
    if (kUnicodeRanges[r][0] >= 0x10000) break;
    uint32_t last = kUnicodeRanges[r][1] < 0x10000 ? kUnicodeRanges[r][1] : 0xFFFF;
    for (uint32_t cp = kUnicodeRanges[r][0]; cp <= last; cp++) t[cp] = static_cast<uint8_t>(kUnicodeRanges[r][2]);
  }
  return t;
}

static const std::vector<uint8_t>& BmpTable() {
  static const std::vector<uint8_t> table = BuildBmp();
  return table;
}
const uint8_t* const kBmpClass = BmpTable().data();

CharClass ClassOfSlow(uint32_t cp) {
  uint32_t lo = 0, hi = kUnicodeRangeCount;
  while (lo < hi) {
    uint32_t mid = (lo + hi) / 2;
    if (kUnicodeRanges[mid][1] < cp) lo = mid + 1;
    else hi = mid;
  }
  if (lo < kUnicodeRangeCount && kUnicodeRanges[lo][0] <= cp) return static_cast<CharClass>(kUnicodeRanges[lo][2]);
  return kOther;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

size_t SanitizeUtf8(std::string_view in, std::string* out) {
  const unsigned char* s = reinterpret_cast<const unsigned char*>(in.data());
  size_t n = in.size(), i = 0, bad = 0;
  out->clear();
  out->reserve(n);
  while (i < n) {
    // Copy the ASCII run in one go.
    size_t j = i;
    while (j < n && s[j] < 0x80) j++;
    out->append(in.data() + i, j - i);
    i = j;
    if (i >= n) break;
    unsigned char c = s[i];
    int need;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte (WHATWG table)
    if (c >= 0xC2 && c <= 0xDF) need = 1;
    else if (c >= 0xE0 && c <= 0xEF) {
      need = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      need = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      out->append("\xEF\xBF\xBD");
      bad++;
      i++;
      continue;
    }
    size_t k = 1;
    bool ok = true;
    for (; k <= static_cast<size_t>(need); k++) {
      if (i + k >= n) { ok = false; break; }
      unsigned char b = s[i + k];
      unsigned char l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
      if (b < l || b > h) { ok = false; break; }
    }
    if (ok) {
      out->append(in.data() + i, need + 1);
      i += need + 1;
    } else {
      // The maximal subpart (lead byte plus the valid continuation bytes seen) becomes one U+FFFD.
      out->append("\xEF\xBF\xBD");
      bad++;
      i += k;
    }
  }
  return bad;
}

}  // namespace lmforge::tok
