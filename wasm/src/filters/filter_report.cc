// Engine::FilterListReport (the `durchblick-core filters` listing),
// Engine::MatchFilters (filter matching alone, for the benchmark) and the
// compiled form of the lists (Engine::CompiledFilters, UseCompiledFilters).
#include <nlohmann/json.hpp>

#include "durchblick/engine.h"
#include "../rules.h"
#include "../url.h"

namespace durchblick {

std::string Engine::FilterListReport() const {
  const FilterRules& f = rules_->filters();
  std::string out;
  for (const FilterListInfo& l : f.lists()) {
    out += "list\t" + l.id + "\t" + l.kind + "\t" + l.title + "\t" + l.version + "\t" +
           l.source + "\t" + l.license + "\n";
  }
  const FilterStats& s = f.set().stats();
  out += "lines\t" + std::to_string(s.lines) + "\n";
  out += "filters\t" + std::to_string(s.filters) + "\n";
  out += "exceptions\t" + std::to_string(s.exceptions) + "\n";
  out += "badfiltered\t" + std::to_string(s.badfiltered) + "\n";
  out += "memory\t" + std::to_string(f.set().MemoryBytes()) + "\n";
  for (const auto& [reason, n] : s.skipped) {
    out += "skipped\t" + std::to_string(n) + "\t" + reason + "\n";
  }
  return out;
}

std::string Engine::CompiledFilters() const { return rules_->filters().Compiled().dump(); }

bool Engine::UseCompiledFilters(const std::string& compiled_json) {
  nlohmann::json j = nlohmann::json::parse(compiled_json, nullptr, false);
  std::string error;
  return !j.is_discarded() && rules_->mutable_filters().UseCompiled(j, &error);
}

int Engine::MatchFilters(const std::string& url, const std::string& page_url,
                         const std::string& type) const {
  UrlParts page = SplitUrl(page_url);
  return rules_->filters().MatchCode(url, page.ok ? page.host : std::string_view(), type,
                                     rules_->trackers().psl());
}

}  // namespace durchblick
