// Network filters: the request-blocking part of the Adblock Plus / uBlock
// Origin filter syntax (EasyList, EasyPrivacy, AdGuard Tracking Protection),
// parsed, indexed by token and matched against requests.
//
//   FilterSet set;
//   set.AddList("easyprivacy", text);            // one call per list
//   set.Build();                                  // badfilter, token index
//   FilterRequest r = FilterRequest::Make(url, page_host, type, party);
//   FilterMatch m = set.Match(r);
//   if (m.blocked()) use(set.Text(m.filter), set.ListName(m.filter));
//
// What a line may be (everything else is skipped and counted by reason in
// stats(); nothing is silently misread):
//
//   ||ads.example.com^     host anchor: the host or one of its subdomains
//   |https://  ...js|      start / end anchors
//   /banner/*/img^         `*` any run of characters, `^` a separator (not a
//                          letter, digit or one of _-.%) or the end of the URL
//   /ads?\d+\.js/          a regular expression (RE2: linear time, always)
//   @@||cdn.example^       an exception: un-blocks what another filter blocked
//   ...$options            comma-separated, `~` negates:
//     script image stylesheet object subdocument xmlhttprequest websocket
//     media font ping other document (and the aliases css frame xhr beacon
//     doc object-subrequest all), third-party 3p first-party 1p,
//     domain=a.com|~b.a.com|c.* (from= is the same), important, match-case,
//     badfilter, denyallow=x.com|y.com, redirect=... (blocks; the resource
//     itself is ignored), empty mp4 (block), _ (no-op)
//   ! comment, [Adblock Plus 2.0] header, ## and #@# cosmetic rules, $$ HTML
//   filters: skipped (cosmetic filtering is not network matching).
//
// Options the engine does not implement (csp, removeparam, redirect-rule,
// popup, cookie, header, method, ...) make the whole line skipped with reason
// "unsupported option <name>": a filter is used exactly as written or not at
// all. Lines longer than kMaxLineBytes, regexes RE2 rejects or that exceed
// its memory budget, control characters and empty domain lists are
// "malformed ..." skips.
//
// Matching (the design of uBlock Origin and Ghostery): every filter is filed
// under one token of its pattern (a run of [a-z0-9%] that any URL it matches
// must contain as a whole run), the rarest one; filters without such a token
// sit in bucket 0. A request is tokenised once; only the buckets of its tokens
// are checked, options first, pattern last. `$important` blocks beat
// exceptions; otherwise an exception that matches a blocked request wins.
// Patterns are matched by a linear scan over `*`-separated segments (no
// backtracking); regexes by RE2. Matching never allocates.
//
// Third-party-ness and the page's domain are facts of the request: a request
// whose party is kUnknown (no page URL) ignores party options and `domain=`,
// as Brave's engine does.
#ifndef DURCHBLICK_FILTERS_FILTERS_H_
#define DURCHBLICK_FILTERS_FILTERS_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace durchblick {

class FilterIndex;
class PublicSuffixList;

constexpr size_t kMaxLineBytes = 16 * 1024;

// Resource types, one bit each (webRequest and Adblock Plus names).
enum FilterType : uint32_t {
  kTypeScript = 1u << 0,
  kTypeImage = 1u << 1,
  kTypeStylesheet = 1u << 2,
  kTypeObject = 1u << 3,
  kTypeSubdocument = 1u << 4,
  kTypeXhr = 1u << 5,
  kTypeWebsocket = 1u << 6,
  kTypeMedia = 1u << 7,
  kTypeFont = 1u << 8,
  kTypePing = 1u << 9,
  kTypeOther = 1u << 10,
  kTypeDocument = 1u << 11,
  kTypeAllButDocument = (1u << 11) - 1,
};

// The type bit of a request type name: webRequest's (main_frame, sub_frame,
// xmlhttprequest, ...), the snapshot's, and the names of Brave's test data
// (xhr, fetch, beacon). Unknown names are kTypeOther.
uint32_t FilterTypeFromName(std::string_view name);

enum class Party : uint8_t { kUnknown, kFirst, kThird };

