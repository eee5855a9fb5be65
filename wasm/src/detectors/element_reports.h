// Where each page element's evidence went, so that an element reaching a
// detector twice is reported once. It does: a button is a text block and a
// control, and a pop-up's control is in controls[] from both gatherers,
// always under its one data-durchblick-id (web/gather/overlays.js stamp()).
// The first report stands; a repeat only tells the pop-up it is in, if the
// recorded evidence did not know.
//
//   ElementReports seen;
//   if (seen.Repeat(type, id, control.overlay_id, out)) continue;
//   ... out->findings[f].evidence.push_back(e); seen.Record(type, id, f, evidence_index);
#ifndef DURCHBLICK_DETECTORS_ELEMENT_REPORTS_H_
#define DURCHBLICK_DETECTORS_ELEMENT_REPORTS_H_

#include <map>
#include <string>
#include <utility>

#include "../report.h"

namespace durchblick {

class ElementReports {
 public:
  // True if (type, id) was recorded; its evidence then gains `overlay_id`
  // if it had none.
  bool Repeat(const std::string& type, const std::string& id, const std::string& overlay_id,
              DetectorOutput* out) const {
    auto known = places_.find({type, id});
    if (known == places_.end()) return false;
    Evidence& there = out->findings[known->second.first].evidence[known->second.second];
    if (there.overlay_id.empty()) there.overlay_id = overlay_id;
    return true;
  }
  // (type, id)'s evidence is out->findings[finding].evidence[evidence].
  void Record(const std::string& type, const std::string& id, size_t finding, size_t evidence) {
    places_.emplace(std::make_pair(type, id), std::make_pair(finding, evidence));
  }

 private:
  std::map<std::pair<std::string, std::string>, std::pair<size_t, size_t>> places_;
};

}  // namespace durchblick

#endif  // DURCHBLICK_DETECTORS_ELEMENT_REPORTS_H_
