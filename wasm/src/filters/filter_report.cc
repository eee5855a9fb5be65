// Engine::FilterListReport (the `durchblick-core filters` listing) and
// Engine::MatchFilters (filter matching alone, for the benchmark).
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

int Engine::MatchFilters(const std::string& url, const std::string& page_url,
                         const std::string& type) const {
  static thread_local FilterRequest r;  // reused: no allocation per request once warm
  UrlParts page = SplitUrl(page_url);
  r.Assign(url, page.ok ? page.host : std::string_view(), FilterTypeFromName(type),
           &rules_->trackers().psl());
  FilterMatch m = rules_->filters().set().Match(r);
  return m.filter < 0 ? 0 : m.blocked() ? 1 : -1;
}

}  // namespace durchblick
