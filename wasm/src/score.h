// The manipulation score: every point belongs to one finding.
//
// Each finding type has a weight for its first finding, an extra weight for
// each further one and a maximum (rules/findings/*.json). Each category has a
// cap (rules/scoring.json; the caps add up to 100). Within a category the
// heaviest findings take their points first until the cap is reached; the
// rest are listed with weight 0. So the score is the sum of the findings'
// weights, and never more than 100. Worked example (caps: popup 25):
//   blocking overlay 15, cookie wall without reject 12 → 15 + 10 (cap) = 25.
#ifndef DURCHBLICK_SCORE_H_
#define DURCHBLICK_SCORE_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "report.h"
#include "rules.h"

namespace durchblick {

struct Score {
  int total = 0;
  std::vector<int> weights;              // one per finding, same order
  std::map<std::string, int> points;     // category -> points in the total
  std::map<std::string, int> subscores;  // category -> 0..100 of its cap
  const Band* band = nullptr;
};

// `findings` must all have a type known to `rules` (the engine drops and
// warns about others before scoring).
Score ComputeScore(const std::vector<Finding>& findings, const RuleSet& rules);

// "{company} lädt ..." with vars {"company": "Criteo"} → "Criteo lädt ...".
std::string FillTemplate(const std::string& text, const std::map<std::string, std::string>& vars);

}  // namespace durchblick

#endif  // DURCHBLICK_SCORE_H_
