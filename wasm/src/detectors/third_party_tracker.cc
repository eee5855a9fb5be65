// third-party-tracker: requests to companies whose business is advertising,
// analytics, social or session recording, grouped by company (consent
// managers are listed in trackers[] too, without a finding). Example: a
// shop page loading https://static.criteo.net/js/ld/publishertag.js.
// Same-owner hosts are first party (youtube.com loading ytimg.com).
// Company data: third-party-web (rules/trackers/README.md); which categories
// count: rules/trackers/categories.json.
#include <algorithm>
#include <map>

#include "detector.h"

namespace durchblick {
namespace {

// A company can own hosts of several categories (Google: ads and analytics).
// It is reported under the heaviest one, so the verdict does not depend on
// which request the browser happened to record first (hosts record
// near-simultaneous requests in different orders). Ties: the smaller type name.
bool Outweighs(const std::string& type, const std::string& current, const RuleSet& rules) {
  if (current.empty()) return true;
  const FindingType* a = rules.Finding(type);
  const FindingType* b = rules.Finding(current);
  int wa = a ? a->weight : 0, wb = b ? b->weight : 0;
  return wa != wb ? wa > wb : type < current;
}

void Detect(const Snapshot& snapshot, const RuleSet& rules, DetectorOutput* out) {
  const TrackerRules& trackers = rules.trackers();
  Url page = ParseUrl(snapshot.url);
  std::map<std::string, size_t> by_company;  // company -> out->trackers index
  std::map<std::string, Finding> findings;   // company -> finding
  for (const Request& request : snapshot.requests) {
    Url url = ParseUrl(request.url);
    if (!url.ok) continue;
    if (page.ok && trackers.SameParty(page.host, url.host)) continue;
    const Entity* entity = trackers.EntityForHost(url.host);
    if (entity == nullptr) continue;
    if (!trackers.Reported(entity->category)) continue;
    auto [it, inserted] = by_company.emplace(entity->company, out->trackers.size());
    if (inserted) out->trackers.push_back({entity->company, entity->category, {}, 0, false, true});
    TrackerEntry& entry = out->trackers[it->second];
    entry.requests++;
    if (std::find(entry.hosts.begin(), entry.hosts.end(), url.host) == entry.hosts.end()) {
      entry.hosts.push_back(url.host);
    }
    std::string type = trackers.FindingTypeForCategory(entity->category);
    if (type.empty()) continue;
    Finding& f = findings[entity->company];
    if (Outweighs(type, f.type, rules)) {
      f.type = type;
      f.vars["company"] = entity->company;
      f.vars["category"] = entity->category;
      entry.category = entity->category;
    }
    if (f.evidence.size() < 5) {
      f.evidence.push_back({"", "", "", request.url, "", "", "", "host " + url.host});
    }
    f.vars["count"] = std::to_string(entry.requests);
  }
  for (auto& [company, f] : findings) out->findings.push_back(std::move(f));
}

}  // namespace

extern const Detector kThirdPartyTracker = {
    "third-party-tracker", "tracking", kRequests,
    "Requests to advertising, analytics, social and session-recording companies", &Detect};

}  // namespace durchblick
