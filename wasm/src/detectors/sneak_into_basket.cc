// sneak-into-basket: a checkbox, radio or switch that is already on and adds
// something to the order (insurance, donation, newsletter, gift wrap: the
// price/addon words of rules/text/, or a price in its label).
#include "../price_context.h"
#include "detector.h"
#include "element_reports.h"

namespace durchblick {
namespace {

bool Checkable(const std::string& kind) {
  return kind == "checkbox" || kind == "radio" || kind == "switch" || kind == "toggle";
}

void Detect(const Snapshot& snapshot, const RuleSet& rules, DetectorOutput* out) {
  // A pop-up's checkbox is in controls[] twice, from the texts gatherer and
  // from the overlays gatherer, with one id: one element, one finding
  // (ElementReports). A control without an id is not known to be another's.
  const std::string kType = "sneaking/sneak_into_basket";
  ElementReports seen;
  for (const Control& c : snapshot.controls) {
    if (!Checkable(c.kind) || !c.checked.value_or(false) || c.label.empty()) continue;
    if (!c.id.empty() && seen.Repeat(kType, c.id, c.overlay_id, out)) continue;
    bool addon = !rules.text().Match(c.label, "price/addon").empty();
    std::vector<PriceMatch> prices = rules.prices().Find(c.label);
    bool costs = false;
    for (const PriceMatch& m : prices) costs |= m.amount > 0 && !m.negative;
    // A radio button is a choice between options; pre-selecting one is only
    // a sneak when the selected option itself is an extra with a price.
    if (c.kind == "radio" ? !(addon && costs) : !(addon || costs)) continue;
    Finding f;
    f.type = kType;
    Evidence e;
    e.control_id = c.id;
    e.overlay_id = c.overlay_id;
    e.text = c.label;
    e.note = costs ? "pre-ticked, adds a charge" : "pre-ticked add-on";
    f.vars["text"] = c.label;
    f.evidence.push_back(std::move(e));
    if (!c.id.empty()) seen.Record(kType, c.id, out->findings.size(), 0);
    out->findings.push_back(std::move(f));
  }
}

}  // namespace

extern const Detector kSneakIntoBasket = {
    "sneak-into-basket", "dark_pattern", kControls,
    "Pre-ticked add-ons (insurance, donations, newsletters) in checkboxes", &Detect};

}  // namespace durchblick
