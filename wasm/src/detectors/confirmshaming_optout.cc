// confirmshaming-optout: the way to say no to a pop-up is worded to shame
// ("No thanks, I'd rather pay full price"), label/shaming. When a
// dark-pattern text rule (misdirection/confirmshaming) already matches the
// same control and dark-pattern-text runs (texts and controls gathered), that
// detector reports it and this one stays quiet: one finding per control.
#include "../overlay_facts.h"
#include "../utf8.h"
#include "detector.h"

namespace durchblick {
namespace {

void Detect(const Snapshot& snapshot, const RuleSet& rules, DetectorOutput* out) {
  const bool text_detector_runs = snapshot.has_texts && snapshot.has_controls;
  for (const Overlay& o : snapshot.overlays) {
    for (const OverlayButton& b : o.buttons) {
      if (ButtonRole(rules, b) != "shaming") continue;
      if (text_detector_runs && !rules.text().Match(b.label, "misdirection/confirmshaming").empty()) {
        continue;
      }
      Finding f;
      f.type = "popup/confirmshaming_optout";
      f.vars["text"] = TruncateUtf8(b.label, 80);
      Evidence e;
      e.overlay_id = o.id;
      e.control_id = b.id;
      e.text = f.vars["text"];
      e.note = "dismiss wording";
      f.evidence.push_back(std::move(e));
      out->findings.push_back(std::move(f));
      break;
    }
  }
}

}  // namespace

extern const Detector kConfirmshamingOptout = {
    "confirmshaming-optout", "popup", kOverlays,
    "Pop-up opt-outs worded to shame", &Detect};

}  // namespace durchblick
