// URL splitting, the Public Suffix List and same-party decisions, including
// hostile input: every URL is either split or refused with a reason, in
// linear time, without crashing.
#include <catch2/catch.hpp>

#include <string>

#include "rules.h"
#include "test_util.h"
#include "url.h"

namespace durchblick {
namespace {

using testing::RealEngine;

const PublicSuffixList& Psl() { return RealEngine().rules().trackers().psl(); }
const TrackerRules& Trackers() { return RealEngine().rules().trackers(); }

TEST_CASE("URLs are split into scheme, host, path and query", "[url]") {
  Url u = ParseUrl("HTTPS://user:pw@Shop.Example.CO.UK:8443/p/1?sku=9&x=%41#frag");
  REQUIRE(u.ok);
  CHECK(u.scheme == "https");
  CHECK(u.host == "shop.example.co.uk");
  CHECK(u.path == "/p/1");
  CHECK(u.query == "sku=9&x=%41");
  CHECK(ParseUrl("http://example.com").path == "/");
  CHECK(ParseUrl("http://example.com?q=1").query == "q=1");
  CHECK(ParseUrl("http://example.com.:80/").host == "example.com");
  CHECK(ParseUrl("  https://example.com/\n").ok);
  // Browsers read backslashes as slashes in http(s) URLs.
  Url b = ParseUrl("https:\\\\evil.example\\path?q");
  REQUIRE(b.ok);
  CHECK(b.host == "evil.example");
  CHECK(b.path == "/path");
}

TEST_CASE("URLs without a network host are refused with a reason", "[url][hostile]") {
  struct Case {
    const char* url;
    const char* reason;
  };
  const Case cases[] = {
      {"", "empty URL"},
      {" \t ", "empty URL"},
      {"/pixel.gif", "relative URL (no scheme)"},
      {"//cdn.example/x.js", "relative URL (no scheme)"},
      {"example.com/x", "relative URL (no scheme)"},
      {"1http://x", "relative URL (no scheme)"},
      {"data:image/gif;base64,R0lGODlhAQABAAAAACw=", "data: URL (content inline, no server)"},
      {"DATA:text/html,<script>alert(1)</script>", "data: URL (content inline, no server)"},
      {"blob:https://shop.example/550e8400-e29b-41d4-a716-446655440000",
       "blob: URL (object inside the page, no server)"},
      {"about:blank", "not an http(s) or ws(s) URL"},
      {"javascript:alert(1)", "not an http(s) or ws(s) URL"},
      {"chrome-extension://abcdefghijklmnop/popup.html", "not an http(s) or ws(s) URL"},
      {"ftp://files.example/x", "not an http(s) or ws(s) URL"},
      {"http:/example.com/x", "no host"},
      {"https://", "empty host"},
      {"https://:443/x", "empty host"},
      {"https://user@/x", "empty host"},
      {"http://a b.example/", "invalid character in host"},
      {"http://a%41.example/", "invalid character in host"},
      {"http://a<b>.example/", "invalid character in host"},
      {"http://a..example/", "empty label in host"},
      {"http://.example/", "empty label in host"},
      {"http://[::1/x", "unclosed IPv6 host"},
      {"http://[zz::1]/", "invalid IPv6 host"},
      {"http://[]/", "invalid IPv6 host"},
      {"http://[::1]x/", "invalid IPv6 host"},
      {"http://example.com:99999/", "invalid port"},
      {"http://example.com:8o/", "invalid port"},
  };
  for (const Case& c : cases) {
    INFO("url: " << c.url);
    Url u = ParseUrl(c.url);
    CHECK_FALSE(u.ok);
    CHECK(u.reason == c.reason);
  }
  std::string long_host = "http://" + std::string(250, 'a') + ".com/";
  CHECK(ParseUrl(long_host).reason == "host too long");
  // Embedded NUL bytes are not part of any host.
  CHECK(ParseUrl(std::string("http://a\0b.example/", 19)).reason == "invalid character in host");
}

TEST_CASE("IP hosts are split and are their own registrable domain", "[url][hostile]") {
  Url v4 = ParseUrl("http://192.168.0.1:8080/collect?id=1");
  REQUIRE(v4.ok);
  CHECK(v4.host == "192.168.0.1");
  CHECK(IsIpAddress(v4.host));
  CHECK(Psl().RegistrableDomain(v4.host) == "192.168.0.1");
  Url v6 = ParseUrl("https://[2001:DB8::1]:443/p");
  REQUIRE(v6.ok);
  CHECK(v6.host == "2001:db8::1");
  CHECK(IsIpAddress(v6.host));
  CHECK(Psl().RegistrableDomain(v6.host) == "2001:db8::1");
  CHECK(ParseUrl("http://[::ffff:127.0.0.1]/").host == "::ffff:127.0.0.1");
  CHECK(IsIpAddress("0x7f.1"));
  CHECK_FALSE(IsIpAddress("example.com"));
  CHECK_FALSE(IsIpAddress("1.example"));
  // Two different IPs are different parties; one IP is one party.
  CHECK_FALSE(Trackers().SameParty("192.168.0.1", "192.168.0.2"));
  CHECK(Trackers().SameParty("10.0.0.1", "10.0.0.1"));
}

TEST_CASE("IDN hosts in Unicode and punycode get their registrable domain", "[url][hostile]") {
  Url unicode = ParseUrl("https://www.bücher.de/produkt/123");
  REQUIRE(unicode.ok);
  CHECK(unicode.host == "www.bücher.de");
  CHECK(Psl().RegistrableDomain(unicode.host) == "bücher.de");
  Url puny = ParseUrl("https://WWW.xn--bcher-kva.de/");
  REQUIRE(puny.ok);
  CHECK(puny.host == "www.xn--bcher-kva.de");
  CHECK(Psl().RegistrableDomain(puny.host) == "xn--bcher-kva.de");
  // An IDN public suffix, in both spellings (PSL rule "公司.cn").
  CHECK(Psl().RegistrableDomain("shop.例子.公司.cn") == "例子.公司.cn");
  CHECK(Psl().RegistrableDomain("shop.xn--fsqu00a.xn--55qx5d.cn") == "xn--fsqu00a.xn--55qx5d.cn");
}

TEST_CASE("the Public Suffix List decides registrable domains", "[url][psl]") {
  CHECK(Psl().size() > 9000);
  CHECK(Psl().RegistrableDomain("shop.example.co.uk") == "example.co.uk");
  CHECK(Psl().RegistrableDomain("a.b.c.example.com") == "example.com");
  CHECK(Psl().RegistrableDomain("example.com") == "example.com");
  CHECK(Psl().RegistrableDomain("co.uk") == "co.uk");  // a suffix is its own domain
  CHECK(Psl().RegistrableDomain("localhost") == "localhost");
  // Private section: each github.io site is its own party.
  CHECK(Psl().RegistrableDomain("alice.github.io") == "alice.github.io");
  // Wildcard "*.ck" and exception "!www.ck".
  CHECK(Psl().RegistrableDomain("shop.foo.ck") == "shop.foo.ck");
  CHECK(Psl().RegistrableDomain("www.ck") == "www.ck");
  CHECK(Psl().RegistrableDomain("a.www.ck") == "www.ck");
  // A 127-label host does not overflow the label table.
  std::string many;
  for (int i = 0; i < 126; ++i) many += "a.";
  many += "com";
  CHECK(Psl().RegistrableDomain(many) == "a.com");
}

TEST_CASE("same-owner domains are one party", "[url][party]") {
  CHECK(Trackers().SameParty("www.youtube.com", "i.ytimg.com"));
  CHECK(Trackers().SameParty("www.facebook.com", "static.xx.fbcdn.net"));
  CHECK(Trackers().SameParty("shop.example.co.uk", "cdn.example.co.uk"));
  CHECK_FALSE(Trackers().SameParty("www.theverge.com", "securepubads.g.doubleclick.net"));
  CHECK_FALSE(Trackers().SameParty("example.co.uk", "other.co.uk"));
  // A hosting platform does not own the sites it hosts.
  CHECK_FALSE(Trackers().SameParty("alice.github.io", "bob.github.io"));
  CHECK_FALSE(Trackers().SameParty("d1234abcd.cloudfront.net", "aax.amazon-adsystem.com"));
  CHECK(Trackers().OwnerOf("alice.github.io") == nullptr);
  REQUIRE(Trackers().OwnerOf("i.ytimg.com") != nullptr);
  CHECK(Trackers().OwnerOf("i.ytimg.com")->name == "YouTube");
}

TEST_CASE("a 100 KB query string is split without trouble", "[url][hostile]") {
  std::string url = "https://ads.example/px?";
  for (int i = 0; url.size() < 100 * 1024; ++i) url += "k" + std::to_string(i) + "=v&";
  UrlParts p = SplitUrl(url);
  REQUIRE(p.ok);
  CHECK(p.host == "ads.example");
  CHECK(p.query.size() > 100000);
  CHECK(p.query.data() > url.data());  // a view, not a copy
  CHECK(QueryParams(p.query).size() > 10000);
  // Pathological: 100 KB of '?', '@', ':' and '[' in the query.
  std::string weird = "https://ads.example/x?" + std::string(100 * 1024, '?') +
                      std::string(1000, '@') + std::string(1000, '[');
  CHECK(ParseUrl(weird).ok);
  CHECK(ParseUrl(std::string(100 * 1024, ':')).reason == std::string("relative URL (no scheme)"));
  CHECK(ParseUrl("http://" + std::string(100 * 1024, '@') + "x.example/").host == "x.example");
}

TEST_CASE("percent-decoding keeps invalid escapes", "[url]") {
  CHECK(PercentDecode("a%20b%2Fc") == "a b/c");
  CHECK(PercentDecode("100%") == "100%");
  CHECK(PercentDecode("%zz%4") == "%zz%4");
  CHECK(PercentDecode("%e2%82%ac") == "\xe2\x82\xac");
}

}  // namespace
}  // namespace durchblick
