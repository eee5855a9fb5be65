// cookie-sync: the same identifier passed between two different companies
// (Englehardt & Narayanan, CCS 2016; shared notes trackers.md §12.3.5). An
// identifier is an id-like value (rules/thresholds/tracking.json) that is
// either a cookie one third party set (cookies[]) and another third party
// receives, or a value that requests to two different third-party companies
// both carry (in the query, a nested redirect URL, the path or the body).
// Example: casalemedia.com sets CMID=VokftrlQJkMAAG0bCJIAAAIF and
// match.adsrvr.org/track/cmb/casale?cm_user_id=VokftrlQJkMAAG0bCJIAAAIF
// receives it. Companies no list knows count by their registrable domain.
#include <map>
#include <set>

#include "../request_values.h"
#include "tracking_common.h"

namespace durchblick {
namespace {

struct Sighting {
  const ClassifiedRequest* request;
  std::string param;
};

void Detect(const Snapshot& snapshot, const RuleSet& rules, DetectorOutput* out) {
  const size_t min_length = static_cast<size_t>(rules.Threshold("tracking.id_min_length", 8));
  const double min_bits = rules.Threshold("tracking.id_min_entropy_bits", 33);
  const size_t max_evidence = static_cast<size_t>(rules.Threshold("tracking.max_evidence", 6));
  const size_t max_findings =
      static_cast<size_t>(rules.Threshold("tracking.max_findings_per_detector", 20));
  const TrackerRules& trackers = rules.trackers();
  Url page = ParseUrl(snapshot.url);
  std::vector<ClassifiedRequest> all = ClassifyAll(snapshot, rules);
  // Who set each id-like cookie value (third-party cookies only: a
  // first-party value sent out is an identifier leak, not a sync).
  std::map<std::string, std::string> cookie_owner;  // value -> company
  std::set<std::string> first_party_values;
  for (const Cookie& c : snapshot.cookies) {
    if (!IdLike(c.value, min_length, min_bits)) continue;
    std::string domain = c.domain;
    while (!domain.empty() && domain.front() == '.') domain.erase(0, 1);
    if (page.ok && trackers.SameParty(page.host, domain)) {
      first_party_values.insert(c.value);
      continue;
    }
    const Entity* e = trackers.EntityForHost(domain);
    cookie_owner.emplace(c.value, e ? e->company : trackers.psl().RegistrableDomain(domain));
  }
  std::map<std::string, std::vector<Sighting>> sightings;  // value -> requests carrying it
  for (const ClassifiedRequest& c : all) {
    if (!c.verdict.third_party) continue;
    std::set<std::string> seen_here;
    for (NamedValue& v : RequestValues(*c.request)) {
      if (!IdLike(v.value, min_length, min_bits) || first_party_values.count(v.value) ||
          snapshot.url.find(v.value) != std::string::npos || !seen_here.insert(v.value).second) {
        continue;
      }
      sightings[v.value].push_back({&c, v.name});
    }
  }
  size_t findings = 0;
  for (const auto& [value, list] : sightings) {
    auto owner = cookie_owner.find(value);
    std::string from = owner != cookie_owner.end() ? owner->second : list.front().request->company;
    std::set<std::string> to;
    for (const Sighting& s : list) {
      if (s.request->company != from) to.insert(s.request->company);
    }
    if (to.empty() || findings >= max_findings) continue;
    Finding f;
    f.type = "tracking/cookie_sync";
    f.rule_id = owner != cookie_owner.end() ? "id-sync/cookie" : "id-sync/shared-value";
    std::string receivers;
    for (const std::string& t : to) receivers += (receivers.empty() ? "" : ", ") + t;
    f.vars = {{"from", from}, {"to", receivers}, {"value", value.substr(0, 40)}};
    if (owner != cookie_owner.end()) {
      f.evidence.push_back({"", "", "", "", "", "", value,
                            "cookie set by " + from + " with this value"});
    }
    for (const Sighting& s : list) {
      if (f.evidence.size() >= max_evidence) break;
      std::string where = s.param.empty() ? "in the URL path" : "in parameter " + s.param;
      f.evidence.push_back({"", "", "", s.request->request->url, "", "", value,
                            "identifier sent to " + s.request->company + " " + where +
                                ListingNote(*s.request)});
    }
    for (const Sighting& s : list) TrackerEntryFor(*s.request, all, out);
    out->findings.push_back(std::move(f));
    ++findings;
  }
}

}  // namespace

extern const Detector kCookieSync = {
    "cookie-sync", "tracking", kRequests,
    "The same identifier passed between two different companies (cookie syncing)", &Detect};

}  // namespace durchblick
