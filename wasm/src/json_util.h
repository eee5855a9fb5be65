// Reading untrusted JSON without exceptions (they are off in the wasm build):
// parse leniently where a value may be missing or wrong-typed, and describe
// a syntax error with its line and column.
#ifndef DURCHBLICK_JSON_UTIL_H_
#define DURCHBLICK_JSON_UTIL_H_

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace durchblick {

// Parses `text`; on failure returns a discarded value and sets `where` and
// `message` (e.g. "line 3, column 14", "syntax error while parsing object").
nlohmann::json ParseJson(std::string_view text, std::string* message, std::string* where);

// Typed reads that fall back when the key is missing or of another type.
std::string GetString(const nlohmann::json& j, const char* key, const std::string& fallback = "");
double GetNumber(const nlohmann::json& j, const char* key, double fallback = 0);
bool GetBool(const nlohmann::json& j, const char* key, bool fallback = false);

}  // namespace durchblick

#endif  // DURCHBLICK_JSON_UTIL_H_
