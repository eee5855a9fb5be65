// JsonWriter writes what nlohmann's dump(-1, ' ', false, replace) writes for
// the same values (the report's bytes did not change when it replaced an
// ordered_json): every byte value in a string, invalid UTF-8, nesting.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "json_writer.h"

namespace durchblick {
namespace {

std::string Dump(const nlohmann::ordered_json& j) {
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string Written(std::string_view s) {
  std::string out;
  JsonWriter(&out).String(s);
  return out;
}

TEST_CASE("JsonWriter escapes strings as nlohmann does", "[json]") {
  for (int c = 0; c < 256; ++c) {
    std::string s = "a";
    s.push_back(static_cast<char>(c));
    s += "b";
    if (c >= 0x80) continue;  // a lone byte >= 0x80 is invalid UTF-8: below
    INFO("byte " << c);
    CHECK(Written(s) == Dump(s));
  }
  const std::vector<std::string> samples = {
      "", "plain", "Nur noch 2 Stück – jetzt!", "😀 \"quoted\" back\\slash", "\x7f",
      "tab\tnew\nline\r\x0b\x1f", "\xe2\x80\xae right-to-left override", "</script>",
      // invalid UTF-8: replaced as nlohmann replaces it
      "\xff", "ab\xc3", "\xe2\x82", "x\xf0\x9f\x98y", "\xed\xa0\x80 surrogate", "\xc0\xaf overlong"};
  for (const std::string& s : samples) {
    INFO(s);
    CHECK(Written(s) == Dump(s));
  }
}

TEST_CASE("JsonWriter places commas and colons as compact JSON has them", "[json]") {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject().Key("a").Int(-3).Key("b").BeginArray().Bool(true).Null().BeginObject().EndObject();
  w.BeginArray().EndArray().EndArray().Key("c").Strings({"x", "y"}).Key("d").Strings({}).EndObject();
  nlohmann::ordered_json j = {{"a", -3},
                              {"b", {true, nullptr, nlohmann::ordered_json::object(),
                                     nlohmann::ordered_json::array()}},
                              {"c", {"x", "y"}},
                              {"d", nlohmann::ordered_json::array()}};
  CHECK(out == Dump(j));
  CHECK(out == R"({"a":-3,"b":[true,null,{},[]],"c":["x","y"],"d":[]})");
}

}  // namespace
}  // namespace durchblick
