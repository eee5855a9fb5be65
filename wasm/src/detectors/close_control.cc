// close-control: the way out of a pop-up is hard to hit or to see: a close
// control ("×", aria-label "Close", class "modal-close") smaller than
// 24 × 24 CSS px (WCAG 2.2 SC 2.5.8, popup.close_min_px) or with a contrast
// below 3:1 against what it sits on (SC 1.4.11, popup.close_min_contrast):
// popup/tiny_close. A close control that is a link to another site (an "×"
// drawn into an ad that opens the advertiser) is popup/fake_close.
#include <algorithm>

#include "../overlay_facts.h"
#include "detector.h"

namespace durchblick {
namespace {

void Detect(const Snapshot& snapshot, const RuleSet& rules, DetectorOutput* out) {
  const double min_px = rules.Threshold("popup.close_min_px", 24);
  const double min_contrast = rules.Threshold("popup.close_min_contrast", 3);
  for (const Overlay& o : snapshot.overlays) {
    if (!Unrequested(o, snapshot.page_state, rules)) continue;
    bool fake_reported = false;
    for (const OverlayButton& b : o.buttons) {
      if (!IsCloseLike(rules, b) || b.href != "ext" || fake_reported) continue;
      Finding f;
      f.type = "popup/fake_close";
      Evidence e;
      e.overlay_id = o.id;
      e.control_id = b.id;
      e.text = b.label.empty() ? b.aria_label : b.label;
      e.note = "close-like control is a link to another site";
      f.evidence.push_back(std::move(e));
      out->findings.push_back(std::move(f));
      fake_reported = true;
    }
    for (const OverlayButton& b : o.buttons) {
      if (!IsCloseLike(rules, b) || b.rect.Area() <= 0 || b.href == "ext") continue;
      double contrast = ContrastRatio(b.fg, ButtonSurface(b));
      bool tiny = std::min(b.rect.w, b.rect.h) < min_px;
      bool faint = contrast < min_contrast;
      if (!tiny && !faint) continue;
      Finding f;
      f.type = "popup/tiny_close";
      f.vars["w"] = Round(b.rect.w);
      f.vars["h"] = Round(b.rect.h);
      f.vars["contrast"] = OneDecimal(contrast);
      Evidence e;
      e.overlay_id = o.id;
      e.control_id = b.id;
      e.text = b.label.empty() ? b.aria_label : b.label;
      e.note = f.vars["w"] + "x" + f.vars["h"] + " px" + (tiny ? " (< 24x24)" : "") + ", contrast " +
               f.vars["contrast"] + ":1" + (faint ? " (< 3:1)" : "");
      f.evidence.push_back(std::move(e));
      out->findings.push_back(std::move(f));
      break;  // one per overlay
    }
  }
}

}  // namespace

extern const Detector kCloseControl = {
    "close-control", "popup", kOverlays,
    "Close buttons of pop-ups that are tiny, faint or lead elsewhere", &Detect};

}  // namespace durchblick
