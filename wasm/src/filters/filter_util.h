// Small helpers shared by the filter parser, request preparation and index.
#ifndef DURCHBLICK_FILTERS_FILTER_UTIL_H_
#define DURCHBLICK_FILTERS_FILTER_UTIL_H_

#include <cctype>
#include <string>
#include <string_view>

namespace durchblick {

// Token characters of uBlock Origin and Ghostery: a token is a maximal run.
inline bool IsFilterTokenChar(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '%';
}

// Calls fn(begin, end) for each maximal run of token characters in `s`.
template <typename Fn>
void ForEachTokenRun(std::string_view s, Fn fn) {
  for (size_t i = 0; i < s.size();) {
    if (!IsFilterTokenChar(static_cast<unsigned char>(s[i]))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && IsFilterTokenChar(static_cast<unsigned char>(s[j]))) ++j;
    fn(i, j);
    i = j;
  }
}

inline std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

inline std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace durchblick

#endif  // DURCHBLICK_FILTERS_FILTER_UTIL_H_
