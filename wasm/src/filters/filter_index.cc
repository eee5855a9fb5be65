// FilterIndex: building the flat token table and the regex set.
#include <algorithm>

#include "filter_index.h"

namespace durchblick {

FilterIndex::FilterIndex() = default;
FilterIndex::~FilterIndex() = default;

void FilterIndex::AddRegex(uint32_t id, uint16_t gram_a, uint16_t gram_b) {
  regexes_.push_back({id, gram_a, gram_b});
}

void FilterIndex::Build(std::vector<Input>* entries) {
  std::stable_sort(entries->begin(), entries->end(),
                   [](const Input& a, const Input& b) { return a.token < b.token; });
  size_t distinct = 0;
  for (size_t i = 0; i < entries->size(); ++i) {
    uint32_t t = (*entries)[i].token;
    if (t == 0) {
      const Input& in = (*entries)[i];
      fallback_.push_back({in.id, in.gram_a, in.gram_b});
      continue;
    }
    if (i == 0 || (*entries)[i - 1].token != t) distinct++;
  }
  size_t capacity = 16;
  while (capacity < distinct * 2) capacity <<= 1;
  mask_ = static_cast<uint32_t>(capacity - 1);
  slots_.assign(distinct ? capacity * 3 : 0, 0);
  // 32 filter bits per distinct token: about 3 % false positives.
  size_t bloom_bits = 64;
  bloom_shift_ = 26;
  while (bloom_bits < distinct * 32 && bloom_shift_ > 8) bloom_bits <<= 1, bloom_shift_--;
  bloom_.assign(bloom_bits / 64, 0);
  entries_.clear();
  entries_.reserve(entries->size() - fallback_.size());
  uint32_t* open = nullptr;
  for (size_t i = 0; i < entries->size(); ++i) {
    const Input& in = (*entries)[i];
    uint32_t t = in.token;
    if (t == 0) continue;
    if (i == 0 || (*entries)[i - 1].token != t) {
      uint32_t slot = (t * 2654435761u) & mask_;
      while (slots_[slot * 3] != 0) slot = (slot + 1) & mask_;
      open = &slots_[slot * 3];
      open[0] = t;
      open[1] = static_cast<uint32_t>(entries_.size());
      uint32_t bit = (t * 2246822519u) >> bloom_shift_;
      bloom_[bit >> 6] |= uint64_t{1} << (bit & 63);
    }
    entries_.push_back({in.id, in.mask});
    open[2] = static_cast<uint32_t>(entries_.size());
  }
  entries->clear();
  entries->shrink_to_fit();
}

size_t FilterIndex::MemoryBytes() const {
  return slots_.capacity() * sizeof(uint32_t) + entries_.capacity() * sizeof(FilterEntry) +
         (fallback_.capacity() + regexes_.capacity()) * sizeof(FallbackEntry) +
         bloom_.capacity() * sizeof(uint64_t);
}

}  // namespace durchblick
