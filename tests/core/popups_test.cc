// The pop-up detectors on literal snapshots: what each flags and, as much,
// what it must leave alone (a modal opened by a click, a fair banner). The
// browser end-to-end tests (tests/e2e/popups*.test.mjs) cover the gatherer.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "overlay_facts.h"
#include "test_util.h"

namespace durchblick {
namespace {

using nlohmann::json;
using testing::RealEngine;

// `Snapshot({modal}, page)`: a braced single element is an array to GCC but a
// copy of the element to Clang (Emscripten), so normalise here.
json Snapshot(json overlays, json page_state = json::object()) {
  if (!overlays.is_array()) overlays = json::array({overlays});
  json s = {{"schema", "durchblick.snapshot/1"}, {"url", "https://news.example/a"},
            {"viewport", {{"width", 1280}, {"height", 720}}}, {"overlays", overlays},
            {"controls", json::array()}, {"pageState", page_state}};
  return s;
}

std::multiset<std::string> PopupTypes(const json& snapshot) {
  json r = json::parse(RealEngine().Analyze(snapshot.dump()));
  REQUIRE(!r.contains("error"));
  std::multiset<std::string> out;
  for (const auto& f : r["findings"]) {
    if (f["category"] == "popup") out.insert(f["type"].get<std::string>());
  }
  return out;
}

json Button(const std::string& label, double w, double h, json fg, json bg) {
  return {{"id", "b-" + label}, {"label", label}, {"rect", {{"x", 0}, {"y", 0}, {"w", w}, {"h", h}}},
          {"fg", fg}, {"bg", bg}, {"behind", {255, 255, 255, 1}}};
}

const json kObserved = {{"observedFromMs", 5}, {"dclMs", 300}, {"loadMs", 400}};

TEST_CASE("contrast follows WCAG relative luminance", "[popups]") {
  CHECK(ContrastRatio({0, 0, 0, 1}, {255, 255, 255, 1}) == Approx(21.0));
  CHECK(ContrastRatio({119, 119, 119, 1}, {255, 255, 255, 1}) == Approx(4.48).margin(0.01));
  CHECK(ContrastRatio({221, 221, 221, 1}, {255, 255, 255, 1}) < 1.5);
  // translucent text is composited over its background first
  CHECK(ContrastRatio({0, 0, 0, 0.5}, {255, 255, 255, 1}) < ContrastRatio({0, 0, 0, 1}, {255, 255, 255, 1}));
}

TEST_CASE("the trigger comes from interactions just before the pop-up", "[popups]") {
  const RuleSet& rules = RealEngine().rules();
  PageState page;
  page.observed_from_ms = 5;
  page.load_ms = 400;
  Overlay o;
  o.visible_at_ms = 600;
  CHECK(Trigger(o, page, rules) == "load");
  o.visible_at_ms = 2400;
  CHECK(Trigger(o, page, rules) == "timer");
  page.exit_ms = {2300};
  page.exit_y = {-5};
  CHECK(Trigger(o, page, rules) == "exit_intent");
  page.exit_y = {300};  // left sideways, not towards the tabs
  CHECK(Trigger(o, page, rules) == "timer");
  page.clicks_ms = {2200};
  CHECK(Trigger(o, page, rules) == "click");
  CHECK_FALSE(Unrequested(o, page, rules));
  page.observed_from_ms = -1;  // no early observer: timing unknown, never guessed
  CHECK(Trigger(o, page, rules) == "unknown");
}

TEST_CASE("a timed newsletter modal over a backdrop, and the same modal opened by a click", "[popups]") {
  json modal = {{"id", "ov1"}, {"position", "fixed"}, {"rect", {{"x", 400}, {"y", 120}, {"w", 480}, {"h", 300}}},
                {"coverage", 1}, {"backdrop", true}, {"emailInput", true},
                {"text", "Get 10% off your first order"}, {"visibleAtMs", 1900},
                {"buttons", json::array({Button("Subscribe", 400, 46, {255, 255, 255, 1}, {17, 17, 17, 1})})}};
  json page = kObserved;
  page["scrollLocked"] = true;
  page["docHeight"] = 3000;
  CHECK(PopupTypes(Snapshot({modal}, page)) ==
        std::multiset<std::string>{"popup/blocking_overlay", "popup/newsletter_modal",
                                   "popup/scroll_lock", "popup/timed_popup"});
  page["clicksMs"] = json::array({1500});
  CHECK(PopupTypes(Snapshot({modal}, page)).empty());
}

TEST_CASE("cookie banners: no reject, reject as link, asymmetric, fair", "[popups]") {
  json banner = {{"id", "ov1"}, {"position", "fixed"}, {"rect", {{"x", 0}, {"y", 620}, {"w", 1280}, {"h", 100}}},
                 {"coverage", 0.14}, {"text", "We use cookies to personalise ads."}, {"visibleAtMs", 350}};
  json accept = Button("Accept all", 200, 48, {255, 255, 255, 1}, {10, 102, 194, 1});
  banner["buttons"] = {accept, Button("Manage options", 110, 18, {110, 110, 110, 1}, {0, 0, 0, 0})};
  CHECK(PopupTypes(Snapshot({banner}, kObserved)) == std::multiset<std::string>{"popup/cookie_no_reject"});
  banner["buttons"] = {accept, Button("Reject", 60, 16, {170, 170, 170, 1}, {0, 0, 0, 0})};
  CHECK(PopupTypes(Snapshot({banner}, kObserved)) == std::multiset<std::string>{"popup/reject_as_link"});
  banner["buttons"] = {accept, Button("Decline", 84, 26, {176, 176, 176, 1}, {244, 244, 244, 1})};
  CHECK(PopupTypes(Snapshot({banner}, kObserved)) == std::multiset<std::string>{"popup/consent_asymmetry"});
  banner["buttons"] = {accept, Button("Alle ablehnen", 200, 48, {255, 255, 255, 1}, {10, 102, 194, 1})};
  CHECK(PopupTypes(Snapshot({banner}, kObserved)).empty());
  // "Accept only necessary" is a reject, whatever else it says.
  banner["buttons"] = {accept, Button("Accept only essential", 200, 48, {255, 255, 255, 1}, {10, 102, 194, 1})};
  CHECK(PopupTypes(Snapshot({banner}, kObserved)).empty());
}

TEST_CASE("the report lists each overlay's kinds and the roles of its buttons", "[popups][report]") {
  json banner = {{"id", "ov1"}, {"position", "fixed"}, {"rect", {{"x", 0}, {"y", 620}, {"w", 1280}, {"h", 100}}},
                 {"text", "Wir verwenden Cookies, um Anzeigen zu personalisieren."}, {"visibleAtMs", 350}};
  json close = Button("", 20, 20, {0, 0, 0, 1}, {0, 0, 0, 0});
  close["id"] = "ov1-b4";
  close["ariaLabel"] = "Schließen";
  banner["buttons"] = {Button("Alle akzeptieren", 200, 48, {255, 255, 255, 1}, {10, 102, 194, 1}),
                       Button("Nur notwendige", 200, 48, {255, 255, 255, 1}, {10, 102, 194, 1}),
                       Button("Impressum", 80, 16, {0, 0, 0, 1}, {0, 0, 0, 0}), close};
  json plain = {{"id", "ov2"}, {"position", "sticky"}, {"text", "Breaking news"}};
  json r = json::parse(RealEngine().Analyze(Snapshot(json::array({banner, plain}), kObserved).dump()));
  REQUIRE(r["overlays"].size() == 2);
  CHECK(r["overlays"][0]["id"] == "ov1");
  CHECK(r["overlays"][0]["kinds"] == json::array({"cookie_notice"}));
  // Unclassified buttons ("Impressum") are left out; the label falls back to aria-label.
  CHECK(r["overlays"][0]["buttons"] == json::parse(R"([
    {"id": "b-Alle akzeptieren", "role": "accept", "label": "Alle akzeptieren"},
    {"id": "b-Nur notwendige", "role": "reject", "label": "Nur notwendige"},
    {"id": "ov1-b4", "role": "close", "label": "Schließen"}])"));
  CHECK(r["overlays"][1] == json::parse(R"({"id": "ov2", "kinds": [], "buttons": []})"));
  // Overlays not gathered: no overlays[] (not "none found").
  json network_only = {{"schema", "durchblick.snapshot/1"}, {"url", "https://news.example/a"},
                       {"requests", json::array()}};
  CHECK_FALSE(json::parse(RealEngine().Analyze(network_only.dump())).contains("overlays"));
}

TEST_CASE("pre-ticked purposes and legitimate interest, from toggles and from TCF", "[popups]") {
  json banner = {{"id", "ov1"}, {"position", "fixed"}, {"rect", {{"x", 300}, {"y", 100}, {"w", 600}, {"h", 200}}},
                 {"text", "Wir verwenden Cookies"}, {"visibleAtMs", 350},
                 {"toggles", {{{"id", "t1"}, {"label", "Notwendig"}, {"checked", true}},
                              {{"id", "t2"}, {"label", "Statistik"}, {"checked", false}}}}};
  CHECK(PopupTypes(Snapshot({banner}, kObserved)).empty());
  banner["toggles"][1]["checked"] = true;
  CHECK(PopupTypes(Snapshot({banner}, kObserved)) == std::multiset<std::string>{"popup/preticked_consent"});
  banner["toggles"][1]["context"] = "Berechtigtes Interesse";
  CHECK(PopupTypes(Snapshot({banner}, kObserved)) == std::multiset<std::string>{"popup/legitimate_interest"});
  json page = kObserved;
  page["tcf"] = {{"cmpId", 7}, {"eventStatus", "cmpuishown"}, {"purposeConsents", {1, 3}},
                 {"purposeLegitimateInterests", {2, 7}}};
  banner["toggles"] = json::array();
  CHECK(PopupTypes(Snapshot({banner}, page)) == std::multiset<std::string>{"popup/consent_before_choice"});
  page["tcf"]["eventStatus"] = "useractioncomplete";
  page["tcf"]["purposeLegitimateInterests"] = {2, 4};  // 4 = personalised ads: not allowed under TCF 2.2
  CHECK(PopupTypes(Snapshot({banner}, page)) == std::multiset<std::string>{"popup/legitimate_interest"});
}

TEST_CASE("close controls: tiny, faint, fake; and what is fine", "[popups]") {
  json ad = {{"id", "ov1"}, {"position", "fixed"}, {"rect", {{"x", 400}, {"y", 100}, {"w", 400}, {"h", 300}}},
             {"text", "Summer sale"}, {"visibleAtMs", 350}};
  ad["buttons"] = json::array({Button("×", 32, 32, {34, 34, 34, 1}, {238, 238, 238, 1})});
  CHECK(PopupTypes(Snapshot({ad}, kObserved)).empty());
  ad["buttons"] = json::array({Button("×", 12, 12, {34, 34, 34, 1}, {238, 238, 238, 1})});
  CHECK(PopupTypes(Snapshot({ad}, kObserved)) == std::multiset<std::string>{"popup/tiny_close"});
  ad["buttons"] = json::array({Button("Schließen", 80, 32, {230, 230, 230, 1}, {0, 0, 0, 0})});
  CHECK(PopupTypes(Snapshot({ad}, kObserved)) == std::multiset<std::string>{"popup/tiny_close"});
  json fake = Button("×", 44, 44, {255, 255, 255, 1}, {0, 0, 0, 1});
  fake["href"] = "ext";
  ad["buttons"] = json::array({fake});
  CHECK(PopupTypes(Snapshot({ad}, kObserved)) == std::multiset<std::string>{"popup/fake_close"});
}

TEST_CASE("notification requests: unprompted counts, after a click does not", "[popups]") {
  json page = kObserved;
  page["notificationRequests"] = {{{"atMs", 700}, {"userActivation", false}, {"api", "Notification.requestPermission"}}};
  CHECK(PopupTypes(Snapshot(json::array(), page)) == std::multiset<std::string>{"popup/notification_on_arrival"});
  page["notificationRequests"][0]["userActivation"] = true;  // automation can set it: not a person's click
  CHECK(PopupTypes(Snapshot(json::array(), page)) == std::multiset<std::string>{"popup/notification_on_arrival"});
  page["clicksMs"] = json::array({650});
  CHECK(PopupTypes(Snapshot(json::array(), page)).empty());
}

TEST_CASE("countdowns tick, chat widgets open, walls demand", "[popups]") {
  json flash = {{"id", "ov1"}, {"position", "fixed"}, {"rect", {{"x", 800}, {"y", 100}, {"w", 380}, {"h", 200}}},
                {"text", "Offer ends in 04:59"}, {"textSamples", {"Offer ends in 04:59", "Offer ends in 04:59"}},
                {"visibleAtMs", 350}};
  CHECK(PopupTypes(Snapshot({flash}, kObserved)).empty());  // a clock that does not move
  flash["textSamples"][1] = "Offer ends in 04:58";
  CHECK(PopupTypes(Snapshot({flash}, kObserved)) == std::multiset<std::string>{"popup/countdown_overlay"});

  json chat = {{"id", "ov1"}, {"position", "fixed"}, {"identity", "div#chat-widget.open"},
               {"rect", {{"x", 900}, {"y", 240}, {"w", 360}, {"h", 460}}},
               {"firstRect", {{"x", 1200}, {"y", 640}, {"w", 60}, {"h", 60}}}, {"visibleAtMs", 350},
               {"changedAtMs", 1900}, {"text", "Hi there! How can we help?"}};
  CHECK(PopupTypes(Snapshot({chat}, kObserved)) == std::multiset<std::string>{"popup/chat_autoopen"});
  json page = kObserved;
  page["clicksMs"] = json::array({1800});
  CHECK(PopupTypes(Snapshot({chat}, page)).empty());

  json wall = {{"id", "ov1"}, {"position", "fixed"}, {"rect", {{"x", 0}, {"y", 0}, {"w", 1280}, {"h", 720}}},
               {"coverage", 1}, {"text", "Ad blocker detected. Please disable your ad blocker."}, {"visibleAtMs", 350}};
  CHECK(PopupTypes(Snapshot({wall}, kObserved)) ==
        std::multiset<std::string>{"popup/adblock_wall", "popup/blocking_overlay"});
}

TEST_CASE("every threshold a pop-up detector reads is in the bundle", "[popups][rules]") {
  std::regex name("Threshold\\(\"([a-z_.]+)\"");
  for (const char* file : {"wasm/src/overlay_facts.cc", "wasm/src/detectors/blocking_overlay.cc",
                           "wasm/src/detectors/large_sticky_banner.cc", "wasm/src/detectors/scroll_lock.cc",
                           "wasm/src/detectors/consent_choice.cc", "wasm/src/detectors/legitimate_interest.cc",
                           "wasm/src/detectors/popup_trigger.cc", "wasm/src/detectors/close_control.cc",
                           "wasm/src/detectors/notification_prompt.cc", "wasm/src/detectors/adblock_wall.cc",
                           "wasm/src/detectors/chat_autoopen.cc"}) {
    std::string src = testing::ReadFile(testing::SourcePath(file));
    REQUIRE(!src.empty());
    for (std::sregex_iterator it(src.begin(), src.end(), name), end; it != end; ++it) {
      INFO(file << ": " << (*it)[1]);
      CHECK(RealEngine().rules().thresholds().count((*it)[1]) == 1);
    }
  }
}

}  // namespace
}  // namespace durchblick
