// Pop-up candidates as the overlay gatherer (web/gather/overlays.js) reports
// them: geometry, coverage by hit-testing, timing, buttons and toggles. The
// core decides what they mean (blocking modal, cookie wall, ...); the gatherer
// only measures. Shape and units: docs/snapshot.md#overlays.
#ifndef DURCHBLICK_OVERLAY_H_
#define DURCHBLICK_OVERLAY_H_

#include <optional>
#include <string>
#include <vector>

namespace durchblick {

struct Rect {
  double x = 0, y = 0, w = 0, h = 0;  // viewport CSS px
};

struct Rgba {
  double r = 0, g = 0, b = 0, a = 0;  // 0-255, alpha 0-1
};

struct OverlayButton {
  std::string id;
  std::string label;     // text, else aria-label, else title
  Rect rect;
  Rgba fg, bg;
  double font_px = 0;
  bool link_styled = false;  // looks like a text link, not a button
  bool close_like = false;   // "×", "✕", aria-label "close", ...
};

struct OverlayToggle {
  std::string label;
  bool checked = false;
  bool legitimate_interest = false;
};

struct Overlay {
  std::string id;
  std::string position;     // "fixed" | "sticky" | "absolute" | ...
  Rect rect;
  double coverage = 0;      // fraction of a viewport hit-test grid it (or its backdrop) wins
  bool backdrop = false;    // a dimming/blurring layer covers the rest of the page
  bool modal = false;       // aria-modal, <dialog> shown modally, or :modal
  std::string text;
  std::vector<OverlayButton> buttons;
  std::vector<OverlayToggle> toggles;
  bool email_input = false;
  double visible_at_ms = -1;  // ms after navigation start; -1 = unknown
  std::string trigger;      // "load" | "timer" | "exit_intent" | "scroll" | "click" | "unknown"
};

// Page-wide facts the overlay gatherer records.
struct PageState {
  bool scroll_locked = false;
  std::vector<double> notification_request_ms;  // ms after navigation start
  bool notification_after_click = false;
};

}  // namespace durchblick

#endif  // DURCHBLICK_OVERLAY_H_
