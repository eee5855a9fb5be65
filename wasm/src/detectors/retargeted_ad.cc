// retargeted-ad: "this ad follows you". The host remembered products you
// viewed on other sites (history entries of kind "product_view": key = the
// product id, url = where you saw it); one of them now shows up in a request
// from this page to a company that may track. Example: you viewed SKU-4711 on
// shop.example, and news.example loads
// https://ads.example/serve?retarget=SKU-4711.
#include "../request_values.h"
#include "tracking_common.h"

namespace durchblick {
namespace {

void Detect(const Snapshot& snapshot, const RuleSet& rules, DetectorOutput* out) {
  const size_t min_id = static_cast<size_t>(rules.Threshold("tracking.product_id_min_length", 4));
  const size_t max_evidence = static_cast<size_t>(rules.Threshold("tracking.max_evidence", 6));
  const TrackerRules& trackers = rules.trackers();
  Url page = ParseUrl(snapshot.url);
  std::vector<ClassifiedRequest> all = ClassifyAll(snapshot, rules);
  for (const PriorObservation& seen : snapshot.history) {
    if (seen.kind != "product_view" || seen.key.size() < min_id) continue;
    Url where = ParseUrl(seen.url);
    if (!where.ok || (page.ok && trackers.SameParty(page.host, where.host))) continue;
    Finding f;
    for (const ClassifiedRequest& c : all) {
      if (!c.may_track) continue;
      bool carries = false;
      for (const NamedValue& v : RequestValues(*c.request)) {
        if (ContainsToken(v.value, seen.key)) {
          carries = true;
          break;
        }
      }
      if (!carries) continue;
      if (f.type.empty()) {
        f.type = "tracking/retargeted_ad";
        f.rule_id = c.listed ? "history/product-view" : "history/product-view/unlisted";
        f.vars = {{"product", seen.key}, {"site", where.host}, {"company", c.company}};
        TrackerEntryFor(c, all, out)->retargeting = true;
      }
      if (f.evidence.size() < max_evidence) {
        f.evidence.push_back({"", "", "", c.request->url, "", "", seen.key,
                              "product " + seen.key + " viewed earlier on " + where.host +
                                  ", now sent to " + c.company + ListingNote(c)});
      }
    }
    if (!f.type.empty()) out->findings.push_back(std::move(f));
  }
}

}  // namespace

extern const Detector kRetargetedAd = {
    "retargeted-ad", "tracking", kRequests | kHistory,
    "A product you viewed on another site shows up in this page's ad requests", &Detect};

}  // namespace durchblick
