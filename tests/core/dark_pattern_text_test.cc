// dark-pattern-text: the same words are one finding, with every place they
// stand as evidence; one element listed in texts[] and controls[] (the same
// data-durchblick-id) is one place.
#include <catch2/catch.hpp>

#include <set>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace durchblick {
namespace {

using nlohmann::json;
using testing::RealEngine;

std::vector<json> FindingsOf(const json& report, const std::string& type) {
  std::vector<json> out;
  for (const auto& f : report["findings"]) {
    if (f["type"] == type) out.push_back(f);
  }
  return out;
}

TEST_CASE("a shaming button in texts[], controls[] and a pop-up's controls is one finding", "[dark-pattern-text]") {
  const std::string shame = "Nein danke, ich zahle lieber mehr";
  json snapshot = {
      {"schema", "durchblick.snapshot/1"}, {"url", "https://shop.example/p/1"}, {"lang", "de"},
      {"texts", json::array({json{{"id", "t1"}, {"text", shame}},
                             json{{"id", "t2"}, {"text", "Nur noch 2 Stück auf Lager"}},
                             json{{"id", "t3"}, {"text", "Nur noch 2 Stück auf Lager"}},
                             json{{"id", "t4"}, {"text", "Nur noch 3 Stück auf Lager"}}})},
      {"controls", json::array({json{{"id", "t1"}, {"kind", "button"}, {"label", shame}},
                                json{{"id", "ov1-b1"}, {"kind", "button"}, {"label", shame}, {"overlayId", "ov1"}}})}};
  json report = json::parse(RealEngine().Analyze(snapshot.dump()));

  auto shaming = FindingsOf(report, "misdirection/confirmshaming");
  REQUIRE(shaming.size() == 1);
  const json& evidence = shaming[0]["evidence"];
  REQUIRE(evidence.size() == 2);
  CHECK(evidence[0]["textId"] == "t1");
  CHECK(evidence[1]["controlId"] == "ov1-b1");

  // The same claim twice is one finding with two places; other words are another finding.
  auto stock = FindingsOf(report, "scarcity/low_stock");
  REQUIRE(stock.size() == 2);
  std::set<size_t> sizes = {stock[0]["evidence"].size(), stock[1]["evidence"].size()};
  CHECK(sizes == std::set<size_t>{1, 2});
}

TEST_CASE("one element (one id) in texts[], controls[] and a pop-up's controls is one place, in the pop-up", "[dark-pattern-text]") {
  // What the gatherers give for a modal's decline link: the texts gatherer
  // stamps it first (a text block and a control), the overlay gatherer keeps
  // that id for the pop-up's control.
  const std::string shame = "No thanks, I'd rather pay full price";
  json snapshot = {
      {"schema", "durchblick.snapshot/1"}, {"url", "https://news.example/a/1"}, {"lang", "en"},
      {"texts", json::array({json{{"id", "t8"}, {"text", shame}}})},
      {"controls", json::array({json{{"id", "t8"}, {"kind", "link"}, {"label", shame}},
                                json{{"id", "t8"}, {"kind", "link"}, {"label", shame}, {"overlayId", "ov2"}}})}};
  json report = json::parse(RealEngine().Analyze(snapshot.dump()));

  auto shaming = FindingsOf(report, "misdirection/confirmshaming");
  REQUIRE(shaming.size() == 1);
  const json& evidence = shaming[0]["evidence"];
  REQUIRE(evidence.size() == 1);
  CHECK(evidence[0]["textId"] == "t8");
  CHECK(evidence[0]["overlayId"] == "ov2");
  CHECK(!evidence[0].contains("controlId"));
}

}  // namespace
}  // namespace durchblick
