// dark-pattern-text: page text and control labels that match a dark-pattern
// text rule, e.g. "Nur noch 2 Stück auf Lager" (scarcity/low_stock). The
// patterns, their types and their examples live in rules/text/; this file
// only decides what text is looked at and what counts as evidence.
#include <map>
#include <set>

#include "../countdown.h"
#include "../text_facts.h"
#include "detector.h"
#include "element_reports.h"

namespace durchblick {
namespace {

// Patterns without a Unicode \b start or end on a separator ("(?:^|[^\pL])");
// the evidence shows the words only.
std::string TrimSpan(const std::string& span) {
  const char* kEdge = " \t\n\r|,;:()[]{}\"'-";
  size_t b = span.find_first_not_of(kEdge);
  if (b == std::string::npos) return span;
  size_t e = span.find_last_not_of(kEdge);
  return span.substr(b, e - b + 1);
}

void Detect(const Snapshot& snapshot, const RuleSet& rules, DetectorOutput* out) {
  const TextRules& text = rules.text();
  // The same words are one finding, with every place they stand as its
  // evidence: a button is both a text block and a control (and, in a pop-up,
  // the overlay's control too), and counting it once per list would weigh
  // one "Nein danke, ich zahle lieber mehr" two or three times in the score.
  // Ids are the page's data-durchblick-id stamps, one per element (both
  // gatherers keep an id an element already has), so the same id in texts[]
  // and controls[] is the same element: reported once (ElementReports).
  ElementReports seen;  // (type, element id) -> its evidence
  std::map<std::pair<std::string, std::string>, size_t> by_words;  // (type, words) -> finding
  auto report = [&](const TextRule& rule, const std::string& content, Evidence evidence,
                    const std::string& id) {
    if (seen.Repeat(rule.type, id, evidence.overlay_id, out)) return;
    evidence.text = TrimSpan(text.MatchedSpan(rule, content));
    auto [at, fresh] = by_words.emplace(std::make_pair(rule.type, evidence.text), out->findings.size());
    if (!fresh) {
      std::vector<Evidence>& list = out->findings[at->second].evidence;
      seen.Record(rule.type, id, at->second, list.size());
      list.push_back(std::move(evidence));
      return;
    }
    seen.Record(rule.type, id, out->findings.size(), 0);
    Finding f;
    f.type = rule.type;
    f.rule_id = rule.id;
    f.vars["text"] = evidence.text;
    f.evidence.push_back(std::move(evidence));
    out->findings.push_back(std::move(f));
  };
  // Clocks seen ticking are countdown-timer's, with their samples as evidence.
  std::set<std::string> ticking;
  for (const Timer& t : snapshot.timers) {
    if (!t.text_id.empty() && IsTicking(t.samples)) ticking.insert(t.text_id);
  }
  for (const TextBlock& block : snapshot.texts) {
    if (block.samples.empty()) continue;
    std::vector<std::string> seq = {block.text};
    seq.insert(seq.end(), block.samples.begin(), block.samples.end());
    if (IsTicking(seq)) ticking.insert(block.id);
  }
  // Word classes ("label/accept", "price/reference", ...) serve other
  // detectors: only finding rules are matched here.
  auto matches = TextFindingsOf(snapshot, rules);
  for (size_t i = 0; i < snapshot.texts.size(); ++i) {
    const TextBlock& block = snapshot.texts[i];
    for (const TextRule* rule : matches->texts[i]) {
      if (rule->type == "urgency/countdown_timer" && ticking.count(block.id)) continue;
      Evidence e;
      e.text_id = block.id;
      report(*rule, block.text, e, block.id);
    }
  }
  // Controls are optional: a host that gathered none still gets text findings.
  for (size_t i = 0; i < snapshot.controls.size(); ++i) {
    const Control& control = snapshot.controls[i];
    for (const TextRule* rule : matches->controls[i]) {
      Evidence e;
      e.control_id = control.id;
      e.overlay_id = control.overlay_id;
      report(*rule, control.label, e, control.id);
    }
  }
}

}  // namespace

extern const Detector kDarkPatternText = {
    "dark-pattern-text", "dark_pattern", kTexts,
    "Scarcity, urgency, social-proof and shaming wording from rules/text/", &Detect};

}  // namespace durchblick
