// Hostile page text for the dark-pattern detectors: invalid UTF-8, 10 MB of
// text and strings built to make matchers backtrack. RE2 and the price and
// clock scanners are linear by construction (no backtracking, no nested
// scans); these tests show the inputs are analysed without error and still
// give the right findings. bench/text.mjs prints the time, 2 MB vs 10 MB.
#include <catch2/catch.hpp>

#include <set>

#include <nlohmann/json.hpp>

#include "countdown.h"
#include "detectors/detector.h"
#include "price.h"
#include "rules.h"
#include "test_util.h"

namespace durchblick {
namespace {

using nlohmann::json;
using testing::RealEngine;

std::set<std::string> Types(const std::string& report_json) {
  json r = json::parse(report_json);
  REQUIRE_FALSE(r.contains("error"));
  std::set<std::string> out;
  for (const auto& f : r["findings"]) out.insert(f["type"].get<std::string>());
  return out;
}

std::string SnapshotWithTexts(const std::vector<std::string>& texts) {
  // Built by hand: nlohmann refuses invalid UTF-8, a page does not.
  std::string s = R"({"schema":"durchblick.snapshot/1","url":"https://shop.example/","lang":"de","controls":[],"texts":[)";
  for (size_t i = 0; i < texts.size(); ++i) {
    if (i) s += ',';
    s += R"({"id":"t)" + std::to_string(i) + R"(","text":")" + texts[i] + "\"}";
  }
  return s + "]}";
}

TEST_CASE("invalid UTF-8 in page text is analysed, not rejected", "[limits]") {
  std::string bad = "\xff\xfe Nur noch 2 St\xc3\xbc" "ck auf Lager \xc3 \xed\xa0\x80 \xf4\x90\x80\x80 Ende";
  // Every detector takes any bytes in a parsed snapshot.
  Snapshot s;
  s.url = "https://shop.example/";
  s.lang = "de";
  s.has_texts = s.has_controls = s.has_timers = s.has_history = true;
  s.texts = {{"t0", bad}, {"t1", "129,99 \xe2\x82\xff"}, {"t2", "Servicegeb\xc3\xbchr 4,50 \xe2\x82\xac\xff"},
             {"t3", "\x80\x80\x80 49,99 \xe2\x82\xac"}};
  s.texts[1].strike = true;
  s.texts[3].role = "price";
  s.texts[3].samples = {"\xff 04:59", "\xc3 04:58"};
  s.controls = {{"c0", "checkbox", "Versicherung \xff 9,99 \xe2\x82\xac", true}};
  s.timers = {{"tm", "t3", {"\xff" "04:59", "04:58\xc3"}, 1000, 0}};
  s.history = {{"price", "https://shop.example/", "\xff 39,99 \xe2\x82\xac \xc3", "", 1}};
  std::set<std::string> types;
  for (const Detector* d : AllDetectors()) {
    DetectorOutput out;
    d->detect(s, RealEngine().rules(), &out);
    for (const Finding& f : out.findings) types.insert(f.type);
  }
  CHECK(types.count("scarcity/low_stock") == 1);
  CHECK(types.count("sneaking/hidden_costs") == 1);
  CHECK(types.count("sneaking/sneak_into_basket") == 1);
  CHECK(types.count("urgency/countdown_timer") == 1);
  CHECK(types.count("pricing/price_increase_on_revisit") == 1);
  // As snapshot JSON, invalid bytes are a clean error report naming the byte;
  // lone surrogates (what JSON.stringify writes for broken page text) are repaired.
  json r = json::parse(RealEngine().Analyze(SnapshotWithTexts({bad})));
  CHECK(r["error"]["code"] == "invalid_utf8");
  CHECK(r["error"]["where"] == "byte 118");
  std::string report = RealEngine().Analyze(SnapshotWithTexts({"\\ud800 Nur noch 2 St\\u00fcck auf Lager \\udfff"}));
  CHECK(Types(report).count("scarcity/low_stock") == 1);
}

TEST_CASE("10 MB of page text, in one block and in many", "[limits]") {
  std::string filler;
  const std::string para = "Versandkostenfrei ab 50 \xe2\x82\xac. Lieferung in 2\xe2\x80\x93" "4 Werktagen. Lagerbestand: 48 St\xc3\xbc" "ck. ";
  while (filler.size() < 10u << 20) filler += para;
  SECTION("one block with the pattern at the very end") {
    std::string report = RealEngine().Analyze(SnapshotWithTexts({filler + "Nur noch 1 Exemplar verf\xc3\xbc" "gbar"}));
    CHECK(Types(report).count("scarcity/low_stock") == 1);
  }
  SECTION("10,000 blocks of 1 KB") {
    std::string block;
    while (block.size() < 1000) block += para;
    std::vector<std::string> blocks(10000, block);
    blocks.push_back("12 Personen sehen sich diesen Artikel gerade an");
    std::string report = RealEngine().Analyze(SnapshotWithTexts(blocks));
    CHECK(Types(report) == std::set<std::string>{"social_proof/activity_notification"});
  }
}

TEST_CASE("pathological strings", "[limits]") {
  auto rep = [](const std::string& unit, size_t times) {
    std::string s;
    s.reserve(unit.size() * times);
    for (size_t i = 0; i < times; ++i) s += unit;
    return s;
  };
  const RuleSet& rules = RealEngine().rules();
  // Near misses for every kind of rule, a megabyte each.
  const std::vector<std::string> hostile = {
      rep("0:", 500000),           rep("1,", 500000),          rep("9", 1000000),
      rep("nur noch ", 100000),    rep("only ", 200000),       rep("No thanks, ", 100000),
      rep("(((( ", 200000),        rep("\xe2\x82\xac", 300000), rep("1 ", 500000),
      rep("someone in ", 90000),   rep("\xe2\x80\x9e", 300000) + "\xe2\x80\x9c",  // an opening quote, no closing one
      rep("12:34:56 ", 100000),    rep("-60 % ", 150000),      rep("statt ", 150000),
  };
  for (const std::string& h : hostile) {
    INFO("pattern starting " << h.substr(0, 24));
    std::string report = RealEngine().Analyze(SnapshotWithTexts({h, "Nur noch 2 St\xc3\xbc" "ck"}));
    CHECK(Types(report).count("scarcity/low_stock") == 1);
    (void)rules.prices().Find(h);
    (void)RemainingSeconds(h);
  }
  // A clock with 64 samples of a megabyte each.
  json s = {{"schema", "durchblick.snapshot/1"}, {"url", "https://x.example/"}, {"texts", json::array()}, {"controls", json::array()}};
  std::vector<std::string> samples(64, rep("59:", 300000));
  s["timers"] = {{{"id", "tm"}, {"samples", samples}}};
  CHECK_FALSE(json::parse(RealEngine().Analyze(s.dump())).contains("error"));
}

}  // namespace
}  // namespace durchblick
