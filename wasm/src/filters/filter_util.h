// Small helpers shared by the filter parser, request preparation and index.
#ifndef DURCHBLICK_FILTERS_FILTER_UTIL_H_
#define DURCHBLICK_FILTERS_FILTER_UTIL_H_

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

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

inline char LowerAsciiChar(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

inline std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = LowerAsciiChar(c);
  return out;
}

// A counter per 32-bit key (never 0), open addressing: the token histogram.
class TokenCounts {
 public:
  explicit TokenCounts(size_t expected) {
    size_t n = 64;
    while (n < expected * 2) n <<= 1;
    keys_.assign(n, 0);
    counts_.assign(n, 0);
  }
  uint32_t& operator[](uint32_t key) {
    size_t mask = keys_.size() - 1;
    for (size_t slot = (key * 2654435761u) & mask;; slot = (slot + 1) & mask) {
      if (keys_[slot] == key) return counts_[slot];
      if (keys_[slot] == 0) {
        keys_[slot] = key;
        return counts_[slot];
      }
    }
  }

 private:
  std::vector<uint32_t> keys_, counts_;
};

}  // namespace durchblick

#endif  // DURCHBLICK_FILTERS_FILTER_UTIL_H_
