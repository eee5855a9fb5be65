#include "tracking_common.h"

#include <algorithm>

namespace durchblick {

std::vector<ClassifiedRequest> ClassifyAll(const Snapshot& snapshot, const RuleSet& rules) {
  std::vector<ClassifiedRequest> out;
  RequestContext page = RequestContext::ForPage(snapshot.url);
  const TrackerRules& trackers = rules.trackers();
  for (const Request& r : snapshot.requests) {
    ClassifiedRequest c;
    c.request = &r;
    ClassifyRequest(page, r.url, r.type, rules, &c.verdict);
    if (!c.verdict.ok) continue;
    // The verdict's host may view into its own buffer: fix it after the move.
    c.company = std::string(c.verdict.Company());
    c.listed = !c.company.empty();
    if (!c.listed) c.company = trackers.psl().RegistrableDomain(c.verdict.host);
    const Entity* e = c.verdict.entity;
    c.may_track = c.verdict.third_party &&
                  (e == nullptr || trackers.Tracking(e->category) || c.verdict.endpoint != nullptr);
    out.push_back(std::move(c));
  }
  for (ClassifiedRequest& c : out) {
    if (!c.verdict.host_buffer.empty()) c.verdict.host = c.verdict.host_buffer;
  }
  return out;
}

TrackerEntry* TrackerEntryFor(const ClassifiedRequest& c, const std::vector<ClassifiedRequest>& all,
                              DetectorOutput* out) {
  auto it = std::find_if(out->trackers.begin(), out->trackers.end(),
                         [&](const TrackerEntry& t) { return t.company == c.company; });
  if (it == out->trackers.end()) {
    TrackerEntry t;
    t.company = c.company;
    t.category = c.verdict.entity != nullptr ? c.verdict.entity->category
                 : c.listed                 ? "advertising"
                                            : "unknown";
    t.listed = c.listed;
    for (const ClassifiedRequest& o : all) {
      if (o.company != c.company || !o.verdict.third_party) continue;
      t.requests++;
      std::string host(o.verdict.host);
      if (std::find(t.hosts.begin(), t.hosts.end(), host) == t.hosts.end()) t.hosts.push_back(host);
    }
    out->trackers.push_back(std::move(t));
    it = out->trackers.end() - 1;
  }
  return &*it;
}

void EmitFindings(std::map<std::string, Finding>* findings, const std::vector<ClassifiedRequest>& all,
                  bool retargeting, DetectorOutput* out) {
  for (auto& [key, f] : *findings) {
    for (const ClassifiedRequest& c : all) {
      if (c.company == f.vars["company"] && c.verdict.third_party) {
        TrackerEntryFor(c, all, out)->retargeting |= retargeting;
        break;
      }
    }
    out->findings.push_back(std::move(f));
  }
  findings->clear();
}

std::string ListingNote(const ClassifiedRequest& c) {
  return c.listed ? "" : "; unlisted company: no tracker list knows " + c.company +
                             ", found by its behaviour";
}

}  // namespace durchblick
