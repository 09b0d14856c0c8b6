#include "tokenizer/pretokenize.h"
#include "tokenizer/unicode.h"

namespace lmforge::tok {

bool ParsePreTokenizer(const std::string& name, PreTokenizerKind* out) {
  if (name == "gpt2") *out = PreTokenizerKind::kGpt2;
  else if (name == "cl100k") *out = PreTokenizerKind::kCl100k;
  else if (name == "whitespace") *out = PreTokenizerKind::kWhitespace;
  else if (name == "digits") *out = PreTokenizerKind::kDigits;
  else return false;
  return true;
}

const char* PreTokenizerName(PreTokenizerKind kind) {
  switch (kind) {
    case PreTokenizerKind::kGpt2: return "gpt2";
    case PreTokenizerKind::kCl100k: return "cl100k";
    case PreTokenizerKind::kWhitespace: return "whitespace";
    case PreTokenizerKind::kDigits: return "digits";
  }
  return "gpt2";
}

namespace {

// Reads the class and byte length of the character at i; i must be < n.
struct Scanner {
  const unsigned char* s;
  size_t n;
  bool unicodeSpace;

  inline CharClass Class(size_t i, int* len) const {
    if (s[i] < 0x80) {
      *len = 1;
      return AsciiClass(s[i]);
    }
    uint32_t cp = DecodeAt(s, i, n, len);
    // The generated table is JavaScript's \s; the two code points where Unicode White_Space differs:
    if (unicodeSpace && (cp == 0x85 || cp == 0xFEFF)) return cp == 0x85 ? kSpace : kOther;
    return ClassOf(cp);
  }
  inline CharClass ClassAt(size_t i) const {
    int len;
    return Class(i, &len);
  }
  static inline CharClass AsciiClass(unsigned char c) {
    static const struct Table {
      uint8_t v[128];
      Table() {
        for (int i = 0; i < 128; i++) v[i] = ClassOf(static_cast<uint32_t>(i));
      }
    } table;
    return static_cast<CharClass>(table.v[c]);
  }
  // End of the run of characters of class cls starting at i.
  inline size_t RunEnd(size_t i, CharClass cls) const {
    int len;
    while (i < n && Class(i, &len) == cls) i += len;
    return i;
  }
  // End of a whitespace run starting at i; *lastStart = start of its last character.
  inline size_t SpaceRunEnd(size_t i, size_t* lastStart) const {
    int len;
    *lastStart = i;
    while (i < n && Class(i, &len) == kSpace) {
      *lastStart = i;
      i += len;
    }
    return i;
  }
  // \s+(?!\S)|\s+ at i (a whitespace character): the whole run when it ends the text, else all but its last
  // character (which then starts the next piece), or the single character when the run has one.
  inline size_t SpaceTail(size_t i) const {
    size_t last;
    size_t end = SpaceRunEnd(i, &last);
    if (end == n || last == i) return end;
    return last;
  }
};

inline bool IsContractionGpt2(const unsigned char* s, size_t i, size_t n, size_t* len) {
  // 's|'t|'re|'ve|'m|'ll|'d  (case-sensitive)
  if (i + 1 >= n) return false;
  unsigned char a = s[i + 1];
  if (a == 's' || a == 't' || a == 'm' || a == 'd') {
    *len = 2;
    return true;
  }
  if (i + 2 < n) {
    unsigned char b = s[i + 2];
    if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) {
      *len = 3;
      return true;
    }
  }
  return false;
}

inline unsigned char AsciiLower(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

inline bool IsContractionCl100k(const unsigned char* s, size_t i, size_t n, size_t* len) {
  // The same contractions, in any ASCII case.
  if (i + 1 >= n) return false;
  unsigned char a = AsciiLower(s[i + 1]);
  if (a == 's' || a == 't' || a == 'm' || a == 'd') {
    *len = 2;
    return true;
  }
  if (i + 2 < n) {
    unsigned char b = AsciiLower(s[i + 2]);
    if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) {
      *len = 3;
      return true;
    }
  }
  return false;
}

void Gpt2(const Scanner& sc, size_t from, size_t to, std::vector<Piece>* out) {
  Scanner s{sc.s, to, sc.unicodeSpace};
  size_t i = from;
  while (i < to) {
    size_t start = i, clen;
    unsigned char c = s.s[i];
    if (c == '\'' && IsContractionGpt2(s.s, i, to, &clen)) {
      out->push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(clen)});
      i += clen;
      continue;
    }
    int len;
    CharClass cls = s.Class(i, &len);
    size_t j = i;
    if (c == ' ' && i + 1 < to) {
      CharClass next = s.ClassAt(i + 1);
      if (next != kSpace) {  // " ?\p{L}+", " ?\p{N}+", " ?[^\s\p{L}\p{N}]+" with the space
        j = i + 1;
        cls = next;
      }
    }
    if (cls == kSpace) {
      i = s.SpaceTail(i);
    } else {
      i = s.RunEnd(j, cls);
    }
    out->push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(i - start)});
  }
}

