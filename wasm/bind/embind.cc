// The whole JavaScript surface of the core (web/core/loader.js wraps it).
// Strings cross as UTF-8 JSON; errors come back as error reports, never as
// exceptions.
#include <emscripten/bind.h>

#include <string>
#include <utility>
#include <vector>

#include "durchblick/engine.h"

namespace {

std::string CoreVersionString() { return durchblick::CoreVersion(); }

// Engine::UseFilterLists with names and texts as two StringVectors.
void UseFilterLists(durchblick::Engine& engine, const std::vector<std::string>& names,
                    const std::vector<std::string>& texts) {
  std::vector<std::pair<std::string, std::string>> lists;
  for (size_t i = 0; i < names.size() && i < texts.size(); ++i) lists.emplace_back(names[i], texts[i]);
  engine.UseFilterLists(lists);
}

}  // namespace

EMSCRIPTEN_BINDINGS(durchblick) {
  emscripten::class_<durchblick::Engine>("Engine")
      .constructor<std::string>()
      .function("ok", &durchblick::Engine::ok)
      .function("error", &durchblick::Engine::error)
      .function("rulesVersion", &durchblick::Engine::rules_version)
      .function("analyze", &durchblick::Engine::Analyze)
      .function("snapshotFromHar", &durchblick::Engine::SnapshotFromHar)
      // Filter lists alone (bench/filters.mjs): no JSON on the way.
      .function("useFilterLists", &UseFilterLists)
      .function("matchFilters", &durchblick::Engine::MatchFilters)
      .function("filterListReport", &durchblick::Engine::FilterListReport);
  emscripten::register_vector<std::string>("StringVector");
  emscripten::function("coreVersion", &CoreVersionString);
}
