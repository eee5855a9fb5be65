// Shared by the tracking detectors: one pass of ClassifyRequest over the
// snapshot's requests, company names for hosts no list knows ("unlisted
// company": its registrable domain), and the report's trackers[] entries.
#ifndef DURCHBLICK_DETECTORS_TRACKING_COMMON_H_
#define DURCHBLICK_DETECTORS_TRACKING_COMMON_H_

#include <map>
#include <string>
#include <vector>

#include "../classify.h"
#include "detector.h"

namespace durchblick {

struct ClassifiedRequest {
  const Request* request;
  RequestVerdict verdict;
  std::string company;  // entity/vendor company, or the registrable domain if unlisted
  bool listed = false;  // a list (third-party-web or our retargeting rules) knows the company
  // A third party that may track: a tracking category, a retargeting
  // endpoint, or a company no list knows (judged by behaviour). Not: CDNs,
  // hosting, fonts and other listed non-tracking companies.
  bool may_track = false;
};

// Every request with a network host, classified against the page.
std::vector<ClassifiedRequest> ClassifyAll(const Snapshot& snapshot, const RuleSet& rules);

// The trackers[] entry of `c`'s company, added if missing with the hosts and
// request count of that company in `all` (unlisted companies get
// listed=false and category "unknown").
TrackerEntry* TrackerEntryFor(const ClassifiedRequest& c, const std::vector<ClassifiedRequest>& all,
                              DetectorOutput* out);

// Moves `findings` into out->findings, adding each one's company
// (vars["company"]) to trackers[] (marked retargeting if `retargeting`).
void EmitFindings(std::map<std::string, Finding>* findings, const std::vector<ClassifiedRequest>& all,
                  bool retargeting, DetectorOutput* out);

// Evidence note suffix for companies found by behaviour only.
std::string ListingNote(const ClassifiedRequest& c);

}  // namespace durchblick

#endif  // DURCHBLICK_DETECTORS_TRACKING_COMMON_H_
