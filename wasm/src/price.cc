#include "price.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "ascii.h"

namespace durchblick {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// A byte that may continue a word: ASCII letters/digits and any non-ASCII
// byte (letters such as "ü" are multi-byte).
bool IsWordByte(char c) {
  return IsAsciiLetter(c) || IsDigit(c) || (static_cast<unsigned char>(c) >= 0x80);
}

// Spaces allowed between number and token: " ", U+00A0, U+202F, U+2009.
size_t SpaceAt(std::string_view t, size_t pos) {
  if (pos < t.size() && t[pos] == ' ') return 1;
  if (pos + 1 < t.size() && t.substr(pos, 2) == "\xC2\xA0") return 2;
  if (pos + 2 < t.size() && (t.substr(pos, 3) == "\xE2\x80\xAF" || t.substr(pos, 3) == "\xE2\x80\x89")) return 3;
  return 0;
}
size_t SpaceBefore(std::string_view t, size_t pos) {
  if (pos >= 1 && t[pos - 1] == ' ') return 1;
  if (pos >= 2 && t.substr(pos - 2, 2) == "\xC2\xA0") return 2;
  if (pos >= 3 && (t.substr(pos - 3, 3) == "\xE2\x80\xAF" || t.substr(pos - 3, 3) == "\xE2\x80\x89")) return 3;
  return 0;
}

// Adds token `index` under byte `c` and, for a word, under its other case.
void Index(std::array<std::vector<uint8_t>, 256>* by_byte, char c, bool word, size_t index) {
  auto add = [&](char b) {
    auto& v = (*by_byte)[static_cast<unsigned char>(b)];
    if (v.empty() || v.back() != index) v.push_back(static_cast<uint8_t>(index));
  };
  add(c);
  if (word) {
    add(LowerAsciiChar(c));
    add(UpperAsciiChar(c));
  }
}

}  // namespace

bool ParseAmount(std::string_view s, double* out) {
  if (s.empty() || !IsDigit(s[0])) return false;
  // Trailing ",-" / ",–" (German whole euros) means ",00".
  for (std::string_view dash : {",-", ",\xE2\x80\x93", ".-", ".\xE2\x80\x93"}) {
    if (s.size() > dash.size() && s.substr(s.size() - dash.size()) == dash) {
      s = s.substr(0, s.size() - dash.size());
      break;
    }
  }
  size_t last_dot = s.rfind('.'), last_comma = s.rfind(','), last_apos = s.rfind('\'');
  char decimal = 0;
  if (last_dot != std::string_view::npos && last_comma != std::string_view::npos) {
    decimal = last_dot > last_comma ? '.' : ',';
  } else {
    char sep = last_dot != std::string_view::npos ? '.' : last_comma != std::string_view::npos ? ',' : 0;
    if (sep) {
      size_t last = sep == '.' ? last_dot : last_comma;
      size_t count = 0;
      for (char c : s) count += c == sep;
      size_t tail = s.size() - last - 1;
      if (count == 1 && (tail == 1 || tail == 2)) decimal = sep;
      else if (tail != 3) return false;
    }
  }
  (void)last_apos;
  double value = 0, scale = 0;
  size_t group = 0;  // digits since the last thousands separator
  bool seen_sep = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (IsDigit(c)) {
      if (scale > 0) {
        value += (c - '0') / scale;
        scale *= 10;
      } else {
        value = value * 10 + (c - '0');
        ++group;
      }
    } else if (c == decimal) {
      if (scale > 0 || (seen_sep && group != 3)) return false;
      scale = 10;
    } else if (c == '.' || c == ',' || c == '\'') {
      if (scale > 0 || (seen_sep && group != 3) || group == 0 || group > 3) return false;
      seen_sep = true;
      group = 0;
    } else {
      return false;
    }
  }
  if (seen_sep && scale == 0 && group != 3) return false;
  if (!std::isfinite(value)) return false;
  *out = value;
  return true;
}

int FirstInteger(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (!IsDigit(text[i])) continue;
    long v = 0;
    while (i < text.size() && IsDigit(text[i]) && v < 1000000) v = v * 10 + (text[i++] - '0');
    return static_cast<int>(v);
  }
  return -1;
}

bool PriceParser::Load(const nlohmann::json& currencies, std::string* error) {
  tokens_.clear();
  for (auto& v : starting_) v.clear();
  for (auto& v : ending_) v.clear();
  if (!currencies.is_array()) {
    *error = "currencies: expected an array";
    return false;
  }
  for (const auto& c : currencies) {
    if (!c.is_object() || !c.contains("code") || !c["code"].is_string() || !c.contains("tokens") ||
        !c["tokens"].is_array()) {
      *error = "currencies: every entry needs a code and tokens[]";
      return false;
    }
    for (const auto& t : c["tokens"]) {
      if (!t.is_string() || t.get<std::string>().empty()) {
        *error = "currencies." + c["code"].get<std::string>() + ": tokens must be non-empty strings";
        return false;
      }
      Token tok;
      tok.text = t.get<std::string>();
      tok.code = c["code"].get<std::string>();
      tok.word = IsAsciiLetter(tok.text.front()) && IsAsciiLetter(tok.text.back());
      if (tokens_.size() > 255) {
        *error = "currencies: more than 256 tokens";
        return false;
      }
      Index(&starting_, tok.text.front(), tok.word, tokens_.size());
      Index(&ending_, tok.text.back(), tok.word, tokens_.size());
      tokens_.push_back(std::move(tok));
    }
  }
  return true;
}

