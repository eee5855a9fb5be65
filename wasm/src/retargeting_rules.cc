#include "retargeting_rules.h"

#include <nlohmann/json.hpp>

namespace durchblick {
namespace {

using nlohmann::json;

std::vector<std::string> Strings(const json& j, const char* key) {
  std::vector<std::string> out;
  if (!j.contains(key) || !j[key].is_array()) return out;
  for (const auto& v : j[key]) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

// Does the raw query carry parameter `p` (with one of its values)?
bool HasParam(std::string_view query, const EndpointParam& p) {
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view part = query.substr(0, amp);
    size_t eq = part.find('=');
    std::string_view name = part.substr(0, eq);
    if (name == p.name) {
      if (p.values.empty()) return true;
      std::string_view value = eq == std::string_view::npos ? "" : part.substr(eq + 1);
      for (const std::string& v : p.values) {
        if (value == v) return true;
      }
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return false;
}

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// "/tr" matches "/tr", "/tr/", "/tr;x" but not "/transparency".
bool PathPrefix(std::string_view path, const std::string& prefix) {
  if (path.substr(0, prefix.size()) != prefix) return false;
  return path.size() == prefix.size() || !IsAlnum(prefix.back()) || !IsAlnum(path[prefix.size()]);
}

bool Matches(const Endpoint& e, std::string_view path, std::string_view query) {
  if (!e.path.empty() && !PathPrefix(path, e.path)) return false;
  if (!e.path_contains.empty() && path.find(e.path_contains) == std::string_view::npos) {
    return false;
  }
  if (e.params.empty()) return true;
  for (const EndpointParam& p : e.params) {
    if (HasParam(query, p)) return true;
  }
  return false;
}

}  // namespace

bool RetargetingRules::IsRetargetingRole(const std::string& role) {
  return role == "retargeting" || role == "audience";
}

bool RetargetingRules::Load(const json& section, std::string* error) {
  if (section.is_null()) return true;  // a bundle without retargeting rules
  if (!section.is_object() || !section.contains("vendors") || !section["vendors"].is_array()) {
    *error = "retargeting: expected {\"vendors\": [...]}";
    return false;
  }
  for (const auto& v : section["vendors"]) {
    auto vendor = std::make_unique<Vendor>();
    vendor->id = v.value("id", "");
    vendor->company = v.value("company", vendor->id);
    vendor->sources = Strings(v, "sources");
    vendor->product_params = Strings(v, "productParams");
    vendor->hashed_id_params = Strings(v, "hashedIdParams");
    for (const std::string& p : vendor->product_params) product_.insert(LowerAscii(p));
    for (const std::string& p : vendor->hashed_id_params) hashed_.insert(LowerAscii(p));
    if (!v.contains("endpoints") || !v["endpoints"].is_array()) {
      *error = "retargeting: vendor " + vendor->id + " needs endpoints";
      return false;
    }
    for (const auto& e : v["endpoints"]) {
      auto endpoint = std::make_unique<Endpoint>();
      endpoint->id = e.value("id", "");
      endpoint->role = e.value("role", "");
      endpoint->hosts = Strings(e, "hosts");
      endpoint->path = e.value("path", "");
      endpoint->path_contains = e.value("pathContains", "");
      endpoint->examples = Strings(e, "examples");
      endpoint->counterexamples = Strings(e, "counterexamples");
      if (e.contains("params") && e["params"].is_array()) {
        for (const auto& p : e["params"]) {
          endpoint->params.push_back({p.value("name", ""), Strings(p, "values")});
        }
      }
      if (endpoint->id.empty() || endpoint->hosts.empty()) {
        *error = "retargeting: an endpoint of " + vendor->id + " needs an id and hosts";
        return false;
      }
      endpoint->vendor = vendor.get();
      endpoint->index = endpoints_.size();
      endpoints_.push_back(std::move(endpoint));
    }
    vendors_.push_back(std::move(vendor));
  }
  for (const auto& e : endpoints_) {
    for (const std::string& h : e->hosts) by_host_[h].push_back(e->index);
  }
  if (section.contains("generic") && section["generic"].is_object()) {
    for (const std::string& p : Strings(section["generic"], "hashedIdParams")) {
      hashed_.insert(LowerAscii(p));
    }
  }
  if (section.contains("productUrlPatterns") && section["productUrlPatterns"].is_array()) {
    for (const auto& p : section["productUrlPatterns"]) {
      ProductUrlPattern pattern;
      pattern.id = p.value("id", "");
      pattern.pattern = p.value("pattern", "");
      pattern.counterexamples = Strings(p, "counterexamples");
      if (p.contains("examples") && p["examples"].is_array()) {
        for (const auto& ex : p["examples"]) {
          if (ex.is_array() && ex.size() == 2 && ex[0].is_string() && ex[1].is_string()) {
            pattern.examples.emplace_back(ex[0].get<std::string>(), ex[1].get<std::string>());
          }
        }
      }
      RE2::Options options;
      options.set_log_errors(false);
      pattern.re = std::make_unique<RE2>(pattern.pattern, options);
      if (!pattern.re->ok() || pattern.re->NumberOfCapturingGroups() < 1) {
        *error = "retargeting: product URL pattern " + pattern.id + ": " +
                 (pattern.re->ok() ? "needs a capturing group" : pattern.re->error());
        return false;
      }
      patterns_.push_back(std::move(pattern));
    }
  }
  return true;
}

const Endpoint* RetargetingRules::Match(std::string_view host, std::string_view path,
                                        std::string_view query) const {
  const Endpoint* best = nullptr;
  while (!host.empty()) {
    auto it = by_host_.find(host);
    if (it != by_host_.end()) {
      for (size_t i : it->second) {
        if ((best == nullptr || i < best->index) && Matches(*endpoints_[i], path, query)) {
          best = endpoints_[i].get();
        }
      }
    }
    size_t dot = host.find('.');
    if (dot == std::string_view::npos) break;
    host.remove_prefix(dot + 1);
  }
  return best;
}

bool RetargetingRules::ListsHost(std::string_view host) const {
  while (!host.empty()) {
    if (by_host_.count(host) > 0) return true;
    size_t dot = host.find('.');
    if (dot == std::string_view::npos) break;
    host.remove_prefix(dot + 1);
  }
  return false;
}

std::vector<std::string> RetargetingRules::ProductIdsFromUrl(const std::string& url) const {
  std::vector<std::string> out;
  for (const ProductUrlPattern& p : patterns_) {
    std::string id;
    if (RE2::PartialMatch(url, *p.re, &id) && !id.empty()) {
      bool seen = false;
      for (const std::string& o : out) seen |= o == id;
      if (!seen) out.push_back(id);
    }
  }
  return out;
}

}  // namespace durchblick
