// The retargeting rules are data with their own test cases: every endpoint
// matches its example URLs and none of its counterexamples, every vendor
// cites a source, every product-URL pattern extracts its examples' ids.
// Also the per-request classification (classify command) on hostile input.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "classify.h"
#include "rules.h"
#include "test_util.h"

namespace durchblick {
namespace {

using testing::RealEngine;

const RuleSet& Rules() { return RealEngine().rules(); }

const Endpoint* MatchUrl(const std::string& url) {
  RequestVerdict v;
  ClassifyRequest(RequestContext::ForPage("https://shop.example/"), url, "", Rules(), &v);
  return v.endpoint;
}

TEST_CASE("every retargeting endpoint matches its examples and no counterexample", "[retargeting][rules]") {
  const RetargetingRules& r = Rules().retargeting();
  REQUIRE(r.endpoints().size() >= 25);
  for (const auto& e : r.endpoints()) {
    INFO("endpoint " << e->id);
    CHECK(!e->examples.empty());
    CHECK(!e->counterexamples.empty());
    for (const std::string& url : e->examples) {
      INFO("example " << url);
      const Endpoint* hit = MatchUrl(url);
      REQUIRE(hit != nullptr);
      CHECK(hit->id == e->id);
    }
    for (const std::string& url : e->counterexamples) {
      INFO("counterexample " << url);
      const Endpoint* hit = MatchUrl(url);
      CHECK((hit == nullptr || hit->id != e->id));
    }
  }
}

TEST_CASE("the retargeting vendors of the issue are all there, each with a source", "[retargeting][rules]") {
  std::set<std::string> ids;
  for (const auto& v : Rules().retargeting().vendors()) {
    INFO("vendor " << v->id);
    CHECK(!v->sources.empty());
    ids.insert(v->id);
  }
  for (const char* id : {"criteo", "adroll", "rtb-house", "google-ads", "meta", "tiktok",
                         "microsoft-uet", "taboola", "outbrain", "amazon-ads", "snap"}) {
    INFO("vendor " << id);
    CHECK(ids.count(id) == 1);
  }
}

TEST_CASE("endpoint vendors are the companies third-party-web names for their hosts", "[retargeting][rules]") {
  const TrackerRules& t = Rules().trackers();
  for (const auto& e : Rules().retargeting().endpoints()) {
    for (const std::string& host : e->hosts) {
      const Entity* entity = t.EntityForHost(host);
      if (entity == nullptr) continue;  // then the vendor's company is shown
      INFO("endpoint " << e->id << " host " << host);
      CHECK(entity->company == e->vendor->company);
    }
  }
}

TEST_CASE("product-URL patterns extract their examples' ids and nothing from counterexamples", "[retargeting][rules]") {
  const RetargetingRules& r = Rules().retargeting();
  REQUIRE(r.product_patterns().size() >= 3);
  for (const ProductUrlPattern& p : r.product_patterns()) {
    INFO("pattern " << p.id);
    for (const auto& [url, id] : p.examples) {
      INFO("example " << url);
      std::string got;
      CHECK(RE2::PartialMatch(url, *p.re, &got));
      CHECK(got == id);
    }
    for (const std::string& url : p.counterexamples) {
      INFO("counterexample " << url);
      CHECK_FALSE(RE2::PartialMatch(url, *p.re));
    }
  }
  CHECK(r.IsHashedIdParam("ud[em]"));
  CHECK(r.IsHashedIdParam("EM"));
  CHECK(r.IsProductParam("cd[content_ids]"));
  CHECK_FALSE(r.IsHashedIdParam("url"));
}

TEST_CASE("classification says who, what and why", "[classify]") {
  RequestContext page = RequestContext::ForPage("https://www.theverge.com/");
  RequestVerdict v;
  ClassifyRequest(page, "https://www.facebook.com/tr/?id=1&ev=ViewContent", "image", Rules(), &v);
  REQUIRE(v.ok);
  CHECK(v.third_party);
  CHECK(v.Company() == "Facebook");
  CHECK(v.tracker);
  REQUIRE(v.endpoint != nullptr);
  CHECK(v.endpoint->id == "meta/pixel-product-event");
  CHECK(v.Retargeting());
  ClassifyRequest(page, "https://cdn.vox-cdn.com/app.js", "script", Rules(), &v);
  CHECK_FALSE(v.tracker);  // the publisher's own CDN: Vox Media, not a tracker category
  ClassifyRequest(RequestContext::ForPage("https://www.youtube.com/watch?v=1"),
                  "https://i.ytimg.com/vi/1/hq.jpg", "image", Rules(), &v);
  CHECK_FALSE(v.third_party);
  ClassifyRequest(page, "HTTPS://WWW.FACEBOOK.COM/tr?ev=PageView", "", Rules(), &v);
  CHECK(v.host == "www.facebook.com");
  CHECK(v.endpoint != nullptr);
  // Conversion and sync endpoints are classified but are not retargeting.
  ClassifyRequest(page, "https://cm.g.doubleclick.net/pixel?google_nid=x", "", Rules(), &v);
  REQUIRE(v.endpoint != nullptr);
  CHECK(v.endpoint->role == "sync");
  CHECK_FALSE(v.Retargeting());
}

TEST_CASE("hostile request URLs are classified or skipped with a reason", "[classify][hostile]") {
  const Engine& engine = RealEngine();
  std::string big = "https://ads.example/px?";
  while (big.size() < 100 * 1024) big += "id=abcdef0123456789&";
  std::string input = std::string("data:image/gif;base64,R0lGODlh\n") +
                      "blob:https://shop.example/550e8400-e29b-41d4-a716-446655440000\n" +
                      "not a url\n" + "http://[::1/x\n" + "https://xn--bcher-kva.de/p/1\timage\n" +
                      "https://www.bücher.de/p/1\n" + "http://192.168.1.1/track.gif\n" +
                      "http://[2001:db8::1]/x\n" + big + "\n" + "\n" +
                      "https://securepubads.g.doubleclick.net/gampad/ads?x=1\tscript\n";
  std::string tsv = engine.ClassifyRequests("https://shop.example/", input);
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < tsv.size()) {
    size_t nl = tsv.find('\n', start);
    lines.push_back(tsv.substr(start, nl - start));
    start = nl + 1;
  }
  REQUIRE(lines.size() == 11);  // header + 10 non-blank input lines
  CHECK(lines[0] == "url\thost\tcompany\tcategory\ttracker\tretargeting\treason");
  for (size_t i = 1; i < lines.size(); ++i) {
    INFO("line " << i << ": " << lines[i].substr(0, 200));
    size_t tabs = 0;
    for (char c : lines[i]) tabs += c == '\t';
    CHECK(tabs == 6);
    CHECK((lines[i].find("skipped: ") != std::string::npos || lines[i].find("third party") != std::string::npos));
  }
  auto reason = [&](size_t i) { return lines[i].substr(lines[i].rfind('\t') + 1); };
  CHECK(reason(1) == "skipped: data: URL (content inline, no server)");
  CHECK(reason(2) == "skipped: blob: URL (object inside the page, no server)");
  CHECK(reason(3) == "skipped: relative URL (no scheme)");
  CHECK(reason(4) == "skipped: unclosed IPv6 host");
  CHECK(lines[5].find("\txn--bcher-kva.de\t") != std::string::npos);
  CHECK(lines[6].find("\twww.bücher.de\t") != std::string::npos);
  CHECK(reason(7).find("IP address host") != std::string::npos);
  CHECK(reason(8).find("IP address host") != std::string::npos);
  CHECK(lines[9].size() > 100 * 1024);
  CHECK(lines[9].find("\tads.example\t") != std::string::npos);
  CHECK(lines[10].find("\tGoogle\tadvertising\tyes\t") != std::string::npos);
}

}  // namespace
}  // namespace durchblick

