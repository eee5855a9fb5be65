// What the price detectors share: the prices of each text block, the price
// word classes (rules/text/price-*.json) each block matches, and the pairing
// of a reference price ("statt 59,99 €", crossed out) with the price asked.
//
//   PriceContext ctx(snapshot, rules);
//   for (const AnchorPair& a : ctx.Anchors()) ...  // a.reference, a.current
//
// Only blocks that contain a digit are matched against the word classes (the
// price/ Set alone), once per analysis: the blocks are derived on first use
// and shared by every price detector (Snapshot::derived). Instalment rates ("19 €
// im Monat") and base prices ("1,99 € / l") are never taken as prices.
#ifndef DURCHBLICK_PRICE_CONTEXT_H_
#define DURCHBLICK_PRICE_CONTEXT_H_

#include <memory>
#include <string>
#include <vector>

#include "price.h"
#include "rules.h"
#include "snapshot.h"

namespace durchblick {

struct PricedText {
  size_t index = 0;                  // in snapshot.texts
  const TextBlock* block = nullptr;
  std::vector<PriceMatch> prices;
  std::vector<const TextRule*> classes;  // matching price/* rules

  const TextRule* Class(const std::string& type) const;  // nullptr if none
  bool Has(const std::string& type) const { return Class(type) != nullptr; }
  // Rates and base prices: their numbers are not prices of the item.
  bool NotAPrice() const { return Has("price/instalment") || Has("price/unit"); }
  std::string Text(const PriceMatch& m) const { return block->text.substr(m.begin, m.end - m.begin); }
  // Offset just after the span `rule` matches in this block's text.
  size_t SpanEnd(const RuleSet& rules, const TextRule& rule) const;
};

// The blocks with a price or a price word, in page order.
struct PricedTexts {
  std::vector<PricedText> blocks;
};
std::shared_ptr<const PricedTexts> PricedTextsOf(const Snapshot& snapshot, const RuleSet& rules);

struct AnchorPair {
  const PricedText* reference_text = nullptr;
  PriceMatch reference;
  const PricedText* current_text = nullptr;
  PriceMatch current;
  bool rrp = false;      // a recommended retail price (UVP/RRP), not an own earlier price
  bool struck = false;   // the reference is crossed out
  double percent = 0;    // (reference - current) / reference * 100
};

class PriceContext {
 public:
  PriceContext(const Snapshot& snapshot, const RuleSet& rules);

  const std::vector<PricedText>& texts() const { return priced_->blocks; }
  // A block matching `type` anywhere on the page (e.g. "price/lowest30").
  const PricedText* Any(const std::string& type) const;
  // Reference prices paired with the price they are compared with.
  std::vector<AnchorPair> Anchors() const;
  // True if the page is German: its lang, else a German reference word.
  bool German() const;
  // Nearest block (by page order, within `max_distance`) satisfying `ok`.
  template <typename Pred>
  const PricedText* Near(size_t position, int max_distance, Pred ok) const;

  const Snapshot& snapshot() const { return snapshot_; }
  const RuleSet& rules() const { return rules_; }

 private:
  const Snapshot& snapshot_;
  const RuleSet& rules_;
  std::shared_ptr<const PricedTexts> priced_;
  const std::vector<PricedText>& texts_;  // priced_->blocks
};

template <typename Pred>
const PricedText* PriceContext::Near(size_t position, int max_distance, Pred ok) const {
  for (int d = 1; d <= max_distance; ++d) {
    for (int sign : {1, -1}) {
      long want = static_cast<long>(position) + sign * d;
      if (want < 0 || want >= static_cast<long>(texts_.size())) continue;
      const PricedText& t = texts_[static_cast<size_t>(want)];
      if (ok(t)) return &t;
    }
  }
  return nullptr;
}

// "59,99 €" for German pages, "€59.99" otherwise (the code if the currency
// has no symbol in rules/pricing/currencies.json).
std::string FormatPrice(const PriceParser& prices, double amount, const std::string& currency,
                        bool german);

}  // namespace durchblick

#endif  // DURCHBLICK_PRICE_CONTEXT_H_
