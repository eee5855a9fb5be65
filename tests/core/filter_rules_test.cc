// The filter lists of the shipped rules bundle: they load, say where they
// come from, and classify well-known tracking requests (and leave ordinary
// first-party ones alone).
#include <catch2/catch.hpp>

#include "rules.h"
#include "test_util.h"

namespace durchblick {
namespace {

TEST_CASE("the bundle's tracking list loads with its provenance", "[filters]") {
  const FilterRules& f = testing::RealEngine().rules().filters();
  REQUIRE(!f.lists().empty());
  const FilterListInfo& list = f.lists()[0];
  CHECK(list.id == "adguard-tracking-protection");
  CHECK(list.kind == "tracking");
  CHECK(!list.version.empty());
  CHECK(list.source.find("@adguard/dnr-rulesets@") == 0);
  CHECK(f.set().size() > 100000);
  // Whatever the parser could not use is counted, by reason.
  size_t skipped = 0;
  for (const auto& [reason, n] : f.set().stats().skipped) skipped += n;
  CHECK(f.set().stats().lines == f.set().size() + f.set().stats().badfiltered + skipped);
}

TEST_CASE("the bundle's lists classify tracking requests", "[filters]") {
  const Engine& e = testing::RealEngine();
  const FilterRules& f = e.rules().filters();
  const PublicSuffixList& psl = e.rules().trackers().psl();
  FilterVerdict v = f.Classify("https://www.google-analytics.com/analytics.js",
                               "shop.example", "script", psl);
  CHECK(v.blocked);
  CHECK(!v.filter.empty());
  REQUIRE(v.list != nullptr);
  CHECK(v.list->kind == "tracking");
  v = f.Classify("https://connect.facebook.net/en_US/fbevents.js", "shop.example",
                 "script", psl);
  CHECK(v.blocked);
  v = f.Classify("https://shop.example/assets/app.js", "shop.example", "script", psl);
  CHECK(!v.blocked);
}

TEST_CASE("researchers' lists replace the built-in ones", "[filters]") {
  Engine e(testing::ReadFile(DURCHBLICK_RULES_BUNDLE));
  REQUIRE(e.ok());
  e.UseFilterLists({{"mine.txt", "||only-this.example^\n"}});
  const FilterRules& f = e.rules().filters();
  REQUIRE(f.lists().size() == 1);
  CHECK(f.lists()[0].id == "mine.txt");
  const PublicSuffixList& psl = e.rules().trackers().psl();
  CHECK(f.Classify("https://only-this.example/x", "a.example", "image", psl).blocked);
  CHECK(!f.Classify("https://www.google-analytics.com/analytics.js", "a.example",
                    "script", psl).blocked);
}

}  // namespace
}  // namespace durchblick
