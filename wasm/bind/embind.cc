// The whole JavaScript surface of the core (web/core/loader.js wraps it).
// Strings cross as UTF-8 JSON; errors come back as error reports, never as
// exceptions.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>
#include <emscripten/val.h>
#include <malloc.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "classify.h"
#include "durchblick/engine.h"
#include "url.h"

namespace {

std::string CoreVersionString() { return durchblick::CoreVersion(); }

// Engine::UseFilterLists with names and texts as two StringVectors.
void UseFilterLists(durchblick::Engine& engine, const std::vector<std::string>& names,
                    const std::vector<std::string>& texts) {
  std::vector<std::pair<std::string, std::string>> lists;
  for (size_t i = 0; i < names.size() && i < texts.size(); ++i) lists.emplace_back(names[i], texts[i]);
  engine.UseFilterLists(lists);
}

// Engine::ClassifyRequests (the classify command's TSV) without filter details.
std::string ClassifyTsv(const durchblick::Engine& engine, const std::string& page_url,
                        const std::string& lines) {
  return engine.ClassifyRequests(page_url, lines);
}

// Engine::Analyze and SnapshotFromHar on `size` bytes of UTF-8 that the
// caller wrote into the wasm heap at `ptr` (web/core/loader.js, with
// TextEncoder.encodeInto: one native copy), returning a view of the result's
// UTF-8 bytes that the caller decodes with TextDecoder before its next call
// into the module (the bytes live until then). Embind's own std::string
// conversions walk every byte in JavaScript: on the way in twice (UTF-8
// length, then every code unit; a fifth of analysing a 5 MB page), on the
// way out once (looking for NULs; a twentieth of analysing a 200 KB page).
std::string& LastResult() {
  static std::string last;  // JavaScript calls in one at a time
  return last;
}
emscripten::val ResultView(std::string result) {
  std::string& last = LastResult();
  last = std::move(result);
  return emscripten::val(emscripten::typed_memory_view(
      last.size(), reinterpret_cast<const unsigned char*>(last.data())));
}
emscripten::val AnalyzeUtf8(const durchblick::Engine& engine, uintptr_t ptr, size_t size) {
  return ResultView(engine.Analyze(std::string_view(reinterpret_cast<const char*>(ptr), size)));
}
emscripten::val SnapshotFromHarUtf8(const durchblick::Engine& engine, uintptr_t ptr, size_t size) {
  return ResultView(engine.SnapshotFromHar(std::string_view(reinterpret_cast<const char*>(ptr), size)));
}
// Embind passes std::string, not std::string_view.
std::string AnalyzeString(const durchblick::Engine& engine, const std::string& snapshot_json) {
  return engine.Analyze(snapshot_json);
}
std::string SnapshotFromHarString(const durchblick::Engine& engine, const std::string& har_json) {
  return engine.SnapshotFromHar(har_json);
}

// Bytes of the wasm heap in use (dlmalloc's count), for the benchmark's
// memory figures: read before and after constructing an Engine.
double HeapBytesInUse() { return static_cast<double>(mallinfo().uordblks); }

// Calls fn(url) for each non-empty line of `lines`.
template <typename Fn>
void ForEachLine(std::string_view lines, Fn fn) {
  while (!lines.empty()) {
    size_t nl = lines.find('\n');
    std::string_view url = lines.substr(0, nl);
    lines = nl == std::string_view::npos ? std::string_view() : lines.substr(nl + 1);
    if (!url.empty()) fn(url);
  }
}

// For bench/trackers.mjs: classifies newline-separated request URLs as the
// page `page_url` made them, timing each ClassifyRequest() call inside wasm
// with emscripten_get_now() (no string crosses the JS boundary per request).
// Returns "<ns>,<ns>,...;<trackers>;<retargeting>" (times in nanoseconds, in
// input order; counts of tracker and retargeting verdicts as a check value).
std::string ClassifyTimed(const durchblick::Engine& engine, const std::string& page_url,
                          const std::string& lines) {
  durchblick::RequestContext page = durchblick::RequestContext::ForPage(page_url);
  durchblick::RequestVerdict v;
  std::string times;
  int trackers = 0, retargeting = 0;
  ForEachLine(lines, [&](std::string_view url) {
    double t0 = emscripten_get_now();
    durchblick::ClassifyRequest(page, url, "", engine.rules(), &v);
    double t1 = emscripten_get_now();
    trackers += v.tracker;
    retargeting += v.Retargeting();
    if (!times.empty()) times += ',';
    times += std::to_string(static_cast<long long>((t1 - t0) * 1e6));
  });
  return times + ";" + std::to_string(trackers) + ";" + std::to_string(retargeting);
}

// The same classification of a whole batch in one call, untimed inside:
// returns the number of tracker verdicts (the caller times the call).
int ClassifyCount(const durchblick::Engine& engine, const std::string& page_url,
                  const std::string& lines) {
  durchblick::RequestContext page = durchblick::RequestContext::ForPage(page_url);
  durchblick::RequestVerdict v;
  int trackers = 0;
  ForEachLine(lines, [&](std::string_view url) {
    durchblick::ClassifyRequest(page, url, "", engine.rules(), &v);
    trackers += v.tracker;
  });
  return trackers;
}

// For bench/filters.mjs: lines "url<TAB>page URL<TAB>type", each matched as
// Engine::MatchFilters does, timed inside wasm (no string crosses the JS
// boundary per request). Returns "<ns>,<ns>,...;<blocked>" (times in input
// order; the number of blocked requests as a check value). A line with an
// empty URL is timed without matching: the timer pair's own cost.
std::string MatchFiltersTimed(const durchblick::Engine& engine, const std::string& lines) {
  const durchblick::RuleSet& rules = engine.rules();
  std::string times;
  int blocked = 0;
  ForEachLine(lines, [&](std::string_view line) {
    size_t a = line.find('\t'), b = line.find('\t', a + 1);
    std::string_view url = line.substr(0, a);
    std::string_view page_url = a == std::string_view::npos ? "" : line.substr(a + 1, b - a - 1);
    std::string_view type = b == std::string_view::npos ? "" : line.substr(b + 1);
    double t0 = emscripten_get_now();
    int code = 0;
    if (!url.empty()) {  // an empty URL times the timer pair alone
      durchblick::UrlParts page = durchblick::SplitUrl(page_url);
      code = rules.filters().MatchCode(url, page.ok ? page.host : std::string_view(), type,
                                       rules.trackers().psl());
    }
    double t1 = emscripten_get_now();
    blocked += code == 1;
    if (!times.empty()) times += ',';
    times += std::to_string(static_cast<long long>((t1 - t0) * 1e6));
  });
  return times + ";" + std::to_string(blocked);
}

}  // namespace

