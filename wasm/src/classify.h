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
// hosts already in lower case, except the first time the context sees a
// host (its memo, below).
#ifndef DURCHBLICK_CLASSIFY_H_
#define DURCHBLICK_CLASSIFY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rules.h"

namespace durchblick {

// What ClassifyRequest decides from the request host alone (and the page):
// the same for every request of a page to that host.
struct HostFacts {
  const Entity* entity = nullptr;
  bool third_party = false;
  bool tracker = false;
  bool endpoint_host = false;  // some retargeting endpoint lists a suffix of the host
};

// A page's requests go to few hosts (the HAR fixtures: 623 requests, 186
// hosts), and the host facts cost several suffix walks through the entity
// and public-suffix tables; so each context remembers them per host.
// Open addressing over a fixed table, keys in one arena: a hit costs one
// hash of the host and one compare. Bounded: once kMaxHosts hosts are in,
// further hosts are computed every time (a hostile page cannot grow it).
class HostMemo {
 public:
  // The table starts small and doubles up to kSlots (powers of two): a
  // context that classifies one request (one Embind call) pays for a few
  // slots, not for 512 of them.
  static constexpr size_t kFirstSlots = 16;
  static constexpr size_t kSlots = 512;
  static constexpr size_t kMaxHosts = 384;  // 3/4 of kSlots: probes always end
  // The facts remembered for `host` under `rules`, or nullptr (the memo
  // forgets everything when asked under other rules).
  const HostFacts* Find(std::string_view host, uint32_t hash, const RuleSet& rules);
  void Insert(std::string_view host, uint32_t hash, const HostFacts& facts);
  static uint32_t Hash(std::string_view host);
  // The page's side of TrackerRules::SameParty, found on the first miss
  // (the domain is copied: a view into the context's page_host would not
  // survive copying the context).
  bool page_party_known = false;
  std::string page_domain;
  const Entity* page_owner = nullptr;

 private:
  struct Slot {
    uint32_t hash = 0;
    uint32_t offset = 0, size = 0;  // the key in arena_; size 0 = empty slot
    HostFacts facts;
  };
  const RuleSet* rules_ = nullptr;  // the facts hold for these rules
  std::vector<Slot> slots_;         // allocated on the first insert
  void Grow();
  std::string arena_;
  size_t hosts_ = 0;
};

struct RequestContext {
  std::string page_host;  // lower case; empty if the page URL has none
  static RequestContext ForPage(std::string_view page_url);
  // Filled by ClassifyRequest; a cache only, so a const context may fill it
  // (a context is not shared between threads).
  mutable HostMemo hosts;
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
