// identifier-leak: what identifies you leaves the site.
//   1. A first-party cookie's id-like value (or a long id-like part of it,
//      e.g. the client id inside _ga=GA1.2.1234567.8901234) in a request to a
//      third party (Privacy Badger's pixel cookie sharing; trackers.md §3).
//   2. A SHA-256 hex digest in a parameter that carries hashed e-mail
//      addresses or phone numbers (rules/trackers/retargeting.json:
//      hashedIdParams, per vendor and generic), e.g.
//      https://www.facebook.com/tr?id=1&ev=PageView&ud[em]=<64 hex>.
// Both also catch companies no list knows.
#include <map>

#include "../request_values.h"
#include "tracking_common.h"

namespace durchblick {
namespace {

// The value itself and its runs of '.'/'|'/':'-separated parts, longest first.
std::vector<std::string> Candidates(const std::string& value, size_t min_length, double min_bits) {
  std::vector<std::string> parts, out;
  size_t start = 0;
  for (size_t i = 0; i <= value.size(); ++i) {
    if (i == value.size() || value[i] == '.' || value[i] == '|' || value[i] == ':') {
      parts.push_back(value.substr(start, i - start));
      start = i + 1;
    }
  }
  out.push_back(value);
  for (size_t len = parts.size() - 1; len >= 1 && out.size() < 16; --len) {
    for (size_t i = 0; i + len <= parts.size() && out.size() < 16; ++i) {
      std::string run = parts[i];
      for (size_t k = 1; k < len; ++k) run += "." + parts[i + k];
      if (IdLike(run, min_length, min_bits)) out.push_back(run);
    }
  }
  return out;
}

void Detect(const Snapshot& snapshot, const RuleSet& rules, DetectorOutput* out) {
  const size_t min_length = static_cast<size_t>(rules.Threshold("tracking.id_min_length", 8));
  const double min_bits = rules.Threshold("tracking.id_min_entropy_bits", 33);
  const size_t max_evidence = static_cast<size_t>(rules.Threshold("tracking.max_evidence", 6));
  const TrackerRules& trackers = rules.trackers();
  const RetargetingRules& rt = rules.retargeting();
  Url page = ParseUrl(snapshot.url);
  std::vector<ClassifiedRequest> all = ClassifyAll(snapshot, rules);
  std::map<std::string, Finding> leaks, hashes;  // by cookie+company / company
  for (const ClassifiedRequest& c : all) {
    if (!c.verdict.third_party) continue;
    std::vector<NamedValue> values = RequestValues(*c.request);
    for (const Cookie& cookie : snapshot.cookies) {
      std::string_view domain = cookie.domain;
      while (!domain.empty() && domain.front() == '.') domain.remove_prefix(1);
      if (!page.ok || !IdLike(cookie.value, min_length, min_bits) ||
          !trackers.SameParty(page.host, domain)) {
        continue;
      }
      for (const std::string& id : Candidates(cookie.value, min_length, min_bits)) {
        const NamedValue* hit = nullptr;
        for (const NamedValue& v : values) {
          if (ContainsToken(v.value, id)) hit = &v;
          if (hit) break;
        }
        if (hit == nullptr) continue;
        Finding& f = leaks[cookie.name + "\n" + c.company];
        if (f.type.empty()) {
          f.type = "tracking/identifier_leak";
          f.rule_id = "first-party-cookie";
          f.vars = {{"cookie", cookie.name}, {"company", c.company}};
        }
        if (f.evidence.size() < max_evidence) {
          f.evidence.push_back({"", "", "", c.request->url, cookie.name, "", id,
                                "first-party cookie " + cookie.name + " sent in " +
                                    (hit->name.empty() ? "the URL path" : "parameter " + hit->name) +
                                    ListingNote(c)});
        }
        break;
      }
    }
    for (const NamedValue& v : values) {
      if (!IsSha256Hex(v.value) || !rt.IsHashedIdParam(v.name)) continue;
      Finding& f = hashes[c.company];
      if (f.type.empty()) {
        f.type = "tracking/hashed_pii";
        f.rule_id = "hashed-id-param";
        f.vars = {{"company", c.company}, {"param", v.name}};
      }
      if (f.evidence.size() < max_evidence) {
        f.evidence.push_back({"", "", "", c.request->url, "", "", v.value,
                              "SHA-256 digest in parameter " + v.name +
                                  (v.in_body ? " (request body)" : "") + ListingNote(c)});
      }
    }
  }
  EmitFindings(&leaks, all, false, out);
  EmitFindings(&hashes, all, false, out);
}

}  // namespace

extern const Detector kIdentifierLeak = {
    "identifier-leak", "tracking", kRequests,
    "First-party identifiers and hashed e-mail addresses sent to third parties", &Detect};

}  // namespace durchblick
