// Just enough URL handling for classifying requests: split a URL into its
// parts without copying (SplitUrl), or into owned strings (ParseUrl); decide
// registrable domains with the Public Suffix List.
//
//   UrlParts p = SplitUrl("https://Shop.Example.co.uk:8443/p/1?sku=9#x");
//   p.ok, p.host == "Shop.Example.co.uk", p.path == "/p/1", p.query == "sku=9"
//   Url u = ParseUrl(...);   // u.host == "shop.example.co.uk" (ASCII lower case)
//   psl.RegistrableDomain("shop.example.co.uk") == "example.co.uk"
//
// Hostile input never fails hard and never takes more than linear time: a URL
// that names no network host gives ok == false and a fixed reason:
//   ""/"   "                 → "empty URL"
//   "/x", "//cdn.example/x"  → "relative URL (no scheme)"
//   "data:image/gif;base64,…" → "data: URL (content inline, no server)"
//   "blob:https://a.example/…" → "blob: URL (object inside the page, no server)"
//   "about:blank", "chrome-extension://…" → "not an http(s) or ws(s) URL"
//   "http:/x", "https://"    → "no host" / "empty host"
//   "http://a b/", "http://a%41/" → "invalid character in host"
//   "http://[::1/"           → "unclosed IPv6 host";  "http://[x]/" → "invalid IPv6 host"
//   "http://a.example:99999/" → "invalid port";  a 254-byte host → "host too long"
//   "http://a..example/"     → "empty label in host"
// Accepted as they are: IDN hosts in Unicode (UTF-8, only ASCII letters are
// lower-cased) and in punycode ("xn--…"), IPv4 and IPv6 hosts (IsIpAddress),
// userinfo (dropped), a trailing dot, backslashes as path separators (as
// browsers do for http/https), query strings of any length (not copied by
// SplitUrl).
#ifndef DURCHBLICK_URL_H_
#define DURCHBLICK_URL_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace durchblick {

// Views into the caller's string; valid as long as it is.
struct UrlParts {
  bool ok = false;
  const char* reason = "";  // why !ok (see above); static storage
  std::string_view scheme;  // as written (case not changed), without ':'
  std::string_view host;    // without userinfo, port, brackets, trailing dot; case as written
  std::string_view path;    // from the first '/' (or '\'), without query and fragment; may be empty
  std::string_view query;   // without '?' and fragment
};

UrlParts SplitUrl(std::string_view url);

// ASCII lower case of a host into *out (reusing its capacity).
void LowerHost(std::string_view host, std::string* out);

struct Url {
  bool ok = false;
  std::string reason;  // why !ok, as SplitUrl says
  std::string scheme;  // lower case, without ':'
  std::string host;    // ASCII lower case, without port and brackets; punycode as given
  std::string path;    // from the first '/', without query and fragment; "/" if empty
  std::string query;   // without '?'
};

Url ParseUrl(std::string_view url);

// Query parameters in order, values not percent-decoded.
std::vector<std::pair<std::string, std::string>> QueryParams(std::string_view query);

// Percent-decodes `s` once ('+' stays '+'); invalid escapes are kept as they are.
std::string PercentDecode(std::string_view s);

// True for IPv6 hosts (contain ':') and hosts whose last label is a number
// ("192.168.0.1", and what browsers would parse as IPv4, e.g. "0x7f.1").
bool IsIpAddress(std::string_view host);

// The Public Suffix List (Debian's publicsuffix package, compiled into the
// bundle with every IDN rule in both Unicode and punycode form).
class PublicSuffixList {
 public:
  // `rules` is the list's rule lines ("co.uk", "*.ck", "!www.ck").
  bool Load(const nlohmann::json& rules, std::string* error);
  // The registrable domain (eTLD+1) of a lower-case `host`, as a view into
  // `host`; the host itself for IP addresses and hosts that are a public
  // suffix. Does not allocate.
  std::string_view RegistrableDomainView(std::string_view host) const;
  std::string RegistrableDomain(std::string_view host) const {
    return std::string(RegistrableDomainView(host));
  }
  size_t size() const { return rules_.size(); }

 private:
  enum : unsigned char { kExact = 1, kWildcard = 2, kException = 4 };
  std::string arena_;  // all rule names; rules_ keys view into it
  std::unordered_map<std::string_view, unsigned char> rules_;
};

}  // namespace durchblick

#endif  // DURCHBLICK_URL_H_
