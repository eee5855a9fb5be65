#include "text_facts.h"

#include <iterator>

namespace durchblick {

std::shared_ptr<const TextFindings> TextFindingsOf(const Snapshot& snapshot, const RuleSet& rules) {
  const bool keep = snapshot.derived.kept(&rules);
  if (keep && snapshot.derived.findings) return snapshot.derived.findings;
  auto m = std::make_shared<TextFindings>();
  std::vector<const std::string*> all;
  all.reserve(snapshot.texts.size() + snapshot.controls.size());
  for (const TextBlock& b : snapshot.texts) all.push_back(&b.text);
  for (const Control& c : snapshot.controls) all.push_back(&c.label);
  auto matches = rules.text().MatchEach(all, "", /*findings_only=*/true);
  auto split = matches.begin() + static_cast<long>(snapshot.texts.size());
  m->texts.assign(std::make_move_iterator(matches.begin()), std::make_move_iterator(split));
  m->controls.assign(std::make_move_iterator(split), std::make_move_iterator(matches.end()));
  if (keep) snapshot.derived.findings = m;
  return m;
}

}  // namespace durchblick
