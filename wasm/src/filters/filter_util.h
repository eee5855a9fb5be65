// Small helpers shared by the filter parser, request preparation and index.
#ifndef DURCHBLICK_FILTERS_FILTER_UTIL_H_
#define DURCHBLICK_FILTERS_FILTER_UTIL_H_

#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ascii.h"

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

// One of 32 bits per token hash: a filter's bits (of the tokens any URL it
// matches contains) must all be among the request's, or it cannot match.
inline uint32_t FilterTokenBit(uint32_t token) { return 1u << ((token * 0x9E3779B1u) >> 27); }

// Filters without a whole token are pre-checked by two 4-byte grams of
// their pattern: a bit each of 2048 (FilterRequest::grams holds the URL's).
constexpr uint32_t kGramBits = 2048;
constexpr uint16_t kNoGram = 0xffff;
inline uint16_t FilterGram(const char* p) {
  uint32_t g = static_cast<uint32_t>(static_cast<unsigned char>(p[0])) |
               static_cast<uint32_t>(static_cast<unsigned char>(p[1])) << 8 |
               static_cast<uint32_t>(static_cast<unsigned char>(p[2])) << 16 |
               static_cast<uint32_t>(static_cast<unsigned char>(p[3])) << 24;
  return static_cast<uint16_t>((g * 0x9E3779B1u) >> 21);
}

inline std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
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
