// Building a FilterSet: lines → compact filters (one arena for all strings,
// one array for all domain hashes), $badfilter applied, then a reverse index
// token → filters in three parts (important, blocking, exceptions).
//
// Index layout (compressed sparse rows, no per-bucket allocation):
//   keys/slots   open-addressing table, token hash → bucket number
//   offsets      bucket b holds ids[offsets[b] .. offsets[b+1])
//   fallback     filters without a usable token (checked for every request)
//   regexes      regex filters (id order), pre-checked by two grams of a
//                literal their regex requires
#include <algorithm>
#include <cctype>
#include <unordered_map>
#include <unordered_set>

#include <re2/re2.h>
#include <re2/regexp.h>

#include "filter_index.h"
#include "filter_util.h"
#include "filters.h"

namespace durchblick {
namespace {

constexpr int64_t kRegexMaxMem = 1 << 20;  // per regex; larger ones are rejected

}  // namespace

std::unique_ptr<RE2> CompileFilterRegex(const NetworkFilter& f, std::string_view pattern) {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_max_mem(kRegexMaxMem);
  o.set_case_sensitive((f.flags & NetworkFilter::kMatchCase) != 0);
  return std::make_unique<RE2>(re2::StringPiece(pattern.data(), pattern.size()), o);
}

namespace {

// The tokens of a pattern that every URL it matches contains as a whole run:
// runs of [a-z0-9%] not next to a '*' or an unanchored pattern end.
template <typename Fn>
void ForEachPatternToken(const NetworkFilter& f, std::string_view pattern, Fn fn) {
  if (f.flags & NetworkFilter::kRegex) return;
  bool left = f.flags & (NetworkFilter::kLeftAnchor | NetworkFilter::kHostAnchor);
  bool right = f.flags & NetworkFilter::kRightAnchor;
  std::string lower = LowerAscii(pattern);
  ForEachTokenRun(lower, [&](size_t i, size_t j) {
    bool ok_before = i == 0 ? left : lower[i - 1] != '*';
    bool ok_after = j == lower.size() ? right : lower[j] != '*';
    if (ok_before && ok_after) fn(FilterTokenHash(std::string_view(lower).substr(i, j - i)));
  });
}

// Two grams of the longest literal run of a pattern (between '*' and '^'):
// every URL the pattern matches contains them, lower-cased.
void PatternGrams(std::string_view pattern, uint16_t* a, uint16_t* b) {
  *a = *b = kNoGram;
  std::string lower = LowerAscii(pattern);
  size_t best = 0, best_size = 0;
  for (size_t i = 0; i < lower.size();) {
    size_t j = lower.find_first_of("*^", i);
    if (j == std::string::npos) j = lower.size();
    if (j - i > best_size) best = i, best_size = j - i;
    i = j + 1;
  }
  if (best_size < 4) return;
  *a = FilterGram(lower.data() + best);
  *b = FilterGram(lower.data() + best + best_size - 4);
}

// Literal runs that every match of `re` contains (lower case, ASCII only:
// a rune that case-folds beyond ASCII, k and s, ends a run), from the
// parsed regex: literals of concatenations, inside groups and repeats that
// occur at least once; nothing from alternations or optional parts.
void RequiredRuns(re2::Regexp* re, std::vector<std::string>* runs) {
  auto flush = [&](std::string* run) {
    if (!run->empty()) runs->push_back(std::move(*run));
    run->clear();
  };
  auto add = [&](re2::Rune r, bool fold, std::string* run) {
    bool folds_wide = fold && (r == 'k' || r == 'K' || r == 's' || r == 'S');
    if (r >= 0x80 || folds_wide) return flush(run);
    run->push_back(LowerAsciiChar(static_cast<char>(r)));
  };
  auto literal = [&](re2::Regexp* s, std::string* run) {
    bool fold = (s->parse_flags() & re2::Regexp::FoldCase) != 0;
    if (s->op() == re2::kRegexpLiteral) {
      add(s->rune(), fold, run);
      return true;
    }
    if (s->op() == re2::kRegexpLiteralString) {
      for (int i = 0; i < s->nrunes(); ++i) add(s->runes()[i], fold, run);
      return true;
    }
    return false;
  };
  std::string run;
  switch (re->op()) {
    case re2::kRegexpConcat:
      for (int i = 0; i < re->nsub(); ++i) {
        if (literal(re->sub()[i], &run)) continue;
        flush(&run);
        RequiredRuns(re->sub()[i], runs);
      }
      break;
    case re2::kRegexpLiteral:
    case re2::kRegexpLiteralString:
      literal(re, &run);
      break;
    case re2::kRegexpCapture:
    case re2::kRegexpPlus:
      RequiredRuns(re->sub()[0], runs);
      break;
    case re2::kRegexpRepeat:
      if (re->min() >= 1) RequiredRuns(re->sub()[0], runs);
      break;
    default:
      break;
  }
  flush(&run);
}

// Two grams of the longest literal run a regex requires, leaving out runs
// within "https://": every web request has those, so a regex filtered by
// them (`(https?:\/\/)\w{30,}\.me\/`) would run for every request.
void RegexGrams(const RE2& re, uint16_t* a, uint16_t* b) {
  *a = *b = kNoGram;
  std::vector<std::string> runs;
  if (re.Regexp() != nullptr) RequiredRuns(re.Regexp(), &runs);
  const std::string* best = nullptr;
  for (const std::string& r : runs) {
    if (std::string_view("https://").find(r) != std::string_view::npos) continue;
    if (best == nullptr || r.size() > best->size()) best = &r;
  }
  if (best == nullptr || best->size() < 4) return;
  *a = FilterGram(best->data());
  *b = FilterGram(best->data() + best->size() - 4);
}

// The filter text with its badfilter option removed ("x$a,badfilter" → "x$a").
std::string WithoutBadfilter(std::string_view text) {
  size_t dollar = text.rfind('$');
  if (dollar == std::string_view::npos) return std::string(text);
  std::string out(text.substr(0, dollar));
  std::string_view options = text.substr(dollar + 1);
  std::string kept;
  while (!options.empty()) {
    size_t comma = options.find(',');
    std::string_view opt = options.substr(0, comma);
    options = comma == std::string_view::npos ? std::string_view() : options.substr(comma + 1);
    if (opt == "badfilter") continue;
    if (!kept.empty()) kept.push_back(',');
    kept.append(opt);
  }
  if (!kept.empty()) out += "$" + kept;
  return out;
}

// "||ads.example.com^" and nothing else in the pattern: such a filter
// matches exactly the URLs whose host ends in ads.example.com at a label
// start (for hosts of plain characters, FilterRequest::host_plain).
bool IsPureHost(const NetworkFilter& f, std::string_view pattern) {
  constexpr uint32_t kOther = NetworkFilter::kRegex | NetworkFilter::kRightAnchor |
                              NetworkFilter::kMatchCase | NetworkFilter::kLeftAnchor;
  if (!(f.flags & NetworkFilter::kHostAnchor) || (f.flags & kOther)) return false;
  if (pattern.size() < 2 || pattern.back() != '^') return false;
  for (char c : pattern.substr(0, pattern.size() - 1)) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
                 c == '_' || c == '%';
    if (!plain) return false;
  }
  return true;
}

}  // namespace

