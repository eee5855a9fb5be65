// Who is behind a request host: companies and their categories (from the
// third-party-web data set, compiled into the bundle by
// tools/rules/sections/trackers.mjs) and the Public Suffix List.
//
//   const TrackerRules& t = rules.trackers();
//   const Entity* e = t.EntityForHost("stats.g.doubleclick.net");  // Google, "ad"
//   t.SameParty("www.youtube.com", "i.ytimg.com")                   // true: one owner
#ifndef DURCHBLICK_TRACKER_RULES_H_
#define DURCHBLICK_TRACKER_RULES_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "url.h"

namespace durchblick {

struct Entity {
  std::string name;        // "Google/Doubleclick Ads"
  std::string company;     // "Google"
  std::string category;    // "advertising" | "analytics" | "social" | "session_recording" | "consent" | ...
  std::vector<std::string> domains;
};

class TrackerRules {
 public:
  bool Load(const nlohmann::json& trackers, const nlohmann::json& psl,
            std::string* error);

  // The entity owning `host` (longest matching domain suffix), or nullptr.
  const Entity* EntityForHost(std::string_view host) const;
  // True if both hosts share a registrable domain or one owning entity.
  bool SameParty(std::string_view host_a, std::string_view host_b) const;
  // The finding type for an entity category ("ad" → "tracking/advertising"),
  // or "" if requests of that category are not reported as tracking.
  std::string FindingTypeForCategory(const std::string& category) const;
  const PublicSuffixList& psl() const { return psl_; }
  const std::vector<Entity>& entities() const { return entities_; }

 private:
  std::vector<Entity> entities_;
  std::unordered_map<std::string, size_t> by_domain_;  // domain -> entities_ index
  std::unordered_map<std::string, std::string> category_types_;
  PublicSuffixList psl_;
};

}  // namespace durchblick

#endif  // DURCHBLICK_TRACKER_RULES_H_
