// fake-countdown: a countdown whose deadline moved later since an earlier
// visit (urgency/fake_countdown): the host remembered the timer's end
// (history kind "timer_end", key = timer id or its text id, value = epoch
// ms) and now the same timer ends later, by more than
// urgency.fake_countdown_min_shift_ms. The current end is the timer's endMs,
// else the capture time plus the time the clock shows.
#include <cstdlib>
#include <string>

#include "../countdown.h"
#include "../prior_observations.h"
#include "detector.h"

namespace durchblick {
namespace {

double CurrentEnd(const Snapshot& s, const Timer& t) {
  if (t.end_ms > 0) return t.end_ms;
  if (s.captured_at_ms <= 0 || t.samples.empty()) return 0;
  int64_t left = RemainingSeconds(t.samples.back());
  return left < 0 ? 0 : s.captured_at_ms + static_cast<double>(left) * 1000;
}

void Detect(const Snapshot& snapshot, const RuleSet& rules, DetectorOutput* out) {
  const double min_shift = rules.Threshold("urgency.fake_countdown_min_shift_ms", 60000);
  for (const Timer& t : snapshot.timers) {
    double end = CurrentEnd(snapshot, t);
    if (end <= 0) continue;
    const PriorObservation* earliest = nullptr;
    double earliest_end = 0;
    for (const PriorObservation* h : EarlierObservations(snapshot, "timer_end", {t.id, t.text_id})) {
      char* rest = nullptr;
      double prior = std::strtod(h->value.c_str(), &rest);
      if (rest == h->value.c_str() || prior <= 0) continue;
      if (!earliest || prior < earliest_end) {
        earliest = h;
        earliest_end = prior;
      }
    }
    if (!earliest || end - earliest_end <= min_shift) continue;
    Finding f;
    f.type = "urgency/fake_countdown";
    Evidence now, before;
    now.timer_id = t.id;
    now.text_id = t.text_id;
    now.text = t.samples.empty() ? "" : t.samples.back();
    now.note = "ends " + FormatUtc(end);
    before.text = FormatUtc(earliest_end);
    before.note = "end remembered from the visit of " + FormatUtc(earliest->seen_at_ms);
    f.evidence = {now, before};
    f.vars["text"] = now.text;
    f.vars["before"] = FormatUtc(earliest->seen_at_ms);
    f.vars["previous"] = FormatUtc(earliest_end);
    f.vars["current"] = FormatUtc(end);
    out->findings.push_back(std::move(f));
  }
}

}  // namespace

extern const Detector kFakeCountdown = {
    "fake-countdown", "dark_pattern", kTimers | kHistory,
    "Countdowns whose deadline moved later since an earlier visit", &Detect};

}  // namespace durchblick
