#include "json_util.h"

#include <cmath>
#include <cstdio>

namespace durchblick {
namespace {

// Sees only the error of a failed parse (second pass, error path only).
struct ErrorOnlySax : nlohmann::json_sax<nlohmann::json> {
  std::string message;
  size_t position = 0;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t pos, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    position = pos;
    message = ex.what();
    return false;
  }
};

}  // namespace

nlohmann::json ParseJson(std::string_view text, std::string* message, std::string* where) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_discarded()) return j;
  ErrorOnlySax sax;
  nlohmann::json::sax_parse(text, &sax);
  std::string m = sax.message;
  // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..."
  size_t close = m.find("] ");
  if (close != std::string::npos) m = m.substr(close + 2);
  size_t at = m.find(" at line ");
  size_t colon = m.find(": ", at == std::string::npos ? 0 : at);
  if (at != std::string::npos && colon != std::string::npos) {
    *where = m.substr(at + 4, colon - at - 4);  // "line 1, column 5"
    *message = m.substr(colon + 2);
  } else {
    *where = "byte " + std::to_string(sax.position);
    *message = m.empty() ? "not valid JSON" : m;
  }
  // Keep error messages on one line whatever the input contained.
  for (char& c : *message) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return j;
}

std::string GetString(const nlohmann::json& j, const char* key, const std::string& fallback) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return fallback;
  return it->get<std::string>();
}

double GetNumber(const nlohmann::json& j, const char* key, double fallback) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return fallback;
  double v = it->get<double>();
  return std::isfinite(v) ? v : fallback;
}

bool GetBool(const nlohmann::json& j, const char* key, bool fallback) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_boolean()) return fallback;
  return it->get<bool>();
}

}  // namespace durchblick
