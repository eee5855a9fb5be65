// popup-trigger: pop-ups timed to catch the person, not opened by them.
//   popup/exit_intent   appeared right after the pointer left the page at the
//                       top edge (ouibounce's mouseout with clientY <= 20 px),
//   popup/timed_popup   appeared more than popup.load_grace_ms after load with
//                       no click, scroll or exit just before (a timer).
// Small widgets (< popup.trigger_min_area_share of the viewport) and chat
// widgets (chat-autoopen's case) are left out.
#include "../overlay_facts.h"
#include "../utf8.h"
#include "detector.h"

namespace durchblick {
namespace {

void Detect(const Snapshot& snapshot, const RuleSet& rules, DetectorOutput* out) {
  const PageState& page = snapshot.page_state;
  const double min_share = rules.Threshold("popup.trigger_min_area_share", 0.05);
  const double viewport = ViewportArea(snapshot.viewport_w, snapshot.viewport_h);
  for (const Overlay& o : snapshot.overlays) {
    if (o.rect.Area() / viewport < min_share) continue;
    if (OverlayIs(rules, o, "chat_widget")) continue;
    std::string trigger = Trigger(o, page, rules);
    if (trigger != "exit_intent" && trigger != "timer") continue;
    Finding f;
    f.type = trigger == "exit_intent" ? "popup/exit_intent" : "popup/timed_popup";
    double loaded = page.load_ms >= 0 ? page.load_ms : page.dcl_ms;
    f.vars["delay"] = OneDecimal((o.visible_at_ms - (loaded >= 0 ? loaded : 0)) / 1000.0);
    f.evidence.push_back(OverlayEvidence(o, "visible at " + Round(o.visible_at_ms) + " ms, " +
             (loaded >= 0 ? "load at " + Round(loaded) + " ms" : "load time unknown") + ", trigger " + trigger));
    out->findings.push_back(std::move(f));
  }
}

}  // namespace

extern const Detector kPopupTrigger = {
    "popup-trigger", "popup", kOverlays,
    "Pop-ups fired by exit intent or a timer rather than by the person", &Detect};

}  // namespace durchblick
