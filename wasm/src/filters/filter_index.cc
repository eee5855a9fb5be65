// FilterIndex: building the flat token table and the regex set.
#include <algorithm>

#include "filter_index.h"

namespace durchblick {

FilterIndex::FilterIndex() = default;
FilterIndex::~FilterIndex() = default;

void FilterIndex::AddRegex(uint32_t id, const re2::RE2& regex) {
  regex_ids_.push_back(id);
  regexes_.push_back(&regex);
}

void FilterIndex::Build(std::vector<Input>* entries, int64_t regex_set_max_mem) {
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

  if (!regex_ids_.empty()) {
    // One pass over the URL finds every regex that matches. Each pattern
    // carries its own case flag, so the set itself is case-sensitive.
    re2::RE2::Options o;
    o.set_log_errors(false);
    o.set_max_mem(regex_set_max_mem);
    set_ = std::make_unique<re2::RE2::Set>(o, re2::RE2::UNANCHORED);
    bool ok = true;
    for (const re2::RE2* re : regexes_) {
      std::string source = re->options().case_sensitive() ? "" : "(?i)";
      source += re->pattern();
      ok = ok && set_->Add(source, nullptr) >= 0;
    }
    if (!ok || !set_->Compile()) set_.reset();
  }
}

bool FilterIndex::RegexMatches(std::string_view url, std::vector<int>* hits) const {
  if (set_ != nullptr) {
    if (!set_->Match(re2::StringPiece(url.data(), url.size()), hits)) return false;
    std::sort(hits->begin(), hits->end());
    return !hits->empty();
  }
  for (size_t i = 0; i < regexes_.size(); ++i) {
    if (re2::RE2::PartialMatch(re2::StringPiece(url.data(), url.size()), *regexes_[i])) {
      hits->push_back(static_cast<int>(i));
    }
  }
  return !hits->empty();
}

size_t FilterIndex::MemoryBytes() const {
  return (slots_.capacity() + regex_ids_.capacity()) * sizeof(uint32_t) +
         entries_.capacity() * sizeof(FilterEntry) + fallback_.capacity() * sizeof(FallbackEntry) +
         bloom_.capacity() * sizeof(uint64_t) + regexes_.capacity() * sizeof(void*);
}

}  // namespace durchblick