// One request, prepared for matching: lower-cased URL, its tokens, the page
// host's suffix hashes. Make it once per request; Match() only reads it.
struct FilterRequest {
  std::string url;        // as requested (for match-case filters)
  std::string lower;      // lower-cased url
  size_t host_begin = 0, host_end = 0;  // the host within url
  uint32_t type = kTypeOther;
  Party party = Party::kUnknown;
  std::vector<uint32_t> tokens;          // hashes of the URL's [a-z0-9%] runs, each once
  uint32_t token_mask = 0;               // FilterTokenBit of every token
  std::vector<uint64_t> source_hashes;   // page host and its parent domains, entities (x.*)
  std::vector<uint64_t> host_hashes;     // request host and its parent domains
  std::vector<uint32_t> host_suffixes;   // where each of those begins in `lower`
  bool host_plain = false;               // the host has only [a-z0-9._%-]: ||host^ filters
                                         // match exactly when a suffix equals their host
  // FilterGram of every 4 bytes of `lower` (2048 bits). Only the filters
  // without a token and the regexes need them, which a request whose tokens
  // find a block never reaches: filled on first use (EnsureGrams).
  mutable uint64_t grams[32] = {};
  mutable bool grams_ready = false;
  void EnsureGrams() const;
  bool HasGram(uint16_t g) const {
    return g == 0xffff || (grams[g >> 6] >> (g & 63)) & 1;
  }

  // `page_host` is the host of the page that made the request ("" when
  // unknown); `psl` (may be null) turns it into entities for `domain=x.*`.
  static FilterRequest Make(std::string_view url, std::string_view page_host, uint32_t type,
                            Party party, const PublicSuffixList* psl = nullptr);
  // As Make(), deciding the party itself: third party when the registrable
  // domains (eTLD+1) of the request host and `page_host` differ.
  static FilterRequest FromUrls(std::string_view url, std::string_view page_host,
                                uint32_t type, const PublicSuffixList& psl);
  // As FromUrls (party from `psl` if given), refilling this request in
  // place: once its buffers have grown, preparing allocates nothing.
  void Assign(std::string_view url, std::string_view page_host, uint32_t type,
              const PublicSuffixList* psl);

  // Scratch of Assign: the page host of the last call and what was derived
  // from it (requests of one page share it).
  std::string page, page_scratch;
  size_t page_domain_begin = 0;
  // The request host of the last call with this page and its party: a
  // page's requests often go to one host in a row (the page's own among
  // them), and the registrable domain is a PSL lookup per label.
  std::string party_host;
  Party party_of_host = Party::kUnknown;
  const PublicSuffixList* page_psl = nullptr;
  bool page_valid = false;
};

// One parsed filter. Strings live in the owning FilterSet's arena.
struct NetworkFilter {
  enum Flag : uint32_t {
    kException = 1u << 0,
    kImportant = 1u << 1,
    kMatchCase = 1u << 2,
    kLeftAnchor = 1u << 3,   // |pattern
    kRightAnchor = 1u << 4,  // pattern|
    kHostAnchor = 1u << 5,   // ||pattern
    kRegex = 1u << 6,        // /pattern/
    kFirstParty = 1u << 7,   // may match first-party requests
    kThirdParty = 1u << 8,   // may match third-party requests
    kPureHost = 1u << 9,     // ||host^ alone: matched by the host's suffix hashes
                             // (the host's hash follows the denyallow hashes)
  };
  uint32_t flags = kFirstParty | kThirdParty;
  uint32_t types = kTypeAllButDocument;
  uint32_t text_begin = 0, text_size = 0;        // the line as written
  uint32_t pattern_begin = 0, pattern_size = 0;  // lower-cased unless match-case
  uint32_t domains_begin = 0;                    // into FilterSet::hashes_
  uint16_t n_domains = 0, n_not_domains = 0, n_denyallow = 0;
  uint16_t list = 0;
  int32_t regex = -1;                            // into FilterSet::regexes_
};

// Why lines were not used, and how many were.
struct FilterStats {
  size_t lines = 0;        // all lines read
  size_t filters = 0;      // network filters in use (after badfilter)
  size_t exceptions = 0;   // of which @@
  size_t badfiltered = 0;  // filters cancelled by a $badfilter line
  std::map<std::string, size_t> skipped;  // reason -> lines ("comment", "cosmetic", ...)
};

