// The filter lists of the rules bundle (bundle.filters, written by
// tools/rules/filters.mjs from rules/filters/lists.json), compiled into one
// FilterSet, with what each list is.
//
//   const FilterRules& f = rules.filters();
//   FilterVerdict v = f.Classify(url, page_host, "script", psl);
//   if (v.blocked && v.list->kind == "tracking") ... v.filter ...
//
// Researchers' own lists replace the built-in ones through
// Engine::UseFilterLists (`durchblick-core classify --filters FILE`); such
// lists count as tracking lists.
#ifndef DURCHBLICK_FILTERS_FILTER_RULES_H_
#define DURCHBLICK_FILTERS_FILTER_RULES_H_

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "filters.h"

namespace durchblick {

struct FilterListInfo {
  std::string id;       // "adguard-tracking-protection", or the file name
  std::string title;    // from the list's header
  std::string version;  // from the list's header
  std::string kind;     // "tracking" | "ads"
  std::string license;
  std::string source;   // "@adguard/dnr-rulesets@3.3... ruleset_3", or the file path
};

struct FilterVerdict {
  bool blocked = false;            // a filter matched and no exception lifted it
  std::string_view filter;         // the matching blocking filter as written
  std::string_view exception;      // the @@ filter that matched, if any
  const FilterListInfo* list = nullptr;            // list of `filter`
  const FilterListInfo* exception_list = nullptr;  // list of `exception`
};

class FilterRules {
 public:
  // Loads bundle.filters ({lists: [{id, title, version, kind, license,
  // source, text}]}); a missing section means no lists. False with a message
  // naming the list if the section is malformed. Instead of each list's
  // text the section may carry the lists compiled by the rules build,
  // "compiled": {"format", "arena", "tables"} (Compiled()); that form is
  // loaded at once, without parsing.
  bool Load(const nlohmann::json& section, std::string* error);
  // The compact compiled form of the current lists, as the bundle carries
  // it: {"format": 1, "arena": "<filters as written>", "tables": "<base64>"}
  // (FilterSet::CompiledTables).
  nlohmann::json Compiled() const;
  // Replaces all lists by a compiled form (tracking lists, named as they
  // were when compiled). False with a message if it is malformed.
  bool UseCompiled(const nlohmann::json& compiled, std::string* error);
  // Replaces all lists by (name, text) pairs, as tracking lists.
  void Replace(const std::vector<std::pair<std::string, std::string>>& lists);

  // `page_host` may be empty (unknown page: party and domain= options do
  // not constrain). `type` is a request type name (FilterTypeFromName).
  FilterVerdict Classify(std::string_view url, std::string_view page_host,
                         std::string_view type, const PublicSuffixList& psl) const;
  // The verdict alone, as a number: 1 = a filter blocks the request, 0 = no
  // filter matches, -1 = a filter matches but an exception lifts it
  // (Engine::MatchFilters and the benchmark's batch entry).
  int MatchCode(std::string_view url, std::string_view page_host, std::string_view type,
                const PublicSuffixList& psl) const;
  // Every filter of the lists that matches the request on its own, as
  // written (FilterSet::MatchEvery).
  std::vector<std::string_view> EveryMatch(std::string_view url, std::string_view page_host,
                                           std::string_view type,
                                           const PublicSuffixList& psl) const;

  // The compiled filters. Lists are compiled on first use (a few hundred
  // milliseconds for 160k filters), so engines that never see a request do
  // not pay for them; thread-safe.
  const FilterSet& set() const;
  const std::vector<FilterListInfo>& lists() const { return lists_; }

 private:
  std::vector<FilterListInfo> lists_;
  std::vector<std::string> texts_;  // until compiled
  mutable std::unique_ptr<FilterSet> set_;
  mutable std::unique_ptr<std::once_flag> once_ = std::make_unique<std::once_flag>();
  bool LoadCompiledSet(const nlohmann::json& compiled, std::string* error);
};

}  // namespace durchblick

#endif  // DURCHBLICK_FILTERS_FILTER_RULES_H_
