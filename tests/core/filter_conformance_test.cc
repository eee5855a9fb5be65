// The peer's conformance check (brave/adblock-rust tests/matching.rs) on
// ../shared/eval/requests-dev.json: for every request and every filter
// listed for it, an engine holding only that filter blocks the request, or
// for an @@ filter excepts it. URLs that are just "http://" or "https://"
// are skipped, as there. Third-party-ness comes from the Public Suffix List
// of the real rules bundle; a page URL without a host means "unknown page".
#include <catch2/catch.hpp>

#include <iostream>

#include <nlohmann/json.hpp>

#include "filters/filters.h"
#include "rules.h"
#include "test_util.h"
#include "url.h"

namespace durchblick {
namespace {

TEST_CASE("every listed filter alone matches its request (requests-dev.json)", "[filters]") {
  std::string data = testing::ReadFile(DURCHBLICK_CONFORMANCE_REQUESTS);
  REQUIRE(!data.empty());
  nlohmann::json requests = nlohmann::json::parse(data);
  REQUIRE(requests.size() > 4000);
  const PublicSuffixList& psl = testing::RealEngine().rules().trackers().psl();
  REQUIRE(psl.size() > 1000);
  size_t checked = 0, failed = 0;
  for (const auto& req : requests) {
    std::string url = req["url"], source = req["sourceUrl"], type = req["type"];
    if (url == "http://" || url == "https://") continue;
    Url page = ParseUrl(source);
    std::string page_host = page.ok ? page.host : "";
    for (const auto& filter_json : req["filters"]) {
      std::string filter = filter_json;
      FilterSet set;
      set.AddList("conformance", filter);
      set.Build();
      bool exception = filter.rfind("@@", 0) == 0;
      FilterMatch m =
          set.MatchAll(FilterRequest::FromUrls(url, page_host, FilterTypeFromName(type), psl));
      bool ok = set.size() == 1 && (exception ? m.exception == 0 && !m.blocked() : m.blocked());
      if (!ok && ++failed <= 20) {
        std::string why = set.size() == 1 ? "no match" : set.stats().skipped.begin()->first;
        UNSCOPED_INFO(filter << " vs " << url << " at " << source << " typed " << type << ": "
                             << why);
      }
      checked++;
    }
  }
  std::cout << "filter conformance: " << checked << " (request, filter) pairs checked, " << failed
            << " failed\n";
  CHECK(failed == 0);
  CHECK(checked > 4500);
}

}  // namespace
}  // namespace durchblick
