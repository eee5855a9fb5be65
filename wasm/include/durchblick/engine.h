// Durchblick's analysis core: one snapshot of a web page in, one explained
// report out. This header is the whole public C++ API; the native CLI, the
// Embind binding and the tests use nothing else.
//
//   durchblick::Engine engine(rules_bundle_json);   // compile the rules once
//   if (!engine.ok()) { /* engine.error() says why */ }
//   std::string report = engine.Analyze(snapshot_json);
//
// Contracts (docs/snapshot.md, docs/report.md, schemas/*.schema.json):
//   input   {"schema": "durchblick.snapshot/1", "url": ..., "requests": [...], ...}
//   output  {"schema": "durchblick.report/1", "score": 0..100, "findings": [...], ...}
//
// Nothing here throws and nothing aborts on bad input: a malformed or
// oversized snapshot yields an *error report* ({"schema": ..., "error":
// {"code", "message", "where"}}). Callers must not assume findings are in any
// order other than the one documented in docs/report.md.
#ifndef DURCHBLICK_ENGINE_H_
#define DURCHBLICK_ENGINE_H_

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace durchblick {

class RuleSet;

// The version of the core itself (semver), e.g. "0.1.0".
const char* CoreVersion();

// Snapshots larger than this are refused with an error report (code
// "too_large") before they are parsed.
constexpr size_t kMaxSnapshotBytes = 64u << 20;

class Engine {
 public:
  // Compiles a rules bundle (the JSON written by tools/build-rules.mjs from
  // rules/). Never throws; check ok(). Compiling takes milliseconds to a few
  // hundred milliseconds (filter lists), so build one Engine and reuse it.
  explicit Engine(const std::string& rules_bundle_json);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // False if the bundle was rejected; then Analyze() returns error reports.
  bool ok() const;
  // Why the bundle was rejected, naming the rule; empty if ok().
  std::string error() const;
  // The bundle's version ("<package version>+<content hash>").
  std::string rules_version() const;

  // Analyzes one snapshot (UTF-8 JSON) and returns one report (compact JSON,
  // no trailing newline). Deterministic: the same snapshot and rules give the
  // same bytes, natively and in wasm.
  std::string Analyze(std::string_view snapshot_json) const;

  // Builds a snapshot from a HAR 1.2 capture (page URL, requests with
  // resource types, cookies from Set-Cookie). Returns the snapshot JSON, or an
  // error report if the HAR is unusable (not JSON, no log.entries, ...).
  std::string SnapshotFromHar(std::string_view har_json) const;

  // Per-request verdicts for researchers (durchblick-core classify).
  // `requests` holds one request URL per line, optionally "URL<TAB>type"
  // (webRequest resource type); `page_url` is the page that made them.
  // Returns a header line and then one TSV line per non-blank input line:
  //   url host company category tracker retargeting reason
  // (tracker/retargeting are "yes"/"no"; unknown fields are "-"; `reason`
  // says why in plain words). A URL that names no host (data:, blob:,
  // malformed) is never an error: its line says "skipped: <why>".
  static constexpr const char* kClassifyHeader =
      "url\thost\tcompany\tcategory\ttracker\tretargeting\treason";
  // A line may carry its own page as a third field ("URL<TAB>type<TAB>page
  // URL"; a page URL without a host means "page unknown"). `tracker` is
  // also "yes" for a request a tracking filter list blocks; the reason
  // names the filter. With `every_filter`, the reason ends in "; matches:"
  // and every filter of the lists that matches the request on its own, as
  // written, separated by spaces (for checking one's own lists).
  std::string ClassifyRequests(const std::string& page_url, const std::string& requests,
                               bool every_filter = false) const;

  // Replaces the bundle's filter lists by these (name, list text) pairs,
  // e.g. researchers' own EasyList copies; they count as tracking lists.
  // Lines the filter parser cannot use are skipped and counted
  // (rules().filters().set().stats()).
  void UseFilterLists(const std::vector<std::pair<std::string, std::string>>& lists);
  // The current filter lists in the compact compiled form the rules bundle
  // carries (JSON {"format", "arena", "tables"}; compiled now if needed):
  // what the rules build writes for the built-in lists
  // (wasm/cli/compile_filters.cc), and what bench/filters.mjs loads.
  std::string CompiledFilters() const;
  // Replaces the filter lists by such a compiled form (tracking lists).
  // False, leaving the lists as they were, if it is malformed.
  bool UseCompiledFilters(const std::string& compiled_json);

  // What the filter parser made of the lists (`durchblick-core filters`),
  // TSV: "list id kind title version source license" per list, then
  // "lines N", "filters N", "exceptions N", "badfiltered N", "memory
  // BYTES" (held by the compiled filters) and "skipped N reason" per
  // reason a line was not used.
  std::string FilterListReport() const;

  // The filter lists alone, without a snapshot (bench/filters.mjs): the
  // verdict on one request of type `type` made by the page `page_url` (""
  // or a URL without a host: page unknown). 1 = a filter blocks it, 0 = no
  // filter matches, -1 = a filter matches but an exception lifts it.
  int MatchFilters(const std::string& url, const std::string& page_url,
                   const std::string& type) const;

  // The compiled rules, for tests and tools inside the core.
  const RuleSet& rules() const { return *rules_; }

 private:
  std::unique_ptr<RuleSet> rules_;
  std::string error_;
};

}  // namespace durchblick

#endif  // DURCHBLICK_ENGINE_H_
