// drip-pricing: surcharges that are neither tax nor shipping ("Servicegebühr
// 2,50 €", "Booking fee £3"): each one is sneaking/hidden_costs; when the
// page also shows a total above the price first shown, the whole is
// pricing/drip_pricing with both amounts. The fee words are rules/text/
// price-fee.*.json; the amount must follow the word in the same block.
#include <string>

#include "../price_context.h"
#include "detector.h"

namespace durchblick {
namespace {

// The first positive price after the class word in `t`, or nullptr.
const PriceMatch* AmountAfter(const RuleSet& rules, const PricedText& t, const std::string& cls) {
  const TextRule* rule = t.Class(cls);
  if (!rule) return nullptr;
  size_t after = t.SpanEnd(rules, *rule);
  for (const PriceMatch& m : t.prices) {
    if (m.begin >= after && !m.negative && m.amount > 0) return &m;
  }
  return nullptr;
}

void Detect(const Snapshot& snapshot, const RuleSet& rules, DetectorOutput* out) {
  PriceContext ctx(snapshot, rules);
  const bool german = ctx.German();
  double fees = 0;
  std::string currency;
  std::vector<Evidence> fee_evidence;
  const PricedText* first_fee = nullptr;
  for (const PricedText& t : ctx.texts()) {
    if (t.Has("price/total")) continue;
    const PriceMatch* fee = AmountAfter(rules, t, "price/fee");
    if (!fee || (!currency.empty() && fee->currency != currency)) continue;
    currency = fee->currency;
    fees += fee->amount;
    if (!first_fee) first_fee = &t;
    Evidence e;
    e.text_id = t.block->id;
    e.text = t.Text(*fee);
    e.note = "fee";
    Finding f;
    f.type = "sneaking/hidden_costs";
    f.vars["fee"] = e.text;
    f.vars["text"] = t.block->text.size() <= 120 ? t.block->text : t.block->text.substr(0, 120) + "…";
    f.evidence.push_back(e);
    out->findings.push_back(std::move(f));
    fee_evidence.push_back(std::move(e));
  }
  if (!first_fee) return;
  // The price first shown: a block marked as price, else the first price
  // before the first fee that is no total, fee, rate or crossed-out price.
  const PricedText* shown = nullptr;
  const PricedText* total = nullptr;
  const PriceMatch* total_amount = nullptr;
  for (const PricedText& t : ctx.texts()) {
    if (!total_amount) {
      if (const PriceMatch* m = AmountAfter(rules, t, "price/total"); m && m->currency == currency) {
        total = &t;
        total_amount = m;
      }
    }
    bool plain = !t.block->strike && !t.NotAPrice() && !t.Has("price/total") && !t.Has("price/fee") &&
                 !t.prices.empty() && !t.prices.front().negative && t.prices.front().currency == currency;
    if (!shown && plain && t.block->role == "price") shown = &t;
  }
  if (!shown) {
    for (const PricedText& t : ctx.texts()) {
      if (&t >= first_fee) break;
      if (!t.block->strike && !t.NotAPrice() && !t.Has("price/total") && !t.Has("price/fee") &&
          !t.Has("price/reference") && !t.Has("price/rrp") && !t.prices.empty() &&
          !t.prices.front().negative && t.prices.front().currency == currency) {
        shown = &t;
        break;
      }
    }
  }
  if (!shown || !total_amount || total_amount->amount <= shown->prices.front().amount + 0.005) return;
  Finding f;
  f.type = "pricing/drip_pricing";
  Evidence e_shown, e_total;
  e_shown.text_id = shown->block->id;
  e_shown.text = shown->Text(shown->prices.front());
  e_shown.note = "price shown first";
  e_total.text_id = total->block->id;
  e_total.text = total->Text(*total_amount);
  e_total.note = "total";
  f.evidence.push_back(e_shown);
  for (Evidence& e : fee_evidence) f.evidence.push_back(std::move(e));
  f.evidence.push_back(e_total);
  f.vars["shown"] = e_shown.text;
  f.vars["total"] = e_total.text;
  f.vars["fees"] = FormatPrice(rules.prices(), fees, currency, german);
  out->findings.push_back(std::move(f));
}

}  // namespace

extern const Detector kDripPricing = {
    "drip-pricing", "dark_pattern", kTexts,
    "Service, booking and other fees added to the price; totals above the price shown", &Detect};

}  // namespace durchblick
