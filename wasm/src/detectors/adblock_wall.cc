// adblock-wall: a pop-up that tells the person to switch off their ad
// blocker (label/adblock_notice) and blocks the page or takes a large part
// of it (popup.blocking_min_coverage, popup.sticky_min_share).
#include "../overlay_facts.h"
#include "../utf8.h"
#include "detector.h"

namespace durchblick {
namespace {

void Detect(const Snapshot& snapshot, const RuleSet& rules, DetectorOutput* out) {
  const double viewport = ViewportArea(snapshot.viewport_w, snapshot.viewport_h);
  for (const Overlay& o : snapshot.overlays) {
    if (!OverlayIs(rules, o, "adblock_notice")) continue;
    bool blocks = o.coverage >= rules.Threshold("popup.blocking_min_coverage", 0.9) ||
                  (o.modal && o.backdrop) ||
                  o.rect.Area() / viewport > rules.Threshold("popup.sticky_min_share", 0.3);
    if (!blocks) continue;
    Finding f;
    f.type = "popup/adblock_wall";
    f.evidence.push_back(OverlayEvidence(o, "covers " + Percent(o.coverage) + "% of the viewport"));
    out->findings.push_back(std::move(f));
  }
}

}  // namespace

extern const Detector kAdblockWall = {
    "adblock-wall", "popup", kOverlays,
    "Walls demanding that the ad blocker be switched off", &Detect};

}  // namespace durchblick
