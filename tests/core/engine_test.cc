// The runner end to end on literal snapshots: reports validate against the
// contract's required fields, bad input becomes an error report, missing
// sections make detectors not applicable, and the score is the sum of weights.
#include <catch2/catch.hpp>

#include <set>

#include <nlohmann/json.hpp>

#include "detectors/detector.h"
#include "snapshot.h"
#include "test_util.h"

namespace durchblick {
namespace {

using nlohmann::json;
using testing::RealEngine;

json Analyze(const std::string& snapshot) { return json::parse(RealEngine().Analyze(snapshot)); }

std::string ErrorCode(const std::string& snapshot) {
  json r = Analyze(snapshot);
  return r.contains("error") ? r["error"]["code"].get<std::string>() : "";
}

TEST_CASE("a contract-shaped snapshot gives an explained report", "[engine]") {
  json r = Analyze(R"({"schema":"durchblick.snapshot/1","url":"https://shop.example/p/1",
    "requests":[{"url":"https://securepubads.g.doubleclick.net/gampad/ads?x=1","type":"script"},
                {"url":"https://shop.example/app.js","type":"script"}],
    "texts":[{"id":"t1","text":"Nur noch 2 Stück auf Lager"},{"id":"t2","text":"Versandkostenfrei ab 50 €"}],
    "controls":[],
    "overlays":[{"id":"o1","coverage":1.0,"modal":true,"backdrop":true,"text":"Newsletter"}]})");
  REQUIRE(r["schema"] == "durchblick.report/1");
  REQUIRE(r["score"].is_number_integer());
  int sum = 0;
  std::set<std::string> types;
  for (const auto& f : r["findings"]) {
    sum += f["weight"].get<int>();
    types.insert(f["type"].get<std::string>());
    CHECK(f["title"]["de"].is_string());
    CHECK(f["explanation"]["en"].is_string());
    CHECK(!f["evidence"].empty());
  }
  CHECK(sum == r["score"].get<int>());
  CHECK(types.count("scarcity/low_stock") == 1);
  CHECK(types.count("tracking/advertising") == 1);
  CHECK(types.count("popup/blocking_overlay") == 1);
  CHECK(r["trackers"][0]["company"] == "Google");
  CHECK(r["engine"]["snapshotSha256"].get<std::string>().size() == 64);
  // Only the detectors that compare with earlier visits lack their sections.
  for (const auto& na : r["notApplicable"]) {
    INFO("not applicable: " << na.dump());
    CHECK(na["missing"].dump().find("history") != std::string::npos);
  }
}

TEST_CASE("evidence points back into the snapshot", "[engine]") {
  json r = Analyze(R"({"schema":"durchblick.snapshot/1","url":"https://shop.example/",
    "texts":[{"id":"price-3","text":"Hurry, only 3 left in stock!"}],"controls":[]})");
  REQUIRE(r["findings"].size() == 1);
  CHECK(r["findings"][0]["evidence"][0]["textId"] == "price-3");
  CHECK(r["findings"][0]["evidence"][0]["text"] == "only 3 left in stock");
  CHECK(r["findings"][0]["ruleId"] == "scarcity/en-only-n-left");
}

