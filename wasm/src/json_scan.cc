#include "json_scan.h"

#include "utf8.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace durchblick {
namespace {

void AppendUtf8(std::string* out, uint32_t cp) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

// Eight bytes at a time: page text is long runs of ordinary bytes.
const char* JsonStringRunEnd(const char* p, const char* end) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  while (end - p >= 8) {
    uint64_t x;
    std::memcpy(&x, p, 8);
    uint64_t q = x ^ (kOnes * '"'), b = x ^ (kOnes * '\\');
    uint64_t hit = ((q - kOnes) & ~q) | ((b - kOnes) & ~b) | ((x - kOnes * 0x20) & ~x);
    if (hit & kHigh) break;
    p += 8;
  }
  while (p < end && *p != '"' && *p != '\\' && static_cast<unsigned char>(*p) >= 0x20) ++p;
  return p;
}

bool JsonScanner::Literal(const char* word) {
  SkipSpace();
  size_t n = std::strlen(word);
  if (static_cast<size_t>(end_ - p_) < n || std::memcmp(p_, word, n) != 0) return false;
  p_ += n;
  return true;
}

bool JsonScanner::Bool(bool* out) {
  char c = Peek();
  if (c == 't' && Literal("true")) return *out = true, true;
  if (c == 'f' && Literal("false")) return *out = false, true;
  return false;
}

bool JsonScanner::String(std::string* out) {
  if (Peek() != '"') return false;
  const char* p = p_ + 1;
  const char* run = p;
  p = JsonStringRunEnd(p, end_);
  if (p == end_) return false;
  if (*p == '"') {
    out->assign(run, static_cast<size_t>(p - run));
    p_ = p + 1;
    return true;
  }
  out->assign(run, static_cast<size_t>(p - run));
  for (;;) {
    if (p == end_) return false;
    char c = *p;
    if (c == '"') {
      p_ = p + 1;
      return true;
    }
    if (c != '\\') {
      if (static_cast<unsigned char>(c) < 0x20) return false;  // control characters must be escaped
      run = p;
      p = JsonStringRunEnd(p, end_);
      out->append(run, static_cast<size_t>(p - run));
      continue;
    }
    if (end_ - p < 2) return false;
    char e = p[1];
    p += 2;
    switch (e) {
      case '"': out->push_back('"'); break;
      case '\\': out->push_back('\\'); break;
      case '/': out->push_back('/'); break;
      case 'b': out->push_back('\b'); break;
      case 'f': out->push_back('\f'); break;
      case 'n': out->push_back('\n'); break;
      case 'r': out->push_back('\r'); break;
      case 't': out->push_back('\t'); break;
      case 'u': {
        int u = HexCodeUnit(p, end_);
        if (u < 0) return false;
        p += 4;
        uint32_t cp = static_cast<uint32_t>(u);
        if (u >= 0xD800 && u <= 0xDBFF) {
          if (end_ - p < 6 || p[0] != '\\' || p[1] != 'u') return false;
          int lo = HexCodeUnit(p + 2, end_);
          if (lo < 0xDC00 || lo > 0xDFFF) return false;
          p += 6;
          cp = 0x10000 + ((static_cast<uint32_t>(u) - 0xD800) << 10) + (static_cast<uint32_t>(lo) - 0xDC00);
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
          return false;
        }
        AppendUtf8(out, cp);
        break;
      }
      default:
        return false;
    }
  }
}

bool JsonScanner::SkipString() {
  if (Peek() != '"') return false;
  const char* p = p_ + 1;
  for (;;) {
    p = JsonStringRunEnd(p, end_);
    if (p == end_) return false;
    if (*p == '"') {
      p_ = p + 1;
      return true;
    }
    if (*p != '\\') return false;  // a control character
    if (end_ - p < 2) return false;
    char e = p[1];
    p += 2;
    if (e == 'u') {
      int u = HexCodeUnit(p, end_);
      if (u < 0) return false;
      p += 4;
      if (u >= 0xD800 && u <= 0xDBFF) {
        if (end_ - p < 6 || p[0] != '\\' || p[1] != 'u') return false;
        int lo = HexCodeUnit(p + 2, end_);
        if (lo < 0xDC00 || lo > 0xDFFF) return false;
        p += 6;
      } else if (u >= 0xDC00 && u <= 0xDFFF) {
        return false;
      }
    } else if (!std::strchr("\"\\/bfnrt", e) || e == '\0') {
      return false;
    }
  }
}

bool JsonScanner::PlainKey(std::string_view* out) {
  if (Peek() != '"') return false;
  const char* b = p_ + 1;
  const char* p = JsonStringRunEnd(b, end_);
  if (p == end_ || *p != '"') return false;  // escapes or control characters: the DOM path
  *out = std::string_view(b, static_cast<size_t>(p - b));
  p_ = p + 1;
  return true;
}

// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool JsonScanner::ScanNumber(bool* integer) {
  SkipSpace();
  const char* p = p_;
  auto digit = [&] { return p < end_ && *p >= '0' && *p <= '9'; };
  *integer = true;
  if (p < end_ && *p == '-') ++p;
  if (!digit()) return false;
  if (*p == '0') {
    ++p;
  } else {
    while (digit()) ++p;
  }
  if (p < end_ && *p == '.') {
    ++p;
    if (!digit()) return false;
    while (digit()) ++p;
    *integer = false;
  }
  if (p < end_ && (*p == 'e' || *p == 'E')) {
    ++p;
    if (p < end_ && (*p == '+' || *p == '-')) ++p;
    if (!digit()) return false;
    while (digit()) ++p;
    *integer = false;
  }
  p_ = p;
  return true;
}

bool JsonScanner::Number(double* out) {
  SkipSpace();
  const char* b = p_;
  bool integer;
  if (!ScanNumber(&integer)) return false;
  // nlohmann reads numbers with strtod (integers beyond 64 bits too); an
  // integer within 64 bits converts to the same, correctly rounded, double.
  std::string token(b, p_);
  double v = std::strtod(token.c_str(), nullptr);
  if (!std::isfinite(v)) return false;
  if (integer && v == 0) v = 0;  // "-0" is the integer 0
  *out = v;
  return true;
}

bool JsonScanner::Skip() {
  std::string open;  // '{' or '[' per level
  for (;;) {
    // A value.
    char c = Peek();
    if (c == '{' || c == '[') {
      ++p_;
      if (!Eat(c == '{' ? '}' : ']')) {  // not empty: its first member
        open.push_back(c);
        if (c == '{' && !(SkipString() && Eat(':'))) return false;
        continue;
      }
    } else if (c == '"') {
      if (!SkipString()) return false;
    } else if (c == 't') {
      if (!Literal("true")) return false;
    } else if (c == 'f') {
      if (!Literal("false")) return false;
    } else if (c == 'n') {
      if (!Literal("null")) return false;
    } else {
      bool integer;
      if (!ScanNumber(&integer)) return false;
    }
    // After a value: close containers or move to the next member.
    for (;;) {
      if (open.empty()) return true;
      char top = open.back();
      if (Eat(',')) {
        if (top == '{' && !(SkipString() && Eat(':'))) return false;
        break;
      }
      if (!Eat(top == '{' ? '}' : ']')) return false;
      open.pop_back();
    }
  }
}

}  // namespace durchblick
