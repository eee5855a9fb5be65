// The snapshot parser's two paths give the same structs. The fast path
// (snapshot.cc: FastText, FastControl, FastRequest, FastParse over the strict
// cursor of json_scan.*) restates the DOM reader's fields, defaults and
// bounds for texts[], controls[] and requests[]; anything it does not take
// goes through the DOM. Every golden snapshot, and variants of it that the
// goldens alone do not exercise (optional fields missing, of the wrong type,
// filled with escapes and long values, unknown members), is parsed twice:
// as it is (the fast path must take it) and with one more top-level member
// whose key has an escape ("x-\u0064om", which the DOM ignores as unknown
// and the fast path refuses), which forces the DOM path. The two results are
// compared as a dump of every field.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "snapshot.h"
#include "test_util.h"

namespace durchblick {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using nlohmann::ordered_json;

// ---- every field of a Snapshot, as JSON ----------------------------------

ordered_json CutJson(const std::vector<CutSection>& cuts) {
  ordered_json out = ordered_json::array();
  for (const CutSection& c : cuts) out.push_back({c.section, c.items});
  return out;
}

ordered_json RectJson(const Rect& r) { return {r.x, r.y, r.w, r.h}; }
ordered_json RgbaJson(const Rgba& c) { return {c.r, c.g, c.b, c.a}; }

ordered_json OverlayJson(const Overlay& o) {
  ordered_json buttons = ordered_json::array(), toggles = ordered_json::array();
  for (const OverlayButton& b : o.buttons) {
    buttons.push_back({{"id", b.id}, {"label", b.label}, {"aria_label", b.aria_label}, {"hint", b.hint},
                       {"tag", b.tag}, {"href", b.href}, {"rect", RectJson(b.rect)}, {"fg", RgbaJson(b.fg)},
                       {"bg", RgbaJson(b.bg)}, {"behind", RgbaJson(b.behind)}, {"border", RgbaJson(b.border)},
                       {"font_px", b.font_px}, {"font_weight", b.font_weight}, {"underline", b.underline},
                       {"link_styled", b.link_styled}, {"close_like", b.close_like}});
  }
  for (const OverlayToggle& t : o.toggles) {
    toggles.push_back({{"id", t.id}, {"label", t.label}, {"context", t.context}, {"kind", t.kind},
                       {"checked", t.checked}, {"disabled", t.disabled},
                       {"legitimate_interest", t.legitimate_interest}});
  }
  return {{"id", o.id}, {"tag", o.tag}, {"role", o.role}, {"identity", o.identity},
          {"position", o.position}, {"frame_origin", o.frame_origin}, {"z_index", o.z_index},
          {"rect", RectJson(o.rect)}, {"first_rect", RectJson(o.first_rect)}, {"coverage", o.coverage},
          {"own_coverage", o.own_coverage}, {"backdrop", o.backdrop}, {"backdrop_bg", RgbaJson(o.backdrop_bg)},
          {"blur", o.blur}, {"modal", o.modal}, {"in_shadow", o.in_shadow}, {"text", o.text},
          {"text_samples", o.text_samples}, {"bg", RgbaJson(o.bg)}, {"buttons", buttons},
          {"toggles", toggles}, {"email_input", o.email_input}, {"present_at_ms", o.present_at_ms},
          {"visible_at_ms", o.visible_at_ms}, {"changed_at_ms", o.changed_at_ms}, {"trigger", o.trigger}};
}

ordered_json PageStateJson(const PageState& p) {
  ordered_json prompts = ordered_json::array();
  for (const NotificationRequest& n : p.notification_requests) {
    prompts.push_back({{"at_ms", n.at_ms}, {"user_activation", n.user_activation}, {"api", n.api}});
  }
  const TcfSummary& t = p.tcf;
  return {{"scroll_locked", p.scroll_locked}, {"scroll_locked_at_ms", p.scroll_locked_at_ms},
          {"doc_height", p.doc_height}, {"page_blur", p.page_blur}, {"dcl_ms", p.dcl_ms},
          {"load_ms", p.load_ms}, {"observed_from_ms", p.observed_from_ms}, {"clicks_ms", p.clicks_ms},
          {"scrolls_ms", p.scrolls_ms}, {"exit_ms", p.exit_ms}, {"exit_y", p.exit_y},
          {"notification_permission", p.notification_permission}, {"notification_requests", prompts},
          {"tcf", {{"present", t.present}, {"cmp_id", t.cmp_id}, {"event_status", t.event_status},
                   {"gdpr_applies", t.gdpr_applies}, {"purpose_consents", t.purpose_consents},
                   {"purpose_legitimate_interests", t.purpose_legitimate_interests},
                   {"vendor_consent_count", t.vendor_consent_count},
                   {"vendor_legitimate_interest_count", t.vendor_legitimate_interest_count}}}};
}

ordered_json Dump(const Snapshot& s) {
  ordered_json requests = ordered_json::array(), texts = ordered_json::array(),
               controls = ordered_json::array(), overlays = ordered_json::array(),
               cookies = ordered_json::array(), timers = ordered_json::array(),
               history = ordered_json::array();
  for (const Request& r : s.requests) {
    requests.push_back({{"id", r.id}, {"url", r.url}, {"type", r.type}, {"method", r.method},
                        {"frame_url", r.frame_url}, {"initiator", r.initiator}, {"post_body", r.post_body},
                        {"status", r.status}});
  }
  for (const TextBlock& t : s.texts) {
    texts.push_back({{"id", t.id}, {"text", t.text}, {"strike", t.strike}, {"color", t.color},
                     {"font_size", t.font_size}, {"role", t.role}, {"samples", t.samples}});
  }
  for (const Control& c : s.controls) {
    controls.push_back({{"id", c.id}, {"kind", c.kind}, {"label", c.label},
                        {"checked", c.checked ? ordered_json(*c.checked) : ordered_json("(unset)")},
                        {"context", c.context}, {"overlay_id", c.overlay_id}});
  }
  for (const Overlay& o : s.overlays) overlays.push_back(OverlayJson(o));
  for (const Cookie& c : s.cookies) {
    cookies.push_back({{"name", c.name}, {"value", c.value}, {"domain", c.domain}, {"third_party", c.third_party}});
  }
  for (const Timer& t : s.timers) {
    timers.push_back({{"id", t.id}, {"text_id", t.text_id}, {"samples", t.samples},
                      {"interval_ms", t.interval_ms}, {"end_ms", t.end_ms}});
  }
  for (const PriorObservation& h : s.history) {
    history.push_back({{"kind", h.kind}, {"key", h.key}, {"value", h.value}, {"url", h.url}, {"seen_at_ms", h.seen_at_ms}});
  }
  return {{"url", s.url}, {"title", s.title}, {"lang", s.lang}, {"captured_at_ms", s.captured_at_ms},
          {"viewport", {s.viewport_w, s.viewport_h}},
          {"has", {s.has_requests, s.has_texts, s.has_controls, s.has_overlays, s.has_cookies, s.has_timers, s.has_history}},
          {"requests", requests}, {"texts", texts}, {"controls", controls}, {"overlays", overlays},
          {"page_state", PageStateJson(s.page_state)}, {"cookies", cookies}, {"timers", timers},
          {"history", history}, {"product_ids", s.product_ids}, {"excluded_categories", s.excluded_categories},
          {"cut_sections", CutJson(s.cut_sections)}};
}

// ---- the snapshots --------------------------------------------------------

std::vector<fs::path> Goldens() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(testing::SourcePath("tests/golden"))) {
    const std::string name = entry.path().filename().string();
    if (name.size() > 14 && name.compare(name.size() - 14, 14, ".snapshot.json") == 0) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The members of each section's items that are not required.
const std::vector<std::pair<std::string, std::vector<std::string>>> kOptional = {
    {"texts", {"id", "strike", "color", "fontSize", "role", "samples"}},
    {"controls", {"id", "kind", "label", "checked", "context", "overlayId"}},
    {"requests", {"id", "type", "method", "frameUrl", "initiator", "postData", "status"}},
};

template <typename Edit>
json EachItem(json s, Edit edit) {
  for (const auto& [section, optional] : kOptional) {
    if (!s.contains(section) || !s[section].is_array()) continue;
    for (size_t i = 0; i < s[section].size(); ++i) edit(section, optional, i, s[section][i]);
  }
  return s;
}

// Long text whose multi-byte characters straddle postData's 64 KiB cut.
std::string LongBody() {
  std::string body;
  while (body.size() < 64 * 1024 + 10) body += "a\xc3\xa4\xe2\x82\xac\xf0\x9f\x98\x80";
  return body;
}

// Variants of one golden snapshot: the name and the JSON text.
std::vector<std::pair<std::string, std::string>> Variants(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out = {{"as stored", text}};
  const json golden = json::parse(text);
  // Every optional member missing: the defaults ("t3", "button", "other", "GET", ...).
  out.push_back({"optional members missing", EachItem(golden, [](const std::string&, const std::vector<std::string>& optional,
                                                                  size_t, json& item) {
                   for (const std::string& k : optional) item.erase(k);
                 }).dump()});
  // Every optional member of one wrong type (a type per variant): ignored as if missing.
  const std::vector<json> wrong = {nullptr, 17, -0.5, "17", true, json::array({"x", 1}), json::object({{"a", "b"}})};
  for (const json& w : wrong) {
    out.push_back({"optional members = " + w.dump(),
                   EachItem(golden, [&](const std::string&, const std::vector<std::string>& optional, size_t, json& item) {
                     for (const std::string& k : optional) item[k] = w;
                   }).dump()});
  }
  // Every member the goldens leave out, with unusual but valid values.
  const std::string odd = "Nur noch \"2\"\n\tStück \\ / \u00e9\u20ac \xf0\x9f\x98\x80 \x7f";
  out.push_back({"every member filled", EachItem(golden, [&](const std::string& section, const std::vector<std::string>&,
                                                             size_t i, json& item) {
                   item["unknown"] = json::object({{"nested", json::array({1, {{"deep", nullptr}}, "s"})}});
                   if (section == "texts") {
                     item["text"] = odd + item["text"].get<std::string>();
                     item["strike"] = i % 2 == 0;
                     item["color"] = "rgb(1, 2, 3)";
                     item["fontSize"] = i % 2 ? json(1.5e1) : json(-0.0);
                     item["role"] = "price";
                     json samples = json::array({odd, 3, nullptr});
                     for (int k = 0; k < 70; ++k) samples.push_back("s" + std::to_string(k));
                     item["samples"] = samples;
                   } else if (section == "controls") {
                     item["label"] = odd;
                     item["checked"] = i % 2 == 0;
                     item["context"] = odd;
                     item["overlayId"] = "ov1";
                   } else {
                     item["method"] = "POST";
                     item["frameUrl"] = "https://frame.example/\u00e9";
                     item["initiator"] = "https://init.example";
                     item["postData"] = LongBody();
                     item["status"] = i % 2 ? json(204.9) : json(200);
                   }
                 }).dump(2, ' ', /*ensure_ascii=*/true)});  // escapes: \u00e9, \ud83d\ude00
  return out;
}

// The same snapshot with one more member, which sends it down the DOM path.
std::string ForcedOntoDom(const std::string& text) {
  size_t close = text.rfind('}');
  REQUIRE(close != std::string::npos);
  std::string forced = text;
  forced.insert(close, R"(, "x-\u0064om": true)");
  return forced;
}

TEST_CASE("the snapshot fast path and the DOM path give the same structs", "[snapshot]") {
  const std::vector<fs::path> goldens = Goldens();
  REQUIRE(goldens.size() >= 5);
  size_t compared = 0;
  for (const fs::path& path : goldens) {
    for (const auto& [variant, text] : Variants(testing::ReadFile(path.string()))) {
      INFO(path.filename().string() << ", " << variant);
      Snapshot fast;
      REQUIRE(internal::FastParseSnapshot(text, &fast));  // the fast path takes it
      Snapshot via_parse;
      ParseError error;
      REQUIRE(ParseSnapshot(text, &via_parse, &error));
      const std::string forced = ForcedOntoDom(text);
      Snapshot unused;
      REQUIRE_FALSE(internal::FastParseSnapshot(forced, &unused));  // and leaves this one to the DOM
      Snapshot dom;
      REQUIRE(ParseSnapshot(forced, &dom, &error));

      const ordered_json a = Dump(fast), b = Dump(dom);
      INFO("fast -> DOM differences: " << json::diff(json::parse(a.dump()), json::parse(b.dump())).dump());
      CHECK(a == b);
      CHECK(Dump(via_parse) == a);
      ++compared;
    }
  }
  CHECK(compared == goldens.size() * 10);
}

TEST_CASE("a request status outside int's range reads as 0 on both paths", "[snapshot]") {
  const std::string text =
      R"({"schema":"durchblick.snapshot/1","url":"https://a.example/","requests":[)"
      R"({"url":"https://b.example/1","status":1e10},{"url":"https://b.example/2","status":-1e300},)"
      R"({"url":"https://b.example/3","status":404},{"url":"https://b.example/4","status":2147483647}]})";
  for (const std::string& form : {text, ForcedOntoDom(text)}) {
    Snapshot s;
    ParseError error;
    REQUIRE(ParseSnapshot(form, &s, &error));
    REQUIRE(s.requests.size() == 4);
    CHECK(s.requests[0].status == 0);
    CHECK(s.requests[1].status == 0);
    CHECK(s.requests[2].status == 404);
    CHECK(s.requests[3].status == 2147483647);
  }
}

// A section longer than kMaxSectionItems is cut there on both paths, and the
// snapshot records which sections were cut and how long they were.
TEST_CASE("sections beyond the item limit are cut and recorded on both paths", "[snapshot]") {
  auto items = [](size_t n, const char* item) {
    std::string out = "[";
    for (size_t i = 0; i < n; ++i) out += (i ? "," : "") + std::string(item);
    return out + "]";
  };
  const size_t max = kMaxSectionItems;
  const std::string text = R"({"schema":"durchblick.snapshot/1","url":"https://a.example/","texts":)" +
                           items(max + 2, R"({"text":"x"})") + R"(,"controls":)" + items(max, "{}") +
                           R"(,"cookies":)" + items(max + 1, R"({"name":"c"})") + "}";
  for (const std::string& form : {text, ForcedOntoDom(text)}) {
    Snapshot s;
    ParseError error;
    REQUIRE(ParseSnapshot(form, &s, &error));
    CHECK(s.texts.size() == max);
    CHECK(s.controls.size() == max);
    CHECK(s.cookies.size() == max);
    REQUIRE(s.cut_sections.size() == 2);  // controls has exactly the limit: not cut
    CHECK(s.cut_sections[0].section == "texts");
    CHECK(s.cut_sections[0].items == max + 2);
    CHECK(s.cut_sections[1].section == "cookies");
    CHECK(s.cut_sections[1].items == max + 1);
  }
}

}  // namespace
}  // namespace durchblick
