// The verdict on one request, as the page at `page_host` made it: who
// receives it, in which category, whether it tracks, and which retargeting
// endpoint it hits. One function, shared by the detectors, the `classify`
// command (Engine::ClassifyRequests) and the benchmark; a later filter-list
// verdict is one more field filled here.
//
//   RequestContext page = RequestContext::ForPage("https://www.theverge.com/", rules);
//   RequestVerdict v;
//   ClassifyRequest(page, "https://www.facebook.com/tr/?id=1&ev=PageView", "image", rules, &v);
//   // v.ok, v.third_party, v.entity->company == "Facebook", v.category == "social",
//   // v.tracker, v.endpoint->id == "meta/pixel", v.Retargeting()
//   DescribeVerdict(v)  // "third party; Facebook (social, third-party-web); retargeting endpoint meta/pixel (audience)"
//
// Hostile URLs are never an error: they are skipped with SplitUrl's reason
// (v.ok == false, v.skip_reason). Classification allocates nothing for
// hosts already in lower case.
#ifndef DURCHBLICK_CLASSIFY_H_
#define DURCHBLICK_CLASSIFY_H_

#include <string>
#include <string_view>

#include "rules.h"

namespace durchblick {

struct RequestContext {
  std::string page_host;  // lower case; empty if the page URL has none
  static RequestContext ForPage(std::string_view page_url);
};

struct RequestVerdict {
  bool ok = false;                  // false: skipped, see skip_reason
  const char* skip_reason = "";
  std::string_view host;            // lower-case host (a view into host_buffer or the URL)
  std::string host_buffer;
  bool third_party = false;         // another party than the page (PSL + same owner)
  const Entity* entity = nullptr;   // the company behind the host, if any list knows it
  std::string_view category;        // entity's category, or "" if unknown
  bool tracker = false;             // third party of a tracking category
  const Endpoint* endpoint = nullptr;  // retargeting/audience/conversion/sync endpoint hit
  FilterVerdict filter;             // the filter lists' verdict (filters/filter_rules.h)

  // A filter of a tracking list blocks it (first or third party).
  bool FilterListed() const {
    return filter.blocked && filter.list != nullptr && filter.list->kind == "tracking";
  }

  bool Retargeting() const {
    return endpoint != nullptr && RetargetingRules::IsRetargetingRole(endpoint->role);
  }
  // The company name to show: the entity's, else the endpoint vendor's, else "".
  std::string_view Company() const;
};

// `type` is the webRequest resource type if known ("" otherwise); it is kept
// for the filter-list verdict and does not change the company verdict.
void ClassifyRequest(const RequestContext& page, std::string_view url, std::string_view type,
                     const RuleSet& rules, RequestVerdict* out);

// One line in plain words: why the verdict is what it is.
std::string DescribeVerdict(const RequestVerdict& v);

}  // namespace durchblick

#endif  // DURCHBLICK_CLASSIFY_H_
