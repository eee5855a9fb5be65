// Multilingual text patterns (rules/text/*.json), matched all at once.
//
// Every pattern of every language goes into one case-insensitive RE2::Set,
// so a text block is scanned once whatever the number of rules; RE2 keeps
// matching linear in the text length, whatever the pattern or the text.
//
//   const TextRules& t = rules.text();
//   for (const TextRule* r : t.Match("Nur noch 2 Stück auf Lager")) ...
//   // r->type == "scarcity/low_stock", r->id == "scarcity/de-nur-noch-n"
#ifndef DURCHBLICK_TEXT_RULES_H_
#define DURCHBLICK_TEXT_RULES_H_

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>
#include <re2/re2.h>
#include <re2/set.h>

namespace durchblick {

struct TextRule {
  std::string id;        // "<family>/<lang>-<slug>", unique
  std::string type;      // finding type or a label class ("label/reject")
  std::string lang;      // "de", "en", ...
  std::string pattern;   // RE2 syntax
  std::vector<std::string> examples;         // must match
  std::vector<std::string> counterexamples;  // must not match
};

// A rule type that names a class of words for a detector to use ("label/reject"
// for buttons, "price/reference" for "statt"/"was") rather than a finding type.
inline bool IsWordClass(const std::string& type) {
  return type.rfind("label/", 0) == 0 || type.rfind("price/", 0) == 0;
}

class TextRules {
 public:
  TextRules();
  ~TextRules();
  TextRules(TextRules&&) noexcept;
  TextRules& operator=(TextRules&&) noexcept;

  // `rules` is the bundle's "text" array. False + message on a bad rule.
  bool Load(const nlohmann::json& rules, std::string* error);

  // All rules matching anywhere in `text`, in bundle order (deterministic).
  std::vector<const TextRule*> Match(const std::string& text) const;
  // Like Match() but only rules whose type starts with `type_prefix`.
  std::vector<const TextRule*> Match(const std::string& text,
                                     const std::string& type_prefix) const;
  // The span of `text` that `rule` matches (for evidence); empty if none.
  std::string MatchedSpan(const TextRule& rule, const std::string& text) const;

  const std::vector<TextRule>& all() const { return rules_; }

 private:
  std::vector<TextRule> rules_;
  std::vector<std::unique_ptr<RE2>> compiled_;  // one per rule, for spans
  std::unique_ptr<RE2::Set> set_;
};

}  // namespace durchblick

#endif  // DURCHBLICK_TEXT_RULES_H_
