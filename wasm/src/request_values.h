// What a request carries, as name/value pairs, for the behavioural tracking
// detectors (cookie syncing, identifier leaks, product ids): the query
// (parameters split at '&' and ';', percent-decoded; a value that is itself a
// URL or query is opened once more, so redirect chains of sync pixels are
// seen), path segments, and a form or JSON request body (leaf keys).
//
//   auto values = RequestValues(request);
//   // https://a.example/sync?redir=https%3A%2F%2Fb.example%2Fs%3Fuid%3DAbC123xyz89
//   // → {"redir", "https://b.example/s?uid=AbC123xyz89"}, {"uid", "AbC123xyz89"}, ...
//   IdLike("AbC123xyz89", 8, 33)   // true: long, mixed, high entropy
//   IsSha256Hex("9f86d0...")        // 64 hex digits
//
// Bounded: at most kMaxValues pairs per request, nesting depth 2.
#ifndef DURCHBLICK_REQUEST_VALUES_H_
#define DURCHBLICK_REQUEST_VALUES_H_

#include <string>
#include <string_view>
#include <vector>

#include "snapshot.h"

namespace durchblick {

struct NamedValue {
  std::string name;   // "" for path segments
  std::string value;  // decoded
  bool in_body = false;
};

constexpr size_t kMaxValues = 512;

std::vector<NamedValue> RequestValues(const Request& request);

// An identifier candidate: at least `min_length` characters of [A-Za-z0-9._~+/=|:-],
// at least one digit, not a plain Unix timestamp, and at least `min_bits` of
// Shannon entropy in all (Privacy Badger's pixel-cookie-sharing test uses 33).
bool IdLike(std::string_view value, size_t min_length, double min_bits);

bool IsSha256Hex(std::string_view value);

// True if `id` occurs in `haystack` as a whole token (not inside a longer
// run of letters and digits): "4711" in "[\"4711\"]" but not in "47110".
bool ContainsToken(std::string_view haystack, std::string_view id);

}  // namespace durchblick

#endif  // DURCHBLICK_REQUEST_VALUES_H_
