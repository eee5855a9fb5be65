#include "text_rules.h"

#include <algorithm>
#include <map>
#include <mutex>

#include <nlohmann/json.hpp>
#include <re2/re2.h>
#include <re2/set.h>

#include "re2_set_scan.h"

namespace durchblick {
namespace {

RE2::Options PatternOptions() {
  RE2::Options o;
  o.set_case_sensitive(false);
  o.set_log_errors(false);
  o.set_max_mem(64 << 20);
  return o;
}

bool ReadStrings(const nlohmann::json& rule, const char* key, std::vector<std::string>* out) {
  if (!rule.contains(key)) return true;
  if (!rule[key].is_array()) return false;
  for (const auto& s : rule[key]) {
    if (!s.is_string()) return false;
    out->push_back(s.get<std::string>());
  }
  return true;
}

}  // namespace

// One RE2::Set over the rules of one type family, or of several families
// that thresholds put into one Set.
struct TextRules::Family {
  std::string key;            // "label/", ...: the type up to its slash; "#0" for a shared Set
  bool word_class = false;    // "label/" or "price/"
  std::vector<size_t> rules;  // Set index -> index in rules_
  std::vector<std::string> families;  // "scarcity/", ...: the families in the Set
  std::unique_ptr<RE2::Set> set;
  std::unique_ptr<SetDfa> dfa;  // which rules match each block, for MatchEach

