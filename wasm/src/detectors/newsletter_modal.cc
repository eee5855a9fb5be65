// newsletter-modal: a pop-up asking for an e-mail address (newsletter,
// "10 % off your first order") that the page opened by itself. Needs an
// e-mail field plus newsletter/discount wording (label/newsletter_offer) or a
// subscribe button (label/subscribe); BannerClick's is_signin_banner uses the
// same e-mail-field signal.
#include "../overlay_facts.h"
#include "../utf8.h"
#include "detector.h"

namespace durchblick {
namespace {

void Detect(const Snapshot& snapshot, const RuleSet& rules, DetectorOutput* out) {
  for (const Overlay& o : snapshot.overlays) {
    if (!o.email_input || !Unrequested(o, snapshot.page_state, rules)) continue;
    const OverlayButton* subscribe = nullptr;
    for (const OverlayButton& b : o.buttons) {
      if (ButtonRole(rules, b) == "subscribe") {
        subscribe = &b;
        break;
      }
    }
    if (!subscribe && !OverlayIs(rules, o, "newsletter_offer")) continue;
    Finding f;
    f.type = "popup/newsletter_modal";
    f.vars["trigger"] = Trigger(o, snapshot.page_state, rules);
    std::string button = subscribe ? ", button \"" + TruncateUtf8(subscribe->label, 40) + "\"" : "";
    Evidence e = OverlayEvidence(o, "e-mail field" + button + ", opened on " + f.vars["trigger"]);
    if (subscribe) e.control_id = subscribe->id;
    f.evidence.push_back(std::move(e));
    out->findings.push_back(std::move(f));
  }
}

}  // namespace

extern const Detector kNewsletterModal = {
    "newsletter-modal", "popup", kOverlays,
    "Newsletter and discount pop-ups asking for an e-mail address unasked", &Detect};

}  // namespace durchblick
