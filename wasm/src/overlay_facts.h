// What the pop-up detectors derive from the gathered facts, in one place so
// that every detector reads an overlay the same way:
//
//   Trigger(o, page, rules)    "load" | "timer" | "exit_intent" | "scroll" | "click" | "unknown"
//                              from the overlay's first-visible time and the user's
//                              interactions just before it (popup.trigger_window_ms).
//   LabelClasses(rules, text)  {"accept", "reject", ...}: the label/* text rules
//                              (rules/text/label-*.json) that match.
//   ButtonRole(rules, b)       one role per button: reject > settings > accept >
//                              subscribe > close (autoconsent's order; "accept only
//                              necessary" is a reject).
//   ContrastRatio(fg, bg)      WCAG 2.2 relative-luminance contrast (1..21), colours
//                              composited over what is behind them.
//   Prominence(b, rules)       how much a button stands out: size, fill and text
//                              contrast, after Consent Observatory's VisibilityAnalyzer
//                              (shared notes popups.md §2.5).
#ifndef DURCHBLICK_OVERLAY_FACTS_H_
#define DURCHBLICK_OVERLAY_FACTS_H_

#include <set>
#include <string>
#include <vector>

#include "overlay.h"
#include "report.h"
#include "rules.h"

namespace durchblick {

std::string Trigger(const Overlay& overlay, const PageState& page, const RuleSet& rules);

// True if the overlay shows up without the user asking for it: it is visible
// and was not opened by a click just before.
bool Unrequested(const Overlay& overlay, const PageState& page, const RuleSet& rules);

// Label classes ("accept", "reject", ...) of `text`, without the "label/" prefix.
std::set<std::string> LabelClasses(const RuleSet& rules, const std::string& text);
bool HasLabel(const RuleSet& rules, const std::string& text, const std::string& label_class);

// The button's role in a pop-up: "reject", "settings", "accept", "subscribe",
// "shaming", "close" or "" (read from label, then aria-label, then hint).
std::string ButtonRole(const RuleSet& rules, const OverlayButton& button);
bool IsCloseLike(const RuleSet& rules, const OverlayButton& button);

// The overlay's kind from its text (and identity for vendor widgets):
// "cookie_notice", "newsletter_offer", "adblock_notice", "chat_widget",
// "countdown" are the label classes used.
bool OverlayIs(const RuleSet& rules, const Overlay& overlay, const std::string& label_class);
// All of those kinds the overlay is, in that order (the report's overlays[].kinds).
std::vector<std::string> OverlayKinds(const RuleSet& rules, const Overlay& overlay);

// `top` drawn over `bottom` (alpha compositing); `bottom` over white if it is
// itself translucent.
Rgba Over(const Rgba& top, const Rgba& bottom);
double ContrastRatio(const Rgba& fg, const Rgba& bg);
// The colour a button's text sits on: its own background over what is behind.
Rgba ButtonSurface(const OverlayButton& button);
// Looks like a text link: no visible box of its own (or the host said so).
bool LinkStyled(const OverlayButton& button);
double Prominence(const OverlayButton& button, const RuleSet& rules);

// Evidence pointing at an overlay, with its text (cut to 200 bytes) and a note.
Evidence OverlayEvidence(const Overlay& overlay, const std::string& note);

// Viewport area from the snapshot (falls back to 1280 × 720 when unknown).
double ViewportArea(double w, double h);

std::string Percent(double fraction);  // 0.314 -> "31"
std::string Round(double value);       // 23.6 -> "24"
std::string OneDecimal(double value);  // 2.345 -> "2.3"

}  // namespace durchblick

#endif  // DURCHBLICK_OVERLAY_FACTS_H_
