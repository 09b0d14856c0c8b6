// Small open-addressing hash maps for the hot paths (word counting, merge lookup, encode cache):
// std::unordered_map allocates per node and hashes std::string slowly; these keep keys as views into
// buffers the caller owns and probe linearly in one flat array.
#pragma once
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace lmforge::tok {

inline uint64_t Mix64(uint64_t x) {
  x ^= x >> 32;
  x *= 0xd6e8feb86659fd93ULL;
  x ^= x >> 32;
  x *= 0xd6e8feb86659fd93ULL;
  x ^= x >> 32;
  return x;
}

inline uint64_t HashBytes(const char* p, size_t n) {
  uint64_t h = 0x9e3779b97f4a7c15ULL ^ (n * 0xff51afd7ed558ccdULL);
  while (n >= 8) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    h = (h ^ Mix64(v)) * 0x9fb21c651e98df25ULL;
    p += 8;
    n -= 8;
  }
  uint64_t v = 0;
  std::memcpy(&v, p, n);
  h = (h ^ Mix64(v ^ (n << 56))) * 0x9fb21c651e98df25ULL;
  return Mix64(h);
}

// Table capacity for at least n slots: a power of two (so masks replace modulo), at least 16.
inline size_t RoundUp(size_t n) {
  size_t c = 16;
  while (c < n) c <<= 1;
  return c;
}

/** Map from a byte string (a view the caller keeps alive) to a 64-bit value. */
class StrMap {
 public:
  struct Slot {
    const char* key = nullptr;
    uint32_t len = 0;
    uint32_t hash = 0;
    uint64_t value = 0;
  };

  explicit StrMap(size_t capacity = 1024) { Rehash(RoundUp(capacity)); }

  size_t size() const { return size_; }
  const std::vector<Slot>& slots() const { return slots_; }

  /** The value slot for key, inserted with `init` when absent. `inserted` says which. */
  uint64_t& Upsert(std::string_view key, uint64_t init, bool* inserted) {
    if ((size_ + 1) * 4 > slots_.size() * 3) Rehash(slots_.size() * 2);
    uint64_t h = HashBytes(key.data(), key.size());
    uint32_t h32 = static_cast<uint32_t>(h) | 1u;  // 0 marks an empty slot
    size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.hash == 0) {
        s.key = key.data();
        s.len = static_cast<uint32_t>(key.size());
        s.hash = h32;
        s.value = init;
        size_++;
        *inserted = true;
        return s.value;
      }
      if (s.hash == h32 && s.len == key.size() && std::memcmp(s.key, key.data(), key.size()) == 0) {
        *inserted = false;
        return s.value;
      }
    }
  }

  const uint64_t* Find(std::string_view key) const {
    uint64_t h = HashBytes(key.data(), key.size());
    uint32_t h32 = static_cast<uint32_t>(h) | 1u;
    size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.hash == 0) return nullptr;
      if (s.hash == h32 && s.len == key.size() && std::memcmp(s.key, key.data(), key.size()) == 0) return &s.value;
    }
  }

  void Clear() {
    for (auto& s : slots_) s = Slot();
    size_ = 0;
  }

 private:
  void Rehash(size_t capacity) {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(capacity, Slot());
    size_t mask = capacity - 1;
    for (const Slot& s : old) {
      if (s.hash == 0) continue;
      uint64_t h = HashBytes(s.key, s.len);
      for (size_t i = h & mask;; i = (i + 1) & mask) {
        if (slots_[i].hash == 0) {
          slots_[i] = s;
          break;
        }
      }
    }
  }

  std::vector<Slot> slots_;
  size_t size_ = 0;
};

/** Map from a 64-bit key (never ~0) to a 64-bit value. */
class U64Map {
 public:
  static constexpr uint64_t kEmpty = ~0ULL;
  explicit U64Map(size_t capacity = 1024) { Rehash(RoundUp(capacity)); }
  size_t size() const { return size_; }

  uint64_t& Upsert(uint64_t key, uint64_t init, bool* inserted) {
    if ((size_ + 1) * 2 > keys_.size()) Rehash(keys_.size() * 2);
    size_t mask = keys_.size() - 1;
    for (size_t i = Mix64(key) & mask;; i = (i + 1) & mask) {
      if (keys_[i] == kEmpty) {
        keys_[i] = key;
        values_[i] = init;
        size_++;
        *inserted = true;
        return values_[i];
      }
      if (keys_[i] == key) {
        *inserted = false;
        return values_[i];
      }
    }
  }
  const uint64_t* Find(uint64_t key) const {
    size_t mask = keys_.size() - 1;
    for (size_t i = Mix64(key) & mask;; i = (i + 1) & mask) {
      if (keys_[i] == kEmpty) return nullptr;
      if (keys_[i] == key) return &values_[i];
    }
  }

 private:
  void Rehash(size_t capacity) {
    std::vector<uint64_t> ok, ov;
    ok.swap(keys_);
    ov.swap(values_);
    keys_.assign(capacity, kEmpty);
    values_.assign(capacity, 0);
    size_ = 0;
    bool ins;
    for (size_t i = 0; i < ok.size(); i++)
      if (ok[i] != kEmpty) Upsert(ok[i], ov[i], &ins);
  }
  std::vector<uint64_t> keys_, values_;
  size_t size_ = 0;
};

}  // namespace lmforge::tok
