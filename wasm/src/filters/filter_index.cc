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

void FilterIndex::Build(std::vector<std::pair<uint32_t, uint32_t>>* entries,
                        int64_t regex_set_max_mem) {
  std::stable_sort(entries->begin(), entries->end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  size_t distinct = 0;
  for (size_t i = 0; i < entries->size(); ++i) {
    uint32_t t = (*entries)[i].first;
    if (t == 0) {
      fallback_.push_back((*entries)[i].second);
      continue;
    }
    if (i == 0 || (*entries)[i - 1].first != t) distinct++;
  }
  size_t capacity = 16;
  while (capacity < distinct * 2) capacity <<= 1;
  mask_ = static_cast<uint32_t>(capacity - 1);
  keys_.assign(distinct ? capacity : 0, 0);
  buckets_.assign(distinct ? capacity : 0, 0);
  offsets_.clear();
  ids_.clear();
  for (size_t i = 0; i < entries->size(); ++i) {
    auto [t, id] = (*entries)[i];
    if (t == 0) continue;
    if (i == 0 || (*entries)[i - 1].first != t) {
      uint32_t bucket = static_cast<uint32_t>(offsets_.size());
      offsets_.push_back(static_cast<uint32_t>(ids_.size()));
      uint32_t slot = (t * 2654435761u) & mask_;
      while (keys_[slot] != 0) slot = (slot + 1) & mask_;
      keys_[slot] = t;
      buckets_[slot] = bucket;
    }
    ids_.push_back(id);
  }
  offsets_.push_back(static_cast<uint32_t>(ids_.size()));
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
  return (keys_.capacity() + buckets_.capacity() + offsets_.capacity() + ids_.capacity() +
          fallback_.capacity() + regex_ids_.capacity()) *
             sizeof(uint32_t) +
         regexes_.capacity() * sizeof(void*);
}

}  // namespace durchblick
