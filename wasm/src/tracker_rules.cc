#include "tracker_rules.h"

#include <nlohmann/json.hpp>

namespace durchblick {

bool TrackerRules::Load(const nlohmann::json& trackers, const nlohmann::json& psl,
                        std::string* error) {
  if (!psl_.Load(psl, error)) return false;
  if (!trackers.is_object() || !trackers.contains("entities") ||
      !trackers["entities"].is_array()) {
    *error = "trackers: expected {\"entities\": [...]}";
    return false;
  }
  if (trackers.contains("categories") && trackers["categories"].is_object()) {
    for (const auto& [category, type] : trackers["categories"].items()) {
      if (type.is_string()) category_types_[category] = type.get<std::string>();
    }
  }
  std::map<std::string, int> companies;
  for (const auto& e : trackers["entities"]) {
    Entity entity;
    if (!e.is_object() || !e.contains("name") || !e["name"].is_string() ||
        !e.contains("domains") || !e["domains"].is_array()) {
      *error = "trackers: entity " + std::to_string(entities_.size()) +
               " needs a name and domains";
      return false;
    }
    entity.name = e["name"].get<std::string>();
    entity.company = e.value("company", entity.name);
    entity.category = e.value("category", "other");
    entity.company_id = companies.emplace(entity.company, companies.size()).first->second;
    for (const auto& d : e["domains"]) {
      if (d.is_string()) entity.domains.push_back(d.get<std::string>());
    }
    entities_.push_back(std::move(entity));
  }
  // Index only once entities_ no longer moves (the keys view its strings).
  for (size_t i = 0; i < entities_.size(); ++i) {
    for (const std::string& d : entities_[i].domains) by_domain_.emplace(d, i);
  }
  return true;
}

const Entity* TrackerRules::EntityForHost(std::string_view host) const {
  std::string_view matched;
  return EntityForHost(host, &matched);
}

const Entity* TrackerRules::EntityForHost(std::string_view host, std::string_view* matched) const {
  // Walk suffixes from the longest: "a.b.example.com", "b.example.com", ...
  while (!host.empty()) {
    auto it = by_domain_.find(host);
    if (it != by_domain_.end()) {
      *matched = host;
      return &entities_[it->second];
    }
    size_t dot = host.find('.');
    if (dot == std::string_view::npos) break;
    host.remove_prefix(dot + 1);
  }
  return nullptr;
}

std::string TrackerRules::FindingTypeForCategory(const std::string& category) const {
  auto it = category_types_.find(category);
  return it == category_types_.end() ? std::string() : it->second;
}

bool TrackerRules::Reported(const std::string& category) const {
  return category_types_.count(category) > 0;
}

bool TrackerRules::Tracking(const std::string& category) const {
  // As !FindingTypeForCategory(category).empty(), without copying the type.
  auto it = category_types_.find(category);
  return it != category_types_.end() && !it->second.empty();
}

const Entity* TrackerRules::OwnerOf(std::string_view host) const { return PartyOf(host).owner; }

TrackerRules::Party TrackerRules::PartyOf(std::string_view host, const Entity** entity) const {
  Party p;
  p.domain = psl_.RegistrableDomainView(host);
  std::string_view matched;
  const Entity* e = EntityForHost(host, &matched);
  // The owner (OwnerOf): listed for the registrable domain or a name within
  // it, not for a platform suffix above it (github.io).
  if (e != nullptr && matched.size() >= p.domain.size()) p.owner = e;
  if (entity != nullptr) *entity = e;
  return p;
}

bool TrackerRules::SameParty(std::string_view host_a, std::string_view host_b) const {
  return SameParty(PartyOf(host_a), PartyOf(host_b));
}

}  // namespace durchblick