size_t PriceParser::TokenAt(std::string_view t, size_t pos, std::string* code) const {
  if (pos >= t.size()) return 0;
  for (uint8_t index : starting_[static_cast<unsigned char>(t[pos])]) {
    const Token& tok = tokens_[index];
    size_t n = tok.text.size();
    if (pos + n > t.size()) continue;
    std::string_view s = t.substr(pos, n);
    if (tok.word ? !EqualsIgnoreAsciiCase(s, tok.text) : s != tok.text) continue;
    if (tok.word && pos + n < t.size() && IsWordByte(t[pos + n])) continue;
    *code = tok.code;
    return n;
  }
  return 0;
}

size_t PriceParser::TokenBefore(std::string_view t, size_t pos, std::string* code) const {
  if (pos == 0 || pos > t.size()) return 0;
  for (uint8_t index : ending_[static_cast<unsigned char>(t[pos - 1])]) {
    const Token& tok = tokens_[index];
    size_t n = tok.text.size();
    if (n > pos) continue;
    std::string_view s = t.substr(pos - n, n);
    if (tok.word ? !EqualsIgnoreAsciiCase(s, tok.text) : s != tok.text) continue;
    if (IsAsciiLetter(tok.text.front()) && pos - n > 0 && IsWordByte(t[pos - n - 1])) continue;
    *code = tok.code;
    return n;
  }
  return 0;
}

std::string PriceParser::Symbol(const std::string& code) const {
  for (const Token& tok : tokens_) {
    if (tok.code == code && !tok.word && !IsAsciiLetter(tok.text.front())) return tok.text;
  }
  return code;
}

std::vector<PriceMatch> PriceParser::Find(std::string_view t) const {
  std::vector<PriceMatch> out;
  size_t i = 0;
  while (i < t.size()) {
    if (!IsDigit(t[i])) {
      ++i;
      continue;
    }
    if (i > 0 && IsAsciiLetter(t[i - 1])) {
      // "X200", "Servicegebühr4,50": a number glued to a word is no price;
      // skip all of it, not just its first digit.
      while (i < t.size() && (IsDigit(t[i]) || t[i] == '.' || t[i] == ',' || t[i] == '\'')) ++i;
      continue;
    }
    // The number: digits and separators, then an optional ",-"/",–".
    size_t b = i, e = i;
    while (e < t.size() && (IsDigit(t[e]) || ((t[e] == '.' || t[e] == ',' || t[e] == '\'') &&
                                               e + 1 < t.size() && IsDigit(t[e + 1])))) {
      ++e;
    }
    size_t num_end = e;
    if (e + 1 < t.size() && (t[e] == ',' || t[e] == '.') && t[e + 1] == '-') num_end = e + 2;
    else if (e + 4 <= t.size() && (t[e] == ',' || t[e] == '.') && t.substr(e + 1, 3) == "\xE2\x80\x93") num_end = e + 4;
    i = e;
    if (e < t.size() && IsAsciiLetter(t[e]) && num_end == e) {
      // "64GB", "3x": a number glued to letters is no price unless the
      // letters are a currency token ("19EUR").
      std::string code;
      if (!TokenAt(t, e, &code)) continue;
    }
    double amount;
    if (!ParseAmount(t.substr(b, num_end - b), &amount)) continue;
    PriceMatch m;
    m.amount = amount;
    std::string code;
    size_t sp = SpaceAt(t, num_end);
    if (size_t n = TokenAt(t, num_end + sp, &code)) {
      m.begin = b;
      m.end = num_end + sp + n;
    } else if (size_t n0 = TokenAt(t, num_end, &code)) {
      m.begin = b;
      m.end = num_end + n0;
    } else {
      size_t spb = SpaceBefore(t, b);
      size_t nb = TokenBefore(t, b - spb, &code);
      if (!nb) continue;
      m.begin = b - spb - nb;
      m.end = num_end;
    }
    m.currency = code;
    if (m.begin > 0 && t[m.begin - 1] == '-') m.negative = true;
    if (m.begin >= 3 && t.substr(m.begin - 3, 3) == "\xE2\x88\x92") m.negative = true;  // U+2212
    if (m.begin >= 2 && t[m.begin - 1] == ' ' && t[m.begin - 2] == '-') m.negative = true;
    out.push_back(std::move(m));
    i = std::max(i, out.back().end);
  }
  return out;
}

}  // namespace durchblick