struct FilterMatch {
  int32_t filter = -1;     // the blocking filter that matched, or -1
  int32_t exception = -1;  // the @@ filter that lifted it (or, in an engine
                           // without a matching block, the one that matched)
  bool blocked() const { return filter >= 0 && exception < 0; }
};

// The outcome of parsing one line.
struct ParsedLine {
  bool ok = false;
  std::string reason;            // why !ok ("comment", "unsupported option csp", ...)
  NetworkFilter filter;
  std::string pattern;           // lower-cased unless match-case
  std::vector<uint64_t> domains, not_domains, denyallow;  // FNV-1a hashes
  bool badfilter = false;
};

// Parses one line of a filter list. Pure; used by FilterSet::AddList.
ParsedLine ParseFilterLine(std::string_view line);

uint64_t FilterHash64(std::string_view s);
// A regex filter's RE2 (its case rule, a memory budget); check ok().
std::unique_ptr<re2::RE2> CompileFilterRegex(const NetworkFilter& f, std::string_view pattern);
uint32_t FilterTokenHash(std::string_view s);

class FilterSet {
 public:
  FilterSet();
  ~FilterSet();
  FilterSet(FilterSet&&) noexcept;
  FilterSet& operator=(FilterSet&&) noexcept;

  // Parses every line of `text` into the set under the list name `name`.
  // Call Build() after the last list.
  void AddList(std::string_view name, std::string_view text);
  // Applies $badfilter across all lists and builds the token index.
  void Build();

  // The verdict: an $important block, else a block unless an exception
  // lifts it. Exceptions are only looked up for blocked requests.
  FilterMatch Match(const FilterRequest& request) const;
  // As Match(), but also reports a matching exception when nothing blocks
  // (for explanations and conformance checks; one more index probe).
  FilterMatch MatchAll(const FilterRequest& request) const;
  // Every filter (blocking, important or exception) that matches the
  // request on its own, as an engine holding only that filter would, in
  // list order. For explanations ("which of my filters hit this?").
  std::vector<int32_t> MatchEvery(const FilterRequest& request) const;

  std::string_view Text(int32_t filter) const;       // the filter as written
  const std::string& ListName(int32_t filter) const;  // the list it came from
  size_t ListIndex(int32_t filter) const;             // its list, in AddList order
  const std::vector<std::string>& lists() const { return lists_; }  // names, in AddList order
  const FilterStats& stats() const { return stats_; }
  size_t size() const { return filters_.size(); }
  // Bytes held by filters, arena and index (for the benchmark's memory line).
  size_t MemoryBytes() const;

  // The compact compiled form of a built set (filter_compiled.cc): the
  // arena (every filter as written, valid UTF-8) and binary tables (the
  // filters' fields and domain hashes). Loading it skips parsing; the
  // token index is built again (fast) and the few regexes compiled again.
  //   std::string tables = set.CompiledTables();   // after Build()
  //   FilterSet copy; copy.LoadCompiled(set.arena(), tables, &error);
  // The same lists give the same bytes, native and wasm.
  std::string CompiledTables() const;
  const std::string& arena() const { return arena_; }
  // False with a message if the tables are malformed or of another format
  // version; the set is then empty.
  bool LoadCompiled(std::string arena, std::string_view tables, std::string* error);

 private:
  void IndexFilters();  // token choice, then BuildIndexes
  void BuildIndexes(const std::vector<uint32_t>& token_of, const std::vector<uint32_t>& mask_of);
  bool Matches(const NetworkFilter& f, const FilterRequest& r) const;
  bool MatchesPattern(const NetworkFilter& f, const FilterRequest& r) const;
  int32_t FirstMatch(const FilterIndex& index, const FilterRequest& r) const;
  void AllMatches(const FilterIndex& index, const FilterRequest& r,
                  std::vector<int32_t>* out) const;

  std::vector<NetworkFilter> filters_;
  std::string arena_;
  std::vector<uint64_t> hashes_;
  std::vector<std::unique_ptr<re2::RE2>> regexes_;
  std::vector<std::string> lists_;
  std::vector<std::string> badfilters_;  // normalised texts, until Build()
  std::unique_ptr<FilterIndex> important_, block_, exception_;
  FilterStats stats_;
};

}  // namespace durchblick

#endif  // DURCHBLICK_FILTERS_FILTERS_H_
