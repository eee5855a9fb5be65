// The compact compiled form of filter lists (FilterSet::CompiledTables,
// LoadCompiled; the rules build ships the built-in lists in it): it gives
// exactly the verdicts of the text it was compiled from, and a damaged
// table is rejected, never read out of bounds.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "filters/filter_rules.h"
#include "filters/filters.h"
#include "rules.h"
#include "test_util.h"
#include "url.h"

namespace durchblick {
namespace {

constexpr const char* kList =
    "||ads.example.com^\n"
    "||tracker.example^$third-party,image\n"
    "/pixel.gif?uid=*&ref=$image,domain=shop.example|~blog.shop.example\n"
    "@@||ads.example.com/allowed/\n"
    "||cdn.example^$important,script\n"
    "|https://cdn.example/lib.js|\n"
    "/\\/banner[0-9]+\\.png$/\n"
    "tinytrack.com$image\n"
    "||dup.example^\n"
    "||dup.example^$badfilter\n"
    "example.org##.ad\n";

struct Probe {
  const char* url;
  const char* page_host;
  uint32_t type;
};

constexpr Probe kProbes[] = {
    {"https://ads.example.com/x.js", "news.example", kTypeScript},
    {"https://ads.example.com/allowed/x.js", "news.example", kTypeScript},
    {"https://img.tracker.example/p.png", "news.example", kTypeImage},
    {"https://img.tracker.example/p.png", "tracker.example", kTypeImage},
    {"https://x.example/pixel.gif?uid=1&ref=2", "shop.example", kTypeImage},
    {"https://x.example/pixel.gif?uid=1&ref=2", "blog.shop.example", kTypeImage},
    {"https://cdn.example/lib.js", "news.example", kTypeScript},
    {"https://cdn.example/lib.js", "news.example", kTypeImage},
    {"https://static.example/banner12.png", "", kTypeImage},
    {"https://mail.tinytrack.com/o.gif", "news.example", kTypeImage},
    {"https://dup.example/", "news.example", kTypeScript},
    {"https://unrelated.example/", "news.example", kTypeScript},
};

FilterSet Compiled(const FilterSet& from) {
  FilterSet copy;
  std::string error;
  REQUIRE(copy.LoadCompiled(from.arena(), from.CompiledTables(), &error));
  CHECK(error.empty());
  return copy;
}

TEST_CASE("a compiled set matches as the set it was compiled from", "[filters]") {
  FilterSet text;
  text.AddList("test", kList);
  text.Build();
  FilterSet copy = Compiled(text);
  REQUIRE(copy.size() == text.size());
  CHECK(copy.stats().lines == text.stats().lines);
  CHECK(copy.stats().filters == text.stats().filters);
  CHECK(copy.stats().exceptions == text.stats().exceptions);
  CHECK(copy.stats().badfiltered == 1);
  CHECK(copy.stats().skipped == text.stats().skipped);
  CHECK(copy.ListName(0) == "test");
  const PublicSuffixList& psl = testing::RealEngine().rules().trackers().psl();
  for (const Probe& p : kProbes) {
    FilterRequest r = FilterRequest::FromUrls(p.url, p.page_host, p.type, psl);
    if (*p.page_host == '\0') r.party = Party::kUnknown;
    FilterMatch a = text.MatchAll(r), b = copy.MatchAll(r);
    INFO(p.url << " on " << p.page_host);
    CHECK(a.filter == b.filter);
    CHECK(a.exception == b.exception);
    CHECK(copy.Text(b.filter) == text.Text(a.filter));
    CHECK(copy.MatchEvery(r) == text.MatchEvery(r));
  }
  // The same lists give the same bytes.
  CHECK(copy.CompiledTables() == text.CompiledTables());
}

TEST_CASE("damaged compiled tables are rejected", "[filters]") {
  FilterSet text;
  text.AddList("test", kList);
  text.Build();
  const std::string tables = text.CompiledTables();
  std::string error;
  FilterSet set;
  // Every truncation fails cleanly.
  for (size_t n = 0; n < tables.size(); ++n) {
    INFO("truncated to " << n << " bytes");
    CHECK_FALSE(set.LoadCompiled(text.arena(), tables.substr(0, n), &error));
    CHECK(set.size() == 0);
  }
  CHECK_FALSE(set.LoadCompiled(text.arena(), "XXXX" + tables.substr(4), &error));
  CHECK(error.find("not a compiled filter table") != std::string::npos);
  std::string other_format = tables;
  other_format[4] = 9;
  CHECK_FALSE(set.LoadCompiled(text.arena(), other_format, &error));
  CHECK(error.find("format version") != std::string::npos);
  CHECK_FALSE(set.LoadCompiled(text.arena().substr(1), tables, &error));
  CHECK(error.find("arena") != std::string::npos);
  CHECK_FALSE(set.LoadCompiled(text.arena(), tables + "x", &error));
  // Flipping any byte never reads out of bounds (it may still load).
  for (size_t i = 5; i < tables.size(); ++i) {
    std::string damaged = tables;
    damaged[i] = static_cast<char>(damaged[i] ^ 0xff);
    FilterSet s;
    if (s.LoadCompiled(text.arena(), damaged, &error)) {
      FilterRequest r = FilterRequest::Make("https://ads.example.com/x.js", "", kTypeScript,
                                            Party::kUnknown);
      (void)s.MatchAll(r);
      (void)s.MatchEvery(r);
    }
  }
}

TEST_CASE("the bundle's compiled lists give the verdicts of their text", "[filters]") {
  // rules.source.json carries the lists as text, rules.bundle.json compiled.
  Engine text(testing::ReadFile(DURCHBLICK_RULES_SOURCE));
  const Engine& compiled = testing::RealEngine();
  REQUIRE(text.ok());
  nlohmann::json source = nlohmann::json::parse(testing::ReadFile(DURCHBLICK_RULES_SOURCE));
  nlohmann::json bundle = nlohmann::json::parse(testing::ReadFile(DURCHBLICK_RULES_BUNDLE));
  REQUIRE(source["filters"]["lists"][0].contains("text"));
  REQUIRE(bundle["filters"].contains("compiled"));
  REQUIRE_FALSE(bundle["filters"]["lists"][0].contains("text"));
  const FilterSet& a = text.rules().filters().set();
  const FilterSet& b = compiled.rules().filters().set();
  REQUIRE(a.size() > 100000);
  CHECK(a.size() == b.size());
  CHECK(a.stats().skipped == b.stats().skipped);
  CHECK(a.CompiledTables() == b.CompiledTables());
  // Verdicts and reasons on a sample of request shapes.
  std::string requests =
      "https://www.google-analytics.com/analytics.js\tscript\n"
      "https://www.googletagmanager.com/gtm.js?id=GTM-X\tscript\n"
      "https://connect.facebook.net/en_US/fbevents.js\tscript\n"
      "https://www.facebook.com/tr/?id=1&ev=PageView\timage\n"
      "https://stats.g.doubleclick.net/j/collect?v=1\txmlhttprequest\n"
      "https://bat.bing.com/action/0?ti=1\timage\n"
      "https://cdn.example.com/app.js\tscript\n"
      "https://shop.example.com/api/track?event=view\txmlhttprequest\n";
  CHECK(text.ClassifyRequests("https://shop.example.com/p/1", requests, true) ==
        compiled.ClassifyRequests("https://shop.example.com/p/1", requests, true));
}

TEST_CASE("a malformed compiled section rejects the bundle", "[filters]") {
  FilterRules rules;
  std::string error;
  nlohmann::json section = {{"lists", {{{"id", "x"}}}},
                            {"compiled", {{"format", 1}, {"arena", ""}, {"tables", "!!"}}}};
  CHECK_FALSE(rules.Load(section, &error));
  CHECK(error.find("base64") != std::string::npos);
  section["compiled"]["format"] = 2;
  CHECK_FALSE(rules.Load(section, &error));
  CHECK(error.find("format") != std::string::npos);
}

}  // namespace
}  // namespace durchblick
