// anchor-price: a crossed-out or "statt/UVP/was/RRP" reference price beside
// the price asked (pricing/anchor_price). On German pages a reduction from
// the shop's own earlier price must also state the lowest price of the last
// 30 days (§ 11 PAngV); when no block says so, pricing/missing_lowest_price.
// Comparisons with a recommended retail price (UVP) are exempt from that.
#include <cmath>
#include <string>

#include "../price_context.h"
#include "detector.h"

namespace durchblick {
namespace {

void Detect(const Snapshot& snapshot, const RuleSet& rules, DetectorOutput* out) {
  PriceContext ctx(snapshot, rules);
  const bool german = ctx.German();
  const bool states_lowest = ctx.Any("price/lowest30") != nullptr;
  for (const AnchorPair& a : ctx.Anchors()) {
    Evidence ref, cur;
    ref.text_id = a.reference_text->block->id;
    ref.text = a.reference_text->Text(a.reference);
    ref.note = a.struck ? "crossed-out reference price" : a.rrp ? "recommended retail price" : "reference price";
    cur.text_id = a.current_text->block->id;
    cur.text = a.current_text->Text(a.current);
    cur.note = "price asked";
    Finding f;
    f.type = "pricing/anchor_price";
    f.vars["reference"] = ref.text;
    f.vars["price"] = cur.text;
    f.vars["percent"] = std::to_string(static_cast<int>(std::lround(a.percent)));
    f.evidence = {ref, cur};
    out->findings.push_back(f);
    if (german && !states_lowest && !a.rrp) {
      f.type = "pricing/missing_lowest_price";
      out->findings.push_back(std::move(f));
    }
  }
}

}  // namespace

extern const Detector kAnchorPrice = {
    "anchor-price", "dark_pattern", kTexts,
    "Crossed-out or was/statt/UVP reference prices; German reductions without the 30-day lowest price",
    &Detect};

}  // namespace durchblick