namespace durchblick {
namespace {

// The per-page host memo must not change a verdict: one context reused over
// many requests (hits, a host whose path decides the endpoint, more hosts
// than the memo keeps) says what a fresh context says for each request.
TEST_CASE("a reused page context gives a fresh context's verdicts", "[classify]") {
  std::vector<std::string> urls = {
      "https://www.facebook.com/tr/?id=1&ev=ViewContent",
      "https://www.facebook.com/tr/?id=1&ev=PageView",
      "https://www.facebook.com/about",
      "https://WWW.Facebook.com/tr/?id=1&ev=ViewContent",
      "https://cdn.vox-cdn.com/app.js",
      "https://www.theverge.com/x.js",
      "https://stats.g.doubleclick.net/j/collect?v=1",
  };
  for (int i = 0; i < 600; ++i) urls.push_back("https://h" + std::to_string(i) + ".example.net/a.js");
  urls.push_back("https://www.facebook.com/tr/?id=1&ev=ViewContent");
  urls.push_back("https://h599.example.net/a.js");
  RequestContext shared = RequestContext::ForPage("https://www.theverge.com/");
  for (int pass = 0; pass < 2; ++pass) {
    for (const std::string& url : urls) {
      RequestVerdict a, b;
      ClassifyRequest(shared, url, "script", Rules(), &a);
      ClassifyRequest(RequestContext::ForPage("https://www.theverge.com/"), url, "script", Rules(), &b);
      INFO(url);
      CHECK(DescribeVerdict(a) == DescribeVerdict(b));
      CHECK(a.host == b.host);
      CHECK(a.tracker == b.tracker);
      CHECK(a.endpoint == b.endpoint);
    }
  }
}

}  // namespace
}  // namespace durchblick
