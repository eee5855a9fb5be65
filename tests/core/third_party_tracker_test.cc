// third-party-tracker's verdict on a company must not depend on the order in
// which a host recorded its requests (the extension and the scanner record
// near-simultaneous requests in different orders).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace durchblick {
namespace {

using nlohmann::json;

json TrackerFindings(const std::string& first, const std::string& second) {
  json snapshot = {{"schema", "durchblick.snapshot/1"},
                   {"url", "https://shop.example/"},
                   {"requests", {{{"url", first}, {"type", "script"}}, {{"url", second}, {"type", "script"}}}}};
  json report = json::parse(testing::RealEngine().Analyze(snapshot.dump()));
  json out = json::array();
  for (const auto& f : report["findings"]) {
    if (f["detector"] == "third-party-tracker") out.push_back({f["type"], f["weight"]});
  }
  out.push_back(report["trackers"]);
  return out;
}

TEST_CASE("a company's tracker verdict does not depend on request order", "[tracking]") {
  const std::string analytics = "https://www.google-analytics.com/g/collect?v=2&tid=G-1";
  const std::string ads = "https://securepubads.g.doubleclick.net/gampad/ads?iu=/1/x";
  json ab = TrackerFindings(analytics, ads);
  json ba = TrackerFindings(ads, analytics);
  REQUIRE(ab.size() >= 2);
  CHECK(ab[0][0] == "tracking/advertising");
  CHECK(ab[0] == ba[0]);
  CHECK(ab.back()[0]["category"] == ba.back()[0]["category"]);
}

}  // namespace
}  // namespace durchblick
