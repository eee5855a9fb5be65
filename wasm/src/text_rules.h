// Multilingual text patterns (rules/text/*.json), matched in one pass per
// family of rules.
//
// The patterns are grouped by the family of their type, the part before the
// slash ("scarcity/", "urgency/", ..., and the word classes "price/" and
// "label/"), and each group is one case-insensitive RE2::Set: a text block is
// scanned once per Set whatever the number of rules in it, and a detector
// that wants word classes scans only their Set. Which finding families share
// a Set is data (rules/thresholds/text.json, "text.set.<family>"): one Set
// for every rule would be one DFA whose states multiply the progress of all
// patterns at once (gaps such as "(?:[^.!?])*?" or "{0,150}" in one rule times
// those of the others); it ran at 2 MB/s where two finding Sets run at ~100
// each (numbers in the threshold file's comment). Matching stays linear in
// the text length, whatever the pattern or the text: a page's blocks are
// read by a DFA of each Set's program (SetDfa, re2_set_scan.h) that names
// each block's rules in one pass, and RE2 answers wherever that DFA gives up.
//
//   const TextRules& t = rules.text();
//   for (const TextRule* r : t.MatchFindings("Nur noch 2 Stück auf Lager")) ...
//   // r->type == "scarcity/low_stock", r->id == "scarcity/de-nur-noch-n"
//   t.Match(label, "label/")   // word classes only: scans the label/ Set alone
#ifndef DURCHBLICK_TEXT_RULES_H_
#define DURCHBLICK_TEXT_RULES_H_

#include <map>
#include <memory>
#include <mutex>
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

  // `rules` is the bundle's "text" array; `thresholds` may put families into
  // one Set ("text.set.scarcity": 0, "text.set.misdirection": 0, ...).
  // False + message on a bad rule.
  bool Load(const nlohmann::json& rules, const std::map<std::string, double>& thresholds,
            std::string* error);

  // All rules matching anywhere in `text`, in bundle order (deterministic).
  std::vector<const TextRule*> Match(const std::string& text) const;
  // Like Match() but only rules whose type starts with `type_prefix`; only
  // the families that can hold such types are scanned.
  std::vector<const TextRule*> Match(const std::string& text,
                                     const std::string& type_prefix) const;
  // Like Match() but only finding rules (no word classes), in bundle order.
  std::vector<const TextRule*> MatchFindings(const std::string& text) const;
  // Match(*texts[i], type_prefix) for every i (only finding rules if
  // `findings_only`), at once: each Set's DFA (SetDfa) reads all blocks in
  // one pass and names each block's rules, where RE2::Set::Match block by
  // block would spend more on its calls than on the bytes.
  std::vector<std::vector<const TextRule*>> MatchEach(const std::vector<const std::string*>& texts,
                                                      const std::string& type_prefix = "",
                                                      bool findings_only = false) const;
  // The span of `text` that `rule` matches (for evidence); empty if none.
  std::string MatchedSpan(const TextRule& rule, const std::string& text) const;

  const std::vector<TextRule>& all() const { return rules_; }
  // The RE2::Sets, each with the families in it ({"label/"}, {"scarcity/",
  // "misdirection/", ...}), in bundle order of their first rule.
  std::vector<std::vector<std::string>> sets() const;
  // How often MatchEach's DFAs outgrew their budget and were rebuilt, all
  // Sets together (for benchmarks: a rebuild makes a page slow, not wrong).
  size_t dfa_rebuilds() const;

 private:
  struct Family;
  // Appends the rules of `family` matching `text` (unsorted).
  void MatchFamily(const Family& family, re2::StringPiece text,
                   std::vector<const TextRule*>* out) const;

  std::vector<TextRule> rules_;
  std::vector<std::unique_ptr<RE2>> compiled_;  // one per rule, for spans
  std::vector<std::unique_ptr<Family>> families_;
  // MatchEach's DFAs build their states as they read: one reader at a time.
  std::unique_ptr<std::mutex> scan_mutex_;
};

}  // namespace durchblick

#endif  // DURCHBLICK_TEXT_RULES_H_
