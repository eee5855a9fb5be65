// large-sticky-banner: a fixed or sticky bar that does not block the page
// but permanently takes more than popup.sticky_min_share (30 %, the Better
// Ads Standards' limit for sticky ads) of the viewport, e.g. a cookie bar
// filling the lower third of the screen.
#include <algorithm>

#include "../overlay_facts.h"
#include "../utf8.h"
#include "detector.h"

namespace durchblick {
namespace {

double VisibleArea(const Rect& r, double vw, double vh) {
  double x0 = std::max(0.0, r.x), y0 = std::max(0.0, r.y);
  double x1 = std::min(vw, r.x + r.w), y1 = std::min(vh, r.y + r.h);
  return x1 > x0 && y1 > y0 ? (x1 - x0) * (y1 - y0) : 0;
}

void Detect(const Snapshot& snapshot, const RuleSet& rules, DetectorOutput* out) {
  const double min_share = rules.Threshold("popup.sticky_min_share", 0.3);
  const double blocking = rules.Threshold("popup.blocking_min_coverage", 0.9);
  double vw = snapshot.viewport_w > 0 ? snapshot.viewport_w : 1280;
  double vh = snapshot.viewport_h > 0 ? snapshot.viewport_h : 720;
  for (const Overlay& o : snapshot.overlays) {
    if (o.position != "fixed" && o.position != "sticky") continue;
    if (o.coverage >= blocking || (o.modal && o.backdrop)) continue;  // blocking-overlay's case
    if (OverlayIs(rules, o, "chat_widget")) continue;                 // chat-autoopen's case
    if (!Unrequested(o, snapshot.page_state, rules)) continue;
    double share = VisibleArea(o.rect, vw, vh) / (vw * vh);
    if (share <= min_share) continue;
    Finding f;
    f.type = "popup/large_sticky_banner";
    f.vars["share"] = Percent(share);
    f.evidence.push_back(OverlayEvidence(o, o.position + " bar, " + f.vars["share"] + "% of the viewport"));
    out->findings.push_back(std::move(f));
  }
}

}  // namespace

extern const Detector kLargeStickyBanner = {
    "large-sticky-banner", "popup", kOverlays,
    "Fixed or sticky bars taking more than 30 % of the viewport", &Detect};

}  // namespace durchblick
