#include "utf8.h"

#include <cstdint>
#include <cstring>

namespace durchblick {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The code unit of a "\uXXXX" escape starting at s[i] (the backslash), or -1.
int EscapeAt(const std::string& s, size_t i) {
  if (i + 6 > s.size() || s[i] != '\\' || s[i + 1] != 'u') return -1;
  return HexCodeUnit(s.data() + i + 2, s.data() + s.size());
}

}  // namespace

int HexCodeUnit(const char* p, const char* end) {
  if (end - p < 4) return -1;
  int v = 0;
  for (int i = 0; i < 4; ++i) {
    int h = HexValue(p[i]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

size_t FindInvalidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size(), i = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      // ASCII runs (most of a snapshot) eight bytes at a time.
      uint64_t word;
      while (i + 8 <= n && (std::memcpy(&word, p + i, 8), (word & 0x8080808080808080ull) == 0)) i += 8;
      if (i < n && p[i] < 0x80) ++i;
      continue;
    }
    size_t len;
    uint32_t min;
    if ((c & 0xE0) == 0xC0) {
      len = 2, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, min = 0x10000;
    } else {
      return i;
    }
    if (i + len > n) return i;
    uint32_t cp = c & (0xFF >> (len + 1));
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}

bool MayHaveSurrogateEscape(std::string_view json) {
  for (size_t i = json.find('\\'); i != std::string_view::npos; i = json.find('\\', i + 1)) {
    if (i + 2 < json.size() && json[i + 1] == 'u' && (json[i + 2] == 'd' || json[i + 2] == 'D')) return true;
  }
  return false;
}

size_t RepairLoneSurrogateEscapes(std::string* json) {
  std::string& s = *json;
  size_t repaired = 0;
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] != '\\') continue;
    int unit = EscapeAt(s, i);
    if (unit < 0) {
      ++i;  // skip the escaped character (e.g. "\\" or "\"")
      continue;
    }
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      int next = EscapeAt(s, i + 6);
      if (next >= 0xDC00 && next <= 0xDFFF) {
        i += 11;  // a proper pair
        continue;
      }
    } else if (!(unit >= 0xDC00 && unit <= 0xDFFF)) {
      i += 5;
      continue;
    }
    s.replace(i + 2, 4, "fffd");
    ++repaired;
    i += 5;
  }
  return repaired;
}

std::string TruncateUtf8(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut));
}

}  // namespace durchblick
