#include "report_json.h"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <utility>

#include "detectors/detector.h"
#include "durchblick/engine.h"
#include "json_writer.h"
#include "overlay_facts.h"
#include "utf8.h"

namespace durchblick {
namespace {

// Report keys for the three categories (contract: subscores.tracking,
// subscores.dark_patterns, subscores.popups).
const char* SubscoreKey(const std::string& category) {
  if (category == "dark_pattern") return "dark_patterns";
  if (category == "popup") return "popups";
  return "tracking";
}

void WriteMessage(JsonWriter& w, const Message& m, const std::map<std::string, std::string>& vars) {
  w.BeginObject().Key("de").String(FillTemplate(m.de, vars)).Key("en").String(FillTemplate(m.en, vars));
  w.EndObject();
}

void WriteEvidence(JsonWriter& w, const Evidence& e) {
  w.BeginObject();
  auto put = [&](const char* key, std::string_view v) {
    if (!v.empty()) w.Key(key).String(v);
  };
  put("textId", e.text_id);
  put("controlId", e.control_id);
  put("overlayId", e.overlay_id);
  put("requestUrl", TruncateUtf8(e.request_url, 2048));
  put("cookieName", e.cookie_name);
  put("timerId", e.timer_id);
  put("text", TruncateUtf8(e.text, 1024));
  put("note", e.note);
  w.EndObject();
}

void WriteEngine(JsonWriter& w, const std::string& rules_version, const std::string& sha) {
  w.BeginObject().Key("core").String(CoreVersion()).Key("rules").String(rules_version);
  if (!sha.empty()) w.Key("snapshotSha256").String(sha);
  w.EndObject();
}

// The pop-up candidates as the core reads them: their kinds and the role of
// each button it classified (hosts act on these, e.g. the scanner's
// --consent click; they never classify labels themselves).
void WriteOverlays(JsonWriter& w, const Snapshot& s, const RuleSet& rules) {
  w.BeginArray();
  for (const Overlay& o : s.overlays) {
    w.BeginObject().Key("id").String(o.id).Key("kinds").Strings(OverlayKinds(rules, o));
    w.Key("buttons").BeginArray();
    for (const OverlayButton& b : o.buttons) {
      std::string role = ButtonRole(rules, b);
      if (role.empty()) continue;
      w.BeginObject().Key("id").String(b.id).Key("role").String(role);
      w.Key("label").String(TruncateUtf8(b.label.empty() ? b.aria_label : b.label, 80));
      w.EndObject();
    }
    w.EndArray().EndObject();
  }
  w.EndArray();
}

}  // namespace

std::string ReportJson(const ReportInput& in, const RuleSet& rules) {
  const Snapshot& s = *in.snapshot;
  const DetectorOutput& out = *in.output;
  const Score& score = *in.score;
  std::string text;
  // A finding takes ~700 bytes (two bilingual messages and evidence): room
  // for them up front instead of the string's copies as it doubles.
  text.reserve(4096 + 768 * out.findings.size());
  JsonWriter w(&text);
  w.BeginObject().Key("schema").String("durchblick.report/1").Key("url").String(s.url);
  if (!s.title.empty()) w.Key("title").String(s.title);
  if (s.captured_at_ms > 0) w.Key("capturedAtMs").Int(static_cast<int64_t>(s.captured_at_ms));
  w.Key("score").Int(score.total);
  if (score.band != nullptr) {
    w.Key("band").BeginObject().Key("id").String(score.band->id);
    w.Key("label").BeginObject().Key("de").String(score.band->label.de);
    w.Key("en").String(score.band->label.en).EndObject().EndObject();
  }
  // A category is null when none of its detectors could run.
  std::map<std::string, bool> applicable;
  for (const auto& [category, cap] : rules.scoring().caps) applicable[category] = false;
  for (const Detector* d : AllDetectors()) {
    bool skipped = std::any_of(in.not_applicable.begin(), in.not_applicable.end(),
                               [&](const NotApplicable& n) { return n.detector == d->id; });
    if (!skipped) applicable[d->category] = true;
  }
  static constexpr const char* kCategories[] = {"tracking", "dark_pattern", "popup"};
  w.Key("subscores").BeginObject();
  for (const char* category : kCategories) {
    auto it = score.subscores.find(category);
    w.Key(SubscoreKey(category));
    if (it != score.subscores.end() && applicable[category]) w.Int(it->second);
    else w.Null();
  }
  w.EndObject().Key("points").BeginObject();
  for (const char* category : kCategories) {
    w.Key(SubscoreKey(category)).Int(score.points.count(category) ? score.points.at(category) : 0);
  }
  w.EndObject();

  // Heaviest first; ties keep detector order.
  std::vector<size_t> order(out.findings.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return score.weights[a] > score.weights[b]; });
  w.Key("findings").BeginArray();
  for (size_t rank = 0; rank < order.size(); ++rank) {
    const Finding& f = out.findings[order[rank]];
    const FindingType* t = rules.Finding(f.type);
    if (t == nullptr) continue;
    w.BeginObject().Key("id").String("f" + std::to_string(rank + 1));
    w.Key("category").String(t->category).Key("type").String(f.type).Key("detector").String(f.detector);
    if (!f.rule_id.empty()) w.Key("ruleId").String(f.rule_id);
    w.Key("severity").String(t->severity).Key("weight").Int(score.weights[order[rank]]);
    w.Key("title");
    WriteMessage(w, t->title, f.vars);
    w.Key("explanation");
    WriteMessage(w, t->explanation, f.vars);
    w.Key("evidence").BeginArray();
    for (const Evidence& e : f.evidence) WriteEvidence(w, e);
    w.EndArray().EndObject();
  }
  w.EndArray();

  w.Key("trackers").BeginArray();
  for (const TrackerEntry& t : out.trackers) {
    w.BeginObject().Key("company").String(t.company).Key("category").String(t.category);
    w.Key("hosts").Strings(t.hosts).Key("requests").Int(t.requests);
    w.Key("retargeting").Bool(t.retargeting).Key("listed").Bool(t.listed).EndObject();
  }
  w.EndArray();
  if (s.has_overlays) {
    w.Key("overlays");
    WriteOverlays(w, s, rules);
  }
  w.Key("notApplicable").BeginArray();
  for (const NotApplicable& n : in.not_applicable) {
    w.BeginObject().Key("detector").String(n.detector).Key("category").String(n.category);
    w.Key("missing").Strings(n.missing);
    if (n.excluded) w.Key("excluded").Bool(true);
    w.EndObject();
  }
  w.EndArray();
  if (!in.warnings.empty()) w.Key("warnings").Strings(in.warnings);
  w.Key("engine");
  WriteEngine(w, rules.version(), in.snapshot_sha256);
  w.EndObject();
  return text;
}

std::string ErrorReportJson(const std::string& code, const std::string& message,
                            const std::string& where, const std::string& rules_version) {
  std::string text;
  JsonWriter w(&text);
  w.BeginObject().Key("schema").String("durchblick.report/1");
  w.Key("error").BeginObject().Key("code").String(code).Key("message").String(message);
  w.Key("where").String(where).EndObject();
  w.Key("engine");
  WriteEngine(w, rules_version, "");
  w.EndObject();
  return text;
}

}  // namespace durchblick
