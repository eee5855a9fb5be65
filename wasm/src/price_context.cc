#include "price_context.h"

#include <cmath>
#include <cstdio>

namespace durchblick {
namespace {

bool HasDigit(const std::string& s) {
  for (char c : s) {
    if (c >= '0' && c <= '9') return true;
  }
  return false;
}

const PriceMatch* FirstPositive(const PricedText& t, size_t from = 0) {
  for (const PriceMatch& m : t.prices) {
    if (m.begin >= from && !m.negative && m.amount > 0) return &m;
  }
  return nullptr;
}

}  // namespace

const TextRule* PricedText::Class(const std::string& type) const {
  for (const TextRule* r : classes) {
    if (r->type == type) return r;
  }
  return nullptr;
}

size_t PricedText::SpanEnd(const RuleSet& rules, const TextRule& rule) const {
  std::string span = rules.text().MatchedSpan(rule, block->text);
  size_t at = span.empty() ? std::string::npos : block->text.find(span);
  return at == std::string::npos ? 0 : at + span.size();
}

std::shared_ptr<const PricedTexts> PricedTextsOf(const Snapshot& snapshot, const RuleSet& rules) {
  const bool keep = snapshot.derived.kept(&rules);
  if (keep && snapshot.derived.priced) return snapshot.derived.priced;
  auto priced = std::make_shared<PricedTexts>();
  std::vector<size_t> with_digit;
  std::vector<const std::string*> texts;
  for (size_t i = 0; i < snapshot.texts.size(); ++i) {
    if (!HasDigit(snapshot.texts[i].text)) continue;
    with_digit.push_back(i);
    texts.push_back(&snapshot.texts[i].text);
  }
  auto classes = rules.text().MatchEach(texts, "price/");
  for (size_t k = 0; k < with_digit.size(); ++k) {
    const TextBlock& b = snapshot.texts[with_digit[k]];
    PricedText t;
    t.index = with_digit[k];
    t.block = &b;
    t.prices = rules.prices().Find(b.text);
    t.classes = std::move(classes[k]);
    if (t.prices.empty() && t.classes.empty()) continue;
    priced->blocks.push_back(std::move(t));
  }
  if (keep) snapshot.derived.priced = priced;
  return priced;
}

PriceContext::PriceContext(const Snapshot& snapshot, const RuleSet& rules)
    : snapshot_(snapshot), rules_(rules), priced_(PricedTextsOf(snapshot, rules)),
      texts_(priced_->blocks) {}

const PricedText* PriceContext::Any(const std::string& type) const {
  for (const PricedText& t : texts_) {
    if (t.Has(type)) return &t;
  }
  return nullptr;
}

bool PriceContext::German() const {
  if (snapshot_.lang.rfind("de", 0) == 0) return true;
  if (!snapshot_.lang.empty()) return false;
  for (const PricedText& t : texts_) {
    for (const TextRule* r : t.classes) {
      if (r->lang == "de") return true;
    }
  }
  return false;
}

std::vector<AnchorPair> PriceContext::Anchors() const {
  std::vector<AnchorPair> out;
  const int max_distance = static_cast<int>(rules_.Threshold("pricing.anchor_max_distance", 3));
  const double min_percent = rules_.Threshold("pricing.anchor_min_percent", 1);
  std::vector<bool> used(texts_.size(), false);  // a block is one side of one pair at most
  for (size_t pos = 0; pos < texts_.size(); ++pos) {
    const PricedText& t = texts_[pos];
    if (used[pos] || t.prices.empty() || t.NotAPrice()) continue;
    AnchorPair a;
    a.reference_text = &t;
    const TextRule* word = t.Class("price/rrp");
    a.rrp = word != nullptr;
    if (!word) word = t.Class("price/reference");
    const PriceMatch* ref = nullptr;
    if (word) {
      // The price right after the word ("statt 59,99 €"), else the one before
      // it ("59,99 € statt").
      ref = FirstPositive(t, t.SpanEnd(rules_, *word));
      if (!ref) {
        for (const PriceMatch& m : t.prices) {
          if (!m.negative && m.amount > 0) ref = &m;
        }
      }
    } else if (t.block->strike) {
      a.struck = true;
      ref = FirstPositive(t);
    }
    if (!ref) continue;
    a.reference = *ref;
    // The price asked: another price in the same block, else the nearest
    // block that is not crossed out, preferring one the page marks as price.
    const PriceMatch* cur = nullptr;
    for (const PriceMatch& m : t.prices) {
      if (&m != ref && !m.negative && m.amount > 0 && m.amount < ref->amount &&
          m.currency == ref->currency) {
        cur = &m;
        break;
      }
    }
    const PricedText* cur_text = cur ? &t : nullptr;
    if (!cur) {
      auto candidate = [&](const PricedText& o, bool want_role) {
        if (used[static_cast<size_t>(&o - texts_.data())] || o.block->strike || o.NotAPrice()) return false;
        if (o.Has("price/reference") || o.Has("price/rrp") || o.Has("price/fee")) return false;
        if (want_role && o.block->role != "price") return false;
        const PriceMatch* m = FirstPositive(o);
        return m && m->currency == ref->currency && m->amount < ref->amount;
      };
      cur_text = Near(pos, max_distance, [&](const PricedText& o) { return candidate(o, true); });
      if (!cur_text) cur_text = Near(pos, max_distance, [&](const PricedText& o) { return candidate(o, false); });
      if (cur_text) cur = FirstPositive(*cur_text);
    }
    if (!cur) continue;
    a.current_text = cur_text;
    a.current = *cur;
    a.percent = (ref->amount - cur->amount) / ref->amount * 100;
    if (a.percent < min_percent) continue;
    used[pos] = true;
    used[static_cast<size_t>(cur_text - texts_.data())] = true;
    out.push_back(a);
  }
  return out;
}

std::string FormatPrice(const PriceParser& prices, double amount, const std::string& currency,
                        bool german) {
  char num[64];
  std::snprintf(num, sizeof num, "%.2f", amount);
  std::string s = num;
  // Thousands separators.
  size_t dot = s.find('.');
  std::string whole = s.substr(0, dot), frac = s.substr(dot + 1);
  std::string grouped;
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += german ? '.' : ',';
    grouped += whole[i];
  }
  std::string value = grouped + (german ? "," : ".") + frac;
  std::string symbol = prices.Symbol(currency);
  if (symbol == currency) return value + " " + currency;
  return german ? value + " " + symbol : symbol + value;
}

}  // namespace durchblick
