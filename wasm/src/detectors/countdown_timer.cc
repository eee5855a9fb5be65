// countdown-timer: a clock on the page seen counting down between samples
// (urgency/countdown_timer), from timers[] and from texts[].samples. The
// text detector leaves such blocks to this one, so each timer counts once.
#include <set>

#include "../countdown.h"
#include "detector.h"

namespace durchblick {
namespace {

void Report(const std::string& timer_id, const std::string& text_id,
            const std::vector<std::string>& samples, DetectorOutput* out) {
  Finding f;
  f.type = "urgency/countdown_timer";
  Evidence e;
  e.timer_id = timer_id;
  e.text_id = text_id;
  e.text = samples.front() + " → " + samples.back();
  e.note = "counted down while the page was watched";
  f.vars["text"] = e.text;
  f.evidence.push_back(std::move(e));
  out->findings.push_back(std::move(f));
}

void Detect(const Snapshot& snapshot, const RuleSet&, DetectorOutput* out) {
  std::set<std::string> reported;  // text ids
  for (const Timer& t : snapshot.timers) {
    if (!IsTicking(t.samples)) continue;
    if (!t.text_id.empty() && !reported.insert(t.text_id).second) continue;
    Report(t.id, t.text_id, t.samples, out);
  }
  for (const TextBlock& b : snapshot.texts) {
    if (b.samples.empty() || reported.count(b.id)) continue;
    std::vector<std::string> seq = {b.text};
    seq.insert(seq.end(), b.samples.begin(), b.samples.end());
    if (!IsTicking(seq)) continue;
    reported.insert(b.id);
    Report("", b.id, seq, out);
  }
}

}  // namespace

extern const Detector kCountdownTimer = {
    "countdown-timer", "dark_pattern", kTexts,
    "Clocks seen counting down between two samples of the page", &Detect};

}  // namespace durchblick
