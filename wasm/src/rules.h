// The compiled rules bundle. tools/build-rules.mjs turns the data in rules/
// into one JSON bundle; RuleSet::Load() checks and compiles it once (RE2
// sets, host indexes) and detectors then only read it.
//
// Bundle layout (docs/rules.md):
//   {"schema": "durchblick.rules/1", "version": "0.1.0+1a2b3c4d",
//    "findings":   {"scarcity/low_stock": {category, severity, weight, ...}},
//    "scoring":    {"caps": {"tracking": 35, ...}, "bands": [...]},
//    "thresholds": {"popup.sticky_min_coverage": 0.3, ...},
//    "text":       [{id, type, lang, pattern, examples, counterexamples}],
//    "trackers":   {...},                      (tracker_rules.h)
//    "retargeting": {"vendors": [...], ...},  (retargeting_rules.h)
//    "currencies": [{code, tokens}],           (price.h)
//    "filters":    {"lists": [...]}}           (filters/filter_rules.h)
#ifndef DURCHBLICK_RULES_H_
#define DURCHBLICK_RULES_H_

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "filters/filter_rules.h"
#include "price.h"
#include "retargeting_rules.h"
#include "text_rules.h"
#include "tracker_rules.h"

namespace durchblick {

struct Message {
  std::string de, en;
};

// How one finding type is presented and weighed (rules/findings/*.json).
struct FindingType {
  std::string type;         // "scarcity/low_stock"
  std::string category;     // "tracking" | "dark_pattern" | "popup"
  std::string severity;     // "low" | "medium" | "high"
  int weight = 0;           // points for the first finding of this type
  int extra_weight = 0;     // points for each further finding of this type
  int max_weight = 0;       // at most this many points for the type in all
  Message title;            // may use {placeholders} filled from Finding::vars
  Message explanation;
};

struct Band {
  int min_score = 0;
  std::string id;           // "low" | "medium" | "high" ...
  Message label;
};

struct Scoring {
  std::map<std::string, int> caps;  // category -> its most points; caps add up to 100
  std::vector<Band> bands;          // ascending by min_score
};

class RuleSet {
 public:
  // Loads and compiles a bundle. Returns false with a message naming the
  // offending rule or field if anything is wrong; nothing is half-loaded.
  bool Load(const std::string& bundle_json, std::string* error);

  const std::string& version() const { return version_; }
  const FindingType* Finding(const std::string& type) const;
  const std::map<std::string, FindingType>& finding_types() const { return finding_types_; }
  const Scoring& scoring() const { return scoring_; }
  // A named numeric threshold from rules/thresholds/; `fallback` is never
  // used for a bundle that passed the rule tests (they check every name).
  double Threshold(const std::string& name, double fallback) const;
  const std::map<std::string, double>& thresholds() const { return thresholds_; }

  const TextRules& text() const { return text_; }
  const TrackerRules& trackers() const { return trackers_; }
  const RetargetingRules& retargeting() const { return retargeting_; }
  const PriceParser& prices() const { return prices_; }
  const FilterRules& filters() const { return filters_; }
  FilterRules& mutable_filters() { return filters_; }  // Engine::UseFilterLists

 private:
  std::string version_;
  std::map<std::string, FindingType> finding_types_;
  Scoring scoring_;
  std::map<std::string, double> thresholds_;
  TextRules text_;
  TrackerRules trackers_;
  RetargetingRules retargeting_;
  PriceParser prices_;
  FilterRules filters_;
};

}  // namespace durchblick

#endif  // DURCHBLICK_RULES_H_
