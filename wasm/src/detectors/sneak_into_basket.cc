// sneak-into-basket: a checkbox, radio or switch that is already on and adds
// something to the order (insurance, donation, newsletter, gift wrap: the
// price/addon words of rules/text/, or a price in its label).
#include <map>

#include "../price_context.h"
#include "detector.h"

namespace durchblick {
namespace {

bool Checkable(const std::string& kind) {
  return kind == "checkbox" || kind == "radio" || kind == "switch" || kind == "toggle";
}

void Detect(const Snapshot& snapshot, const RuleSet& rules, DetectorOutput* out) {
  // A pop-up's checkbox is in controls[] twice, from the texts gatherer and
  // from the overlays gatherer, with one id (web/gather/overlays.js stamp()):
  // one element, one finding, with the pop-up's id kept from either entry.
  std::map<std::string, size_t> reported;  // control id -> index in out->findings
  for (const Control& c : snapshot.controls) {
    if (!Checkable(c.kind) || !c.checked.value_or(false) || c.label.empty()) continue;
    auto seen = c.id.empty() ? reported.end() : reported.find(c.id);
    if (seen != reported.end()) {
      Evidence& first = out->findings[seen->second].evidence.front();
      if (first.overlay_id.empty()) first.overlay_id = c.overlay_id;
      continue;
    }
    bool addon = !rules.text().Match(c.label, "price/addon").empty();
    std::vector<PriceMatch> prices = rules.prices().Find(c.label);
    bool costs = false;
    for (const PriceMatch& m : prices) costs |= m.amount > 0 && !m.negative;
    // A radio button is a choice between options; pre-selecting one is only
    // a sneak when the selected option itself is an extra with a price.
    if (c.kind == "radio" ? !(addon && costs) : !(addon || costs)) continue;
    Finding f;
    f.type = "sneaking/sneak_into_basket";
    Evidence e;
    e.control_id = c.id;
    e.overlay_id = c.overlay_id;
    e.text = c.label;
    e.note = costs ? "pre-ticked, adds a charge" : "pre-ticked add-on";
    f.vars["text"] = c.label;
    f.evidence.push_back(std::move(e));
    if (!c.id.empty()) reported[c.id] = out->findings.size();
    out->findings.push_back(std::move(f));
  }
}

}  // namespace

extern const Detector kSneakIntoBasket = {
    "sneak-into-basket", "dark_pattern", kControls,
    "Pre-ticked add-ons (insurance, donations, newsletters) in checkboxes", &Detect};

}  // namespace durchblick
