// Prices in page text, in German and English notation.
//
//   const PriceParser& p = rules.prices();
//   for (const PriceMatch& m : p.Find("statt 1.299,00 € jetzt 999 €")) ...
//   // m.amount == 1299.0, m.currency == "EUR", text.substr(m.begin, m.end - m.begin) == "1.299,00 €"
//
// A price is a number with a currency token right before or after it (at
// most one space, also U+00A0/U+202F between). The tokens are data
// (rules/pricing/currencies.json). Number notation:
//   1.299,00  1,299.00  1299  19,99  19.99  19,-  19,–  1'299.00
// With both separators the last one is the decimal mark; with one kind only,
// it is a decimal mark when followed by one or two digits at the end of the
// number and a thousands separator when followed by groups of three digits.
// Anything else ("1,2,3", "12.3456") is not a price. Linear in the text.
#ifndef DURCHBLICK_PRICE_H_
#define DURCHBLICK_PRICE_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace durchblick {

struct PriceMatch {
  double amount = 0;
  std::string currency;   // ISO 4217 code, e.g. "EUR"
  size_t begin = 0, end = 0;  // byte span of number and token in the text
  bool negative = false;  // written with a leading minus ("-$6.75")
};

// Parses a bare number in the notations above. False if it is not one.
bool ParseAmount(std::string_view number, double* out);

// The first integer in `text` ("-35 %" → 35), or -1.
int FirstInteger(std::string_view text);

class PriceParser {
 public:
  // `currencies` is the bundle's "currencies" array. False + message if malformed.
  bool Load(const nlohmann::json& currencies, std::string* error);
  std::vector<PriceMatch> Find(std::string_view text) const;
  // The currency's first symbol token ("€"), else its code.
  std::string Symbol(const std::string& code) const;

 private:
  struct Token {
    std::string text;
    std::string code;
    bool word = false;  // letters: compare case-insensitively, as a whole word
  };
  // Length of the token matching at `pos` (forward) / ending at `pos`
  // (backward), or 0; sets `code`. The first token in file order wins.
  size_t TokenAt(std::string_view text, size_t pos, std::string* code) const;
  size_t TokenBefore(std::string_view text, size_t pos, std::string* code) const;
  std::vector<Token> tokens_;
  // The tokens (indices into tokens_, in file order) that can start / end
  // with a byte: both cases of a word's letters. Most bytes next to a number
  // start no token, and are ruled out by one look-up.
  std::array<std::vector<uint8_t>, 256> starting_, ending_;
};

}  // namespace durchblick

#endif  // DURCHBLICK_PRICE_H_
