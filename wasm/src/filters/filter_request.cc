// Preparing a request for matching: lower-case it, find the host, hash its
// tokens and the page's domains once, so that Match() only compares.
// Example: https://Stats.Example.com/c.js?id=1 gives the tokens
// https stats example com c js id 1 and host "stats.example.com".
#include "../url.h"
#include "filter_util.h"
#include "filters.h"

namespace durchblick {
namespace {

// "a.b.c" → hashes of "a.b.c", "b.c", "c".
void AddSuffixHashes(std::string_view host, std::vector<uint64_t>* out) {
  while (!host.empty()) {
    out->push_back(FilterHash64(host));
    size_t dot = host.find('.');
    if (dot == std::string_view::npos) break;
    host.remove_prefix(dot + 1);
  }
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
  std::string entity(host.substr(0, suffix_begin));
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
    const char* name;
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
  r.url = std::string(url);
  r.lower = LowerAscii(url);
  r.type = type;
  r.party = page_host.empty() ? Party::kUnknown : party;
  size_t scheme_end = r.lower.find("://");
  if (scheme_end != std::string::npos) {
    size_t begin = scheme_end + 3;
    size_t end = r.lower.find_first_of("/?#", begin);
    if (end == std::string::npos) end = r.lower.size();
    size_t at = r.lower.rfind('@', end);
    if (at != std::string::npos && at >= begin) begin = at + 1;
    size_t colon = r.lower.find(':', begin);
    if (colon != std::string::npos && colon < end && r.lower[begin] != '[') end = colon;
    r.host_begin = begin;
    r.host_end = end;
  }
  std::string_view s = r.lower;
  r.tokens.reserve(24);
  ForEachTokenRun(s, [&](size_t i, size_t j) {
    uint32_t h = FilterTokenHash(s.substr(i, j - i));
    for (uint32_t t : r.tokens) {
      if (t == h) return;
    }
    r.tokens.push_back(h);
  });
  AddSuffixHashes(s.substr(r.host_begin, r.host_end - r.host_begin),
                  &r.host_hashes);
  if (!page_host.empty()) {
    std::string page = LowerAscii(page_host);
    AddSuffixHashes(page, &r.source_hashes);
    AddEntityHashes(page, psl != nullptr ? psl->RegistrableDomain(page) : std::string(),
                    &r.source_hashes);
  }
  return r;
}

FilterRequest FilterRequest::FromUrls(std::string_view url, std::string_view page_host,
                                      uint32_t type, const PublicSuffixList& psl) {
  FilterRequest r = Make(url, std::string_view(), type, Party::kUnknown, nullptr);
  if (page_host.empty()) return r;
  std::string page = LowerAscii(page_host);
  std::string page_domain = psl.RegistrableDomain(page);
  std::string host = r.lower.substr(r.host_begin, r.host_end - r.host_begin);
  r.party = psl.RegistrableDomain(host) == page_domain ? Party::kFirst : Party::kThird;
  AddSuffixHashes(page, &r.source_hashes);
  AddEntityHashes(page, page_domain, &r.source_hashes);
  return r;
}

}  // namespace durchblick
