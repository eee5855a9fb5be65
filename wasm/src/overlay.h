// Pop-up candidates as the overlay gatherer (web/gather/overlays.js) reports
// them: geometry, coverage by hit-testing, timing, buttons and toggles, plus
// the page-wide facts around them (scroll lock, interactions, notification
// requests, the IAB TCF summary). The core decides what they mean (blocking
// modal, cookie wall, exit intent, ...); the gatherer only measures.
// Shape and units: docs/snapshot.md#overlays. Times are ms after navigation
// start (performance.now() of the page); -1 means "not seen / unknown".
//
// Example (abridged): a newsletter modal that appeared 1.5 s after load over
// a dimmed backdrop while the body could not scroll:
//   overlays: [{"id":"ov1","position":"fixed","rect":{"x":390,"y":160,"w":500,"h":400},
//     "coverage":1,"backdrop":true,"text":"10 % Rabatt ...","emailInput":true,
//     "visibleAtMs":2712,"buttons":[{"id":"ov1-b1","label":"Anmelden",...}]}]
//   pageState: {"scrollLocked":true,"loadMs":1210,"clicksMs":[],...}
#ifndef DURCHBLICK_OVERLAY_H_
#define DURCHBLICK_OVERLAY_H_

#include <optional>
#include <string>
#include <vector>

namespace durchblick {

struct Rect {
  double x = 0, y = 0, w = 0, h = 0;  // viewport CSS px
  double Area() const { return w > 0 && h > 0 ? w * h : 0; }
};

struct Rgba {
  double r = 0, g = 0, b = 0, a = 0;  // 0-255, alpha 0-1
};

struct OverlayButton {
  std::string id;
  std::string label;       // visible text, else aria-label, else title, else value
  std::string aria_label;  // aria-label / title when the text is something else
  std::string hint;        // id and class tokens ("modal-close btn"), for close-like icons
  std::string tag;         // "button" | "a" | "input" | "div" ...
  std::string href;        // "same" | "ext" | "js" | "" : where a link goes (kind only)
  Rect rect;
  Rgba fg, bg;             // text colour; own background (may be transparent)
  Rgba behind;             // nearest ancestor background that is not transparent
  Rgba border;             // border colour (alpha 0 if no border)
  double font_px = 0;
  double font_weight = 400;
  bool underline = false;
  bool link_styled = false;  // looks like a text link: no own background or border
  bool close_like = false;   // legacy hint from a host; the core classifies labels itself
};

struct OverlayToggle {
  std::string id;
  std::string label;
  std::string context;     // heading or group text around the toggle
  std::string kind;        // "checkbox" | "switch" | "radio"
  bool checked = false;
  bool disabled = false;   // locked on, e.g. "strictly necessary"
  bool legitimate_interest = false;  // host hint; the core also reads label/context
};

struct Overlay {
  std::string id;
  std::string tag;
  std::string role;         // role attribute
  std::string identity;     // "tag#id.class ..." plus "frame:<origin>" of iframes inside
  std::string position;     // "fixed" | "sticky" | "absolute" | ...
  std::string frame_origin; // origin of a cross-origin iframe the overlay is, if any
  double z_index = 0;
  Rect rect;
  Rect first_rect;          // rect when first seen visible (growth of chat widgets)
  double coverage = 0;      // fraction of the viewport hit-test grid it (or its backdrop) wins
  double own_coverage = 0;  // the same without its backdrop
  bool backdrop = false;    // a dimming/blurring layer covers the rest of the page
  Rgba backdrop_bg;
  bool blur = false;        // backdrop-filter or a blurred page behind it
  bool modal = false;       // aria-modal, <dialog> shown modally, or :modal
  bool in_shadow = false;   // inside a shadow root
  std::string text;
  std::vector<std::string> text_samples;  // the text again, ~1 s apart (countdowns)
  Rgba bg;                  // the overlay's own background
  std::vector<OverlayButton> buttons;
  std::vector<OverlayToggle> toggles;
  bool email_input = false;
  double present_at_ms = -1;  // first in the DOM as a candidate
  double visible_at_ms = -1;  // first seen visible
  double changed_at_ms = -1;  // first seen with a different size than at first sight
  std::string trigger;        // host's own guess; the core derives it from interactions
};

// The IAB TCF v2 summary a CMP gave through postMessage (__tcfapiCall).
struct TcfSummary {
  bool present = false;      // a CMP answered
  int cmp_id = 0;
  std::string event_status;  // "tcloaded" | "cmpuishown" | "useractioncomplete"
  bool gdpr_applies = false;
  std::vector<int> purpose_consents;            // purpose ids with consent = true
  std::vector<int> purpose_legitimate_interests;
  int vendor_consent_count = 0;
  int vendor_legitimate_interest_count = 0;
};

struct NotificationRequest {
  double at_ms = -1;
  bool user_activation = false;  // navigator.userActivation.isActive at the call
  std::string api;               // "Notification.requestPermission" | "PushManager.subscribe"
};

// Page-wide facts the overlay gatherer records.
struct PageState {
  bool scroll_locked = false;       // html or body cannot scroll (overflow hidden/clip, fixed body)
  double scroll_locked_at_ms = -1;  // first seen locked
  double doc_height = 0;            // scrollHeight of the document, CSS px
  bool page_blur = false;           // the page behind an overlay is blurred
  double dcl_ms = -1, load_ms = -1; // DOMContentLoaded and load event times
  double observed_from_ms = -1;     // when the early observer started (-1: none, timing unknown)
  std::vector<double> clicks_ms;    // pointerdown/keydown by the user (isTrusted)
  std::vector<double> scrolls_ms;   // scroll events by the user
  std::vector<double> exit_ms;      // pointer left the document at the top edge (mouseout, no target)
  std::vector<double> exit_y;       // clientY of each exit_ms entry
  std::string notification_permission;  // "default" | "granted" | "denied" | ""
  std::vector<NotificationRequest> notification_requests;
  TcfSummary tcf;
};

}  // namespace durchblick

#endif  // DURCHBLICK_OVERLAY_H_
