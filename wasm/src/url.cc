#include "url.h"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

namespace durchblick {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

Url ParseUrl(std::string_view url) {
  Url u;
  size_t colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0) {
    u.reason = "no scheme";
    return u;
  }
  u.scheme = Lower(url.substr(0, colon));
  for (char c : u.scheme) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') {
      u.reason = "no scheme";
      return u;
    }
  }
  if (u.scheme != "http" && u.scheme != "https" && u.scheme != "ws" && u.scheme != "wss") {
    u.reason = u.scheme + ": URL has no host";
    return u;
  }
  std::string_view rest = url.substr(colon + 1);
  if (rest.substr(0, 2) != "//") {
    u.reason = "no host";
    return u;
  }
  rest.remove_prefix(2);
  size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  std::string_view tail = end == std::string_view::npos ? std::string_view() : rest.substr(end);
  size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority.remove_prefix(at + 1);
  std::string_view host = authority;
  if (!host.empty() && host.front() == '[') {
    size_t close = host.find(']');
    if (close == std::string_view::npos) {
      u.reason = "unclosed IPv6 host";
      return u;
    }
    host = host.substr(1, close - 1);
  } else {
    size_t port = host.rfind(':');
    if (port != std::string_view::npos) host = host.substr(0, port);
  }
  while (!host.empty() && host.back() == '.') host.remove_suffix(1);
  if (host.empty()) {
    u.reason = "empty host";
    return u;
  }
  u.host = Lower(host);
  size_t hash = tail.find('#');
  if (hash != std::string_view::npos) tail = tail.substr(0, hash);
  size_t q = tail.find('?');
  u.path = std::string(q == std::string_view::npos ? tail : tail.substr(0, q));
  if (u.path.empty()) u.path = "/";
  if (q != std::string_view::npos) u.query = std::string(tail.substr(q + 1));
  u.ok = true;
  return u;
}

std::vector<std::pair<std::string, std::string>> QueryParams(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view part = query.substr(0, amp);
    if (!part.empty()) {
      size_t eq = part.find('=');
      if (eq == std::string_view::npos) {
        out.emplace_back(std::string(part), std::string());
      } else {
        out.emplace_back(std::string(part.substr(0, eq)), std::string(part.substr(eq + 1)));
      }
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return out;
}

bool IsIpAddress(std::string_view host) {
  if (host.find(':') != std::string_view::npos) return true;  // IPv6
  if (host.empty()) return false;
  int dots = 0;
  for (char c : host) {
    if (c == '.') {
      ++dots;
    } else if (!std::isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return dots == 3;
}

bool PublicSuffixList::Load(const nlohmann::json& rules, std::string* error) {
  if (!rules.is_array()) {
    *error = "psl: expected an array of rules";
    return false;
  }
  for (const auto& r : rules) {
    if (!r.is_string()) {
      *error = "psl: rule is not a string";
      return false;
    }
    std::string s = r.get<std::string>();
    if (s.rfind("!", 0) == 0) {
      exception_.insert(s.substr(1));
    } else if (s.rfind("*.", 0) == 0) {
      wildcard_.insert(s.substr(2));
    } else {
      exact_.insert(s);
    }
  }
  return true;
}

// The PSL algorithm: the longest matching rule decides the public suffix;
// an exception rule wins and makes the suffix one label shorter.
std::string PublicSuffixList::RegistrableDomain(std::string_view host) const {
  if (host.empty() || IsIpAddress(host)) return std::string(host);
  std::vector<size_t> starts = {0};  // start of each label-suffix
  for (size_t i = 0; i < host.size(); ++i) {
    if (host[i] == '.') starts.push_back(i + 1);
  }
  // suffix_labels: number of labels in the public suffix.
  size_t labels = starts.size();
  size_t suffix_labels = 1;  // default rule "*"
  for (size_t k = 0; k < labels; ++k) {
    std::string candidate(host.substr(starts[k]));
    size_t n = labels - k;
    if (exception_.count(candidate)) {
      suffix_labels = n - 1;
      break;
    }
    if (exact_.count(candidate) && n > suffix_labels) suffix_labels = n;
    size_t dot = candidate.find('.');
    if (dot != std::string::npos && wildcard_.count(candidate.substr(dot + 1)) &&
        n > suffix_labels) {
      suffix_labels = n;
    }
  }
  if (suffix_labels >= labels) return std::string(host);
  return std::string(host.substr(starts[labels - suffix_labels - 1]));
}

}  // namespace durchblick
