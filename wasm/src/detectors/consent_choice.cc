// consent-choice: how a cookie pop-up offers its choice on the first layer.
//   popup/cookie_no_reject     "Accept" but no way to refuse (Nouwens et al.,
//                              CHI 2020: +22-23 points of consent),
//   popup/reject_as_link       "Accept" is a button, "Reject" only a text link,
//   popup/consent_asymmetry    both are buttons, but accept stands out far more
//                              (prominence gap >= popup.asymmetry_min_gap).
// Cookie pop-ups are recognised by label/cookie_notice; button wording by
// label/accept, label/reject, label/settings (rules/text/label-*.json).
#include "../overlay_facts.h"
#include "../utf8.h"
#include "detector.h"

namespace durchblick {
namespace {

Evidence ButtonEvidence(const Overlay& o, const OverlayButton& b, const std::string& note) {
  Evidence e;
  e.overlay_id = o.id;
  e.control_id = b.id;
  e.text = TruncateUtf8(b.label.empty() ? b.aria_label : b.label, 80);
  e.note = note;
  return e;
}

std::string Metrics(const OverlayButton& b) {
  return Round(b.rect.w) + "x" + Round(b.rect.h) + " px, contrast " +
         OneDecimal(ContrastRatio(b.fg, ButtonSurface(b))) + ":1" +
         (LinkStyled(b) ? ", link-styled" : ", button");
}

void Detect(const Snapshot& snapshot, const RuleSet& rules, DetectorOutput* out) {
  const double min_gap = rules.Threshold("popup.asymmetry_min_gap", 0.5);
  for (const Overlay& o : snapshot.overlays) {
    if (!OverlayIs(rules, o, "cookie_notice")) continue;
    if (!Unrequested(o, snapshot.page_state, rules)) continue;
    const OverlayButton *accept = nullptr, *reject = nullptr, *settings = nullptr;
    for (const OverlayButton& b : o.buttons) {
      std::string role = ButtonRole(rules, b);
      if (role == "accept" && (!accept || Prominence(b, rules) > Prominence(*accept, rules))) accept = &b;
      if (role == "reject" && (!reject || Prominence(b, rules) > Prominence(*reject, rules))) reject = &b;
      if (role == "settings" && !settings) settings = &b;
    }
    if (!accept) continue;
    Finding f;
    f.vars["accept"] = TruncateUtf8(accept->label, 60);
    f.evidence.push_back(ButtonEvidence(o, *accept, "accept: " + Metrics(*accept)));
    if (!reject) {
      f.type = "popup/cookie_no_reject";
      if (settings) {
        f.evidence.push_back(ButtonEvidence(o, *settings, "only a settings control besides accept"));
      }
    } else {
      f.vars["reject"] = TruncateUtf8(reject->label, 60);
      double gap = Prominence(*accept, rules) - Prominence(*reject, rules);
      f.vars["gap"] = OneDecimal(gap);
      f.evidence.push_back(ButtonEvidence(o, *reject, "reject: " + Metrics(*reject) +
                                                          "; prominence gap " + OneDecimal(gap)));
      if (LinkStyled(*reject) && !LinkStyled(*accept)) {
        f.type = "popup/reject_as_link";
      } else if (gap >= min_gap) {
        f.type = "popup/consent_asymmetry";
      } else {
        continue;
      }
    }
    out->findings.push_back(std::move(f));
  }
}

}  // namespace

extern const Detector kConsentChoice = {
    "consent-choice", "popup", kOverlays,
    "Cookie pop-ups without a first-layer reject, or with a reject far less visible than accept",
    &Detect};

}  // namespace durchblick
