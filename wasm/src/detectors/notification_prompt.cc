// notification-prompt: the page asks for permission to send notifications
// on its own, without the person having clicked anything (Chromium's
// guidance and Lighthouse's notification-on-start audit: never prompt on
// arrival). The gatherer's main-world hook records each
// Notification.requestPermission / PushManager.subscribe call; the observer
// records trusted clicks and key presses. A request with no click or key
// press within popup.trigger_window_ms before it counts. The page's own
// navigator.userActivation is kept as evidence only: automation (Playwright's
// page.evaluate runs with a user gesture) can switch it on without a person.
#include "../overlay_facts.h"
#include "detector.h"

namespace durchblick {
namespace {

bool ClickBefore(const PageState& page, double t, double window) {
  for (double c : page.clicks_ms) {
    if (c <= t && c >= t - window) return true;
  }
  return false;
}

void Detect(const Snapshot& snapshot, const RuleSet& rules, DetectorOutput* out) {
  const PageState& page = snapshot.page_state;
  const double window = rules.Threshold("popup.trigger_window_ms", 1000);
  for (const NotificationRequest& r : page.notification_requests) {
    if (ClickBefore(page, r.at_ms, window)) continue;
    Finding f;
    f.type = "popup/notification_on_arrival";
    double loaded = page.load_ms >= 0 ? page.load_ms : 0;
    f.vars["seconds"] = OneDecimal((r.at_ms - loaded) / 1000.0);
    Evidence e;
    e.note = r.api + " at " + Round(r.at_ms) + " ms without a click; permission " +
             (page.notification_permission.empty() ? "unknown" : page.notification_permission) +
             (r.user_activation ? "; page reported user activation" : "");
    f.evidence.push_back(std::move(e));
    out->findings.push_back(std::move(f));
    return;  // the first unprompted request is the one that counts
  }
}

}  // namespace

extern const Detector kNotificationPrompt = {
    "notification-prompt", "popup", kOverlays,
    "Notification permission requested without a click", &Detect};

}  // namespace durchblick
