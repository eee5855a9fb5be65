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
    for (const auto& d : e["domains"]) {
      if (d.is_string()) entity.domains.push_back(d.get<std::string>());
    }
    size_t index = entities_.size();
    for (const std::string& d : entity.domains) by_domain_.emplace(d, index);
    entities_.push_back(std::move(entity));
  }
  return true;
}

const Entity* TrackerRules::EntityForHost(std::string_view host) const {
  // Walk suffixes from the longest: "a.b.example.com", "b.example.com", ...
  while (!host.empty()) {
    auto it = by_domain_.find(std::string(host));
    if (it != by_domain_.end()) return &entities_[it->second];
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

bool TrackerRules::SameParty(std::string_view host_a, std::string_view host_b) const {
  if (psl_.RegistrableDomain(host_a) == psl_.RegistrableDomain(host_b)) return true;
  const Entity* a = EntityForHost(host_a);
  const Entity* b = EntityForHost(host_b);
  return a != nullptr && b != nullptr && a->company == b->company;
}

}  // namespace durchblick
