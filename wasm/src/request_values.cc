#include "request_values.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "url.h"

namespace durchblick {
namespace {

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

void AddQuery(std::string_view query, bool in_body, int depth, std::vector<NamedValue>* out) {
  while (!query.empty() && out->size() < kMaxValues) {
    size_t end = query.find_first_of("&;");
    std::string_view part = query.substr(0, end);
    query = end == std::string_view::npos ? std::string_view() : query.substr(end + 1);
    if (part.empty()) continue;
    size_t eq = part.find('=');
    std::string name = PercentDecode(part.substr(0, eq));
    std::string value = eq == std::string_view::npos ? "" : PercentDecode(part.substr(eq + 1));
    bool nested = depth < 2 && value.find('=') != std::string::npos;
    out->push_back({std::move(name), value, in_body});
    if (!nested) continue;
    // A URL or a query inside a value: look inside once more.
    size_t q = value.find('?');
    AddQuery(q == std::string::npos ? std::string_view(value) : std::string_view(value).substr(q + 1),
             in_body, depth + 1, out);
  }
}

void AddJson(const nlohmann::json& j, const std::string& key, int depth,
             std::vector<NamedValue>* out) {
  if (out->size() >= kMaxValues || depth > 16) return;
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) AddJson(v, k, depth + 1, out);
  } else if (j.is_array()) {
    for (const auto& v : j) AddJson(v, key, depth + 1, out);
  } else if (j.is_string()) {
    out->push_back({key, j.get<std::string>(), true});
  } else if (j.is_number_integer() || j.is_number_unsigned()) {
    out->push_back({key, j.dump(), true});
  }
}

}  // namespace

std::vector<NamedValue> RequestValues(const Request& request) {
  std::vector<NamedValue> out;
  UrlParts parts = SplitUrl(request.url);
  if (parts.ok) {
    std::string_view path = parts.path;
    while (!path.empty() && out.size() < kMaxValues) {
      size_t slash = path.find_first_of("/;");
      std::string_view segment = path.substr(0, slash);
      if (!segment.empty()) out.push_back({"", PercentDecode(segment), false});
      if (slash == std::string_view::npos) break;
      path.remove_prefix(slash + 1);
    }
    AddQuery(parts.query, false, 0, &out);
  }
  const std::string& body = request.post_body;
  size_t first = body.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && (body[first] == '{' || body[first] == '[')) {
    auto j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (!j.is_discarded()) AddJson(j, "", 0, &out);
  } else if (!body.empty()) {
    AddQuery(body, true, 0, &out);
  }
  return out;
}

bool IdLike(std::string_view v, size_t min_length, double min_bits) {
  if (v.size() < min_length || v.size() > 256) return false;
  bool digit = false, all_digits = true;
  int counts[128] = {0};
  for (char c : v) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 128) return false;
    bool ok = IsAlnum(c) || c == '.' || c == '_' || c == '~' || c == '+' || c == '/' ||
              c == '=' || c == '|' || c == ':' || c == '-';
    if (!ok) return false;
    digit |= c >= '0' && c <= '9';
    all_digits &= c >= '0' && c <= '9';
    counts[u]++;
  }
  if (!digit) return false;
  // Unix timestamps in seconds or milliseconds (2001–2033) are not ids.
  if (all_digits && (v.size() == 10 || v.size() == 13) && v[0] == '1') return false;
  double bits = 0, n = static_cast<double>(v.size());
  for (int c : counts) {
    if (c > 0) bits -= c * std::log2(c / n);
  }
  return bits >= min_bits;
}

bool IsSha256Hex(std::string_view v) {
  if (v.size() != 64) return false;
  for (char c : v) {
    bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!hex) return false;
  }
  return true;
}

bool ContainsToken(std::string_view haystack, std::string_view id) {
  if (id.empty()) return false;
  for (size_t at = haystack.find(id); at != std::string_view::npos;
       at = haystack.find(id, at + 1)) {
    bool left = at == 0 || !IsAlnum(haystack[at - 1]);
    size_t end = at + id.size();
    bool right = end == haystack.size() || !IsAlnum(haystack[end]);
    if (left && right) return true;
  }
  return false;
}

}  // namespace durchblick
