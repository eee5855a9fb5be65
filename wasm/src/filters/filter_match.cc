// Matching one prepared request against a FilterSet. Options are checked
// before patterns (they are cheaper); patterns are `*`-separated segments
// found left to right, each at its leftmost place, which is exact for
// wildcard patterns and needs no backtracking, so the time is at most
// (URL length × pattern length) and never exponential.
#include <algorithm>

#include <re2/re2.h>

#include "filter_index.h"
#include "filters.h"

namespace durchblick {
namespace {

inline bool IsSeparator(unsigned char c) {
  return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-' || c == '.' || c == '%');
}

// Does segment `seg` (no '*'; '^' = separator or end) match `text` at `at`?
// Returns the end of the match, or npos.
size_t SegmentAt(std::string_view seg, std::string_view text, size_t at) {
  size_t i = at;
  for (size_t k = 0; k < seg.size(); ++k) {
    char p = seg[k];
    if (i == text.size()) {
      return p == '^' && k + 1 == seg.size() ? i : std::string_view::npos;
    }
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (p == '^' ? !IsSeparator(c) : p != static_cast<char>(c)) return std::string_view::npos;
    ++i;
  }
  return i;
}

// The leftmost match of `seg` in text at or after `from`: its start and end.
bool FindSegment(std::string_view seg, std::string_view text, size_t from, size_t* begin,
                 size_t* end) {
  if (seg.empty()) {
    *begin = *end = from;
    return true;
  }
  char first = seg[0];
  for (size_t i = from; i <= text.size(); ++i) {
    if (first != '^') {
      i = text.find(first, i);
      if (i == std::string_view::npos) return false;
    }
    size_t e = SegmentAt(seg, text, i);
    if (e != std::string_view::npos) {
      *begin = i;
      *end = e;
      return true;
    }
  }
  return false;
}

// Does `seg` match `text` so that it ends at the end, starting at or after
// `from`? ('^' at its end may match the end itself.)
bool SegmentAtEnd(std::string_view seg, std::string_view text, size_t from) {
  bool caret = !seg.empty() && seg.back() == '^';
  for (size_t len : {seg.size(), seg.size() - (caret ? 1 : 0)}) {
    if (len > text.size() || text.size() - len < from) continue;
    if (SegmentAt(seg, text, text.size() - len) == text.size()) return true;
  }
  return false;
}

// Wildcard pattern against text; `anchor` = position the match must start
// at (npos: anywhere); `right` = the match must end at the end of the text.
bool GlobMatch(std::string_view pattern, std::string_view text, size_t anchor, bool right) {
  size_t star = pattern.find('*');
  std::string_view first = pattern.substr(0, star);
  if (star == std::string_view::npos) {
    if (anchor != std::string_view::npos) {
      size_t e = SegmentAt(first, text, anchor);
      return e != std::string_view::npos && (!right || e == text.size());
    }
    if (right) return SegmentAtEnd(first, text, 0);
    size_t b, e;
    return FindSegment(first, text, 0, &b, &e);
  }
  size_t pos, b;
  if (anchor != std::string_view::npos) {
    pos = SegmentAt(first, text, anchor);
    if (pos == std::string_view::npos) return false;
  } else if (!FindSegment(first, text, 0, &b, &pos)) {
    return false;
  }
  std::string_view rest = pattern.substr(star + 1);
  while (true) {
    size_t next = rest.find('*');
    std::string_view seg = rest.substr(0, next);
    if (next == std::string_view::npos) {
      if (right) return SegmentAtEnd(seg, text, pos);
      size_t e;
      return FindSegment(seg, text, pos, &b, &e);
    }
    if (!FindSegment(seg, text, pos, &b, &pos)) return false;
    rest = rest.substr(next + 1);
  }
}

bool AnyIn(const uint64_t* sorted, size_t n, const std::vector<uint64_t>& needles) {
  for (uint64_t h : needles) {
    if (std::binary_search(sorted, sorted + n, h)) return true;
  }
  return false;
}

}  // namespace

bool FilterSet::MatchesPattern(const NetworkFilter& f, const FilterRequest& r) const {
  const std::string& text = (f.flags & NetworkFilter::kMatchCase) ? r.url : r.lower;
  if (f.flags & NetworkFilter::kRegex) {
    return re2::RE2::PartialMatch(text, *regexes_[f.regex]);
  }
  std::string_view pattern(arena_.data() + f.pattern_begin, f.pattern_size);
  if ((f.flags & NetworkFilter::kPureHost) && r.host_plain) {
    // Exactly the glob's verdict for such hosts (IsPureHost), by hash.
    uint64_t h = hashes_[f.domains_begin + f.n_domains + f.n_not_domains + f.n_denyallow];
    std::string_view host = pattern.substr(0, pattern.size() - 1);
    for (size_t k = 0; k < r.host_hashes.size(); ++k) {
      if (r.host_hashes[k] == h &&
          std::string_view(text).substr(r.host_suffixes[k], r.host_end - r.host_suffixes[k]) == host) {
        return true;
      }
    }
    return false;
  }
  bool right = (f.flags & NetworkFilter::kRightAnchor) != 0;
  if (f.flags & NetworkFilter::kHostAnchor) {
    // At the start of the host or of any of its labels.
    for (size_t p = r.host_begin; p < r.host_end; ++p) {
      if (p != r.host_begin && text[p - 1] != '.') continue;
      if (GlobMatch(pattern, text, p, right)) return true;
    }
    return false;
  }
  return GlobMatch(pattern, text, (f.flags & NetworkFilter::kLeftAnchor) ? 0 : std::string::npos,
                   right);
}

bool FilterSet::Matches(const NetworkFilter& f, const FilterRequest& r) const {
  if ((f.types & r.type) == 0) return false;
  if (r.party == Party::kFirst && !(f.flags & NetworkFilter::kFirstParty)) return false;
  if (r.party == Party::kThird && !(f.flags & NetworkFilter::kThirdParty)) return false;
  const uint64_t* domains = hashes_.data() + f.domains_begin;
  if (r.party != Party::kUnknown) {
    if (f.n_domains > 0 && !AnyIn(domains, f.n_domains, r.source_hashes)) return false;
    if (f.n_not_domains > 0 && AnyIn(domains + f.n_domains, f.n_not_domains, r.source_hashes)) {
      return false;
    }
  }
  if (f.n_denyallow > 0 &&
      AnyIn(domains + f.n_domains + f.n_not_domains, f.n_denyallow, r.host_hashes)) {
    return false;
  }
  return MatchesPattern(f, r);
}

int32_t FilterSet::FirstMatch(const FilterIndex& index, const FilterRequest& r) const {
  for (uint32_t token : r.tokens) {
    auto [begin, end] = index.Bucket(token);
    for (const FilterEntry* e = begin; e != end; ++e) {
      if ((e->mask & ~r.token_mask) == 0 && Matches(filters_[e->id], r)) {
        return static_cast<int32_t>(e->id);
      }
    }
  }
  if (index.fallback().empty() && index.regexes().empty()) return -1;
  r.EnsureGrams();
  for (const FallbackEntry& e : index.fallback()) {
    if (r.HasGram(e.gram_a) && r.HasGram(e.gram_b) && Matches(filters_[e.id], r)) {
      return static_cast<int32_t>(e.id);
    }
  }
  for (const FallbackEntry& e : index.regexes()) {
    if (r.HasGram(e.gram_a) && r.HasGram(e.gram_b) && Matches(filters_[e.id], r)) {
      return static_cast<int32_t>(e.id);
    }
  }
  return -1;
}

void FilterSet::AllMatches(const FilterIndex& index, const FilterRequest& r,
                           std::vector<int32_t>* out) const {
  auto consider = [&](uint32_t id) {
    if (Matches(filters_[id], r)) out->push_back(static_cast<int32_t>(id));
    return false;
  };
  for (uint32_t token : r.tokens) {
    auto [begin, end] = index.Bucket(token);
    for (const FilterEntry* e = begin; e != end; ++e) {
      if ((e->mask & ~r.token_mask) == 0) consider(e->id);
    }
  }
  r.EnsureGrams();
  for (const FallbackEntry& e : index.fallback()) {
    if (r.HasGram(e.gram_a) && r.HasGram(e.gram_b)) consider(e.id);
  }
  for (const FallbackEntry& e : index.regexes()) {
    if (r.HasGram(e.gram_a) && r.HasGram(e.gram_b)) consider(e.id);
  }
}

std::vector<int32_t> FilterSet::MatchEvery(const FilterRequest& r) const {
  std::vector<int32_t> out;
  if (!block_) return out;
  for (const FilterIndex* index : {important_.get(), block_.get(), exception_.get()}) {
    AllMatches(*index, r, &out);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

FilterMatch FilterSet::Match(const FilterRequest& r) const {
  FilterMatch m;
  if (!block_) return m;
  m.filter = FirstMatch(*important_, r);
  if (m.filter >= 0) return m;
  m.filter = FirstMatch(*block_, r);
  if (m.filter >= 0) m.exception = FirstMatch(*exception_, r);
  return m;
}

FilterMatch FilterSet::MatchAll(const FilterRequest& r) const {
  FilterMatch m = Match(r);
  if (m.filter < 0 && exception_) m.exception = FirstMatch(*exception_, r);
  return m;
}

}  // namespace durchblick
