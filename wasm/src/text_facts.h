// Which finding text rules (rules/text/, no word classes) match each text
// block and control label of a snapshot: matched once per analysis and
// shared (Snapshot::derived), so every detector reading page text costs one
// pass of the rule Sets over the page, not one each.
//
//   auto m = TextFindingsOf(snapshot, rules);
//   for (const TextRule* r : m->texts[i]) ...     // snapshot.texts[i].text
//   for (const TextRule* r : m->controls[j]) ...  // snapshot.controls[j].label
#ifndef DURCHBLICK_TEXT_FACTS_H_
#define DURCHBLICK_TEXT_FACTS_H_

#include <memory>
#include <vector>

#include "rules.h"
#include "snapshot.h"

namespace durchblick {

struct TextFindings {
  std::vector<std::vector<const TextRule*>> texts;     // per snapshot.texts, bundle order
  std::vector<std::vector<const TextRule*>> controls;  // per snapshot.controls, bundle order
};

std::shared_ptr<const TextFindings> TextFindingsOf(const Snapshot& snapshot, const RuleSet& rules);

}  // namespace durchblick

#endif  // DURCHBLICK_TEXT_FACTS_H_
