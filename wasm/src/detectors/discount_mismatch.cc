// discount-mismatch: a stated reduction ("-60 %") larger than the prices on
// the page give (pricing/discount_mismatch). The claim is looked for in the
// two blocks of a reference/price pair and their neighbours; "bis zu / up
// to" claims are about a range and are skipped. When the page states the
// lowest price of the last 30 days with an amount, the claim is also checked
// against that price (CJEU C-330/23).
#include <cmath>
#include <string>

#include "../price_context.h"
#include "detector.h"

namespace durchblick {
namespace {

void Detect(const Snapshot& snapshot, const RuleSet& rules, DetectorOutput* out) {
  PriceContext ctx(snapshot, rules);
  const int max_distance = static_cast<int>(rules.Threshold("pricing.anchor_max_distance", 3));
  const double tolerance = rules.Threshold("pricing.discount_tolerance_points", 2);
  const PricedText* lowest = ctx.Any("price/lowest30");
  double lowest_amount = 0;
  if (lowest) {
    size_t after = lowest->SpanEnd(rules, *lowest->Class("price/lowest30"));
    for (const PriceMatch& m : lowest->prices) {
      if (m.begin >= after && m.amount > 0) {
        lowest_amount = m.amount;
        break;
      }
    }
  }
  auto claim_in = [](const PricedText& t) {
    return t.Has("price/discount_claim") && !t.Has("price/discount_upto");
  };
  for (const AnchorPair& a : ctx.Anchors()) {
    const PricedText* claim = nullptr;
    for (const PricedText* t : {a.current_text, a.reference_text}) {
      if (claim_in(*t)) claim = t;
    }
    if (!claim) {
      size_t pos = static_cast<size_t>(a.current_text - ctx.texts().data());
      claim = ctx.Near(pos, max_distance, claim_in);
    }
    if (!claim) continue;
    const TextRule* rule = claim->Class("price/discount_claim");
    std::string span = rules.text().MatchedSpan(*rule, claim->block->text);
    int claimed = FirstInteger(span);
    if (claimed <= 0) continue;
    double actual = a.percent;
    std::string basis = "reference";
    if (lowest_amount > a.current.amount && !a.rrp) {
      double vs_lowest = (lowest_amount - a.current.amount) / lowest_amount * 100;
      if (vs_lowest < actual) {
        actual = vs_lowest;
        basis = "lowest price of the last 30 days";
      }
    }
    if (claimed - actual <= tolerance) continue;
    Finding f;
    f.type = "pricing/discount_mismatch";
    Evidence e_claim, e_ref, e_cur;
    e_claim.text_id = claim->block->id;
    e_claim.text = span;
    e_claim.note = "claimed reduction";
    e_ref.text_id = a.reference_text->block->id;
    e_ref.text = a.reference_text->Text(a.reference);
    e_ref.note = "reference price";
    e_cur.text_id = a.current_text->block->id;
    e_cur.text = a.current_text->Text(a.current);
    e_cur.note = "price asked";
    f.evidence = {e_claim, e_ref, e_cur};
    if (basis != "reference") {
      Evidence e_low;
      e_low.text_id = lowest->block->id;
      e_low.text = lowest->block->text;
      e_low.note = basis;
      f.evidence.push_back(e_low);
    }
    f.vars["claim"] = span;
    f.vars["claimed"] = std::to_string(claimed);
    f.vars["actual"] = std::to_string(static_cast<int>(std::lround(actual)));
    f.vars["reference"] = basis == "reference" ? e_ref.text : lowest->block->text;
    f.vars["price"] = e_cur.text;
    out->findings.push_back(std::move(f));
  }
}

}  // namespace

extern const Detector kDiscountMismatch = {
    "discount-mismatch", "dark_pattern", kTexts,
    "Stated reductions (-60 %) larger than the prices on the page give", &Detect};

}  // namespace durchblick
