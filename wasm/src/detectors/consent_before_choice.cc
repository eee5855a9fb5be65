// consent-before-choice: the page's TCF CMP already reports consent for
// purposes while its pop-up is still asking (eventStatus "cmpuishown"), so
// the tags that read it may track before the person answered (Matte et al.,
// "Do Cookie Banners Respect my Choice?", IEEE S&P 2020).
#include "../overlay_facts.h"
#include "detector.h"

namespace durchblick {
namespace {

void Detect(const Snapshot& snapshot, const RuleSet& rules, DetectorOutput* out) {
  const TcfSummary& tcf = snapshot.page_state.tcf;
  if (!tcf.present || tcf.event_status != "cmpuishown" || tcf.purpose_consents.empty()) return;
  std::string purposes;
  for (int p : tcf.purpose_consents) purposes += (purposes.empty() ? "" : ", ") + std::to_string(p);
  Finding f;
  f.type = "popup/consent_before_choice";
  f.vars["purposes"] = purposes;
  Evidence e;
  e.note = "TCF CMP " + std::to_string(tcf.cmp_id) + ": eventStatus cmpuishown, consent for purposes " +
           purposes + ", " + std::to_string(tcf.vendor_consent_count) + " vendors";
  for (const Overlay& o : snapshot.overlays) {
    if (OverlayIs(rules, o, "cookie_notice")) {
      e.overlay_id = o.id;
      break;
    }
  }
  f.evidence.push_back(std::move(e));
  out->findings.push_back(std::move(f));
}

}  // namespace

extern const Detector kConsentBeforeChoice = {
    "consent-before-choice", "popup", kOverlays,
    "Consent reported (TCF) while the consent pop-up is still asking", &Detect};

}  // namespace durchblick
