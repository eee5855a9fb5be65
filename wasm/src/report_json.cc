#include "report_json.h"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <utility>

#include <nlohmann/json.hpp>

#include "detectors/detector.h"
#include "durchblick/engine.h"
#include "overlay_facts.h"
#include "utf8.h"

namespace durchblick {
namespace {

using ojson = nlohmann::ordered_json;

// Report keys for the three categories (contract: subscores.tracking,
// subscores.dark_patterns, subscores.popups).
const char* SubscoreKey(const std::string& category) {
  if (category == "dark_pattern") return "dark_patterns";
  if (category == "popup") return "popups";
  return "tracking";
}

ojson MessageJson(const Message& m, const std::map<std::string, std::string>& vars) {
  return ojson{{"de", FillTemplate(m.de, vars)}, {"en", FillTemplate(m.en, vars)}};
}

ojson EvidenceJson(const Evidence& e) {
  ojson j = ojson::object();
  auto put = [&](const char* key, const std::string& v) {
    if (!v.empty()) j[key] = v;
  };
  put("textId", e.text_id);
  put("controlId", e.control_id);
  put("overlayId", e.overlay_id);
  put("requestUrl", TruncateUtf8(e.request_url, 2048));
  put("cookieName", e.cookie_name);
  put("timerId", e.timer_id);
  put("text", TruncateUtf8(e.text, 1024));
  put("note", e.note);
  return j;
}

ojson EngineJson(const std::string& rules_version, const std::string& sha) {
  ojson j = {{"core", CoreVersion()}, {"rules", rules_version}};
  if (!sha.empty()) j["snapshotSha256"] = sha;
  return j;
}

// The pop-up candidates as the core reads them: their kinds and the role of
// each button it classified (hosts act on these, e.g. the scanner's
// --consent click; they never classify labels themselves).
ojson OverlaysJson(const Snapshot& s, const RuleSet& rules) {
  ojson overlays = ojson::array();
  for (const Overlay& o : s.overlays) {
    ojson buttons = ojson::array();
    for (const OverlayButton& b : o.buttons) {
      std::string role = ButtonRole(rules, b);
      if (role.empty()) continue;
      buttons.push_back({{"id", b.id},
                         {"role", role},
                         {"label", TruncateUtf8(b.label.empty() ? b.aria_label : b.label, 80)}});
    }
    overlays.push_back({{"id", o.id}, {"kinds", OverlayKinds(rules, o)}, {"buttons", std::move(buttons)}});
  }
  return overlays;
}

}  // namespace

std::string ReportJson(const ReportInput& in, const RuleSet& rules) {
  const Snapshot& s = *in.snapshot;
  const DetectorOutput& out = *in.output;
  const Score& score = *in.score;
  ojson report = {{"schema", "durchblick.report/1"}, {"url", s.url}};
  if (!s.title.empty()) report["title"] = s.title;
  if (s.captured_at_ms > 0) report["capturedAtMs"] = static_cast<int64_t>(s.captured_at_ms);
  report["score"] = score.total;
  if (score.band != nullptr) {
    report["band"] = {{"id", score.band->id},
                      {"label", {{"de", score.band->label.de}, {"en", score.band->label.en}}}};
  }
  // A category is null when none of its detectors could run.
  std::map<std::string, bool> applicable;
  for (const auto& [category, cap] : rules.scoring().caps) applicable[category] = false;
  for (const Detector* d : AllDetectors()) {
    bool skipped = std::any_of(in.not_applicable.begin(), in.not_applicable.end(),
                               [&](const NotApplicable& n) { return n.detector == d->id; });
    if (!skipped) applicable[d->category] = true;
  }
  ojson subscores = ojson::object(), points = ojson::object();
  for (const char* category : {"tracking", "dark_pattern", "popup"}) {
    const char* key = SubscoreKey(category);
    auto it = score.subscores.find(category);
    bool known = it != score.subscores.end() && applicable[category];
    subscores[key] = known ? ojson(it->second) : ojson(nullptr);
    points[key] = score.points.count(category) ? score.points.at(category) : 0;
  }
  report["subscores"] = std::move(subscores);
  report["points"] = std::move(points);

  // Heaviest first; ties keep detector order.
  std::vector<size_t> order(out.findings.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return score.weights[a] > score.weights[b]; });
  ojson findings = ojson::array();
  for (size_t rank = 0; rank < order.size(); ++rank) {
    const Finding& f = out.findings[order[rank]];
    const FindingType* t = rules.Finding(f.type);
    if (t == nullptr) continue;
    ojson j = {{"id", "f" + std::to_string(rank + 1)},
               {"category", t->category},
               {"type", f.type},
               {"detector", f.detector}};
    if (!f.rule_id.empty()) j["ruleId"] = f.rule_id;
    j["severity"] = t->severity;
    j["weight"] = score.weights[order[rank]];
    j["title"] = MessageJson(t->title, f.vars);
    j["explanation"] = MessageJson(t->explanation, f.vars);
    ojson evidence = ojson::array();
    for (const Evidence& e : f.evidence) evidence.push_back(EvidenceJson(e));
    j["evidence"] = std::move(evidence);
    findings.push_back(std::move(j));
  }
  report["findings"] = std::move(findings);

  ojson trackers = ojson::array();
  for (const TrackerEntry& t : out.trackers) {
    trackers.push_back({{"company", t.company},
                        {"category", t.category},
                        {"hosts", t.hosts},
                        {"requests", t.requests},
                        {"retargeting", t.retargeting},
                        {"listed", t.listed}});
  }
  report["trackers"] = std::move(trackers);
  if (s.has_overlays) report["overlays"] = OverlaysJson(s, rules);
  ojson na = ojson::array();
  for (const NotApplicable& n : in.not_applicable) {
    ojson j = {{"detector", n.detector}, {"category", n.category}, {"missing", n.missing}};
    if (n.excluded) j["excluded"] = true;
    na.push_back(std::move(j));
  }
  report["notApplicable"] = std::move(na);
  if (!in.warnings.empty()) report["warnings"] = in.warnings;
  report["engine"] = EngineJson(rules.version(), in.snapshot_sha256);
  return report.dump(-1, ' ', false, ojson::error_handler_t::replace);
}

std::string ErrorReportJson(const std::string& code, const std::string& message,
                            const std::string& where, const std::string& rules_version) {
  ojson report = {{"schema", "durchblick.report/1"},
                  {"error", {{"code", code}, {"message", message}, {"where", where}}},
                  {"engine", EngineJson(rules_version, "")}};
  return report.dump(-1, ' ', false, ojson::error_handler_t::replace);
}

}  // namespace durchblick