EMSCRIPTEN_BINDINGS(durchblick) {
  emscripten::class_<durchblick::Engine>("Engine")
      .constructor<std::string>()
      .function("ok", &durchblick::Engine::ok)
      .function("error", &durchblick::Engine::error)
      .function("rulesVersion", &durchblick::Engine::rules_version)
      .function("analyze", &AnalyzeString)
      .function("snapshotFromHar", &SnapshotFromHarString)
      .function("analyzeUtf8", &AnalyzeUtf8)
      .function("snapshotFromHarUtf8", &SnapshotFromHarUtf8)
      // Filter lists alone (bench/filters.mjs): no JSON on the way.
      .function("useFilterLists", &UseFilterLists)
      .function("matchFilters", &durchblick::Engine::MatchFilters)
      .function("matchFiltersTimed", &MatchFiltersTimed)
      .function("compiledFilters", &durchblick::Engine::CompiledFilters)
      .function("useCompiledFilters", &durchblick::Engine::UseCompiledFilters)
      .function("filterListReport", &durchblick::Engine::FilterListReport)
      // Per-request verdicts (classify TSV) and the benchmark's batch entries.
      .function("classifyRequests", &ClassifyTsv)
      .function("classifyTimed", &ClassifyTimed)
      .function("classifyCount", &ClassifyCount);
  emscripten::register_vector<std::string>("StringVector");
  emscripten::function("coreVersion", &CoreVersionString);
  emscripten::function("heapBytesInUse", &HeapBytesInUse);
}
