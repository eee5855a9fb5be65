#include "filter_rules.h"

#include <nlohmann/json.hpp>

#include "../base64.h"

namespace durchblick {

bool FilterRules::Load(const nlohmann::json& section, std::string* error) {
  lists_.clear();
  texts_.clear();
  set_.reset();
  once_ = std::make_unique<std::once_flag>();
  if (section.is_null()) return true;
  if (!section.is_object() || !section.contains("lists") || !section["lists"].is_array()) {
    *error = "filters: needs {\"lists\": [...]}";
    return false;
  }
  bool compiled = section.contains("compiled");
  for (const auto& l : section["lists"]) {
    if (!l.is_object() || !l.contains("id") || !l["id"].is_string() ||
        (!compiled && (!l.contains("text") || !l["text"].is_string()))) {
      *error = "filters.lists: each list needs a string id and text (or the section compiled)";
      return false;
    }
    FilterListInfo info;
    info.id = l["id"].get<std::string>();
    info.title = l.value("title", info.id);
    info.version = l.value("version", "");
    info.kind = l.value("kind", "tracking");
    info.license = l.value("license", "");
    info.source = l.value("source", "");
    if (!compiled) texts_.push_back(l["text"].get<std::string>());
    lists_.push_back(std::move(info));
  }
  if (compiled && !LoadCompiledSet(section["compiled"], error)) return false;
  if (compiled && set_->lists().size() != lists_.size()) {
    *error = "filters.compiled: its lists are not those of filters.lists";
    return false;
  }
  return true;
}

bool FilterRules::LoadCompiledSet(const nlohmann::json& c, std::string* error) {
  if (!c.is_object() || c.value("format", 0) != 1 || !c.contains("arena") ||
      !c["arena"].is_string() || !c.contains("tables") || !c["tables"].is_string()) {
    *error = "filters.compiled: needs {\"format\": 1, \"arena\": string, \"tables\": base64}";
    return false;
  }
  std::string tables;
  if (!Base64Decode(c["tables"].get_ref<const std::string&>(), &tables)) {
    *error = "filters.compiled.tables: not base64";
    return false;
  }
  auto set = std::make_unique<FilterSet>();
  if (!set->LoadCompiled(c["arena"].get<std::string>(), tables, error)) return false;
  texts_.clear();
  set_ = std::move(set);
  std::call_once(*once_, [] {});  // set() uses it as it is
  return true;
}

nlohmann::json FilterRules::Compiled() const {
  const FilterSet& s = set();
  return {{"format", 1}, {"arena", s.arena()}, {"tables", Base64Encode(s.CompiledTables())}};
}

bool FilterRules::UseCompiled(const nlohmann::json& compiled, std::string* error) {
  FilterRules next;
  if (!next.LoadCompiledSet(compiled, error)) return false;
  for (size_t i = 0; i < next.set_->lists().size(); ++i) {
    const std::string& name = next.set_->lists()[i];
    next.lists_.push_back({name, name, "", "tracking", "", name});
  }
  *this = std::move(next);
  return true;
}

void FilterRules::Replace(const std::vector<std::pair<std::string, std::string>>& lists) {
  lists_.clear();
  texts_.clear();
  set_.reset();
  once_ = std::make_unique<std::once_flag>();
  for (const auto& [name, text] : lists) {
    lists_.push_back({name, name, "", "tracking", "", name});
    texts_.push_back(text);
  }
}

const FilterSet& FilterRules::set() const {
  std::call_once(*once_, [this] {
    auto set = std::make_unique<FilterSet>();
    for (size_t i = 0; i < lists_.size(); ++i) set->AddList(lists_[i].id, texts_[i]);
    set->Build();
    const_cast<std::vector<std::string>&>(texts_) = {};
    set_ = std::move(set);
  });
  return *set_;
}

FilterVerdict FilterRules::Classify(std::string_view url, std::string_view page_host,
                                    std::string_view type, const PublicSuffixList& psl) const {
  FilterVerdict v;
  // Without lists nothing can match: skip preparing the request (an Engine
  // over company rules alone classifies without filter lists).
  if (lists_.empty()) return v;
  static thread_local FilterRequest r;  // reused: no allocation per request once warm
  r.Assign(url, page_host, FilterTypeFromName(type), &psl);
  const FilterSet& set = this->set();
  FilterMatch m = set.MatchAll(r);
  v.blocked = m.blocked();
  if (m.filter >= 0) {
    v.filter = set.Text(m.filter);
    v.list = &lists_[set.ListIndex(m.filter)];
  }
  if (m.exception >= 0) {
    v.exception = set.Text(m.exception);
    v.exception_list = &lists_[set.ListIndex(m.exception)];
  }
  return v;
}

}  // namespace durchblick

namespace durchblick {

int FilterRules::MatchCode(std::string_view url, std::string_view page_host,
                           std::string_view type, const PublicSuffixList& psl) const {
  if (lists_.empty()) return 0;  // nothing can match
  static thread_local FilterRequest r;  // reused: no allocation per request once warm
  r.Assign(url, page_host, FilterTypeFromName(type), &psl);
  FilterMatch m = set().Match(r);
  return m.filter < 0 ? 0 : m.blocked() ? 1 : -1;
}

std::vector<std::string_view> FilterRules::EveryMatch(std::string_view url,
                                                      std::string_view page_host,
                                                      std::string_view type,
                                                      const PublicSuffixList& psl) const {
  const FilterSet& set = this->set();
  std::vector<std::string_view> out;
  for (int32_t id : set.MatchEvery(FilterRequest::FromUrls(url, page_host,
                                                           FilterTypeFromName(type), psl))) {
    out.push_back(set.Text(id));
  }
  return out;
}

}  // namespace durchblick
