// The runner: parse → run each applicable detector → score → report. All
// judgement lives in the detectors and the rules; this file only plumbs.
#include "durchblick/engine.h"

#include <algorithm>

#include "detectors/detector.h"
#include "report_json.h"
#include "rules.h"
#include "score.h"
#include "sha256.h"
#include "snapshot.h"

#ifndef DURCHBLICK_VERSION
#define DURCHBLICK_VERSION "0.0.0"
#endif

namespace durchblick {
namespace {

struct SectionName {
  Section bit;
  const char* name;
  bool Snapshot::*gathered;
};

constexpr SectionName kSections[] = {
    {kRequests, "requests", &Snapshot::has_requests},
    {kTexts, "texts", &Snapshot::has_texts},
    {kControls, "controls", &Snapshot::has_controls},
    {kOverlays, "overlays", &Snapshot::has_overlays},
    {kCookies, "cookies", &Snapshot::has_cookies},
    {kTimers, "timers", &Snapshot::has_timers},
    {kHistory, "history", &Snapshot::has_history},
};

}  // namespace

const char* CoreVersion() { return DURCHBLICK_VERSION; }

Engine::Engine(const std::string& rules_bundle_json) : rules_(std::make_unique<RuleSet>()) {
  if (!rules_->Load(rules_bundle_json, &error_)) {
    if (error_.empty()) error_ = "rules bundle rejected";
    rules_ = std::make_unique<RuleSet>();  // nothing half-loaded
  }
}

Engine::~Engine() = default;

bool Engine::ok() const { return error_.empty(); }
std::string Engine::error() const { return error_; }
std::string Engine::rules_version() const { return rules_->version(); }

void Engine::UseFilterLists(const std::vector<std::pair<std::string, std::string>>& lists) {
  rules_->mutable_filters().Replace(lists);
}

std::string Engine::Analyze(std::string_view snapshot_json) const {
  if (!ok()) return ErrorReportJson("rules_rejected", error_, "rules bundle", "");
  if (snapshot_json.size() > kMaxSnapshotBytes) {
    return ErrorReportJson("too_large",
                           "snapshot is " + std::to_string(snapshot_json.size() >> 20) +
                               " MiB, the limit is " + std::to_string(kMaxSnapshotBytes >> 20) +
                               " MiB",
                           "byte " + std::to_string(kMaxSnapshotBytes), rules_->version());
  }
  Snapshot snapshot;
  ParseError error;
  if (!ParseSnapshot(snapshot_json, &snapshot, &error)) {
    return ErrorReportJson(error.code, error.message, error.where, rules_->version());
  }
  snapshot.derived.Keep(rules_.get());  // parsed, read-only from here: derive text facts once
  DetectorOutput output;
  ReportInput in;
  // Cut sections, in one order whichever reader cut them.
  for (const SectionName& s : kSections) {
    for (const CutSection& cut : snapshot.cut_sections) {
      if (cut.section != s.name) continue;
      in.warnings.push_back(cut.section + ": " + std::to_string(cut.items) + " items, only the first " +
                            std::to_string(kMaxSectionItems) + " were analysed (the snapshot limit)");
    }
  }
  for (const Detector* d : AllDetectors()) {
    NotApplicable na{d->id, d->category, {}};
    if (std::find(snapshot.excluded_categories.begin(), snapshot.excluded_categories.end(),
                  d->category) != snapshot.excluded_categories.end()) {
      na.excluded = true;
      in.not_applicable.push_back(std::move(na));
      continue;
    }
    for (const SectionName& s : kSections) {
      if ((d->needs & s.bit) && !(snapshot.*s.gathered)) na.missing.push_back(s.name);
    }
    if (!na.missing.empty()) {
      in.not_applicable.push_back(std::move(na));
      continue;
    }
    size_t before = output.findings.size();
    d->detect(snapshot, *rules_, &output);
    for (size_t i = before; i < output.findings.size(); ++i) {
      if (output.findings[i].detector.empty()) output.findings[i].detector = d->id;
    }
  }
  // A finding whose type the rules do not define cannot be explained: drop it
  // and say so (the rule tests make this unreachable for shipped rules).
  std::vector<Finding> known;
  for (Finding& f : output.findings) {
    if (rules_->Finding(f.type) != nullptr) {
      known.push_back(std::move(f));
    } else {
      in.warnings.push_back("finding type " + f.type + " is not defined in the rules");
    }
  }
  output.findings = std::move(known);
  Score score = ComputeScore(output.findings, *rules_);
  in.snapshot = &snapshot;
  in.output = &output;
  in.score = &score;
  in.snapshot_sha256 = Sha256Hex(snapshot_json);
  return ReportJson(in, *rules_);
}

}  // namespace durchblick
