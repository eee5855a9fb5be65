// Price cues end to end on literal snapshots: the price parser in German and
// English notation, the countdown reader, and every price detector with the
// evidence it must give (text ids and both prices), plus plain shop text
// that must give none.
#include <catch2/catch.hpp>

#include <set>

#include <nlohmann/json.hpp>

#include "countdown.h"
#include "price.h"
#include "rules.h"
#include "test_util.h"

namespace durchblick {
namespace {

using nlohmann::json;
using testing::RealEngine;

json Analyze(const json& snapshot) { return json::parse(RealEngine().Analyze(snapshot.dump())); }

json Snap(json texts, const char* lang = "de", json extra = json::object()) {
  json s = {{"schema", "durchblick.snapshot/1"}, {"url", "https://shop.example/p/1"}, {"lang", lang},
            {"texts", std::move(texts)}, {"controls", json::array()}};
  for (auto& [k, v] : extra.items()) s[k] = v;
  return s;
}

std::vector<json> Findings(const json& report, const std::string& type) {
  std::vector<json> out;
  for (const auto& f : report["findings"]) {
    if (f["type"] == type) out.push_back(f);
  }
  return out;
}

std::set<std::string> DarkTypes(const json& report) {
  std::set<std::string> out;
  for (const auto& f : report["findings"]) {
    if (f["category"] == "dark_pattern") out.insert(f["type"].get<std::string>());
  }
  return out;
}

TEST_CASE("amounts in German and English notation", "[pricing]") {
  double v = 0;
  CHECK((ParseAmount("1.299,00", &v) && v == Approx(1299)));
  CHECK((ParseAmount("1,299.00", &v) && v == Approx(1299)));
  CHECK((ParseAmount("19,99", &v) && v == Approx(19.99)));
  CHECK((ParseAmount("19.99", &v) && v == Approx(19.99)));
  CHECK((ParseAmount("1.299", &v) && v == Approx(1299)));
  CHECK((ParseAmount("1,299", &v) && v == Approx(1299)));
  CHECK((ParseAmount("12.345.678,9", &v) && v == Approx(12345678.9)));
  CHECK((ParseAmount("19,-", &v) && v == Approx(19)));
  CHECK((ParseAmount("1'299.50", &v) && v == Approx(1299.5)));
  CHECK_FALSE(ParseAmount("1,2,3", &v));
  CHECK_FALSE(ParseAmount("12.3456", &v));
  CHECK_FALSE(ParseAmount("1.29.00", &v));
  CHECK_FALSE(ParseAmount("", &v));
}

TEST_CASE("prices need a currency beside the number", "[pricing]") {
  const PriceParser& p = RealEngine().rules().prices();
  auto one = [&](const std::string& text, double amount, const char* code) {
    INFO(text);
    auto m = p.Find(text);
    REQUIRE(m.size() == 1);
    CHECK(m[0].amount == Approx(amount));
    CHECK(m[0].currency == code);
  };
  one("1.299,00 €", 1299, "EUR");
  one("€1,299.00", 1299, "EUR");
  one("19,99 EUR", 19.99, "EUR");
  one("$19.99", 19.99, "USD");
  one("Preis: 49,-\xC2\xA0€", 49, "EUR");  // no-break space
  one("£5", 5, "GBP");
  one("C$20.00", 20, "CAD");
  one("19EUR", 19, "EUR");
  auto two = p.Find("statt 59,99 € jetzt 39,99 €");
  REQUIRE(two.size() == 2);
  CHECK(two[0].amount == Approx(59.99));
  CHECK(two[1].amount == Approx(39.99));
  CHECK(std::string("statt 59,99 € jetzt 39,99 €").substr(two[1].begin, two[1].end - two[1].begin) == "39,99 €");
  auto neg = p.Find("Discount -$6.75");
  REQUIRE(neg.size() == 1);
  CHECK(neg[0].negative);
  for (const char* none : {"64GB RAM", "Servicegebühr4,50 €", "X200,00 €", "Größe 38", "Fr. 14.06.", "Euro-Palette 120 x 80", "Heute 19.99 Uhr"}) {
    INFO(none);
    CHECK(p.Find(none).empty());
  }
}

TEST_CASE("countdown renderings are read as seconds left", "[pricing][timer]") {
  CHECK(RemainingSeconds("04:59") == 4 * 60 + 59);
  CHECK(RemainingSeconds("02 DAYS :23 HOURS :00 MINS :54 SECS") == 2 * 86400 + 23 * 3600 + 54);
  CHECK(RemainingSeconds("1 day 08:15:25") == 86400 + 8 * 3600 + 15 * 60 + 25);
  CHECK(RemainingSeconds("noch 3 Std. 12 Min.") == 3 * 60 + 12);  // two groups read as m:s
  CHECK(RemainingSeconds("Preis 49") == -1);
  CHECK(RemainingSeconds("12:75") == -1);
  CHECK(IsTicking({"04:59", "04:58", "04:56"}));
  CHECK_FALSE(IsTicking({"04:59", "04:59"}));
  CHECK_FALSE(IsTicking({"04:59", "05:00"}));
  CHECK_FALSE(IsTicking({"10:15 Uhr", "10:16 Uhr"}));
  CHECK_FALSE(IsTicking({"04:59"}));
  CHECK(FormatUtc(1764597600000.0) == "2025-12-01 14:00 UTC");
}

TEST_CASE("crossed-out price: anchor, and § 11 PAngV on German pages", "[pricing][anchor]") {
  json r = Analyze(Snap({{{"id", "old"}, {"text", "59,99 €"}, {"strike", true}},
                         {{"id", "now"}, {"text", "39,99 €"}, {"role", "price"}},
                         {{"id", "ship"}, {"text", "inkl. MwSt., zzgl. Versandkosten"}}}));
  auto a = Findings(r, "pricing/anchor_price");
  REQUIRE(a.size() == 1);
  CHECK(a[0]["evidence"][0]["textId"] == "old");
  CHECK(a[0]["evidence"][0]["text"] == "59,99 €");
  CHECK(a[0]["evidence"][1]["textId"] == "now");
  CHECK(a[0]["evidence"][1]["text"] == "39,99 €");
  CHECK(a[0]["title"]["de"].get<std::string>().find("59,99 € statt 39,99 €") != std::string::npos);
  CHECK(a[0]["explanation"]["en"].get<std::string>().find("33%") != std::string::npos);
  auto m = Findings(r, "pricing/missing_lowest_price");
  REQUIRE(m.size() == 1);
  CHECK(m[0]["evidence"][0]["textId"] == "old");

  SECTION("the 30-day statement satisfies § 11 PAngV") {
    json r2 = Analyze(Snap({{{"id", "old"}, {"text", "59,99 €"}, {"strike", true}},
                            {{"id", "now"}, {"text", "39,99 €"}, {"role", "price"}},
                            {{"id", "low"}, {"text", "Niedrigster Preis der letzten 30 Tage: 44,99 €"}}}));
    CHECK(Findings(r2, "pricing/anchor_price").size() == 1);
    CHECK(Findings(r2, "pricing/missing_lowest_price").empty());
  }
  SECTION("a UVP comparison is no reduction") {
    json r2 = Analyze(Snap({{{"id", "t1"}, {"text", "UVP 59,99 €"}}, {{"id", "t2"}, {"text", "Unser Preis 44,90 €"}}}));
    auto a2 = Findings(r2, "pricing/anchor_price");
    REQUIRE(a2.size() == 1);
    CHECK(a2[0]["evidence"][0]["text"] == "59,99 €");
    CHECK(a2[0]["evidence"][1]["textId"] == "t2");
    CHECK(Findings(r2, "pricing/missing_lowest_price").empty());
  }
  SECTION("statt in one block, English was/now, no law note outside Germany") {
    json r2 = Analyze(Snap({{{"id", "t1"}, {"text", "Jetzt 39,99 € statt 59,99 €"}}}));
    auto a2 = Findings(r2, "pricing/anchor_price");
    REQUIRE(a2.size() == 1);
    CHECK(a2[0]["evidence"][0]["text"] == "59,99 €");
    CHECK(a2[0]["evidence"][1]["text"] == "39,99 €");
    json r3 = Analyze(Snap({{{"id", "w"}, {"text", "Was $80.00"}}, {{"id", "n"}, {"text", "Now $60.00"}}}, "en-US"));
    REQUIRE(Findings(r3, "pricing/anchor_price").size() == 1);
    CHECK(Findings(r3, "pricing/missing_lowest_price").empty());
  }
  SECTION("instalments and base prices are not the price asked") {
    json r2 = Analyze(Snap({{{"id", "old"}, {"text", "599,00 €"}, {"strike", true}},
                            {{"id", "rate"}, {"text", "oder ab 25,00 € im Monat"}},
                            {{"id", "unit"}, {"text", "Grundpreis 12,45 € / 1 kg"}}}));
    CHECK(Findings(r2, "pricing/anchor_price").empty());
  }
}

TEST_CASE("discount claims must add up", "[pricing][discount]") {
  json r = Analyze(Snap({{{"id", "badge"}, {"text", "-60 %"}},
                         {{"id", "old"}, {"text", "100,00 €"}, {"strike", true}},
                         {{"id", "now"}, {"text", "65,00 €"}, {"role", "price"}}}));
  auto d = Findings(r, "pricing/discount_mismatch");
  REQUIRE(d.size() == 1);
  CHECK(d[0]["evidence"][0]["textId"] == "badge");
  CHECK(d[0]["evidence"][1]["text"] == "100,00 €");
  CHECK(d[0]["evidence"][2]["text"] == "65,00 €");
  CHECK(d[0]["explanation"]["de"].get<std::string>().find("60 %") != std::string::npos);
  CHECK(d[0]["explanation"]["de"].get<std::string>().find("35 %") != std::string::npos);

  json ok = Analyze(Snap({{{"id", "badge"}, {"text", "-35 %"}},
                          {{"id", "old"}, {"text", "100,00 €"}, {"strike", true}},
                          {{"id", "now"}, {"text", "65,00 €"}}}));
  CHECK(Findings(ok, "pricing/discount_mismatch").empty());
  json upto = Analyze(Snap({{{"id", "badge"}, {"text", "Bis zu -60 %"}},
                            {{"id", "old"}, {"text", "100,00 €"}, {"strike", true}},
                            {{"id", "now"}, {"text", "65,00 €"}}}));
  CHECK(Findings(upto, "pricing/discount_mismatch").empty());
  // Against the lowest price of 30 days (CJEU C-330/23): 80 → 65 is 19 %, not 35 %.
  json low = Analyze(Snap({{{"id", "badge"}, {"text", "-35 %"}},
                           {{"id", "old"}, {"text", "100,00 €"}, {"strike", true}},
                           {{"id", "now"}, {"text", "65,00 €"}},
                           {{"id", "low"}, {"text", "Niedrigster Preis der letzten 30 Tage: 80,00 €"}}}));
  auto dl = Findings(low, "pricing/discount_mismatch");
  REQUIRE(dl.size() == 1);
  CHECK(dl[0]["evidence"].back()["textId"] == "low");
}

TEST_CASE("fees added to the price", "[pricing][drip]") {
  json r = Analyze(Snap({{{"id", "p"}, {"text", "Konzertticket 49,00 €"}, {"role", "price"}},
                         {{"id", "f1"}, {"text", "Servicegebühr 4,50 €"}},
                         {{"id", "f2"}, {"text", "zzgl. Buchungsgebühr 2,00 €"}},
                         {{"id", "sum"}, {"text", "Gesamtsumme 55,50 €"}}}));
  auto h = Findings(r, "sneaking/hidden_costs");
  REQUIRE(h.size() == 2);
  CHECK(h[0]["evidence"][0]["textId"] == "f1");
  CHECK(h[0]["evidence"][0]["text"] == "4,50 €");
  auto d = Findings(r, "pricing/drip_pricing");
  REQUIRE(d.size() == 1);
  CHECK(d[0]["evidence"].front()["textId"] == "p");
  CHECK(d[0]["evidence"].back()["textId"] == "sum");
  CHECK(d[0]["title"]["de"] == "Preis steigt durch Gebühren: 49,00 € → 55,50 €");
  CHECK(d[0]["explanation"]["de"].get<std::string>().find("6,50 €") != std::string::npos);

  json plain = Analyze(Snap({{{"id", "p"}, {"text", "49,00 €"}, {"role", "price"}},
                             {{"id", "s"}, {"text", "inkl. MwSt., zzgl. Versandkosten"}},
                             {{"id", "v"}, {"text", "Versand 4,95 €"}},
                             {{"id", "sum"}, {"text", "Gesamtsumme 53,95 €"}}}));
  CHECK(DarkTypes(plain).empty());
  json en = Analyze(Snap({{{"id", "m"}, {"text", "Merchandise: $69.99"}},
                          {{"id", "f"}, {"text", "Service Charge: $14.99"}},
                          {{"id", "t"}, {"text", "Order Total: $90.61"}}}, "en"));
  REQUIRE(Findings(en, "pricing/drip_pricing").size() == 1);
  CHECK(Findings(en, "pricing/drip_pricing")[0]["title"]["en"] == "Price grows through fees: $69.99 → $90.61");
}

TEST_CASE("pre-ticked add-ons", "[pricing][sneak]") {
  json s = Snap(json::array());
  s["controls"] = {{{"id", "c1"}, {"kind", "checkbox"}, {"label", "Reiserücktrittsversicherung für 29 € hinzufügen"}, {"checked", true}},
                   {{"id", "c2"}, {"kind", "checkbox"}, {"label", "1 € an den Klimaschutz spenden"}, {"checked", false}},
                   {{"id", "c3"}, {"kind", "checkbox"}, {"label", "Ich akzeptiere die AGB"}, {"checked", true}},
                   {{"id", "c4"}, {"kind", "checkbox"}, {"label", "Add gift wrap (+$4.99)"}, {"checked", true}},
                   {{"id", "c5"}, {"kind", "radio"}, {"label", "Standardversand"}, {"checked", true}},
                   {{"id", "c6"}, {"kind", "button"}, {"label", "Versicherung hinzufügen"}}};
  json r = Analyze(s);
  auto f = Findings(r, "sneaking/sneak_into_basket");
  REQUIRE(f.size() == 2);
  CHECK(f[0]["evidence"][0]["controlId"] == "c1");
  CHECK(f[1]["evidence"][0]["controlId"] == "c4");
}

TEST_CASE("a pre-ticked box listed by both gatherers is one finding with its pop-up", "[pricing][sneak]") {
  // The texts gatherer lists it first (no overlayId), the overlays gatherer
  // again with the pop-up's id; both use the element's one id.
  json s = Snap(json::array());
  s["controls"] = {{{"id", "t7"}, {"kind", "checkbox"}, {"label", "Newsletter abonnieren und 5 € spenden"}, {"checked", true}},
                   {{"id", "t7"}, {"kind", "checkbox"}, {"label", "Newsletter abonnieren und 5 € spenden"}, {"checked", true}, {"overlayId", "ov1"}},
                   {{"id", "c2"}, {"kind", "checkbox"}, {"label", "Add gift wrap (+$4.99)"}, {"checked", true}}};
  json r = Analyze(s);
  auto f = Findings(r, "sneaking/sneak_into_basket");
  REQUIRE(f.size() == 2);
  CHECK(f[0]["evidence"].size() == 1);
  CHECK(f[0]["evidence"][0]["controlId"] == "t7");
  CHECK(f[0]["evidence"][0]["overlayId"] == "ov1");
  CHECK(f[1]["evidence"][0]["controlId"] == "c2");
}

TEST_CASE("countdowns seen ticking count once, with both samples", "[pricing][timer]") {
  json s = Snap({{{"id", "t1"}, {"text", "Angebot endet in 04:59"}}});
  s["timers"] = {{{"id", "tm1"}, {"textId", "t1"}, {"samples", {"04:59", "04:57"}}, {"intervalMs", 2000}}};
  json r = Analyze(s);
  auto c = Findings(r, "urgency/countdown_timer");
  REQUIRE(c.size() == 1);
  CHECK(c[0]["evidence"][0]["timerId"] == "tm1");
  CHECK(c[0]["evidence"][0]["textId"] == "t1");
  CHECK(c[0]["evidence"][0]["text"] == "04:59 → 04:57");
  json still = Snap({{{"id", "t1"}, {"text", "Heute 10:15 Uhr"}, {"samples", json::array({"Heute 10:15 Uhr"})}}});
  CHECK(DarkTypes(Analyze(still)).empty());
  json text_samples = Snap({{{"id", "t9"}, {"text", "00:09:59"}, {"samples", json::array({"00:09:58"})}}});
  CHECK(Findings(Analyze(text_samples), "urgency/countdown_timer").size() == 1);
}

TEST_CASE("a deadline that moved later since the last visit is fake", "[pricing][timer]") {
  const double now = 1764597600000.0;  // 2025-12-01 14:00 UTC
  json s = Snap({{{"id", "t1"}, {"text", "Angebot endet in 00:10:00"}}});
  s["capturedAtMs"] = now;
  s["timers"] = {{{"id", "tm1"}, {"textId", "t1"}, {"samples", {"00:10:00", "00:09:58"}}, {"endMs", now + 600000}}};
  s["history"] = {{{"kind", "timer_end"}, {"key", "tm1"}, {"value", std::to_string(static_cast<long long>(now - 3600000))},
                   {"url", "https://shop.example/p/1"}, {"seenAtMs", now - 4200000}}};
  json r = Analyze(s);
  auto f = Findings(r, "urgency/fake_countdown");
  REQUIRE(f.size() == 1);
  CHECK(f[0]["evidence"][0]["timerId"] == "tm1");
  CHECK(f[0]["explanation"]["en"].get<std::string>().find("13:00 UTC") != std::string::npos);
  CHECK(f[0]["explanation"]["en"].get<std::string>().find("14:10 UTC") != std::string::npos);
  // The same deadline as remembered: honest.
  s["history"][0]["value"] = std::to_string(static_cast<long long>(now + 600000));
  CHECK(Findings(Analyze(s), "urgency/fake_countdown").empty());
}

TEST_CASE("a price that went up since the last visit", "[pricing][revisit]") {
  const double now = 1764597600000.0;
  json s = Snap({{{"id", "p"}, {"text", "54,99 €"}, {"role", "price"}}});
  s["capturedAtMs"] = now;
  s["productIds"] = json::array({"sku-123"});
  s["history"] = {{{"kind", "price"}, {"key", "sku-123"}, {"value", "49,99 €"}, {"seenAtMs", now - 86400000}},
                  {{"kind", "price"}, {"key", "sku-123"}, {"value", "9,99 €"}, {"seenAtMs", now - 86400000}},
                  {{"kind", "price"}, {"key", "other"}, {"value", "19,99 €"}, {"seenAtMs", now - 86400000}}};
  json r = Analyze(s);
  auto f = Findings(r, "pricing/price_increase_on_revisit");
  REQUIRE(f.size() == 1);
  CHECK(f[0]["evidence"][0]["textId"] == "p");
  CHECK(f[0]["evidence"][0]["text"] == "54,99 €");
  CHECK(f[0]["evidence"][1]["text"] == "49,99 €");
  s["history"][0]["value"] = "54,99 €";
  CHECK(Findings(Analyze(s), "pricing/price_increase_on_revisit").empty());
}

TEST_CASE("a plain shop page gives no dark-pattern finding", "[pricing]") {
  json texts = json::array();
  int i = 0;
  for (const char* t : {"Bosch Serie 6 Waschmaschine 9 kg", "649,00 €", "inkl. MwSt., zzgl. Versandkosten",
                        "Lieferung in 2–4 Werktagen", "Grundpreis: 12,45 € / 1 kg", "Sofort lieferbar",
                        "4,5 von 5 Sternen (1.287 Bewertungen)", "Öffnungszeiten: Mo–Fr 9:00–18:00 Uhr",
                        "Versandkostenfrei ab 50 €", "Finanzierung ab 27,04 € im Monat", "In den Warenkorb",
                        "Free shipping on orders over $100!", "Deal of the Day", "Limited Edition",
                        "Will be in stock soon", "Model D6 PRO 4G 64bit 1200MHz", "$19.99"}) {
    texts.push_back({{"id", "t" + std::to_string(i++)}, {"text", t}, {"role", i == 2 ? "price" : ""}});
  }
  json s = Snap(texts);
  s["controls"] = {{{"id", "c1"}, {"kind", "checkbox"}, {"label", "Angemeldet bleiben"}, {"checked", true}}};
  json r = Analyze(s);
  INFO(r["findings"].dump());
  CHECK(DarkTypes(r).empty());
}

}  // namespace
}  // namespace durchblick
