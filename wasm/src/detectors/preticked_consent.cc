// preticked-consent: purpose toggles of a cookie pop-up that are already
// switched on before the person chose anything ("Personalised ads: on"),
// which the CJEU (Planet49, C-673/17) rules out as consent. Toggles locked on
// for strictly necessary purposes (label/essential, or disabled) and
// legitimate-interest toggles (legitimate-interest's case) are not counted.
#include "../overlay_facts.h"
#include "../utf8.h"
#include "detector.h"

namespace durchblick {
namespace {

void Detect(const Snapshot& snapshot, const RuleSet& rules, DetectorOutput* out) {
  for (const Overlay& o : snapshot.overlays) {
    if (!OverlayIs(rules, o, "cookie_notice") && !snapshot.page_state.tcf.present) continue;
    Finding f;
    for (const OverlayToggle& t : o.toggles) {
      if (!t.checked || t.disabled) continue;
      if (HasLabel(rules, t.label, "essential")) continue;
      if (t.legitimate_interest || HasLabel(rules, t.label, "legitimate_interest") ||
          HasLabel(rules, t.context, "legitimate_interest")) {
        continue;
      }
      Evidence e;
      e.overlay_id = o.id;
      e.control_id = t.id;
      e.text = TruncateUtf8(t.label, 80);
      e.note = t.kind + " already on";
      f.evidence.push_back(std::move(e));
    }
    if (f.evidence.empty()) continue;
    f.type = "popup/preticked_consent";
    f.vars["count"] = std::to_string(f.evidence.size());
    f.vars["first"] = f.evidence.front().text;
    if (f.evidence.size() > 10) f.evidence.resize(10);
    out->findings.push_back(std::move(f));
  }
}

}  // namespace

extern const Detector kPretickedConsent = {
    "preticked-consent", "popup", kOverlays,
    "Consent purposes switched on before the person chose", &Detect};

}  // namespace durchblick
