// Preparing a request for matching: lower-case it, find the host, hash its
// tokens and the page's domains once, so that Match() only compares.
// Example: https://Stats.Example.com/c.js?id=1 gives the tokens
// https stats example com c js id 1 and host "stats.example.com".
#include "../url.h"
#include "filter_util.h"
#include "filters.h"

namespace durchblick {
namespace {

// "a.b.c" → hashes of "a.b.c", "b.c", "c" (and, if `begins` is given,
// where each begins relative to `offset`).
void AddSuffixHashes(std::string_view host, std::vector<uint64_t>* out,
                     std::vector<uint32_t>* begins = nullptr, size_t offset = 0) {
  size_t at = 0;
  while (at < host.size()) {
    out->push_back(FilterHash64(host.substr(at)));
    if (begins != nullptr) begins->push_back(static_cast<uint32_t>(offset + at));
    size_t dot = host.find('.', at);
    if (dot == std::string_view::npos) break;
    at = dot + 1;
  }
}

bool IsPlainHostChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' ||
         c == '%';
}

// "www.google.co.uk" with registrable domain "google.co.uk" → "www.google.*",
// "google.*" (the public suffix as *). Without one: the last label as *.
void AddEntityHashes(std::string_view host, std::string_view registrable,
                     std::vector<uint64_t>* out) {
  size_t suffix_begin;
  size_t dot = registrable.find('.');
  if (!registrable.empty() && dot != std::string_view::npos && registrable.size() <= host.size()) {
    suffix_begin = host.size() - (registrable.size() - dot - 1);
  } else {
    dot = host.rfind('.');
    if (dot == std::string_view::npos) return;
    suffix_begin = dot + 1;
  }
  static thread_local std::string entity;  // reused: no allocation once warm
  entity.assign(host.substr(0, suffix_begin));
  entity.push_back('*');
  std::string_view e = entity;
  while (e.size() > 1) {
    out->push_back(FilterHash64(e));
    dot = e.find('.');
    if (dot == std::string_view::npos || dot + 2 >= e.size()) break;
    e.remove_prefix(dot + 1);
  }
}

}  // namespace

uint32_t FilterTypeFromName(std::string_view name) {
  struct Pair {
    std::string_view name;  // not const char*: a length mismatch rules a name out at once
    uint32_t bit;
  };
  static constexpr Pair kNames[] = {
      {"script", kTypeScript},         {"image", kTypeImage},
      {"imageset", kTypeImage},        {"img", kTypeImage},
      {"stylesheet", kTypeStylesheet}, {"object", kTypeObject},
      {"object_subrequest", kTypeObject}, {"sub_frame", kTypeSubdocument},
      {"subdocument", kTypeSubdocument}, {"xmlhttprequest", kTypeXhr},
      {"xhr", kTypeXhr},               {"fetch", kTypeXhr},
      {"websocket", kTypeWebsocket},   {"media", kTypeMedia},
      {"font", kTypeFont},             {"ping", kTypePing},
      {"beacon", kTypePing},           {"main_frame", kTypeDocument},
      {"document", kTypeDocument},
  };
  for (const Pair& p : kNames) {
    if (name == p.name) return p.bit;
  }
  return kTypeOther;
}

FilterRequest FilterRequest::Make(std::string_view url, std::string_view page_host,
                                  uint32_t type, Party party, const PublicSuffixList* psl) {
  FilterRequest r;
  r.Assign(url, page_host, type, psl);
  r.party = page_host.empty() ? Party::kUnknown : party;
  return r;
}

FilterRequest FilterRequest::FromUrls(std::string_view url, std::string_view page_host,
                                      uint32_t type, const PublicSuffixList& psl) {
  FilterRequest r;
  r.Assign(url, page_host, type, &psl);
  return r;
}

void FilterRequest::Assign(std::string_view u, std::string_view page_host, uint32_t t,
                           const PublicSuffixList* psl) {
  url.assign(u);
  lower.assign(u);
  for (char& c : lower) c = LowerAsciiChar(c);
  type = t;
  party = Party::kUnknown;
  host_begin = host_end = 0;
  size_t scheme_end = lower.find("://");
  if (scheme_end != std::string::npos) {
    size_t begin = scheme_end + 3;
    size_t end = lower.find_first_of("/?#", begin);
    if (end == std::string::npos) end = lower.size();
    size_t at = lower.rfind('@', end);
    if (at != std::string::npos && at >= begin) begin = at + 1;
    size_t colon = lower.find(':', begin);
    if (colon != std::string::npos && colon < end && lower[begin] != '[') end = colon;
    host_begin = begin;
    host_end = end;
  }
  std::string_view s = lower;
  tokens.clear();
  token_mask = 0;
  uint64_t seen[4] = {0, 0, 0, 0};  // a 256-bit filter over the tokens so far
  ForEachTokenRun(s, [&](size_t i, size_t j) {
    uint32_t h = FilterTokenHash(s.substr(i, j - i));
    uint64_t& word = seen[(h >> 6) & 3];
    uint64_t bit = uint64_t{1} << (h & 63);
    if (word & bit) {
      for (uint32_t k : tokens) {
        if (k == h) return;
      }
    }
    word |= bit;
    tokens.push_back(h);
    token_mask |= FilterTokenBit(h);
  });
  grams_ready = false;
  std::string_view host = s.substr(host_begin, host_end - host_begin);
  host_plain = !host.empty();
  for (char c : host) host_plain = host_plain && IsPlainHostChar(c);
  host_hashes.clear();
  host_suffixes.clear();
  AddSuffixHashes(host, &host_hashes, &host_suffixes, host_begin);
  if (page_host.empty()) {
    source_hashes.clear();
    page_valid = false;
    return;
  }
  // The page's domains are the same for every request of a page: derive
  // them once per page host.
  page_scratch.assign(page_host);
  for (char& c : page_scratch) c = LowerAsciiChar(c);
  if (!page_valid || page_psl != psl || page_scratch != page) {
    page.swap(page_scratch);
    page_psl = psl;
    page_valid = true;
    std::string_view page_domain;
    if (psl != nullptr) page_domain = psl->RegistrableDomainView(page);
    page_domain_begin = page.size() - page_domain.size();
    source_hashes.clear();
    AddSuffixHashes(page, &source_hashes);
    AddEntityHashes(page, page_domain, &source_hashes);
    party_of_host = Party::kUnknown;
  }
  if (psl != nullptr) {
    if (party_of_host == Party::kUnknown || host != party_host) {
      std::string_view page_domain = std::string_view(page).substr(page_domain_begin);
      // The page's own host needs no lookup: its registrable domain is the page's.
      bool first = host == page || psl->RegistrableDomainView(host) == page_domain;
      party_of_host = first ? Party::kFirst : Party::kThird;
      party_host.assign(host);
    }
    party = party_of_host;
  }
}

void FilterRequest::EnsureGrams() const {
  if (grams_ready) return;
  for (uint64_t& g : grams) g = 0;
  for (size_t i = 0; i + 4 <= lower.size(); ++i) {
    uint16_t g = FilterGram(lower.data() + i);
    grams[g >> 6] |= uint64_t{1} << (g & 63);
  }
  grams_ready = true;
}

}  // namespace durchblick
