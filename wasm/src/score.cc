#include "score.h"

#include <algorithm>
#include <numeric>

namespace durchblick {

Score ComputeScore(const std::vector<Finding>& findings, const RuleSet& rules) {
  Score score;
  std::vector<int> raw(findings.size(), 0);
  std::map<std::string, int> type_points;
  for (size_t i = 0; i < findings.size(); ++i) {
    const FindingType* t = rules.Finding(findings[i].type);
    if (t == nullptr) continue;
    int& used = type_points[t->type];
    int want = used == 0 ? t->weight : t->extra_weight;
    raw[i] = std::max(0, std::min(want, t->max_weight - used));
    used += raw[i];
  }
  // Heaviest first within each category; ties keep detector order.
  std::vector<size_t> order(findings.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return raw[a] > raw[b]; });
  score.weights.assign(findings.size(), 0);
  for (const auto& [category, cap] : rules.scoring().caps) score.points[category] = 0;
  for (size_t i : order) {
    const FindingType* t = rules.Finding(findings[i].type);
    if (t == nullptr) continue;
    auto cap = rules.scoring().caps.find(t->category);
    int limit = cap == rules.scoring().caps.end() ? 0 : cap->second;
    int& points = score.points[t->category];
    score.weights[i] = std::max(0, std::min(raw[i], limit - points));
    points += score.weights[i];
  }
  for (const auto& [category, cap] : rules.scoring().caps) {
    int p = score.points[category];
    score.total += p;
    score.subscores[category] = cap > 0 ? (p * 100 + cap / 2) / cap : 0;
  }
  for (const Band& b : rules.scoring().bands) {
    if (score.total >= b.min_score) score.band = &b;
  }
  return score;
}

std::string FillTemplate(const std::string& text, const std::map<std::string, std::string>& vars) {
  std::string out;
  out.reserve(text.size() + 32);
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find('{', i);
    if (open == std::string::npos) {
      out.append(text, i, std::string::npos);
      break;
    }
    out.append(text, i, open - i);  // the literal run before the brace, at once
    size_t close = text.find('}', open);
    if (close != std::string::npos) {
      auto it = vars.find(text.substr(open + 1, close - open - 1));
      if (it != vars.end()) {
        out += it->second;
        i = close + 1;
        continue;
      }
    }
    out += '{';  // not a known {name}: kept as written
    i = open + 1;
  }
  return out;
}

}  // namespace durchblick