FilterSet::FilterSet() = default;
FilterSet::~FilterSet() = default;
FilterSet::FilterSet(FilterSet&&) noexcept = default;
FilterSet& FilterSet::operator=(FilterSet&&) noexcept = default;

void FilterSet::AddList(std::string_view name, std::string_view text) {
  uint16_t list = static_cast<uint16_t>(lists_.size());
  lists_.emplace_back(name);
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    stats_.lines++;
    ParsedLine p = ParseFilterLine(line);
    if (!p.ok) {
      stats_.skipped[p.reason]++;
      continue;
    }
    std::string_view written = Trim(line);
    if (p.badfilter) {
      badfilters_.push_back(WithoutBadfilter(written));
      stats_.skipped["badfilter line"]++;
      continue;
    }
    NetworkFilter f = p.filter;
    if (f.flags & NetworkFilter::kRegex) {
      auto re = CompileFilterRegex(f, p.pattern);
      if (!re->ok()) {
        stats_.skipped["malformed regex"]++;
        continue;
      }
      f.regex = static_cast<int32_t>(regexes_.size());
      regexes_.push_back(std::move(re));
    }
    f.list = list;
    f.text_begin = static_cast<uint32_t>(arena_.size());
    f.text_size = static_cast<uint32_t>(written.size());
    arena_.append(written);
    // Most patterns appear in the line as written: share those bytes.
    size_t at = p.pattern.empty() ? 0 : written.find(p.pattern);
    f.pattern_size = static_cast<uint32_t>(p.pattern.size());
    if (at != std::string_view::npos) {
      f.pattern_begin = f.text_begin + static_cast<uint32_t>(at);
    } else {
      f.pattern_begin = static_cast<uint32_t>(arena_.size());
      arena_.append(p.pattern);
    }
    f.domains_begin = static_cast<uint32_t>(hashes_.size());
    f.n_domains = static_cast<uint16_t>(p.domains.size());
    f.n_not_domains = static_cast<uint16_t>(p.not_domains.size());
    f.n_denyallow = static_cast<uint16_t>(p.denyallow.size());
    hashes_.insert(hashes_.end(), p.domains.begin(), p.domains.end());
    hashes_.insert(hashes_.end(), p.not_domains.begin(), p.not_domains.end());
    hashes_.insert(hashes_.end(), p.denyallow.begin(), p.denyallow.end());
    if (IsPureHost(f, p.pattern)) {
      f.flags |= NetworkFilter::kPureHost;
      hashes_.push_back(FilterHash64(std::string_view(p.pattern).substr(0, p.pattern.size() - 1)));
    }
    filters_.push_back(f);
  }
}

