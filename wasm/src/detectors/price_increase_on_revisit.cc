// price-increase-on-revisit: the price of the same product is higher than on
// an earlier visit (pricing/price_increase_on_revisit). The host remembered
// prices (history kind "price", key = the page's first product id, else its
// URL without fragment; value = the text of a block with role "price"). The
// page's price is its first block with role "price" that is not crossed
// out; each earlier visit counts with its first remembered price.
#include <map>
#include <string>

#include "../countdown.h"
#include "../price_context.h"
#include "../prior_observations.h"
#include "detector.h"

namespace durchblick {
namespace {

std::string PageKey(const Snapshot& s) {
  if (!s.product_ids.empty()) return s.product_ids.front();
  return s.url.substr(0, s.url.find('#'));
}

void Detect(const Snapshot& snapshot, const RuleSet& rules, DetectorOutput* out) {
  const double min_increase = rules.Threshold("pricing.revisit_min_increase", 0.01);
  const TextBlock* block = nullptr;
  PriceMatch now;
  for (const TextBlock& b : snapshot.texts) {
    if (b.role != "price" || b.strike) continue;
    std::vector<PriceMatch> p = rules.prices().Find(b.text);
    if (p.empty() || p.front().negative || p.front().amount <= 0) continue;
    block = &b;
    now = p.front();
    break;
  }
  if (!block) return;
  const std::string key = PageKey(snapshot);
  std::map<double, const PriorObservation*> first_per_visit;  // seenAt → first price seen then
  for (const PriorObservation* h : EarlierObservations(snapshot, "price", {key})) {
    first_per_visit.emplace(h->seen_at_ms, h);
  }
  const PriorObservation* lowest = nullptr;
  PriceMatch lowest_price;
  for (const auto& [at, h] : first_per_visit) {
    std::vector<PriceMatch> p = rules.prices().Find(h->value);
    if (p.empty() || p.front().currency != now.currency || p.front().amount <= 0) continue;
    if (!lowest || p.front().amount < lowest_price.amount) {
      lowest = h;
      lowest_price = p.front();
    }
  }
  if (!lowest || now.amount <= lowest_price.amount * (1 + min_increase)) return;
  Finding f;
  f.type = "pricing/price_increase_on_revisit";
  Evidence e_now, e_before;
  e_now.text_id = block->id;
  e_now.text = block->text.substr(now.begin, now.end - now.begin);
  e_now.note = "price now";
  e_before.text = lowest->value.substr(lowest_price.begin, lowest_price.end - lowest_price.begin);
  e_before.note = "price remembered from the visit of " + FormatUtc(lowest->seen_at_ms);
  f.evidence = {e_now, e_before};
  f.vars["price"] = e_now.text;
  f.vars["previous"] = e_before.text;
  f.vars["before"] = FormatUtc(lowest->seen_at_ms);
  out->findings.push_back(std::move(f));
}

}  // namespace

extern const Detector kPriceIncreaseOnRevisit = {
    "price-increase-on-revisit", "dark_pattern", kTexts | kHistory,
    "Prices higher than on an earlier visit of the same product", &Detect};

}  // namespace durchblick
