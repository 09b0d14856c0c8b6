#include "tokenizer/bpe_model.h"
#include <algorithm>
#include <functional>
#include <queue>
#include <stdexcept>
#include "tokenizer/byte_level.h"

namespace lmforge::tok {

// ---- EncodeCache ----

const uint32_t* EncodeCache::Find(std::string_view piece, uint32_t* count) const {
  const uint64_t* v = map_.Find(piece);
  if (!v) return nullptr;
  *count = static_cast<uint32_t>(*v & 0xFFFFFF);
  return ids_.data() + (*v >> 24);
}

void EncodeCache::Insert(std::string_view piece, const uint32_t* ids, uint32_t count) {
  if (count >= (1u << 24) || piece.size() > 4096) return;  // not worth caching
  if (map_.size() > (1u << 18) || ids_.size() > (1u << 22)) Reset();  // bound memory per cache
  if (blockUsed_ + piece.size() > blockSize_) {
    blockSize_ = std::max<size_t>(1 << 20, piece.size());
    blocks_.emplace_back(new char[blockSize_]);
    blockUsed_ = 0;
  }
  char* key = blocks_.back().get() + blockUsed_;
  std::memcpy(key, piece.data(), piece.size());
  blockUsed_ += piece.size();
  bool inserted;
  uint64_t& v = map_.Upsert(std::string_view(key, piece.size()), 0, &inserted);
  if (!inserted) return;
  v = (static_cast<uint64_t>(ids_.size()) << 24) | count;
  ids_.insert(ids_.end(), ids, ids + count);
}

void EncodeCache::Reset() {
  map_ = StrMap(1 << 14);
  blocks_.clear();
  blockUsed_ = blockSize_ = 0;
  ids_.clear();
}

// ---- BpeModel ----

void BpeModel::Finalize() {
  if (special.size() != tokens.size()) special.resize(tokens.size(), 0);
  vocab_ = StrMap(tokens.size() * 2 + 16);
  specialIds_.clear();
  for (uint32_t id = 0; id < tokens.size(); id++) {
    if (special[id]) {
      if (tokens[id].empty()) throw std::runtime_error("special token " + std::to_string(id) + " is empty");
      specialIds_.push_back(id);
      continue;
    }
    bool inserted;
    uint64_t& v = vocab_.Upsert(tokens[id], id, &inserted);
    (void)v;  // a duplicate keeps the first id, as HF's vocab map would
  }
  std::stable_sort(specialIds_.begin(), specialIds_.end(),
                   [&](uint32_t a, uint32_t b) { return tokens[a].size() > tokens[b].size(); });
  // A byte without a token (HF-trained files whose alphabet only holds the characters seen) is dropped when
  // encoding, as HF does without an unk token.
  for (int b = 0; b < 256; b++) {
    char c = static_cast<char>(b);
    const uint64_t* id = vocab_.Find(std::string_view(&c, 1));
    byteId_[b] = id ? static_cast<uint32_t>(*id) : kNoByte;
  }
  if (merges.size() % 3 != 0) throw std::runtime_error("merges must be (left, right, merged) triples");
  pairs_ = U64Map(merges.size() + 16);
  uint32_t n = Size();
  for (size_t r = 0; r < merges.size() / 3; r++) {
    uint32_t a = merges[3 * r], b = merges[3 * r + 1], m = merges[3 * r + 2];
    if (a >= n || b >= n || m >= n) throw std::runtime_error("merge " + std::to_string(r) + " refers to an unknown token id");
    bool inserted;
    uint64_t& v = pairs_.Upsert((static_cast<uint64_t>(a) << 32) | b, (static_cast<uint64_t>(r) << 32) | m, &inserted);
    (void)v;  // a repeated pair keeps its first (lowest) rank
  }
  std::lock_guard<std::mutex> lock(poolMutex_);
  pool_.clear();  // cached encodings may be stale
}

std::unique_ptr<BpeModel> BpeModel::Clone() const {
  auto m = std::make_unique<BpeModel>();
  m->tokens = tokens;
  m->special = special;
  m->merges = merges;
  m->pre = pre;
  m->ignoreMerges = ignoreMerges;
  m->addPrefixSpace = addPrefixSpace;
  m->unicodeSpace = unicodeSpace;
  m->Finalize();
  return m;
}

int64_t BpeModel::FindRaw(std::string_view raw) const {
  const uint64_t* v = vocab_.Find(raw);
  return v ? static_cast<int64_t>(*v) : -1;
}

int64_t BpeModel::FindSpecial(std::string_view text) const {
  for (uint32_t id : specialIds_)
    if (tokens[id] == text) return id;
  return -1;
}

std::unique_ptr<EncodeCache> BpeModel::BorrowCache() const {
  std::lock_guard<std::mutex> lock(poolMutex_);
  if (pool_.empty()) return std::make_unique<EncodeCache>();
  auto c = std::move(pool_.back());
  pool_.pop_back();
  return c;
}

void BpeModel::ReturnCache(std::unique_ptr<EncodeCache> cache) const {
  std::lock_guard<std::mutex> lock(poolMutex_);
  if (pool_.size() < 64) pool_.push_back(std::move(cache));
}

void BpeModel::Encode(std::string_view text, std::vector<uint32_t>* out, EncodeCache* cache) const {
  if (specialIds_.empty()) {
    EncodeOrdinary(text, out, cache);
    return;
  }
  // Next occurrence of each special token, recomputed only once the scan passes it.
  std::vector<size_t> next(specialIds_.size());
  for (size_t k = 0; k < specialIds_.size(); k++) next[k] = text.find(tokens[specialIds_[k]]);
  size_t pos = 0;
  while (pos < text.size()) {
    size_t best = std::string_view::npos, bestK = 0;
    for (size_t k = 0; k < specialIds_.size(); k++) {
      if (next[k] != std::string_view::npos && next[k] < pos) next[k] = text.find(tokens[specialIds_[k]], pos);
      if (next[k] < best) {  // strict: the longer special (earlier in specialIds_) wins a tie
        best = next[k];
        bestK = k;
      }
    }
    if (best == std::string_view::npos) break;
    if (best > pos) EncodeOrdinary(text.substr(pos, best - pos), out, cache);
    uint32_t id = specialIds_[bestK];
    out->push_back(id);
    pos = best + tokens[id].size();
  }
  if (pos < text.size()) EncodeOrdinary(text.substr(pos), out, cache);
}

void BpeModel::EncodeOrdinary(std::string_view text, std::vector<uint32_t>* out, EncodeCache* cache) const {
  thread_local std::vector<Piece> pieces;
  thread_local std::string spaced;
  if (addPrefixSpace && !text.empty() && text[0] != ' ') {
    spaced.assign(1, ' ');
    spaced.append(text);
    text = spaced;
  }
  pieces.clear();
  PreTokenize(pre, text, &pieces, unicodeSpace);
  for (const Piece& p : pieces) EncodePiece(text.substr(p.begin, p.len), out, cache);
}

void BpeModel::EncodePiece(std::string_view piece, std::vector<uint32_t>* out, EncodeCache* cache) const {
  if (piece.size() == 1) {
    uint32_t id = byteId_[static_cast<unsigned char>(piece[0])];
    if (id != kNoByte) out->push_back(id);
    return;
  }
  if (ignoreMerges) {
    const uint64_t* v = vocab_.Find(piece);
    if (v) {
      out->push_back(static_cast<uint32_t>(*v));
      return;
    }
  }
  uint32_t count;
  if (cache) {
    const uint32_t* hit = cache->Find(piece, &count);
    if (hit) {
      out->insert(out->end(), hit, hit + count);
      return;
    }
  }
  size_t before = out->size();
  MergeBytes(piece, out);
  if (cache) cache->Insert(piece, out->data() + before, static_cast<uint32_t>(out->size() - before));
}

namespace {
struct Sym {
  uint32_t id;
  uint32_t rank;    // rank of the pair (this, next); ~0 when none
  uint32_t merged;  // id that pair merges into
};
constexpr uint32_t kNoRank = ~0u;
}  // namespace

// Long pieces (a run of thousands of letters, a base64 line): a min-heap of candidate pairs ordered by
// (rank, position) with lazy invalidation, O(n log n). Gives the same result as the linear scan: the lowest
// rank merges first, the leftmost on ties, and a merged symbol keeps its left position.
static void MergeLong(const uint32_t* ids, size_t n, const U64Map& pairs, std::vector<uint32_t>* out) {
  struct Cand {
    uint32_t rank, pos, left, right, merged;
    bool operator>(const Cand& o) const { return rank != o.rank ? rank > o.rank : pos > o.pos; }
  };
  std::vector<uint32_t> sym(ids, ids + n);
  std::vector<int64_t> prev(n), next(n);
  for (size_t i = 0; i < n; i++) {
    prev[i] = static_cast<int64_t>(i) - 1;
    next[i] = i + 1 < n ? static_cast<int64_t>(i + 1) : -1;
  }
  std::priority_queue<Cand, std::vector<Cand>, std::greater<Cand>> heap;
  auto consider = [&](int64_t i) {
    if (i < 0 || next[i] < 0) return;
    const uint64_t* v = pairs.Find((static_cast<uint64_t>(sym[i]) << 32) | sym[next[i]]);
    if (v) heap.push({static_cast<uint32_t>(*v >> 32), static_cast<uint32_t>(i), sym[i], sym[next[i]], static_cast<uint32_t>(*v)});
  };
  for (size_t i = 0; i + 1 < n; i++) consider(static_cast<int64_t>(i));
  std::vector<uint8_t> dead(n, 0);
  while (!heap.empty()) {
    Cand c = heap.top();
    heap.pop();
    int64_t i = c.pos;
    if (dead[i] || next[i] < 0 || sym[i] != c.left || sym[next[i]] != c.right) continue;  // stale
    int64_t j = next[i];
    sym[i] = c.merged;
    dead[j] = 1;
    next[i] = next[j];
    if (next[j] >= 0) prev[next[j]] = i;
    consider(prev[i]);
    consider(i);
  }
  for (int64_t i = 0; i >= 0; i = next[i]) out->push_back(sym[i]);
}

void BpeModel::MergeBytes(std::string_view piece, std::vector<uint32_t>* out) const {
  if (piece.size() > 256) {
    std::vector<uint32_t> ids;
    ids.reserve(piece.size());
    for (unsigned char c : piece)
      if (byteId_[c] != kNoByte) ids.push_back(byteId_[c]);
    if (!ids.empty()) MergeLong(ids.data(), ids.size(), pairs_, out);
    return;
  }
  thread_local std::vector<Sym> syms;
  syms.resize(piece.size());
  size_t n = 0;
  for (unsigned char c : piece)
    if (byteId_[c] != kNoByte) syms[n++] = {byteId_[c], kNoRank, 0};
  syms.resize(n);
  auto rankPair = [&](size_t i) {
    if (i + 1 >= n) {
      syms[i].rank = kNoRank;
      return;
    }
    const uint64_t* v = pairs_.Find((static_cast<uint64_t>(syms[i].id) << 32) | syms[i + 1].id);
    syms[i].rank = v ? static_cast<uint32_t>(*v >> 32) : kNoRank;
    syms[i].merged = v ? static_cast<uint32_t>(*v) : 0;
  };
  for (size_t i = 0; i + 1 < n; i++) rankPair(i);
  // Repeatedly merge the lowest-rank pair, leftmost first. Pieces are short (a word), so a linear scan per
  // merge beats a heap; long pieces (runs of symbols) still finish in O(n^2) small steps.
  while (n > 1) {
    uint32_t best = kNoRank;
    size_t at = 0;
    for (size_t i = 0; i + 1 < n; i++) {
      if (syms[i].rank < best) {
        best = syms[i].rank;
        at = i;
      }
    }
    if (best == kNoRank) break;
    syms[at].id = syms[at].merged;
    std::memmove(&syms[at + 1], &syms[at + 2], (n - at - 2) * sizeof(Sym));
    n--;
    syms.resize(n);
    rankPair(at);
    if (at > 0) rankPair(at - 1);
  }
  for (size_t i = 0; i < n; i++) out->push_back(syms[i].id);
}

bool BpeModel::Decode(const uint32_t* ids, size_t n, bool skipSpecial, std::string* out, uint32_t* bad) const {
  for (size_t i = 0; i < n; i++) {
    uint32_t id = ids[i];
    if (id >= tokens.size()) {
      *bad = id;
      return false;
    }
    if (skipSpecial && special[id]) continue;
    out->append(tokens[id]);
  }
  return true;
}

}  // namespace lmforge::tok