void FilterSet::Build() {
  // $badfilter: drop every filter written exactly as the cancelled one.
  if (!badfilters_.empty()) {
    std::unordered_set<std::string_view> cancelled(badfilters_.begin(), badfilters_.end());
    size_t kept = 0;
    for (const NetworkFilter& f : filters_) {
      if (cancelled.count(Text(static_cast<int32_t>(&f - filters_.data())))) {
        stats_.badfiltered++;
        continue;
      }
      filters_[kept++] = f;
    }
    filters_.resize(kept);
    badfilters_.clear();
    badfilters_.shrink_to_fit();
  }
  filters_.shrink_to_fit();
  arena_.shrink_to_fit();
  hashes_.shrink_to_fit();

  IndexFilters();
}

void FilterSet::IndexFilters() {
  // Each filter goes under its rarest token (Ghostery's histogram choice).
  std::vector<uint32_t> candidates, first_candidate(filters_.size() + 1, 0);
  candidates.reserve(filters_.size() * 3);
  for (size_t i = 0; i < filters_.size(); ++i) {
    const NetworkFilter& f = filters_[i];
    first_candidate[i] = static_cast<uint32_t>(candidates.size());
    std::string_view pattern(arena_.data() + f.pattern_begin, f.pattern_size);
    ForEachPatternToken(f, pattern, [&](uint32_t t) { candidates.push_back(t); });
  }
  first_candidate[filters_.size()] = static_cast<uint32_t>(candidates.size());
  TokenCounts histogram(candidates.size());
  for (uint32_t t : candidates) histogram[t]++;
  std::vector<uint32_t> token_of(filters_.size(), 0), mask_of(filters_.size(), 0);
  for (size_t i = 0; i < filters_.size(); ++i) {
    uint32_t best = 0, best_count = UINT32_MAX;
    for (uint32_t k = first_candidate[i]; k < first_candidate[i + 1]; ++k) {
      uint32_t c = histogram[candidates[k]];
      if (c < best_count) best = candidates[k], best_count = c;
      mask_of[i] |= FilterTokenBit(candidates[k]);
    }
    token_of[i] = best;
  }
  candidates = {};
  first_candidate = {};
  BuildIndexes(token_of, mask_of);
}

void FilterSet::BuildIndexes(const std::vector<uint32_t>& token_of,
                             const std::vector<uint32_t>& mask_of) {
  important_ = std::make_unique<FilterIndex>();
  block_ = std::make_unique<FilterIndex>();
  exception_ = std::make_unique<FilterIndex>();
  std::vector<FilterIndex::Input> entries[3];
  FilterIndex* indexes[3] = {important_.get(), block_.get(), exception_.get()};
  stats_.filters = filters_.size();
  stats_.exceptions = 0;
  for (size_t i = 0; i < filters_.size(); ++i) {
    const NetworkFilter& f = filters_[i];
    int which = (f.flags & NetworkFilter::kException)   ? 2
                : (f.flags & NetworkFilter::kImportant) ? 0
                                                        : 1;
    if (which == 2) stats_.exceptions++;
    if (f.flags & NetworkFilter::kRegex) {
      uint16_t a, b;
      RegexGrams(*regexes_[f.regex], &a, &b);
      indexes[which]->AddRegex(static_cast<uint32_t>(i), a, b);
    } else {
      FilterIndex::Input in{token_of[i], static_cast<uint32_t>(i), mask_of[i], kNoGram, kNoGram};
      if (in.token == 0) {
        PatternGrams(std::string_view(arena_.data() + f.pattern_begin, f.pattern_size),
                     &in.gram_a, &in.gram_b);
      }
      entries[which].push_back(in);
    }
  }
  for (int k = 0; k < 3; ++k) indexes[k]->Build(&entries[k]);
}

std::string_view FilterSet::Text(int32_t filter) const {
  if (filter < 0 || static_cast<size_t>(filter) >= filters_.size()) return {};
  const NetworkFilter& f = filters_[filter];
  return std::string_view(arena_.data() + f.text_begin, f.text_size);
}

const std::string& FilterSet::ListName(int32_t filter) const {
  static const std::string kNone;
  if (filter < 0 || static_cast<size_t>(filter) >= filters_.size()) return kNone;
  return lists_[filters_[filter].list];
}

size_t FilterSet::ListIndex(int32_t filter) const {
  if (filter < 0 || static_cast<size_t>(filter) >= filters_.size()) return 0;
  return filters_[filter].list;
}

size_t FilterSet::MemoryBytes() const {
  size_t bytes = filters_.capacity() * sizeof(NetworkFilter) + arena_.capacity() +
                 hashes_.capacity() * sizeof(uint64_t);
  for (const auto& re : regexes_) {
    if (re != nullptr) bytes += sizeof(RE2) + static_cast<size_t>(re->ProgramSize()) * 16;
  }
  for (const FilterIndex* i : {important_.get(), block_.get(), exception_.get()}) {
    if (i != nullptr) bytes += i->MemoryBytes();
  }
  return bytes;
}

}  // namespace durchblick