TEST_CASE("missing sections make their detectors not applicable", "[engine]") {
  json r = Analyze(R"({"schema":"durchblick.snapshot/1","url":"https://a.example/"})");
  CHECK(r["score"] == 0);
  CHECK(r["subscores"]["tracking"].is_null());
  CHECK(r["subscores"]["dark_patterns"].is_null());
  CHECK(r["subscores"]["popups"].is_null());
  CHECK(r["notApplicable"].size() == AllDetectors().size());
  json r2 = Analyze(R"({"schema":"durchblick.snapshot/1","url":"https://a.example/","requests":[]})");
  CHECK(r2["subscores"]["tracking"] == 0);
  CHECK(r2["subscores"]["popups"].is_null());
}

TEST_CASE("bad snapshots give error reports naming what and where", "[engine]") {
  CHECK(ErrorCode("{\"schema\": ") == "invalid_json");
  CHECK(Analyze("{\"a\":tru}")["error"]["where"] == "line 1, column 9");
  CHECK(ErrorCode("[1,2]") == "not_an_object");
  CHECK(ErrorCode(R"({"schema":"durchblick.report/1","url":"x"})") == "wrong_schema");
  CHECK(ErrorCode(R"({"url":"x"})") == "wrong_schema");
  CHECK(ErrorCode(R"({"schema":"durchblick.snapshot/1"})") == "invalid_field");
  CHECK(ErrorCode(R"({"schema":"durchblick.snapshot/1","url":"x","requests":{}})") == "invalid_field");
  json bad_item = Analyze(R"({"schema":"durchblick.snapshot/1","url":"x","texts":[{"id":"a","text":"ok"},{"id":"b"}]})");
  CHECK(bad_item["error"]["where"] == "texts[1].text");
  std::string invalid_utf8 = "{\"schema\":\"durchblick.snapshot/1\",\"url\":\"\xff\"}";
  json u = Analyze(invalid_utf8);
  CHECK(u["error"]["code"] == "invalid_utf8");
  CHECK(u["error"]["where"] == "byte 41");
  std::string huge(kMaxSnapshotBytes + 1, ' ');
  CHECK(ErrorCode(huge) == "too_large");
  CHECK(ErrorCode("") == "invalid_json");
}

TEST_CASE("a lone surrogate in page text does not spoil the snapshot", "[engine]") {
  json r = Analyze(R"({"schema":"durchblick.snapshot/1","url":"https://a.example/",
    "texts":[{"id":"t1","text":"\ud800 Only 2 left in stock \udc00"}],"controls":[]})");
  REQUIRE(!r.contains("error"));
  CHECK(r["findings"].size() == 1);
}

TEST_CASE("the same snapshot gives the same bytes", "[engine]") {
  std::string s = R"({"schema":"durchblick.snapshot/1","url":"https://a.example/","texts":[{"id":"t","text":"Almost gone!"}],"controls":[]})";
  CHECK(RealEngine().Analyze(s) == RealEngine().Analyze(s));
}

TEST_CASE("category caps bound the score and weights still add up", "[engine]") {
  std::string texts;
  for (int i = 0; i < 40; ++i) {
    texts += std::string(i ? "," : "") + "{\"id\":\"t" + std::to_string(i) +
             "\",\"text\":\"Only " + std::to_string(i + 1) + " left in stock\"}";
  }
  json r = Analyze(R"({"schema":"durchblick.snapshot/1","url":"https://a.example/","controls":[],"texts":[)" + texts + "]}");
  int sum = 0;
  for (const auto& f : r["findings"]) sum += f["weight"].get<int>();
  CHECK(sum == r["score"].get<int>());
  CHECK(r["score"].get<int>() <= 100);
  CHECK(r["points"]["dark_patterns"].get<int>() <= 40);
}

// A cut section is not silently lost: the report says what was left out, in
// the same order whichever way the snapshot was read.
TEST_CASE("a report names the sections cut at the item limit", "[engine]") {
  std::string texts = "[", requests = "[";
  for (size_t i = 0; i < kMaxSectionItems + 5; ++i) {
    texts += (i ? "," : "") + std::string(R"({"text":"Versand 4,90 €"})");
    requests += (i ? "," : "") + std::string(R"({"url":"https://shop.example/a.js"})");
  }
  texts += "]";
  requests += "]";
  // requests after texts in the snapshot; the warnings follow the sections' order.
  const std::string snapshot = R"({"schema":"durchblick.snapshot/1","url":"https://shop.example/","texts":)" + texts +
                               R"(,"requests":)" + requests + "}";
  const std::string n = std::to_string(kMaxSectionItems + 5), max = std::to_string(kMaxSectionItems);
  const json expected = {"requests: " + n + " items, only the first " + max + " were analysed (the snapshot limit)",
                         "texts: " + n + " items, only the first " + max + " were analysed (the snapshot limit)"};
  json r = Analyze(snapshot);
  CHECK(r["warnings"] == expected);
  std::string via_dom = snapshot;
  via_dom.insert(via_dom.size() - 1, R"(,"x-\u0064om":1)");  // an escaped key: the DOM reader
  CHECK(Analyze(via_dom)["warnings"] == expected);
  CHECK_FALSE(Analyze(R"({"schema":"durchblick.snapshot/1","url":"https://shop.example/","texts":[{"text":"x"}]})")
                  .contains("warnings"));
}

}  // namespace
}  // namespace durchblick
