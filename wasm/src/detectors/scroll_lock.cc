// scroll-lock: the page cannot be scrolled while a pop-up it opened by
// itself is shown (overflow: hidden on html/body, or a position: fixed body;
// Bootstrap's body.modal-open does exactly this). A page shorter than the
// viewport has nothing to scroll and is not flagged.
#include "../overlay_facts.h"
#include "detector.h"

namespace durchblick {
namespace {

void Detect(const Snapshot& snapshot, const RuleSet& rules, DetectorOutput* out) {
  const PageState& page = snapshot.page_state;
  if (!page.scroll_locked) return;
  double vh = snapshot.viewport_h > 0 ? snapshot.viewport_h : 720;
  if (page.doc_height > 0 && page.doc_height <= vh * rules.Threshold("popup.scrollable_min_ratio", 1.1)) return;
  for (const Overlay& o : snapshot.overlays) {
    if (!Unrequested(o, page, rules) || o.rect.Area() <= 0) continue;
    Finding f;
    f.type = "popup/scroll_lock";
    Evidence e;
    e.overlay_id = o.id;
    e.note = "page scrolling disabled while this overlay shows";
    if (page.scroll_locked_at_ms >= 0) e.note += " (locked at " + Round(page.scroll_locked_at_ms) + " ms)";
    f.evidence.push_back(std::move(e));
    out->findings.push_back(std::move(f));
    return;  // one lock, one finding
  }
}

}  // namespace

extern const Detector kScrollLock = {
    "scroll-lock", "popup", kOverlays,
    "Page scrolling disabled while a pop-up shows", &Detect};

}  // namespace durchblick
