// filter-listed-request: requests that a tracking filter list blocks but
// that the company data does not already report: tracking endpoints on hosts
// no company list knows, and tracking paths on the site's own domain.
// Example: https://metrics.shop.example/collect?... blocked by
// "||metrics.*/collect?" of AdGuard Tracking Protection. Grouped by company
// (or registrable domain); the matching filter is the evidence.
// Lists: rules/filters/lists.json; matching: wasm/src/filters/filters.h.
#include <algorithm>
#include <map>

#include "../classify.h"
#include "detector.h"

namespace durchblick {
namespace {

constexpr size_t kMaxEvidence = 5;

void Detect(const Snapshot& snapshot, const RuleSet& rules, DetectorOutput* out) {
  const TrackerRules& trackers = rules.trackers();
  RequestContext page = RequestContext::ForPage(snapshot.url);
  std::map<std::string, size_t> by_group;   // company or domain -> out->trackers index
  std::map<std::string, Finding> findings;  // same key -> finding
  RequestVerdict v;
  for (const Request& request : snapshot.requests) {
    ClassifyRequest(page, request.url, request.type, rules, &v);
    if (!v.ok || !v.FilterListed()) continue;
    // The company detector (third-party-tracker) already reports these.
    if (v.third_party && v.entity != nullptr && trackers.Reported(v.entity->category)) continue;
    std::string group(v.Company());
    if (group.empty()) group = trackers.psl().RegistrableDomain(v.host);
    auto [it, inserted] = by_group.emplace(group, out->trackers.size());
    if (inserted) {
      std::string category(v.category.empty() ? "tracking" : v.category);
      out->trackers.push_back({group, category, {}, 0, false, true});
    }
    TrackerEntry& entry = out->trackers[it->second];
    entry.requests++;
    entry.retargeting = entry.retargeting || v.Retargeting();
    std::string host(v.host);
    if (std::find(entry.hosts.begin(), entry.hosts.end(), host) == entry.hosts.end()) {
      entry.hosts.push_back(host);
    }
    Finding& f = findings[group];
    if (f.type.empty()) {
      f.type = "tracking/filter_listed";
      f.rule_id = std::string(v.filter.filter);
      f.vars["domain"] = group;
      f.vars["list"] = v.filter.list->title;
    }
    if (f.evidence.size() < kMaxEvidence) {
      f.evidence.push_back({"", "", "", request.url, "", "", std::string(v.filter.filter),
                            "filter of " + v.filter.list->title});
    }
    f.vars["count"] = std::to_string(entry.requests);
  }
  for (auto& [group, f] : findings) out->findings.push_back(std::move(f));
}

}  // namespace

extern const Detector kFilterListedRequest = {
    "filter-listed-request", "tracking", kRequests,
    "Requests a tracking filter list blocks that no company list already reports", &Detect};

}  // namespace durchblick
