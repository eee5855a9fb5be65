// Retargeting vendors and their endpoints (rules/trackers/retargeting.json,
// compiled by tools/rules/retargeting.mjs), the parameter names that carry
// product ids and hashed e-mail addresses, and the page-URL patterns that
// reveal a product id.
//
//   const RetargetingRules& r = rules.retargeting();
//   const Endpoint* e = r.Match("www.facebook.com", "/tr", "id=1&ev=ViewContent");
//   // e->id == "meta/pixel-product-event", e->role == "retargeting", e->vendor->company == "Facebook"
//   r.ProductIdsFromUrl("https://shop.example/p/4711")   // {"4711"}
//   r.IsHashedIdParam("ud[em]")                            // true
//
// Matching does not allocate: hosts are looked up by suffix in a hash map.
#ifndef DURCHBLICK_RETARGETING_RULES_H_
#define DURCHBLICK_RETARGETING_RULES_H_

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json_fwd.hpp>
#include <re2/re2.h>

#include "ascii.h"

namespace durchblick {

struct Vendor;

struct EndpointParam {
  std::string name;
  std::vector<std::string> values;  // empty: any value
};

struct Endpoint {
  std::string id;            // "criteo/onetag-event"
  std::string role;          // "retargeting" | "audience" | "conversion" | "sync"
  std::vector<std::string> hosts;
  std::string path;          // prefix of the path, or ""
  std::string path_contains; // substring of the path, or ""
  std::vector<EndpointParam> params;  // one of them must be present
  std::vector<std::string> examples, counterexamples;
  const Vendor* vendor = nullptr;
  size_t index = 0;          // position in the file: lower wins
};

struct Vendor {
  std::string id;
  std::string company;
  std::vector<std::string> sources;
  std::vector<std::string> product_params;
  std::vector<std::string> hashed_id_params;
};

struct ProductUrlPattern {
  std::string id;
  std::string pattern;
  std::vector<std::pair<std::string, std::string>> examples;  // url, product id
  std::vector<std::string> counterexamples;
  std::unique_ptr<RE2> re;
};

class RetargetingRules {
 public:
  bool Load(const nlohmann::json& section, std::string* error);

  // The first endpoint matching a lower-case host, a path and a raw query.
  const Endpoint* Match(std::string_view host, std::string_view path,
                        std::string_view query) const;
  // True if some endpoint names `host` or a suffix of it: Match can only
  // find an endpoint for such hosts.
  bool ListsHost(std::string_view host) const;
  // True if `role` counts as retargeting (retargeting, audience).
  static bool IsRetargetingRole(const std::string& role);

  bool IsHashedIdParam(std::string_view name) const { return hashed_.count(LowerAscii(name)) > 0; }
  bool IsProductParam(std::string_view name) const { return product_.count(LowerAscii(name)) > 0; }
  // Product ids the page URL reveals, in pattern order, without repeats.
  std::vector<std::string> ProductIdsFromUrl(const std::string& url) const;

  const std::vector<std::unique_ptr<Vendor>>& vendors() const { return vendors_; }
  const std::vector<std::unique_ptr<Endpoint>>& endpoints() const { return endpoints_; }
  const std::vector<ProductUrlPattern>& product_patterns() const { return patterns_; }

 private:
  std::vector<std::unique_ptr<Vendor>> vendors_;
  std::vector<std::unique_ptr<Endpoint>> endpoints_;     // file order = priority
  std::unordered_map<std::string_view, std::vector<size_t>> by_host_;  // views into endpoints_
  std::set<std::string> hashed_, product_;               // lower case
  std::vector<ProductUrlPattern> patterns_;
};

}  // namespace durchblick

#endif  // DURCHBLICK_RETARGETING_RULES_H_
