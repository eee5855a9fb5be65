#include "rules.h"

#include <nlohmann/json.hpp>

namespace durchblick {
namespace {

using nlohmann::json;

bool ReadMessage(const json& j, const std::string& where, Message* out, std::string* error) {
  if (!j.is_object() || !j.contains("de") || !j.contains("en") || !j["de"].is_string() ||
      !j["en"].is_string()) {
    *error = where + ": needs {\"de\": ..., \"en\": ...}";
    return false;
  }
  out->de = j["de"].get<std::string>();
  out->en = j["en"].get<std::string>();
  return true;
}

bool ReadInt(const json& j, const char* key, const std::string& where, int* out,
             std::string* error) {
  if (!j.contains(key)) return true;
  if (!j[key].is_number_integer()) {
    *error = where + ": " + key + " must be an integer";
    return false;
  }
  *out = j[key].get<int>();
  return true;
}

bool LoadFindingTypes(const json& j, std::map<std::string, FindingType>* out,
                      std::string* error) {
  if (!j.is_object()) {
    *error = "findings: expected an object of finding types";
    return false;
  }
  for (const auto& [type, def] : j.items()) {
    std::string where = "finding type " + type;
    FindingType t;
    t.type = type;
    if (!def.is_object() || !def.contains("category") || !def["category"].is_string()) {
      *error = where + ": needs a category";
      return false;
    }
    t.category = def["category"].get<std::string>();
    if (t.category != "tracking" && t.category != "dark_pattern" && t.category != "popup") {
      *error = where + ": category must be tracking, dark_pattern or popup";
      return false;
    }
    t.severity = def.value("severity", "medium");
    if (!ReadInt(def, "weight", where, &t.weight, error) ||
        !ReadInt(def, "extraWeight", where, &t.extra_weight, error)) {
      return false;
    }
    t.max_weight = t.weight;
    if (!ReadInt(def, "maxWeight", where, &t.max_weight, error)) return false;
    if (!def.contains("title") || !ReadMessage(def["title"], where + ".title", &t.title, error) ||
        !def.contains("explanation") ||
        !ReadMessage(def["explanation"], where + ".explanation", &t.explanation, error)) {
      if (error->empty()) *error = where + ": needs title and explanation";
      return false;
    }
    (*out)[type] = std::move(t);
  }
  return true;
}

bool LoadScoring(const json& j, Scoring* out, std::string* error) {
  if (!j.is_object() || !j.contains("caps") || !j["caps"].is_object()) {
    *error = "scoring: needs caps per category";
    return false;
  }
  int total = 0;
  for (const auto& [category, cap] : j["caps"].items()) {
    if (!cap.is_number_integer()) {
      *error = "scoring.caps." + category + ": must be an integer";
      return false;
    }
    out->caps[category] = cap.get<int>();
    total += cap.get<int>();
  }
  if (total != 100) {
    *error = "scoring.caps: must add up to 100, not " + std::to_string(total);
    return false;
  }
  if (j.contains("bands")) {
    for (const auto& b : j["bands"]) {
      Band band;
      band.id = b.value("id", "");
      band.min_score = b.value("minScore", 0);
      if (!b.contains("label") || !ReadMessage(b["label"], "scoring.bands." + band.id, &band.label, error)) {
        if (error->empty()) *error = "scoring.bands." + band.id + ": needs a label";
        return false;
      }
      out->bands.push_back(std::move(band));
    }
  }
  return true;
}

}  // namespace

bool RuleSet::Load(const std::string& bundle_json, std::string* error) {
  error->clear();
  json bundle = json::parse(bundle_json, nullptr, /*allow_exceptions=*/false);
  if (bundle.is_discarded() || !bundle.is_object()) {
    *error = "rules bundle is not a JSON object";
    return false;
  }
  if (bundle.value("schema", "") != "durchblick.rules/1") {
    *error = "rules bundle: schema must be \"durchblick.rules/1\"";
    return false;
  }
  version_ = bundle.value("version", "unversioned");
  const json empty_object = json::object();
  const json empty_array = json::array();
  auto section = [&](const char* key, const json& fallback) -> const json& {
    return bundle.contains(key) ? bundle[key] : fallback;
  };
  if (!LoadFindingTypes(section("findings", empty_object), &finding_types_, error)) return false;
  if (!LoadScoring(section("scoring", empty_object), &scoring_, error)) return false;
  const json& thresholds = section("thresholds", empty_object);
  for (const auto& [name, value] : thresholds.items()) {
    if (!value.is_number()) {
      *error = "threshold " + name + ": must be a number";
      return false;
    }
    thresholds_[name] = value.get<double>();
  }
  if (!text_.Load(section("text", empty_array), thresholds_, error)) return false;
  for (const TextRule& r : text_.all()) {
    if (!IsWordClass(r.type) && !finding_types_.count(r.type)) {
      *error = "text rule " + r.id + ": type " + r.type + " is not in rules/findings";
      return false;
    }
  }
  if (!prices_.Load(section("currencies", empty_array), error)) return false;
  json default_trackers = {{"entities", json::array()}};
  if (!trackers_.Load(section("trackers", default_trackers), section("psl", empty_array),
                      error)) {
    return false;
  }
  const json null_section;
  if (!retargeting_.Load(section("retargeting", null_section), error)) return false;
  if (!filters_.Load(section("filters", null_section), error)) return false;
  return true;
}

const FindingType* RuleSet::Finding(const std::string& type) const {
  auto it = finding_types_.find(type);
  return it == finding_types_.end() ? nullptr : &it->second;
}

double RuleSet::Threshold(const std::string& name, double fallback) const {
  auto it = thresholds_.find(name);
  return it == thresholds_.end() ? fallback : it->second;
}

}  // namespace durchblick
