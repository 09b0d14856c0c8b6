#include "tokenizer/bpe_trainer.h"
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <queue>
#include <stdexcept>
#include <thread>
#include "tokenizer/byte_level.h"
#include "tokenizer/unicode.h"

namespace lmforge::tok {

WordCounter::WordCounter(PreTokenizerKind pre, bool unicodeSpace, std::vector<std::string> specials, int threads)
    : pre_(pre), unicodeSpace_(unicodeSpace), specials_(std::move(specials)), threads_(std::max(1, threads)) {}

std::string_view WordCounter::Keep(std::string_view key) {
  if (arenaUsed_ + key.size() > arenaSize_) {
    arenaSize_ = std::max<size_t>(1 << 20, key.size());
    arena_.emplace_back(new char[arenaSize_]);
    arenaUsed_ = 0;
  }
  char* p = arena_.back().get() + arenaUsed_;
  std::memcpy(p, key.data(), key.size());
  arenaUsed_ += key.size();
  return std::string_view(p, key.size());
}

void WordCounter::AddDocuments(const std::vector<std::string_view>& docs) {
  // 1. Cut documents into chunks: at special tokens (dropped), then at safe newlines (~256 KiB apart) so
  //    both threads get work even from one big file.
  std::vector<std::string_view> chunks;
  for (std::string_view doc : docs) {
    stats_.documents++;
    stats_.bytes += doc.size();
    std::vector<std::string_view> parts;
    size_t pos = 0;
    while (!specials_.empty() && pos < doc.size()) {
      size_t best = std::string_view::npos, blen = 0;
      for (const auto& s : specials_) {
        size_t f = doc.find(s, pos);
        if (f < best || (f == best && s.size() > blen)) {
          best = f;
          blen = s.size();
        }
      }
      if (best == std::string_view::npos) break;
      if (best > pos) parts.push_back(doc.substr(pos, best - pos));
      pos = best + blen;
    }
    if (pos < doc.size()) parts.push_back(doc.substr(pos));
    for (std::string_view part : parts) {
      size_t from = 0;
      for (size_t cut : SafeCuts(part, 256 * 1024)) {
        chunks.push_back(part.substr(from, cut - from));
        from = cut;
      }
      chunks.push_back(part.substr(from));
    }
  }
  // 2. Count in parallel; each thread owns a map whose keys point into the documents.
  int nt = static_cast<int>(std::min<size_t>(threads_, chunks.size()));
  if (nt < 1) return;
  std::vector<StrMap> local(nt, StrMap(1 << 12));
  std::vector<uint64_t> pieceCounts(nt, 0);
  std::atomic<size_t> nextChunk{0};
  auto work = [&](int t) {
    std::vector<Piece> pieces;
    StrMap& m = local[t];
    size_t k;
    while ((k = nextChunk.fetch_add(1)) < chunks.size()) {
      std::string_view c = chunks[k];
      pieces.clear();
      PreTokenize(pre_, c, &pieces, unicodeSpace_);
      pieceCounts[t] += pieces.size();
      bool inserted;
      for (const Piece& p : pieces) m.Upsert(c.substr(p.begin, p.len), 0, &inserted)++;
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < nt; t++) pool.emplace_back(work, t);
  work(0);
  for (auto& th : pool) th.join();
  // 3. Fold into the long-lived map; new keys are copied into the arena (the documents go away after this).
  for (int t = 0; t < nt; t++) {
    stats_.pieces += pieceCounts[t];
    for (const auto& s : local[t].slots()) {
      if (s.hash == 0) continue;
      std::string_view key(s.key, s.len);
      const uint64_t* have = counts_.Find(key);
      if (have) {
        *const_cast<uint64_t*>(have) += s.value;
      } else {
        bool inserted;
        counts_.Upsert(Keep(key), 0, &inserted) = s.value;
      }
    }
  }
}

void WordCounter::AddFile(const std::string& path) {
  // Streams the file in blocks so memory stays bounded for corpora of any size. Each block ends at a safe cut
  // ('\n' after a visible ASCII character: pieces never span it, and it is never inside a UTF-8 sequence);
  // the rest carries over to the next block. The file counts as one document.
  constexpr size_t kBlock = 32u << 20;
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw std::runtime_error("cannot read '" + path + "': " + std::strerror(errno));
  std::unique_ptr<FILE, int (*)(FILE*)> closer(f, std::fclose);
  std::string raw, text;
  std::vector<char> buf(1 << 20);
  uint64_t documentsBefore = stats_.documents;
  bool eof = false;
  while (!eof) {
    while (raw.size() < kBlock) {
      size_t got = std::fread(buf.data(), 1, buf.size(), f);
      if (got == 0) {
        if (std::ferror(f)) throw std::runtime_error("cannot read '" + path + "': " + std::strerror(errno));
        eof = true;
        break;
      }
      raw.append(buf.data(), got);
    }
    size_t cut = raw.size();
    if (!eof) {
      for (size_t p = raw.size(); p > 1; p--) {
        unsigned char prev = static_cast<unsigned char>(raw[p - 2]);
        if (raw[p - 1] == '\n' && prev > ' ' && prev < 0x80) {
          cut = p - 1;
          break;
        }
      }
    }
    stats_.invalidUtf8 += SanitizeUtf8(std::string_view(raw).substr(0, cut), &text);
    raw.erase(0, cut);
    if (!text.empty()) AddDocuments({std::string_view(text)});
  }
  stats_.documents = documentsBefore + 1;  // blocks of one file are one document
}

std::vector<std::pair<std::string_view, uint64_t>> WordCounter::SortedWords() const {
  std::vector<std::pair<std::string_view, uint64_t>> out;
  out.reserve(counts_.size());
  for (const auto& s : counts_.slots())
    if (s.hash != 0) out.emplace_back(std::string_view(s.key, s.len), s.value);
  std::sort(out.begin(), out.end());
  return out;
}

// ---- merge loop ----

namespace {

struct HeapEntry {
  int64_t count;
  uint32_t a, b;
  // std::priority_queue pops the largest: higher count first, then the smaller pair.
  bool operator<(const HeapEntry& o) const {
    if (count != o.count) return count < o.count;
    if (a != o.a) return a > o.a;
    return b > o.b;
  }
};

inline uint64_t Key(uint32_t a, uint32_t b) { return (static_cast<uint64_t>(a) << 32) | b; }

}  // namespace

std::unique_ptr<BpeModel> TrainBpe(const WordCounter& counter, const TrainOptions& options,
                                   const std::function<void(uint32_t, uint32_t)>& progress) {
  auto model = std::make_unique<BpeModel>();
  model->pre = options.pre;
  model->unicodeSpace = options.unicodeSpace;
  // Vocabulary: special tokens first, then the 256 bytes in byte-level order (GPT-2's ids 0..255).
  for (const auto& s : options.specials) {
    model->tokens.push_back(s);
    model->special.push_back(1);
  }
  const ByteLevel& bl = Bytes();
  uint32_t byteId[256];
  for (int k = 0; k < 256; k++) {
    byteId[bl.byOrder[k]] = static_cast<uint32_t>(model->tokens.size());
    model->tokens.push_back(std::string(1, static_cast<char>(bl.byOrder[k])));
    model->special.push_back(0);
  }
  StrMap tokenIds(options.vocabSize * 2 + 1024);  // raw bytes -> id (keys point at model->tokens' heap copies)
  std::vector<std::unique_ptr<std::string>> names;  // stable storage for the keys of tokenIds
  auto addName = [&](const std::string& s, uint32_t id) {
    names.push_back(std::make_unique<std::string>(s));
    bool inserted;
    tokenIds.Upsert(*names.back(), id, &inserted);
  };
  for (uint32_t id = 0; id < model->tokens.size(); id++)
    if (!model->special[id]) addName(model->tokens[id], id);

  // Words as symbol runs in one flat array; a merge rewrites a word inside its own range.
  auto words = counter.SortedWords();
  size_t nw = words.size();
  std::vector<uint32_t> syms;
  std::vector<uint64_t> start(nw);
  std::vector<uint32_t> len(nw);
  std::vector<int64_t> wcount(nw);
  size_t total = 0;
  for (auto& w : words) total += w.first.size();
  syms.reserve(total);
  for (size_t w = 0; w < nw; w++) {
    start[w] = syms.size();
    len[w] = static_cast<uint32_t>(words[w].first.size());
    wcount[w] = static_cast<int64_t>(words[w].second);
    for (unsigned char c : words[w].first) syms.push_back(byteId[c]);
  }
  words.clear();
  words.shrink_to_fit();

  // Pair table: key -> index; per index its count and the words it (may) occur in.
  U64Map pairIndex(1 << 16);
  std::vector<int64_t> pairCount;
  std::vector<std::vector<uint32_t>> pairWhere;
  std::vector<uint64_t> pairKey;
  auto indexOf = [&](uint32_t a, uint32_t b) -> uint32_t {
    bool inserted;
    uint64_t& v = pairIndex.Upsert(Key(a, b), pairCount.size(), &inserted);
    if (inserted) {
      pairCount.push_back(0);
      pairWhere.emplace_back();
      pairKey.push_back(Key(a, b));
    }
    return static_cast<uint32_t>(v);
  };
  for (size_t w = 0; w < nw; w++) {
    const uint32_t* s = syms.data() + start[w];
    for (uint32_t i = 0; i + 1 < len[w]; i++) {
      uint32_t p = indexOf(s[i], s[i + 1]);
      pairCount[p] += wcount[w];
      auto& where = pairWhere[p];
      if (where.empty() || where.back() != w) where.push_back(static_cast<uint32_t>(w));
    }
  }
  std::priority_queue<HeapEntry> heap;
  for (size_t p = 0; p < pairCount.size(); p++)
    if (pairCount[p] > 0) heap.push({pairCount[p], static_cast<uint32_t>(pairKey[p] >> 32), static_cast<uint32_t>(pairKey[p])});

  uint32_t target = options.vocabSize > model->Size() ? options.vocabSize - model->Size() : 0;
  uint32_t done = 0;
  std::vector<uint32_t> wordStamp(nw, 0), pairStamp;
  uint32_t stamp = 0;
  std::vector<uint32_t> grown;  // pairs whose count rose during this merge
  while (model->Size() < options.vocabSize && !heap.empty()) {
    HeapEntry top = heap.top();
    heap.pop();
    uint32_t pi = static_cast<uint32_t>(*pairIndex.Find(Key(top.a, top.b)));
    int64_t cur = pairCount[pi];
    if (cur != top.count) {  // stale entry: re-queue with the current count
      if (cur > 0) heap.push({cur, top.a, top.b});
      continue;
    }
    if (cur <= 0 || static_cast<uint64_t>(cur) < options.minFrequency) break;
    uint32_t a = top.a, b = top.b;
    std::string merged = model->tokens[a] + model->tokens[b];
    uint32_t id;
    const uint64_t* existing = tokenIds.Find(merged);
    if (existing) {
      id = static_cast<uint32_t>(*existing);  // same bytes reached by another merge: reuse (as HF does)
    } else {
      id = model->Size();
      model->tokens.push_back(merged);
      model->special.push_back(0);
      addName(merged, id);
    }
    model->merges.insert(model->merges.end(), {a, b, id});
    done++;

    stamp++;
    if (pairStamp.size() < pairCount.size()) pairStamp.resize(pairCount.size() * 2, 0);
    grown.clear();
    auto add = [&](uint32_t x, uint32_t y, int64_t delta, uint32_t w) {
      uint32_t p = indexOf(x, y);
      if (p == pi) return;
      pairCount[p] += delta;
      if (delta > 0) {
        auto& where = pairWhere[p];
        if (where.empty() || where.back() != w) where.push_back(w);
        if (pairStamp.size() <= p) pairStamp.resize(pairCount.size() * 2, 0);
        if (pairStamp[p] != stamp) {
          pairStamp[p] = stamp;
          grown.push_back(p);
        }
      }
    };
    std::vector<uint32_t> where;
    where.swap(pairWhere[pi]);
    for (uint32_t w : where) {
      if (wordStamp[w] == stamp) continue;
      wordStamp[w] = stamp;
      uint32_t* s = syms.data() + start[w];
      uint32_t n = len[w], out = 0;
      int64_t c = wcount[w];
      for (uint32_t i = 0; i < n;) {
        if (i + 1 < n && s[i] == a && s[i + 1] == b) {
          if (out > 0) {
            add(s[out - 1], a, -c, w);
            add(s[out - 1], id, c, w);
          }
          if (i + 2 < n) {
            add(b, s[i + 2], -c, w);
            add(id, s[i + 2], c, w);
          }
          s[out++] = id;
          i += 2;
        } else {
          s[out++] = s[i++];
        }
      }
      len[w] = out;
    }
    pairCount[pi] = 0;
    for (uint32_t p : grown)
      if (pairCount[p] > 0) heap.push({pairCount[p], static_cast<uint32_t>(pairKey[p] >> 32), static_cast<uint32_t>(pairKey[p])});
    if (progress && (done % 500 == 0)) progress(done, target);
  }
  if (progress) progress(done, target);
  model->Finalize();
  return model;
}

}  // namespace lmforge::tok
