// The filter-line parser: what each syntax element becomes, and that every
// line it cannot use is skipped with a reason instead of being misread.
#include <catch2/catch.hpp>

#include "filters/filters.h"

namespace durchblick {
namespace {

std::string Reason(const std::string& line) {
  ParsedLine p = ParseFilterLine(line);
  return p.ok ? "ok" : p.reason;
}

TEST_CASE("comments, headers and cosmetic rules are skipped by kind", "[filters]") {
  CHECK(Reason("! Title: EasyList") == "comment");
  CHECK(Reason("[Adblock Plus 2.0]") == "comment");
  CHECK(Reason("") == "blank");
  CHECK(Reason("   ") == "blank");
  CHECK(Reason("example.com##.ad-banner") == "cosmetic");
  CHECK(Reason("##.ad") == "cosmetic");
  CHECK(Reason("example.com#@#.ad") == "cosmetic");
  CHECK(Reason("example.com#?#div:has(> .ad)") == "cosmetic");
  CHECK(Reason("example.com#$#body { color: red }") == "cosmetic");
  CHECK(Reason("example.com#%#//scriptlet('abort-on-property-read', 'x')") == "cosmetic");
  CHECK(Reason("example.com#@%#//scriptlet('x')") == "cosmetic");
  CHECK(Reason("example.com$$script[tag-content=\"ad\"]") == "html filter");
}

TEST_CASE("anchors, wildcards and exceptions", "[filters]") {
  ParsedLine p = ParseFilterLine("||Ads.Example.com^");
  REQUIRE(p.ok);
  CHECK(p.pattern == "ads.example.com^");
  CHECK((p.filter.flags & NetworkFilter::kHostAnchor));
  CHECK(!(p.filter.flags & NetworkFilter::kException));

  p = ParseFilterLine("|https://cdn.example/*.js|");
  REQUIRE(p.ok);
  CHECK(p.pattern == "https://cdn.example/*.js");
  CHECK((p.filter.flags & NetworkFilter::kLeftAnchor));
  CHECK((p.filter.flags & NetworkFilter::kRightAnchor));

  p = ParseFilterLine("@@||cdn.example^$script");
  REQUIRE(p.ok);
  CHECK((p.filter.flags & NetworkFilter::kException));
  CHECK(p.filter.types == kTypeScript);

  p = ParseFilterLine("**/banner/**");
  REQUIRE(p.ok);
  CHECK(p.pattern == "/banner/");

  p = ParseFilterLine("|*.js");  // a leading * undoes the anchor
  REQUIRE(p.ok);
  CHECK(!(p.filter.flags & NetworkFilter::kLeftAnchor));
}

TEST_CASE("regex filters keep their source; $ inside the regex is not options", "[filters]") {
  ParsedLine p = ParseFilterLine("/ads?\\d+\\.js$/");
  REQUIRE(p.ok);
  CHECK((p.filter.flags & NetworkFilter::kRegex));
  CHECK(p.pattern == "ads?\\d+\\.js$");
  p = ParseFilterLine("/\\/track\\/[a-z]+/$script,third-party");
  REQUIRE(p.ok);
  CHECK(p.pattern == "\\/track\\/[a-z]+");
  CHECK(p.filter.types == kTypeScript);
  CHECK(!(p.filter.flags & NetworkFilter::kFirstParty));
}

TEST_CASE("options: types, party, domains, flags", "[filters]") {
  ParsedLine p = ParseFilterLine("||x.com^$script,image,third-party");
  REQUIRE(p.ok);
  CHECK(p.filter.types == (kTypeScript | kTypeImage));
  CHECK((p.filter.flags & NetworkFilter::kThirdParty));
  CHECK(!(p.filter.flags & NetworkFilter::kFirstParty));

  p = ParseFilterLine("||x.com^$~script,~third-party");
  REQUIRE(p.ok);
  CHECK(p.filter.types == (kTypeAllButDocument & ~kTypeScript));
  CHECK((p.filter.flags & NetworkFilter::kFirstParty));
  CHECK(!(p.filter.flags & NetworkFilter::kThirdParty));

  CHECK(ParseFilterLine("||x.com^$1p").filter.flags & NetworkFilter::kFirstParty);
  CHECK(!(ParseFilterLine("||x.com^$first-party").filter.flags & NetworkFilter::kThirdParty));

  p = ParseFilterLine("/ad.$domain=a.com|~b.a.com|c.*");
  REQUIRE(p.ok);
  CHECK(p.domains.size() == 2);
  CHECK(p.not_domains.size() == 1);

  p = ParseFilterLine("||x.com^$important,match-case,denyallow=y.com|z.com");
  REQUIRE(p.ok);
  CHECK((p.filter.flags & NetworkFilter::kImportant));
  CHECK((p.filter.flags & NetworkFilter::kMatchCase));
  CHECK(p.denyallow.size() == 2);

  CHECK(ParseFilterLine("||x.com^$badfilter").badfilter);
  CHECK(Reason("||x.com^$script,redirect=noopjs") == "ok");
  CHECK(Reason("||x.com^$xhr,_,___") == "ok");
}

TEST_CASE("unsupported options skip the whole line, named", "[filters]") {
  CHECK(Reason("||x.com^$csp=script-src 'none'") == "unsupported option csp");
  CHECK(Reason("$removeparam=utm_source") == "unsupported option removeparam");
  CHECK(Reason("||x.com^$popup") == "unsupported option popup");
  CHECK(Reason("||x.com^$redirect-rule=noopjs") == "unsupported option redirect-rule");
  CHECK(Reason("||x.com^$cookie") == "unsupported option cookie");
  CHECK(Reason("||x.com^$method=post") == "unsupported option method");
  CHECK(Reason("@@||x.com^$generichide") == "page option generichide");
  CHECK(Reason("@@||x.com^$document") == "unsupported option document (page exception)");
  CHECK(Reason("||x.com^$domain=/x\\.com/") == "unsupported option domain=/regex/");
}

TEST_CASE("malformed and hostile lines are skipped with a reason", "[filters]") {
  CHECK(Reason("||x.com^$") == "malformed empty option list");
  CHECK(Reason("||x.com^$script,,image") == "malformed empty option");
  CHECK(Reason("||x.com^$domain=a.com||b.com") == "malformed domain list");
  CHECK(Reason("||x.com^$denyallow=~a.com") == "malformed domain list");
  CHECK(Reason("||x.com^$~script,script") == "malformed type options (no type left)");
  CHECK(Reason("*") == "malformed filter matches every request");
  CHECK(Reason("@@*") == "malformed filter matches every request");
  CHECK(Reason("|") == "malformed filter matches every request");
  CHECK(Reason("||x.com^ foo") == "malformed whitespace in pattern");
  CHECK(Reason("ab|cd") == "malformed | inside pattern");
  CHECK(Reason(std::string("||x\x01.com^")) == "malformed control character");
  CHECK(Reason("||" + std::string(kMaxLineBytes, 'a') + "^") == "malformed line too long");
}

TEST_CASE("type names of requests", "[filters]") {
  CHECK(FilterTypeFromName("script") == kTypeScript);
  CHECK(FilterTypeFromName("xhr") == kTypeXhr);
  CHECK(FilterTypeFromName("fetch") == kTypeXhr);
  CHECK(FilterTypeFromName("xmlhttprequest") == kTypeXhr);
  CHECK(FilterTypeFromName("sub_frame") == kTypeSubdocument);
  CHECK(FilterTypeFromName("main_frame") == kTypeDocument);
  CHECK(FilterTypeFromName("beacon") == kTypePing);
  CHECK(FilterTypeFromName("csp_report") == kTypeOther);
}

}  // namespace
}  // namespace durchblick
