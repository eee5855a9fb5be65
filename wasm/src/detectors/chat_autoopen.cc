// chat-autoopen: a chat widget (label/chat_widget: vendor ids such as
// intercom or tawk, or "How can we help?") that opens its panel by itself
// instead of waiting as a small button: its panel takes at least
// popup.chat_open_min_share of the viewport and it opened (grew or
// appeared) without a click just before.
#include "../overlay_facts.h"
#include "../utf8.h"
#include "detector.h"

namespace durchblick {
namespace {

void Detect(const Snapshot& snapshot, const RuleSet& rules, DetectorOutput* out) {
  const double viewport = ViewportArea(snapshot.viewport_w, snapshot.viewport_h);
  const double min_share = rules.Threshold("popup.chat_open_min_share", 0.05);
  for (const Overlay& o : snapshot.overlays) {
    if (!OverlayIs(rules, o, "chat_widget") || o.rect.Area() / viewport < min_share) continue;
    Overlay opened = o;  // judge the moment the panel opened: growth, else first sight
    if (o.changed_at_ms >= 0 && o.first_rect.Area() < o.rect.Area()) opened.visible_at_ms = o.changed_at_ms;
    if (!Unrequested(opened, snapshot.page_state, rules)) continue;
    Finding f;
    f.type = "popup/chat_autoopen";
    f.vars["seconds"] = OneDecimal(opened.visible_at_ms / 1000.0);
    f.evidence.push_back(OverlayEvidence(o, "opened at " + Round(opened.visible_at_ms) + " ms without a click (" +
             Round(o.first_rect.w) + "x" + Round(o.first_rect.h) + " → " + Round(o.rect.w) + "x" +
             Round(o.rect.h) + " px)"));
    out->findings.push_back(std::move(f));
  }
}

}  // namespace

extern const Detector kChatAutoopen = {
    "chat-autoopen", "popup", kOverlays,
    "Chat widgets that open by themselves", &Detect};

}  // namespace durchblick
