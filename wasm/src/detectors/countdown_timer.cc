// countdown-timer: a clock on the page seen counting down between samples
// (urgency/countdown_timer), from timers[] and from texts[].samples. The
// text detector leaves such blocks to this one, so each timer counts once.
#include <set>

#include "../countdown.h"
#include "detector.h"

namespace durchblick {
namespace {

std::string Shown(const std::vector<std::string>& samples) {
  return samples.front() + " → " + samples.back();
}

void Detect(const Snapshot& snapshot, const RuleSet&, DetectorOutput* out) {
  std::set<std::string> reported;  // text ids
  for (const Timer& t : snapshot.timers) {
    if (!IsTicking(t.samples)) continue;
    if (!t.text_id.empty() && !reported.insert(t.text_id).second) continue;
    Finding f;
    f.type = "urgency/countdown_timer";
    Evidence e;
    e.timer_id = t.id;
    e.text_id = t.text_id;
    e.text = Shown(t.samples);
    e.note = "counted down while the page was watched";
    f.vars["text"] = e.text;
    f.evidence.push_back(std::move(e));
    out->findings.push_back(std::move(f));
  }
  for (const TextBlock& b : snapshot.texts) {
    if (b.samples.empty() || reported.count(b.id)) continue;
    std::vector<std::string> seq = {b.text};
    seq.insert(seq.end(), b.samples.begin(), b.samples.end());
    if (!IsTicking(seq)) continue;
    reported.insert(b.id);
    Finding f;
    f.type = "urgency/countdown_timer";
    Evidence e;
    e.text_id = b.id;
    e.text = Shown(seq);
    e.note = "counted down while the page was watched";
    f.vars["text"] = e.text;
    f.evidence.push_back(std::move(e));
    out->findings.push_back(std::move(f));
  }
}

}  // namespace

extern const Detector kCountdownTimer = {
    "countdown-timer", "dark_pattern", kTexts,
    "Clocks seen counting down between two samples of the page", &Detect};

}  // namespace durchblick