  // True if a type starting with `type_prefix` can be in this Set ("" is in
  // all; "label/close" in the label/ one).
  bool Holds(const std::string& type_prefix) const {
    for (const std::string& f : families) {
      if (type_prefix.compare(0, f.size(), f) == 0 || f.compare(0, type_prefix.size(), type_prefix) == 0) {
        return true;
      }
    }
    return false;
  }
};

TextRules::TextRules() : scan_mutex_(std::make_unique<std::mutex>()) {}
TextRules::~TextRules() = default;
TextRules::TextRules(TextRules&&) noexcept = default;
TextRules& TextRules::operator=(TextRules&&) noexcept = default;

bool TextRules::Load(const nlohmann::json& rules, const std::map<std::string, double>& thresholds,
                     std::string* error) {
  if (!rules.is_array()) {
    *error = "text: expected an array of rules";
    return false;
  }
  std::vector<std::unique_ptr<Family>> families;
  for (size_t i = 0; i < rules.size(); ++i) {
    const auto& r = rules[i];
    TextRule rule;
    std::string where = "text[" + std::to_string(i) + "]";
    if (!r.is_object() || !r.contains("id") || !r["id"].is_string() ||
        !r.contains("type") || !r["type"].is_string() || !r.contains("pattern") ||
        !r["pattern"].is_string()) {
      *error = where + ": a text rule needs string fields id, type and pattern";
      return false;
    }
    rule.id = r["id"].get<std::string>();
    rule.type = r["type"].get<std::string>();
    rule.lang = r.value("lang", "");
    rule.pattern = r["pattern"].get<std::string>();
    where = "text rule " + rule.id;
    if (!ReadStrings(r, "examples", &rule.examples) ||
        !ReadStrings(r, "counterexamples", &rule.counterexamples)) {
      *error = where + ": examples and counterexamples must be arrays of strings";
      return false;
    }
    auto re = std::make_unique<RE2>(rule.pattern, PatternOptions());
    if (!re->ok()) {
      *error = where + ": pattern does not compile: " + re->error();
      return false;
    }
    std::string family_name = rule.type.substr(0, rule.type.find('/'));
    std::string key = rule.type.substr(0, rule.type.find('/') + 1);
    // Families that share a Set (thresholds "text.set.<family>": N) share a
    // key "#N"; a family without the threshold has a Set of its own.
    auto shared = thresholds.find("text.set." + family_name);
    if (shared != thresholds.end()) key = "#" + std::to_string(static_cast<long>(shared->second));
    auto family = std::find_if(families.begin(), families.end(),
                               [&](const std::unique_ptr<Family>& f) { return f->key == key; });
    if (family == families.end()) {
      families.push_back(std::make_unique<Family>());
      families.back()->key = key;
      families.back()->word_class = IsWordClass(rule.type);
      families.back()->set = std::make_unique<RE2::Set>(PatternOptions(), RE2::UNANCHORED);
      family = families.end() - 1;
    }
    std::string set_error;
    if ((*family)->set->Add(rule.pattern, &set_error) != static_cast<int>((*family)->rules.size())) {
      *error = where + ": pattern rejected by RE2::Set: " + set_error;
      return false;
    }
    (*family)->rules.push_back(rules_.size());
    std::string prefix = rule.type.substr(0, rule.type.find('/') + 1);
    auto& names = (*family)->families;
    if (std::find(names.begin(), names.end(), prefix) == names.end()) names.push_back(prefix);
    if (IsWordClass(rule.type) != (*family)->word_class) {
      *error = where + ": text.set." + family_name + " puts word classes and finding rules in one Set";
      return false;
    }
    compiled_.push_back(std::move(re));
    rules_.push_back(std::move(rule));
  }
  for (auto& f : families) {
    if (!f->set->Compile()) {
      *error = "text: the " + f->key + " rules are too large for RE2's memory budget";
      return false;
    }
    f->dfa = std::make_unique<SetDfa>(*f->set);
  }
  families_ = std::move(families);
  return true;
}

void TextRules::MatchFamily(const Family& family, re2::StringPiece text,
                            std::vector<const TextRule*>* out) const {
  std::vector<int> ids;
  RE2::Set::ErrorInfo info;
  if (family.set->Match(text, &ids, &info) || info.kind == RE2::Set::kNoError) {
    for (int id : ids) out->push_back(&rules_[family.rules[static_cast<size_t>(id)]]);
    return;
  }
  // The Set's DFA gave up (a state larger than its memory budget): ask each
  // rule on its own, which is slower but never wrong.
  for (size_t index : family.rules) {
    if (RE2::PartialMatch(text, *compiled_[index])) out->push_back(&rules_[index]);
  }
}

namespace {

void SortByBundleOrder(std::vector<const TextRule*>* v) {
  std::sort(v->begin(), v->end());  // rules_ is contiguous: address order is bundle order
}

// Keeps the rules whose type starts with `type_prefix`, in bundle order.
void KeepTypes(const std::string& type_prefix, std::vector<const TextRule*>* v) {
  v->erase(std::remove_if(v->begin(), v->end(),
                          [&](const TextRule* r) {
                            return r->type.compare(0, type_prefix.size(), type_prefix) != 0;
                          }),
           v->end());
  SortByBundleOrder(v);
}

}  // namespace

std::vector<const TextRule*> TextRules::Match(const std::string& text) const {
  std::vector<const TextRule*> out;
  for (const auto& f : families_) MatchFamily(*f, text, &out);
  SortByBundleOrder(&out);
  return out;
}

std::vector<const TextRule*> TextRules::Match(const std::string& text,
                                              const std::string& type_prefix) const {
  std::vector<const TextRule*> out;
  for (const auto& f : families_) {
    if (!f->Holds(type_prefix)) continue;
    MatchFamily(*f, text, &out);
  }
  KeepTypes(type_prefix, &out);
  return out;
}

std::vector<const TextRule*> TextRules::MatchFindings(const std::string& text) const {
  std::vector<const TextRule*> out;
  for (const auto& f : families_) {
    if (!f->word_class) MatchFamily(*f, text, &out);
  }
  SortByBundleOrder(&out);
  return out;
}

std::vector<std::vector<const TextRule*>> TextRules::MatchEach(
    const std::vector<const std::string*>& texts, const std::string& type_prefix,
    bool findings_only) const {
  std::vector<std::vector<const TextRule*>> out(texts.size());
  std::vector<std::vector<int>> ids;
  for (const auto& f : families_) {
    if ((findings_only && f->word_class) || !f->Holds(type_prefix)) continue;
    // Every block in one read of the page; should the DFA give up (a
    // hostile page), RE2 answers block by block.
    bool read = false;
    {
      std::lock_guard<std::mutex> lock(*scan_mutex_);
      read = f->dfa->Match(texts, &ids);
    }
    for (size_t i = 0; i < texts.size(); ++i) {
      if (read) {
        for (int id : ids[i]) out[i].push_back(&rules_[f->rules[static_cast<size_t>(id)]]);
      } else {
        MatchFamily(*f, *texts[i], &out[i]);
      }
    }
  }
  for (auto& v : out) KeepTypes(type_prefix, &v);
  return out;
}

size_t TextRules::dfa_rebuilds() const {
  std::lock_guard<std::mutex> lock(*scan_mutex_);
  size_t n = 0;
  for (const auto& f : families_) n += f->dfa->rebuilds();
  return n;
}

std::vector<std::vector<std::string>> TextRules::sets() const {
  std::vector<std::vector<std::string>> out;
  for (const auto& f : families_) out.push_back(f->families);
  return out;
}

std::string TextRules::MatchedSpan(const TextRule& rule, const std::string& text) const {
  size_t index = static_cast<size_t>(&rule - rules_.data());
  if (index >= compiled_.size()) return std::string();
  re2::StringPiece match;
  if (!compiled_[index]->Match(text, 0, text.size(), RE2::UNANCHORED, &match, 1)) {
    return std::string();
  }
  return std::string(match.data(), match.size());
}

}  // namespace durchblick
