// Just enough URL handling for classifying requests: split a URL into its
// parts without allocating per character, lower-case the host, and decide
// registrable domains with the Public Suffix List. Never fails hard: a URL
// that cannot be split gives ok == false and a reason.
#ifndef DURCHBLICK_URL_H_
#define DURCHBLICK_URL_H_

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace durchblick {

struct Url {
  bool ok = false;
  std::string reason;  // why !ok: "no scheme", "data: URL", "empty host", ...
  std::string scheme;  // lower case, without ':'
  std::string host;    // lower case, without port and brackets; punycode as given
  std::string path;    // from the first '/', without query and fragment
  std::string query;   // without '?'
};

Url ParseUrl(std::string_view url);

// Query parameters in order, values not percent-decoded.
std::vector<std::pair<std::string, std::string>> QueryParams(std::string_view query);

bool IsIpAddress(std::string_view host);

// The Public Suffix List (Debian's publicsuffix package, compiled into the
// bundle): "shop.example.co.uk" → "example.co.uk".
class PublicSuffixList {
 public:
  // `rules` is the list's rule lines ("co.uk", "*.ck", "!www.ck").
  bool Load(const nlohmann::json& rules, std::string* error);
  // The registrable domain (eTLD+1) of `host`; the host itself for IP
  // addresses and hosts that are a public suffix.
  std::string RegistrableDomain(std::string_view host) const;
  size_t size() const { return exact_.size() + wildcard_.size() + exception_.size(); }

 private:
  std::unordered_set<std::string> exact_, wildcard_, exception_;
};

}  // namespace durchblick

#endif  // DURCHBLICK_URL_H_
