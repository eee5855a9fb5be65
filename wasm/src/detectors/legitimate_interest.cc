// legitimate-interest: tracking justified by "legitimate interest" instead of
// consent, switched on by default: a pop-up toggle labelled (or grouped
// under) label/legitimate_interest that is on, or a TCF CMP that reports
// legitimate interest for purposes 3-6 (personalised ads and content
// profiles), which TCF 2.2 no longer allows (popup.tcf_no_li_purposes).
#include <algorithm>

#include "../overlay_facts.h"
#include "../utf8.h"
#include "detector.h"

namespace durchblick {
namespace {

void Detect(const Snapshot& snapshot, const RuleSet& rules, DetectorOutput* out) {
  Finding f;
  for (const Overlay& o : snapshot.overlays) {
    for (const OverlayToggle& t : o.toggles) {
      if (!t.checked || t.disabled) continue;
      if (!t.legitimate_interest && !HasLabel(rules, t.label, "legitimate_interest") &&
          !HasLabel(rules, t.context, "legitimate_interest")) {
        continue;
      }
      Evidence e;
      e.overlay_id = o.id;
      e.control_id = t.id;
      e.text = TruncateUtf8(t.label, 80);
      e.note = "legitimate-interest toggle on by default";
      if (f.evidence.size() < 10) f.evidence.push_back(std::move(e));
    }
  }
  const TcfSummary& tcf = snapshot.page_state.tcf;
  const int lo = static_cast<int>(rules.Threshold("popup.tcf_no_li_purpose_min", 3));
  const int hi = static_cast<int>(rules.Threshold("popup.tcf_no_li_purpose_max", 6));
  std::string purposes;
  for (int p : tcf.purpose_legitimate_interests) {
    if (p >= lo && p <= hi) purposes += (purposes.empty() ? "" : ", ") + std::to_string(p);
  }
  if (tcf.present && !purposes.empty()) {
    Evidence e;
    e.note = "TCF CMP " + std::to_string(tcf.cmp_id) + " claims legitimate interest for purposes " +
             purposes + " (" + std::to_string(tcf.vendor_legitimate_interest_count) + " vendors)";
    f.evidence.push_back(std::move(e));
  }
  if (f.evidence.empty()) return;
  f.type = "popup/legitimate_interest";
  f.vars["count"] = std::to_string(f.evidence.size());
  out->findings.push_back(std::move(f));
}

}  // namespace

extern const Detector kLegitimateInterest = {
    "legitimate-interest", "popup", kOverlays,
    "Tracking switched on by default under 'legitimate interest'", &Detect};

}  // namespace durchblick
