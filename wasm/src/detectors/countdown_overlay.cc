// countdown-overlay: a pop-up with a running clock ("Offer ends in 09:59"):
// its text matches label/countdown and changed between the gatherer's text
// samples, taken about a second apart. The Better Ads Standards ban
// prestitial ads with a countdown.
#include "../overlay_facts.h"
#include "../utf8.h"
#include "detector.h"

namespace durchblick {
namespace {

void Detect(const Snapshot& snapshot, const RuleSet& rules, DetectorOutput* out) {
  for (const Overlay& o : snapshot.overlays) {
    if (o.text_samples.size() < 2 || !OverlayIs(rules, o, "countdown")) continue;
    bool ticking = false;
    for (size_t i = 1; i < o.text_samples.size(); ++i) ticking |= o.text_samples[i] != o.text_samples[0];
    if (!ticking) continue;
    Finding f;
    f.type = "popup/countdown_overlay";
    Evidence e;
    e.overlay_id = o.id;
    e.text = TruncateUtf8(o.text_samples.front(), 120) + " → " + TruncateUtf8(o.text_samples.back(), 120);
    e.note = "text changed between samples";
    f.evidence.push_back(std::move(e));
    out->findings.push_back(std::move(f));
  }
}

}  // namespace

extern const Detector kCountdownOverlay = {
    "countdown-overlay", "popup", kOverlays,
    "Pop-ups with a running countdown", &Detect};

}  // namespace durchblick
