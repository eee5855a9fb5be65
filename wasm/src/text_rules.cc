#include "text_rules.h"

#include <algorithm>

#include <nlohmann/json.hpp>
#include <re2/re2.h>
#include <re2/set.h>

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

TextRules::TextRules() = default;
TextRules::~TextRules() = default;
TextRules::TextRules(TextRules&&) noexcept = default;
TextRules& TextRules::operator=(TextRules&&) noexcept = default;

bool TextRules::Load(const nlohmann::json& rules, std::string* error) {
  if (!rules.is_array()) {
    *error = "text: expected an array of rules";
    return false;
  }
  auto set = std::make_unique<RE2::Set>(PatternOptions(), RE2::UNANCHORED);
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
    std::string set_error;
    if (set->Add(rule.pattern, &set_error) != static_cast<int>(rules_.size())) {
      *error = where + ": pattern rejected by RE2::Set: " + set_error;
      return false;
    }
    compiled_.push_back(std::move(re));
    rules_.push_back(std::move(rule));
  }
  if (!set->Compile()) {
    *error = "text: the rule set is too large for RE2's memory budget";
    return false;
  }
  set_ = std::move(set);
  return true;
}

std::vector<const TextRule*> TextRules::Match(const std::string& text) const {
  std::vector<const TextRule*> out;
  if (!set_ || rules_.empty()) return out;
  std::vector<int> ids;
  set_->Match(text, &ids);
  std::sort(ids.begin(), ids.end());  // RE2::Set gives no order
  out.reserve(ids.size());
  for (int id : ids) out.push_back(&rules_[static_cast<size_t>(id)]);
  return out;
}

std::vector<const TextRule*> TextRules::Match(const std::string& text,
                                              const std::string& type_prefix) const {
  std::vector<const TextRule*> out;
  for (const TextRule* r : Match(text)) {
    if (r->type.compare(0, type_prefix.size(), type_prefix) == 0) out.push_back(r);
  }
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
