// filter-listed-request on literal snapshots: tracking-list hits that the
// company data misses become findings with the filter as evidence; requests
// the company detector already reports are not counted twice.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace durchblick {
namespace {

using nlohmann::json;

std::vector<json> FindingsOf(const json& report, const std::string& detector) {
  std::vector<json> out;
  for (const auto& f : report["findings"]) {
    if (f["detector"] == detector) out.push_back(f);
  }
  return out;
}

TEST_CASE("tracking-list hits on unlisted hosts and the site's own paths", "[filters]") {
  json r = json::parse(testing::RealEngine().Analyze(R"({"schema":"durchblick.snapshot/1",
    "url":"https://shop.example/p/1",
    "requests":[
      {"url":"https://shop.example/js/analyticstracking.js","type":"script"},
      {"url":"https://shop.example/js/app.js","type":"script"},
      {"url":"https://zonewedgeshaft.com/x.js","type":"script"},
      {"url":"https://cdn.zonewedgeshaft.com/y.js","type":"script"},
      {"url":"https://www.google-analytics.com/collect?v=1","type":"ping"}]})"));
  std::vector<json> found = FindingsOf(r, "filter-listed-request");
  REQUIRE(found.size() == 2);  // shop.example (first party), zonewedgeshaft.com
  json own = found[0]["title"]["en"] == "Tracking requests to shop.example" ? found[0] : found[1];
  json other = found[0]["title"]["en"] == "Tracking requests to shop.example" ? found[1] : found[0];
  CHECK(own["type"] == "tracking/filter_listed");
  CHECK(own["evidence"].size() == 1);
  CHECK(own["evidence"][0]["requestUrl"] == "https://shop.example/js/analyticstracking.js");
  CHECK(own["evidence"][0]["text"] == "/analyticstracking.js");
  CHECK(other["evidence"].size() == 2);
  CHECK(other["ruleId"] == "||zonewedgeshaft.com^");
  CHECK(other["explanation"]["en"].get<std::string>().find("AdGuard Tracking Protection") !=
        std::string::npos);
  // Google Analytics is the company detector's; it is not counted again.
  for (const auto& f : found) {
    for (const auto& e : f["evidence"]) {
      CHECK(e["requestUrl"].get<std::string>().find("google-analytics") == std::string::npos);
    }
  }
  bool listed_domain = false;
  for (const auto& t : r["trackers"]) listed_domain |= t["company"] == "zonewedgeshaft.com";
  CHECK(listed_domain);
}

TEST_CASE("no finding when no request is on a tracking list", "[filters]") {
  json r = json::parse(testing::RealEngine().Analyze(R"({"schema":"durchblick.snapshot/1",
    "url":"https://shop.example/","requests":[{"url":"https://shop.example/app.js","type":"script"}]})"));
  CHECK(FindingsOf(r, "filter-listed-request").empty());
}

}  // namespace
}  // namespace durchblick
