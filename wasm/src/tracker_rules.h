// Who is behind a request host: companies and their categories (from the
// third-party-web data set with our corrections, compiled into the bundle by
// tools/rules/trackers.mjs) and the Public Suffix List.
//
//   const TrackerRules& t = rules.trackers();
//   const Entity* e = t.EntityForHost("stats.g.doubleclick.net");  // Google, "advertising"
//   t.SameParty("www.youtube.com", "i.ytimg.com")                   // true: one owner
//   t.SameParty("www.theverge.com", "cdn.vox-cdn.com")              // false: no list says so
//
// Hosts are lower case (ParseUrl/LowerHost). Lookups do not allocate.
#ifndef DURCHBLICK_TRACKER_RULES_H_
#define DURCHBLICK_TRACKER_RULES_H_

#include <map>
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
  std::string category;    // "advertising" | "analytics" | "social" | "session_recording" | "consent" | "cdn" | ...
  std::vector<std::string> domains;
  int company_id = 0;      // equal for entities of one company
};

class TrackerRules {
 public:
  bool Load(const nlohmann::json& trackers, const nlohmann::json& psl,
            std::string* error);

  // The entity owning `host` (longest matching domain suffix), or nullptr.
  const Entity* EntityForHost(std::string_view host) const;
  // The same, also telling which domain of the entity matched.
  const Entity* EntityForHost(std::string_view host, std::string_view* matched) const;
  // The entity that owns the site of `host`: EntityForHost, unless the
  // matching domain lies above the host's registrable domain (a hosting
  // platform such as github.io or cloudfront.net runs many sites it does not own).
  const Entity* OwnerOf(std::string_view host) const;
  // True if both hosts share a registrable domain or one owning company.
  bool SameParty(std::string_view host_a, std::string_view host_b) const;
  // What SameParty compares of one host: its registrable domain (a view
  // into the host) and OwnerOf(host). Found once, it serves many
  // comparisons (the page's side of every request of the page).
  struct Party {
    std::string_view domain;
    const Entity* owner = nullptr;
  };
  // Also sets *entity to EntityForHost(host), found on the way.
  Party PartyOf(std::string_view host, const Entity** entity = nullptr) const;
  static bool SameParty(const Party& a, const Party& b) {
    return a.domain == b.domain ||
           (a.owner != nullptr && b.owner != nullptr && a.owner->company_id == b.owner->company_id);
  }
  // The finding type for a category ("advertising" → "tracking/advertising");
  // "" if the category is not reported as a finding.
  std::string FindingTypeForCategory(const std::string& category) const;
  // True if requests of this category belong in the report's trackers[]
  // (every category in rules/trackers/categories.json "findings", incl. consent).
  bool Reported(const std::string& category) const;
  // True if a company of this category tracks people (reported with a finding).
  bool Tracking(const std::string& category) const;
  const PublicSuffixList& psl() const { return psl_; }
  const std::vector<Entity>& entities() const { return entities_; }

 private:
  std::vector<Entity> entities_;
  std::unordered_map<std::string_view, size_t> by_domain_;  // views into entities_
  std::map<std::string, std::string> category_types_;
  PublicSuffixList psl_;
};

}  // namespace durchblick

#endif  // DURCHBLICK_TRACKER_RULES_H_
