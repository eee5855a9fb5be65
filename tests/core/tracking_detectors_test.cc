// The tracking detectors on literal snapshots: each signal, its negative,
// and the same behaviour from a company no list knows ("unlisted company").
#include <catch2/catch.hpp>

#include <set>

#include <nlohmann/json.hpp>

#include "request_values.h"
#include "test_util.h"

namespace durchblick {
namespace {

using nlohmann::json;
using testing::RealEngine;

json Analyze(const json& snapshot) { return json::parse(RealEngine().Analyze(snapshot.dump())); }

json Snap(const std::string& url, const std::vector<json>& requests) {
  return {{"schema", "durchblick.snapshot/1"}, {"url", url}, {"requests", json(requests)}};
}

json Req(const std::string& url, const std::string& type = "image") {
  return {{"url", url}, {"type", type}};
}

std::vector<json> Of(const json& report, const std::string& type) {
  std::vector<json> out;
  for (const auto& f : report["findings"]) {
    if (f["type"] == type) out.push_back(f);
  }
  return out;
}

json Tracker(const json& report, const std::string& company) {
  for (const auto& t : report["trackers"]) {
    if (t["company"] == company) return t;
  }
  return json();
}

const std::string kHash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

TEST_CASE("retargeting endpoints are reported with the rule and marked in trackers[]", "[tracking][retargeting]") {
  json r = Analyze(Snap("https://shop.example/", {Req("https://www.facebook.com/tr?id=1&ev=PageView"),
                                                  Req("https://bat.bing.com/action/0?ti=1&evt=pageLoad")}));
  auto f = Of(r, "tracking/retargeting");
  REQUIRE(f.size() == 2);
  std::set<std::string> rules = {f[0]["ruleId"], f[1]["ruleId"]};
  CHECK(rules == std::set<std::string>{"meta/pixel", "microsoft-uet/action"});
  CHECK(Tracker(r, "Facebook")["retargeting"] == true);
  // Negatives: a Like button, a conversion tag and a sync pixel are not retargeting.
  json n = Analyze(Snap("https://shop.example/", {Req("https://www.facebook.com/plugins/like.php?href=x"),
                                                  Req("https://www.googleadservices.com/pagead/conversion/1/"),
                                                  Req("https://cm.g.doubleclick.net/pixel?google_nid=x")}));
  CHECK(Of(n, "tracking/retargeting").empty());
  // First party: the page's own /tr path is nobody's pixel.
  json own = Analyze(Snap("https://www.facebook.com/shop", {Req("https://www.facebook.com/tr?id=1&ev=PageView")}));
  CHECK(Of(own, "tracking/retargeting").empty());
}

TEST_CASE("the page's product id sent to an ad company is product retargeting", "[tracking][retargeting]") {
  json s = Snap("https://shop.example/produkt/laufschuh-SKU-98765",
                {Req("https://sslwidget.criteo.com/event?a=1&p1=e%3Dvp%26p%3DSKU-98765"),
                 Req("https://px.unlisted-ads.example/collect?item=SKU-98765&u=1"),
                 Req("https://cdn.shop.example/img/SKU-98765.jpg"),
                 Req("https://fonts.googleapis.com/css?family=SKU-98765", "stylesheet")});
  json r = Analyze(s);
  auto f = Of(r, "tracking/product_retargeting");
  REQUIRE(f.size() == 2);
  std::set<std::string> companies;
  for (const auto& x : f) companies.insert(x["title"]["en"].get<std::string>().substr(0, 20));
  CHECK(companies.count("Criteo is told which") == 1);
  const json* unlisted = nullptr;
  for (const auto& x : f) {
    if (x["ruleId"] == "product-id/unlisted") unlisted = &x;
  }
  REQUIRE(unlisted != nullptr);
  CHECK((*unlisted)["evidence"][0]["note"].get<std::string>().find("unlisted company") != std::string::npos);
  CHECK((*unlisted)["evidence"][0]["text"] == "SKU-98765");
  json t = Tracker(r, "unlisted-ads.example");
  CHECK(t["listed"] == false);
  CHECK(t["retargeting"] == true);
  // Gathered productIds (JSON-LD sku) count as well; a vendor's product parameter too.
  json s2 = Snap("https://shop.example/", {Req("https://www.facebook.com/tr?id=1&ev=ViewContent&cd[content_ids]=%5B%22B-77%22%5D")});
  s2["productIds"] = json::array({"4711-XL"});
  json r2 = Analyze(s2);
  REQUIRE(Of(r2, "tracking/product_retargeting").size() == 1);
  CHECK(Of(r2, "tracking/product_retargeting")[0]["evidence"][0]["note"].get<std::string>().find("product parameter") != std::string::npos);
  // Negative: no product page, no product parameter.
  json n = Analyze(Snap("https://news.example/", {Req("https://px.unlisted-ads.example/collect?item=HOME&u=1")}));
  CHECK(Of(n, "tracking/product_retargeting").empty());
}

TEST_CASE("a product viewed on another site in this page's ad request: this ad follows you", "[tracking][retargeting]") {
  json s = Snap("https://news.example/article", {Req("https://ads.unlisted-retarget.example/serve?rt=SKU-4711&slot=1")});
  s["history"] = json::array({{{"kind", "product_view"}, {"key", "SKU-4711"}, {"url", "https://shop.example/p/SKU-4711"}, {"seenAtMs", 1700000000000}}});
  json r = Analyze(s);
  auto f = Of(r, "tracking/retargeted_ad");
  REQUIRE(f.size() == 1);
  CHECK(f[0]["title"]["en"] == "This ad follows you: SKU-4711 from shop.example");
  CHECK(f[0]["evidence"][0]["requestUrl"] == "https://ads.unlisted-retarget.example/serve?rt=SKU-4711&slot=1");
  // Negatives: the product was seen on this same site; or the request does not carry it.
  json same = s;
  same["history"][0]["url"] = "https://news.example/shop/SKU-4711";
  CHECK(Of(Analyze(same), "tracking/retargeted_ad").empty());
  json other = s;
  other["history"][0]["key"] = "SKU-9999";
  CHECK(Of(Analyze(other), "tracking/retargeted_ad").empty());
}

TEST_CASE("an identifier passed from one ad company to another is cookie syncing", "[tracking][sync]") {
  json s = Snap("https://news.example/", {Req("https://sync.ads-one.example/match?partner=two&uid=Xk29fQz81LmP"),
                                         Req("https://px.ads-two.example/pixel?puid=Xk29fQz81LmP&r=1")});
  json r = Analyze(s);
  auto f = Of(r, "tracking/cookie_sync");
  REQUIRE(f.size() == 1);
  CHECK(f[0]["title"]["en"] == "Identifier synced: ads-one.example → ads-two.example");
  CHECK(f[0]["ruleId"] == "id-sync/shared-value");
  CHECK(f[0]["evidence"][0]["note"].get<std::string>().find("unlisted company") != std::string::npos);
  // A cookie one company set, then sent to another (inside a redirect URL).
  json c = Snap("https://news.example/", {Req("https://match.adsrvr.org/track/cmb/casale?cm_dsp_id=39&cm_callback_url=https%3A%2F%2Fdsum.example%2Fcrum%3Fuid%3DVokftrlQJkMAAG0bCJIAAAIF")});
  c["cookies"] = json::array({{{"name", "CMID"}, {"value", "VokftrlQJkMAAG0bCJIAAAIF"}, {"domain", ".casalemedia.com"}}});
  auto fc = Of(Analyze(c), "tracking/cookie_sync");
  REQUIRE(fc.size() == 1);
  CHECK(fc[0]["ruleId"] == "id-sync/cookie");
  CHECK(fc[0]["title"]["en"].get<std::string>().find("→ The Trade Desk") != std::string::npos);
  // Negatives: one company only; low-entropy or timestamp values; the page URL's own value.
  CHECK(Of(Analyze(Snap("https://news.example/", {Req("https://a.ads-one.example/x?uid=Xk29fQz81LmP"),
                                                 Req("https://b.ads-one.example/y?uid=Xk29fQz81LmP")})),
           "tracking/cookie_sync").empty());
  CHECK(Of(Analyze(Snap("https://news.example/", {Req("https://ads-one.example/x?t=1700000000123&v=00000001"),
                                                 Req("https://ads-two.example/y?t=1700000000123&v=00000001")})),
           "tracking/cookie_sync").empty());
  CHECK(Of(Analyze(Snap("https://news.example/?ref=Xk29fQz81LmP", {Req("https://ads-one.example/x?u=Xk29fQz81LmP"),
                                                                  Req("https://ads-two.example/y?u=Xk29fQz81LmP")})),
           "tracking/cookie_sync").empty());
}

TEST_CASE("first-party cookie values and hashed e-mails sent to third parties are identifier leaks", "[tracking][leak]") {
  json s = Snap("https://shop.example/", {Req("https://www.google-analytics.com/collect?v=1&cid=1234567.8901234"),
                                         Req("https://t.unlisted-metrics.example/p?vid=a8Fk20Lq9Zx3"),
                                         Req("https://shop.example/api?vid=a8Fk20Lq9Zx3")});
  s["cookies"] = {{{"name", "_ga"}, {"value", "GA1.2.1234567.8901234"}, {"domain", ".shop.example"}},
                  {{"name", "visitor"}, {"value", "a8Fk20Lq9Zx3"}, {"domain", "shop.example"}},
                  {{"name", "lang"}, {"value", "de"}, {"domain", "shop.example"}}};
  json r = Analyze(s);
  auto f = Of(r, "tracking/identifier_leak");
  REQUIRE(f.size() == 2);
  std::set<std::string> titles = {f[0]["title"]["en"], f[1]["title"]["en"]};
  CHECK(titles.count("This site's identifier for you goes to Google") == 1);
  CHECK(titles.count("This site's identifier for you goes to unlisted-metrics.example") == 1);
  for (const auto& x : f) {
    if (x["title"]["en"].get<std::string>().find("Google") != std::string::npos) {
      CHECK(x["evidence"][0]["cookieName"] == "_ga");
      CHECK(x["evidence"][0]["text"] == "1234567.8901234");
    }
  }
  // Hashed e-mail in a known parameter, to a listed and to an unlisted company; body too.
  json h = Snap("https://shop.example/", {Req("https://www.facebook.com/tr?id=1&ev=PageView&ud[em]=" + kHash),
                                         Req("https://collect.unlisted-id.example/e?hem=" + kHash)});
  json post = {{"url", "https://analytics.tiktok.com/api/v2/pixel"}, {"type", "xmlhttprequest"}, {"method", "POST"},
               {"postData", json({{"event", "ViewContent"}, {"context", {{"user", {{"email", kHash}}}}}}).dump()}};
  h["requests"].push_back(post);
  auto fh = Of(Analyze(h), "tracking/hashed_pii");
  REQUIRE(fh.size() == 3);
  // Negatives: a hash in a parameter not known to carry e-mails; a short value; the page's own server.
  json n = Snap("https://shop.example/", {Req("https://cdn.example-cdn.net/app.js?v=" + kHash),
                                         Req("https://www.facebook.com/tr?id=1&ud[em]=abc"),
                                         Req("https://shop.example/track?em=" + kHash)});
  n["cookies"] = json::array({{{"name", "lang"}, {"value", "de"}, {"domain", "shop.example"}}});
  json rn = Analyze(n);
  CHECK(Of(rn, "tracking/hashed_pii").empty());
  CHECK(Of(rn, "tracking/identifier_leak").empty());
}

TEST_CASE("session recorders and consent managers are listed in trackers[]", "[tracking]") {
  json r = Analyze(Snap("https://shop.example/", {Req("https://script.hotjar.com/modules.js", "script"),
                                                  Req("https://cdn.cookielaw.org/scripttemplates/otSDKStub.js", "script")}));
  CHECK(Tracker(r, "Hotjar")["category"] == "session_recording");
  CHECK(Of(r, "tracking/session_recording").size() == 1);
  bool consent = false;
  for (const auto& t : r["trackers"]) consent |= t["category"] == "consent";
  CHECK(consent);
}

TEST_CASE("request values are decoded and nested; ids need entropy", "[tracking]") {
  Request req;
  req.url = "https://a.example/s/RX-bbf09a74/x?redir=https%3A%2F%2Fb.example%2Fs%3Fuid%3DAbC123xyz89;k=v";
  auto values = RequestValues(req);
  bool nested = false, path = false;
  for (const auto& v : values) {
    nested |= v.name == "uid" && v.value == "AbC123xyz89";
    path |= v.name.empty() && v.value == "RX-bbf09a74";
  }
  CHECK(nested);
  CHECK(path);
  CHECK(IdLike("AbC123xyz89", 8, 33));
  CHECK_FALSE(IdLike("PixelInitialized", 8, 33));  // no digit
  CHECK_FALSE(IdLike("1700000000", 8, 33));        // a timestamp
  CHECK_FALSE(IdLike("00000001", 8, 33));          // low entropy
  CHECK(IsSha256Hex(kHash));
  CHECK_FALSE(IsSha256Hex(kHash.substr(1)));
  CHECK(ContainsToken("[\"4711\"]", "4711"));
  CHECK_FALSE(ContainsToken("47110", "4711"));
}

}  // namespace
}  // namespace durchblick
