// The snapshot's settings: a category the user switched off
// (settings.excludeCategories) is not checked, adds no points, and the report
// says why (notApplicable[].excluded).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace durchblick {
namespace {

using nlohmann::json;

const char* kShop = R"("url":"https://shop.example/p/1",
    "requests":[{"url":"https://securepubads.g.doubleclick.net/gampad/ads?x=1","type":"script"}],
    "texts":[{"id":"t1","text":"Nur noch 2 Stück auf Lager"}],"controls":[])";

json Analyze(const std::string& settings) {
  return json::parse(testing::RealEngine().Analyze(
      std::string(R"({"schema":"durchblick.snapshot/1",)") + kShop + settings + "}"));
}

bool Has(const json& r, const std::string& category) {
  for (const auto& f : r["findings"]) if (f["category"] == category) return true;
  return false;
}

TEST_CASE("an excluded category is not checked and adds no points", "[settings]") {
  json all = Analyze("");
  REQUIRE(Has(all, "tracking"));
  REQUIRE(Has(all, "dark_pattern"));
  json r = Analyze(R"(,"settings":{"excludeCategories":["tracking"]})");
  CHECK_FALSE(Has(r, "tracking"));
  CHECK(Has(r, "dark_pattern"));
  CHECK(r["subscores"]["tracking"].is_null());
  CHECK(r["points"]["tracking"] == 0);
  CHECK(r["score"] == r["points"]["dark_patterns"]);
  CHECK(r["score"].get<int>() < all["score"].get<int>());
  bool listed = false;
  for (const auto& n : r["notApplicable"]) {
    if (n["category"] == "tracking") {
      listed = true;
      CHECK(n["excluded"] == true);
      CHECK(n["missing"].empty());
    }
  }
  CHECK(listed);
}

TEST_CASE("settings of the wrong shape or unknown categories change nothing", "[settings]") {
  json all = Analyze("");
  for (const char* s : {R"(,"settings":[])", R"(,"settings":{"excludeCategories":"tracking"})",
                        R"(,"settings":{"excludeCategories":["nonsense"]})"}) {
    json r = Analyze(s);
    CHECK(r["score"] == all["score"]);
    CHECK(r["findings"].size() == all["findings"].size());
  }
}

}  // namespace
}  // namespace durchblick
