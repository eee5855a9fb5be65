// retargeting: the page signs you up for ads that follow you.
//   1. a known retargeting or audience endpoint (rules/trackers/retargeting.json),
//      e.g. https://www.facebook.com/tr?id=1&ev=PageView or
//      https://googleads.g.doubleclick.net/pagead/viewthroughconversion/123/;
//   2. the page's product identity (gathered productIds, or an id in the page
//      URL found by the rules' product-URL patterns), or a vendor's product
//      parameter (cd[content_ids], ecomm_prodid, Criteo p=) sent to a company
//      that may track. This also catches companies no list knows.
// Marks the companies' trackers[] entries retargeting=true.
#include <map>

#include "../request_values.h"
#include "tracking_common.h"

namespace durchblick {
namespace {

void Detect(const Snapshot& snapshot, const RuleSet& rules, DetectorOutput* out) {
  const RetargetingRules& rt = rules.retargeting();
  const size_t max_evidence = static_cast<size_t>(rules.Threshold("tracking.max_evidence", 6));
  const size_t min_id = static_cast<size_t>(rules.Threshold("tracking.product_id_min_length", 4));
  std::vector<std::string> products;
  for (const std::string& id : snapshot.product_ids) {
    if (id.size() >= min_id) products.push_back(id);
  }
  for (const std::string& id : rt.ProductIdsFromUrl(snapshot.url)) {
    if (id.size() >= min_id) products.push_back(id);
  }
  std::vector<ClassifiedRequest> all = ClassifyAll(snapshot, rules);
  std::map<std::string, Finding> endpoint_findings, product_findings;  // by company
  for (const ClassifiedRequest& c : all) {
    if (!c.may_track) continue;
    const Endpoint* e = c.verdict.endpoint;
    if (e != nullptr && RetargetingRules::IsRetargetingRole(e->role)) {
      Finding& f = endpoint_findings[c.company];
      if (f.type.empty()) {
        f.type = "tracking/retargeting";
        f.rule_id = e->id;
        f.vars = {{"company", c.company}, {"endpoint", e->id}};
      }
      if (f.evidence.size() < max_evidence) {
        f.evidence.push_back({"", "", "", c.request->url, "", "", "",
                              "retargeting rule " + e->id + " (role " + e->role + ")"});
      }
    }
    // Product ids: the page's own, or a vendor's product parameter.
    for (const NamedValue& v : RequestValues(*c.request)) {
      std::string product, how;
      for (const std::string& id : products) {
        if (ContainsToken(v.value, id)) {
          product = id;
          how = "the page's product id " + id;
          break;
        }
      }
      if (product.empty() && e != nullptr && e->role != "sync" && v.value.size() >= min_id) {
        for (const std::string& p : e->vendor->product_params) {
          if (v.name == p) {
            product = v.value.substr(0, 80);
            how = e->vendor->company + "'s product parameter";
            break;
          }
        }
      }
      if (product.empty()) continue;
      Finding& f = product_findings[c.company];
      if (f.type.empty()) {
        f.type = "tracking/product_retargeting";
        f.rule_id = c.listed ? "product-id" : "product-id/unlisted";
        f.vars = {{"company", c.company}, {"product", product}};
      }
      if (f.evidence.size() < max_evidence) {
        std::string where = v.name.empty() ? "in the URL path" : "in parameter " + v.name;
        f.evidence.push_back({"", "", "", c.request->url, "", "", product,
                              how + " " + where + (v.in_body ? " (request body)" : "") +
                                  ListingNote(c)});
      }
      break;  // one product hit per request is evidence enough
    }
  }
  EmitFindings(&endpoint_findings, all, true, out);
  EmitFindings(&product_findings, all, true, out);
}

}  // namespace

extern const Detector kRetargeting = {
    "retargeting", "tracking", kRequests,
    "Retargeting: audience and retargeting endpoints, product ids sent to ad companies", &Detect};

}  // namespace durchblick
