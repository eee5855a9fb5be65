// The reverse index of one part of a FilterSet (important, blocking or
// exception filters): token hash → filter ids, laid out flat (see
// filter_set.cc), then the filters without a token and the regex filters,
// each pre-checked by two grams.
#ifndef DURCHBLICK_FILTERS_FILTER_INDEX_H_
#define DURCHBLICK_FILTERS_FILTER_INDEX_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace durchblick {

// A filter filed under a token, with the FilterTokenBit of all its tokens:
// most filters of a bucket are ruled out by that mask alone.
struct FilterEntry {
  uint32_t id;
  uint32_t mask;
};

// A filter without a usable token, with two grams (FilterGram) of its
// pattern that any URL it matches contains (kNoGram: none).
struct FallbackEntry {
  uint32_t id;
  uint16_t gram_a, gram_b;
};

class FilterIndex {
 public:
  struct Input {
    uint32_t token;  // 0: no usable token
    uint32_t id, mask;
    uint16_t gram_a, gram_b;  // for token 0
  };
  FilterIndex();
  ~FilterIndex();

  // A regex filter with two grams of a literal its regex requires.
  void AddRegex(uint32_t id, uint16_t gram_a, uint16_t gram_b);
  void Build(std::vector<Input>* entries);

  // The ids filed under `token` (never 0), or an empty range. Most URL
  // tokens are in no bucket: a small bit filter answers those without
  // touching the table; a hit costs one table slot (key, begin, end).
  std::pair<const FilterEntry*, const FilterEntry*> Bucket(uint32_t token) const {
    if (slots_.empty()) return {nullptr, nullptr};
    uint32_t bit = (token * 2246822519u) >> bloom_shift_;
    if (!(bloom_[bit >> 6] & (uint64_t{1} << (bit & 63)))) return {nullptr, nullptr};
    for (uint32_t slot = (token * 2654435761u) & mask_;; slot = (slot + 1) & mask_) {
      const uint32_t* s = &slots_[slot * 3];
      if (s[0] == token) return {entries_.data() + s[1], entries_.data() + s[2]};
      if (s[0] == 0) return {nullptr, nullptr};
    }
  }
  const std::vector<FallbackEntry>& fallback() const { return fallback_; }
  const std::vector<FallbackEntry>& regexes() const { return regexes_; }  // in id order
  size_t MemoryBytes() const;

 private:
  std::vector<uint32_t> slots_;  // per slot: token, begin, end (into entries_); token 0 = empty
  std::vector<FilterEntry> entries_;
  std::vector<FallbackEntry> fallback_;
  std::vector<uint64_t> bloom_;  // one bit per token hash
  uint32_t mask_ = 0, bloom_shift_ = 32;
  std::vector<FallbackEntry> regexes_;
};

}  // namespace durchblick

#endif  // DURCHBLICK_FILTERS_FILTER_INDEX_H_
