// blocking-overlay: a pop-up that covers the page so it cannot be used until
// it is dealt with, e.g. a newsletter modal over a dimmed backdrop that
// appeared by itself. Coverage comes from the gatherer's hit-test grid; the
// threshold is popup.blocking_min_coverage in rules/thresholds/popups.json.
// A modal the user opened with a click (trigger "click") is not flagged.
#include "../overlay_facts.h"
#include "../utf8.h"
#include "detector.h"

namespace durchblick {
namespace {

void Detect(const Snapshot& snapshot, const RuleSet& rules, DetectorOutput* out) {
  const double min_coverage = rules.Threshold("popup.blocking_min_coverage", 0.9);
  for (const Overlay& overlay : snapshot.overlays) {
    bool covers = overlay.coverage >= min_coverage;
    if (!covers && !(overlay.modal && overlay.backdrop)) continue;
    if (!Unrequested(overlay, snapshot.page_state, rules)) continue;
    Finding f;
    f.type = "popup/blocking_overlay";
    f.vars["coverage"] = Percent(overlay.coverage);
    f.evidence.push_back(OverlayEvidence(overlay, "covers " + f.vars["coverage"] + "% of the viewport" +
             (overlay.backdrop ? ", backdrop" : "") + (overlay.modal ? ", modal" : "")));
    out->findings.push_back(std::move(f));
  }
}

}  // namespace

extern const Detector kBlockingOverlay = {
    "blocking-overlay", "popup", kOverlays,
    "Pop-ups that cover the page until they are dealt with", &Detect};

}  // namespace durchblick
