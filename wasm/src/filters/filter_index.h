// The reverse index of one part of a FilterSet (important, blocking or
// exception filters): token hash → filter ids, laid out flat (see
// filter_set.cc), plus the regex filters behind one RE2::Set.
#ifndef DURCHBLICK_FILTERS_FILTER_INDEX_H_
#define DURCHBLICK_FILTERS_FILTER_INDEX_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <re2/re2.h>
#include <re2/set.h>

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

  void AddRegex(uint32_t id, const re2::RE2& regex);
  void Build(std::vector<Input>* entries, int64_t regex_set_max_mem);

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
  // Calls fn(id) for every regex filter whose regex matches `url`, in id
  // order, until fn returns true. Linear in the URL (RE2).
  template <typename Fn>
  bool ForEachRegexMatch(std::string_view url, Fn fn) const;
  bool has_regexes() const { return !regex_ids_.empty(); }
  size_t MemoryBytes() const;

 private:
  bool RegexMatches(std::string_view url, std::vector<int>* hits) const;

  std::vector<uint32_t> slots_;  // per slot: token, begin, end (into entries_); token 0 = empty
  std::vector<FilterEntry> entries_;
  std::vector<FallbackEntry> fallback_;
  std::vector<uint64_t> bloom_;  // one bit per token hash
  uint32_t mask_ = 0, bloom_shift_ = 32;
  std::vector<uint32_t> regex_ids_;
  std::vector<const re2::RE2*> regexes_;  // owned by the FilterSet
  std::unique_ptr<re2::RE2::Set> set_;  // null if the set could not compile
};

template <typename Fn>
bool FilterIndex::ForEachRegexMatch(std::string_view url, Fn fn) const {
  if (regex_ids_.empty()) return false;
  static thread_local std::vector<int> hits;
  hits.clear();
  if (!RegexMatches(url, &hits)) return false;
  for (int h : hits) {
    if (fn(regex_ids_[h])) return true;
  }
  return false;
}

}  // namespace durchblick

#endif  // DURCHBLICK_FILTERS_FILTER_INDEX_H_