void Cl100k(const Scanner& sc, size_t from, size_t to, std::vector<Piece>* out) {
  Scanner s{sc.s, to, sc.unicodeSpace};
  size_t i = from;
  while (i < to) {
    size_t start = i, clen;
    unsigned char c = s.s[i];
    if (c == '\'' && IsContractionCl100k(s.s, i, to, &clen)) {
      out->push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(clen)});
      i += clen;
      continue;
    }
    int len;
    CharClass cls = s.Class(i, &len);
    if (cls == kLetter) {  // [^\r\n\p{L}\p{N}]?\p{L}+ without the optional character
      i = s.RunEnd(i, kLetter);
    } else if (cls != kNumber && c != '\r' && c != '\n' && i + len < to && s.ClassAt(i + len) == kLetter) {
      i = s.RunEnd(i + len, kLetter);  // ... with it
    } else if (cls == kNumber) {  // \p{N}{1,3}
      int k = 0;
      while (k < 3 && i < to && s.Class(i, &len) == kNumber) {
        i += len;
        k++;
      }
    } else if (cls == kOther || (c == ' ' && i + 1 < to && s.ClassAt(i + 1) == kOther)) {
      // " ?[^\s\p{L}\p{N}]+[\r\n]*"
      i = s.RunEnd(cls == kOther ? i : i + 1, kOther);
      while (i < to && (s.s[i] == '\r' || s.s[i] == '\n')) i++;
    } else {
      // whitespace: \s*[\r\n]+ (up to the last newline of the run), else \s+(?!\S)|\s+
      size_t last;
      size_t end = s.SpaceRunEnd(i, &last);
      size_t nlEnd = 0;
      for (size_t k = end; k > i; k--) {
        if (s.s[k - 1] == '\r' || s.s[k - 1] == '\n') {
          nlEnd = k;
          break;
        }
      }
      i = nlEnd ? nlEnd : s.SpaceTail(i);
    }
    out->push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(i - start)});
  }
}

void Whitespace(const Scanner& sc, size_t from, size_t to, std::vector<Piece>* out) {
  Scanner s{sc.s, to, sc.unicodeSpace};
  size_t i = from;
  while (i < to) {
    size_t start = i;
    int len;
    CharClass cls = s.Class(i, &len);
    if (cls != kSpace || (s.s[i] == ' ' && i + 1 < to && s.ClassAt(i + 1) != kSpace)) {
      if (cls == kSpace) i++;
      while (i < to && s.Class(i, &len) != kSpace) i += len;
    } else {
      i = s.SpaceTail(i);
    }
    out->push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(i - start)});
  }
}

void Digits(const Scanner& s, size_t from, size_t to, std::vector<Piece>* out) {
  size_t i = from, segment = from;
  int len;
  while (i < to) {
    if (s.Class(i, &len) == kNumber) {
      if (segment < i) Gpt2(s, segment, i, out);
      out->push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(len)});
      i += len;
      segment = i;
    } else {
      i += len;
    }
  }
  if (segment < to) Gpt2(s, segment, to, out);
}

}  // namespace

void PreTokenize(PreTokenizerKind kind, std::string_view text, std::vector<Piece>* out, bool unicodeSpace) {
  Scanner s{reinterpret_cast<const unsigned char*>(text.data()), text.size(), unicodeSpace};
  switch (kind) {
    case PreTokenizerKind::kGpt2: Gpt2(s, 0, text.size(), out); break;
    case PreTokenizerKind::kCl100k: Cl100k(s, 0, text.size(), out); break;
    case PreTokenizerKind::kWhitespace: Whitespace(s, 0, text.size(), out); break;
    case PreTokenizerKind::kDigits: Digits(s, 0, text.size(), out); break;
  }
}

std::vector<size_t> SafeCuts(std::string_view text, size_t target) {
  std::vector<size_t> cuts;
  const unsigned char* s = reinterpret_cast<const unsigned char*>(text.data());
  size_t n = text.size(), next = target;
  while (next < n) {
    size_t p = next;
    // A '\n' whose previous byte is not ASCII whitespace and not a UTF-8 continuation/lead byte of a possible
    // multi-byte space: require an ASCII non-space before it, which is enough to find plenty of cuts.
    while (p < n && !(s[p] == '\n' && s[p - 1] < 0x80 && s[p - 1] > ' ')) p++;
    if (p >= n) break;
    cuts.push_back(p);
    next = p + target;
  }
  return cuts;
}

}  // namespace lmforge::tok
