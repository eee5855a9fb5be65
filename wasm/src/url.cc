#include "url.h"

#include <nlohmann/json.hpp>

#include "ascii.h"

namespace durchblick {
namespace {

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// WHATWG "forbidden domain code points" (ASCII part) plus controls and space.
bool ForbiddenInHost(unsigned char c) {
  if (c <= 0x20 || c == 0x7f) return true;
  switch (c) {
    case '#': case '%': case '/': case ':': case '<': case '>': case '?': case '@':
    case '[': case '\\': case ']': case '^': case '|':
      return true;
    default:
      return false;
  }
}

UrlParts Fail(const char* reason) {
  UrlParts p;
  p.reason = reason;
  return p;
}

constexpr size_t kMaxHost = 253;

}  // namespace

UrlParts SplitUrl(std::string_view url) {
  // Browsers strip leading and trailing C0 controls and spaces.
  while (!url.empty() && static_cast<unsigned char>(url.front()) <= 0x20) url.remove_prefix(1);
  while (!url.empty() && static_cast<unsigned char>(url.back()) <= 0x20) url.remove_suffix(1);
  if (url.empty()) return Fail("empty URL");
  // The scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"
  size_t i = 0;
  if (!IsAlpha(url[0])) return Fail("relative URL (no scheme)");
  while (i < url.size() && (IsAlpha(url[i]) || IsDigit(url[i]) || url[i] == '+' ||
                            url[i] == '-' || url[i] == '.')) {
    ++i;
  }
  if (i >= url.size() || url[i] != ':') return Fail("relative URL (no scheme)");
  std::string_view scheme = url.substr(0, i);
  if (EqualsIgnoreAsciiCase(scheme, "data")) return Fail("data: URL (content inline, no server)");
  if (EqualsIgnoreAsciiCase(scheme, "blob")) return Fail("blob: URL (object inside the page, no server)");
  if (!EqualsIgnoreAsciiCase(scheme, "http") && !EqualsIgnoreAsciiCase(scheme, "https") &&
      !EqualsIgnoreAsciiCase(scheme, "ws") && !EqualsIgnoreAsciiCase(scheme, "wss")) {
    return Fail("not an http(s) or ws(s) URL");
  }
  std::string_view rest = url.substr(i + 1);
  size_t slashes = 0;
  while (slashes < rest.size() && (rest[slashes] == '/' || rest[slashes] == '\\')) ++slashes;
  if (slashes < 2) return Fail("no host");
  rest.remove_prefix(slashes);
  size_t end = rest.find_first_of("/?#\\");
  std::string_view authority = rest.substr(0, end);
  std::string_view tail = end == std::string_view::npos ? std::string_view() : rest.substr(end);
  size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority.remove_prefix(at + 1);
  std::string_view host = authority, port;
  if (!host.empty() && host.front() == '[') {
    size_t close = host.find(']');
    if (close == std::string_view::npos) return Fail("unclosed IPv6 host");
    std::string_view after = host.substr(close + 1);
    host = host.substr(1, close - 1);
    if (host.empty() || host.find(':') == std::string_view::npos) return Fail("invalid IPv6 host");
    for (char c : host) {
      if (!IsHex(c) && c != ':' && c != '.') return Fail("invalid IPv6 host");
    }
    if (!after.empty()) {
      if (after.front() != ':') return Fail("invalid IPv6 host");
      port = after.substr(1);
    }
  } else {
    size_t colon = host.find(':');
    if (colon != std::string_view::npos) {
      port = host.substr(colon + 1);
      host = host.substr(0, colon);
    }
    if (!host.empty() && host.back() == '.') host.remove_suffix(1);
    if (host.empty()) return Fail("empty host");
    if (host.size() > kMaxHost) return Fail("host too long");
    char previous = '.';
    for (char c : host) {
      if (ForbiddenInHost(static_cast<unsigned char>(c))) return Fail("invalid character in host");
      if (c == '.' && previous == '.') return Fail("empty label in host");
      previous = c;
    }
  }
  if (port.size() > 5) return Fail("invalid port");
  unsigned long port_number = 0;
  for (char c : port) {
    if (!IsDigit(c)) return Fail("invalid port");
    port_number = port_number * 10 + static_cast<unsigned long>(c - '0');
  }
  if (port_number > 65535) return Fail("invalid port");
  UrlParts p;
  p.ok = true;
  p.scheme = scheme;
  p.host = host;
  size_t hash = tail.find('#');
  if (hash != std::string_view::npos) tail = tail.substr(0, hash);
  size_t q = tail.find('?');
  p.path = q == std::string_view::npos ? tail : tail.substr(0, q);
  if (q != std::string_view::npos) p.query = tail.substr(q + 1);
  return p;
}

void LowerHost(std::string_view host, std::string* out) { *out = LowerAscii(host); }

Url ParseUrl(std::string_view url) {
  Url u;
  UrlParts p = SplitUrl(url);
  if (!p.ok) {
    u.reason = p.reason;
    return u;
  }
  u.ok = true;
  LowerHost(p.scheme, &u.scheme);
  LowerHost(p.host, &u.host);
  u.path = p.path.empty() ? "/" : std::string(p.path);
  for (char& c : u.path) {
    if (c == '\\') c = '/';
  }
  u.query = std::string(p.query);
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

std::string PercentDecode(std::string_view s) {
  auto hex = [](char c) {
    return IsDigit(c) ? c - '0' : (LowerAsciiChar(c) - 'a' + 10);
  };
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && IsHex(s[i + 1]) && IsHex(s[i + 2])) {
      out.push_back(static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

bool IsIpAddress(std::string_view host) {
  if (host.empty()) return false;
  if (host.find(':') != std::string_view::npos) return true;  // IPv6
  size_t dot = host.rfind('.');
  std::string_view last = dot == std::string_view::npos ? host : host.substr(dot + 1);
  if (last.empty()) return false;
  if (last.size() > 2 && last[0] == '0' && (last[1] == 'x' || last[1] == 'X')) {
    for (char c : last.substr(2)) {
      if (!IsHex(c)) return false;
    }
    return true;
  }
  for (char c : last) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

bool PublicSuffixList::Load(const nlohmann::json& rules, std::string* error) {
  if (!rules.is_array()) {
    *error = "psl: expected an array of rules";
    return false;
  }
  std::vector<std::pair<size_t, size_t>> spans;  // arena offset, length
  std::vector<unsigned char> kinds;
  for (const auto& r : rules) {
    if (!r.is_string()) {
      *error = "psl: rule is not a string";
      return false;
    }
    std::string_view s = r.get_ref<const std::string&>();
    unsigned char kind = kExact;
    if (s.substr(0, 1) == "!") {
      kind = kException;
      s.remove_prefix(1);
    } else if (s.substr(0, 2) == "*.") {
      kind = kWildcard;
      s.remove_prefix(2);
    }
    spans.emplace_back(arena_.size(), s.size());
    kinds.push_back(kind);
    arena_.append(s);
  }
  // Views only once the arena no longer grows.
  rules_.reserve(spans.size());
  for (size_t i = 0; i < spans.size(); ++i) {
    rules_[std::string_view(arena_).substr(spans[i].first, spans[i].second)] |= kinds[i];
  }
  return true;
}

// The PSL algorithm: the longest matching rule decides the public suffix;
// an exception rule wins and makes the suffix one label shorter.
std::string_view PublicSuffixList::RegistrableDomainView(std::string_view host) const {
  if (host.empty() || IsIpAddress(host)) return host;
  constexpr size_t kMaxLabels = kMaxHost / 2 + 2;
  size_t starts[kMaxLabels];  // start offset of each label, left to right
  size_t labels = 0;
  starts[labels++] = 0;
  for (size_t i = 0; i < host.size() && labels < kMaxLabels; ++i) {
    if (host[i] == '.') starts[labels++] = i + 1;
  }
  size_t suffix_labels = 1;  // the default rule "*"
  for (size_t k = 0; k < labels; ++k) {
    std::string_view candidate = host.substr(starts[k]);
    size_t n = labels - k;
    auto it = rules_.find(candidate);
    unsigned char kind = it == rules_.end() ? 0 : it->second;
    if (kind & kException) {
      suffix_labels = n - 1;
      break;
    }
    if ((kind & kExact) && n > suffix_labels) suffix_labels = n;
    if (k + 1 < labels && n > suffix_labels) {
      auto parent = rules_.find(host.substr(starts[k + 1]));
      if (parent != rules_.end() && (parent->second & kWildcard)) suffix_labels = n;
    }
  }
  if (suffix_labels >= labels) return host;
  return host.substr(starts[labels - suffix_labels - 1]);
}

}  // namespace durchblick
