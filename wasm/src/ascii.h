// ASCII case folding, independent of the C locale: rule data and page text
// are compared by bytes, and only A-Z/a-z fold (non-ASCII letters are
// multi-byte in UTF-8 and left as they are).
#ifndef DURCHBLICK_ASCII_H_
#define DURCHBLICK_ASCII_H_

#include <string>
#include <string_view>

namespace durchblick {

inline char LowerAsciiChar(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
inline char UpperAsciiChar(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; }

inline std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = LowerAsciiChar(c);
  return out;
}

inline bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (LowerAsciiChar(a[i]) != LowerAsciiChar(b[i])) return false;
  }
  return true;
}

}  // namespace durchblick

#endif  // DURCHBLICK_ASCII_H_
