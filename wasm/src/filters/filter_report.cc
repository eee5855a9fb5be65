// Engine::FilterListReport: the `durchblick-core filters` listing.
#include "durchblick/engine.h"
#include "../rules.h"

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
  for (const auto& [reason, n] : s.skipped) {
    out += "skipped\t" + std::to_string(n) + "\t" + reason + "\n";
  }
  return out;
}

}  // namespace durchblick
