#include "overlay_json.h"

#include "json_util.h"
#include "utf8.h"

namespace durchblick {
namespace {

using nlohmann::json;

constexpr size_t kMaxButtons = 60;
constexpr size_t kMaxToggles = 100;
constexpr size_t kMaxSamples = 8;
constexpr size_t kMaxEvents = 200;
constexpr size_t kMaxTextBytes = 8000;
constexpr size_t kMaxLabelBytes = 400;

std::string Str(const json& j, const char* key, size_t max = kMaxLabelBytes) {
  return TruncateUtf8(GetString(j, key), max);
}

Rect ReadRect(const json& j, const char* key) {
  Rect r;
  auto it = j.find(key);
  if (it == j.end() || !it->is_object()) return r;
  r.x = GetNumber(*it, "x");
  r.y = GetNumber(*it, "y");
  r.w = GetNumber(*it, "w");
  r.h = GetNumber(*it, "h");
  return r;
}

// [r, g, b, a?] with r, g, b in 0-255 and a in 0-1 (default 1).
Rgba ReadRgba(const json& j, const char* key) {
  Rgba c;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array() || it->size() < 3) return c;
  auto at = [&](size_t i, double fallback, double hi) {
    double v = i < it->size() && (*it)[i].is_number() ? (*it)[i].get<double>() : fallback;
    return v != v ? fallback : v < 0 ? 0 : v > hi ? hi : v;  // NaN-safe clamp
  };
  c.r = at(0, 0, 255), c.g = at(1, 0, 255), c.b = at(2, 0, 255), c.a = at(3, 1, 1);
  return c;
}

template <typename T>
std::vector<T> ReadNumbers(const json& j, const char* key, size_t max) {
  std::vector<T> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& v : *it) {
    if (out.size() >= max) break;
    if (v.is_number()) out.push_back(static_cast<T>(v.get<double>()));
  }
  return out;
}

OverlayButton ReadButton(const json& b) {
  OverlayButton out;
  out.id = Str(b, "id");
  out.label = Str(b, "label");
  out.aria_label = Str(b, "ariaLabel");
  out.hint = Str(b, "hint");
  out.tag = Str(b, "tag", 20);
  out.href = Str(b, "href", 10);
  out.rect = ReadRect(b, "rect");
  out.fg = ReadRgba(b, "fg");
  out.bg = ReadRgba(b, "bg");
  out.behind = ReadRgba(b, "behind");
  out.border = ReadRgba(b, "border");
  out.font_px = GetNumber(b, "fontPx");
  out.font_weight = GetNumber(b, "fontWeight", 400);
  out.underline = GetBool(b, "underline");
  out.link_styled = GetBool(b, "linkStyled");
  out.close_like = GetBool(b, "closeLike");
  return out;
}

OverlayToggle ReadToggle(const json& t) {
  OverlayToggle out;
  out.id = Str(t, "id");
  out.label = Str(t, "label");
  out.context = Str(t, "context");
  out.kind = Str(t, "kind", 20);
  out.checked = GetBool(t, "checked");
  out.disabled = GetBool(t, "disabled");
  out.legitimate_interest = GetBool(t, "legitimateInterest");
  return out;
}

}  // namespace

void ReadOverlayJson(const json& o, size_t i, Overlay* out) {
  out->id = GetString(o, "id", "o" + std::to_string(i));
  out->tag = Str(o, "tag", 40);
  out->role = Str(o, "role", 40);
  out->identity = Str(o, "identity");
  out->position = Str(o, "position", 20);
  out->frame_origin = Str(o, "frameOrigin");
  out->z_index = GetNumber(o, "zIndex");
  out->rect = ReadRect(o, "rect");
  out->first_rect = o.contains("firstRect") ? ReadRect(o, "firstRect") : out->rect;
  out->coverage = GetNumber(o, "coverage");
  out->own_coverage = GetNumber(o, "ownCoverage", out->coverage);
  out->backdrop = GetBool(o, "backdrop");
  out->backdrop_bg = ReadRgba(o, "backdropBg");
  out->blur = GetBool(o, "blur");
  out->modal = GetBool(o, "modal");
  out->in_shadow = GetBool(o, "inShadow");
  out->text = TruncateUtf8(GetString(o, "text"), kMaxTextBytes);
  if (auto it = o.find("textSamples"); it != o.end() && it->is_array()) {
    for (const auto& v : *it) {
      if (out->text_samples.size() >= kMaxSamples) break;
      if (v.is_string()) out->text_samples.push_back(TruncateUtf8(v.get<std::string>(), kMaxTextBytes));
    }
  }
  out->bg = ReadRgba(o, "bg");
  out->email_input = GetBool(o, "emailInput");
  out->present_at_ms = GetNumber(o, "presentAtMs", -1);
  out->visible_at_ms = GetNumber(o, "visibleAtMs", -1);
  out->changed_at_ms = GetNumber(o, "changedAtMs", -1);
  out->trigger = Str(o, "trigger", 20);
  if (auto it = o.find("buttons"); it != o.end() && it->is_array()) {
    for (const auto& b : *it) {
      if (out->buttons.size() >= kMaxButtons) break;
      if (b.is_object()) out->buttons.push_back(ReadButton(b));
    }
  }
  if (auto it = o.find("toggles"); it != o.end() && it->is_array()) {
    for (const auto& t : *it) {
      if (out->toggles.size() >= kMaxToggles) break;
      if (t.is_object()) out->toggles.push_back(ReadToggle(t));
    }
  }
}

void ReadPageStateJson(const json& ps, PageState* out) {
  out->scroll_locked = GetBool(ps, "scrollLocked");
  out->scroll_locked_at_ms = GetNumber(ps, "scrollLockedAtMs", -1);
  out->doc_height = GetNumber(ps, "docHeight");
  out->page_blur = GetBool(ps, "pageBlur");
  out->dcl_ms = GetNumber(ps, "dclMs", -1);
  out->load_ms = GetNumber(ps, "loadMs", -1);
  out->observed_from_ms = GetNumber(ps, "observedFromMs", -1);
  out->clicks_ms = ReadNumbers<double>(ps, "clicksMs", kMaxEvents);
  out->scrolls_ms = ReadNumbers<double>(ps, "scrollsMs", kMaxEvents);
  out->exit_ms = ReadNumbers<double>(ps, "exitMs", kMaxEvents);
  out->exit_y = ReadNumbers<double>(ps, "exitY", kMaxEvents);
  out->notification_permission = Str(ps, "notificationPermission", 20);
  if (auto it = ps.find("notificationRequests"); it != ps.end() && it->is_array()) {
    for (const auto& r : *it) {
      if (out->notification_requests.size() >= kMaxEvents) break;
      if (!r.is_object()) continue;
      out->notification_requests.push_back(
          {GetNumber(r, "atMs", -1), GetBool(r, "userActivation"), Str(r, "api", 60)});
    }
  }
  // Older hosts: {"notificationRequestsMs": [..], "notificationAfterClick": bool}.
  bool after_click = GetBool(ps, "notificationAfterClick");
  for (double ms : ReadNumbers<double>(ps, "notificationRequestsMs", kMaxEvents)) {
    out->notification_requests.push_back({ms, after_click, "Notification.requestPermission"});
  }
  if (auto it = ps.find("tcf"); it != ps.end() && it->is_object()) {
    TcfSummary& t = out->tcf;
    t.present = GetBool(*it, "present", true);
    t.cmp_id = static_cast<int>(GetNumber(*it, "cmpId"));
    t.event_status = Str(*it, "eventStatus", 40);
    t.gdpr_applies = GetBool(*it, "gdprApplies");
    t.purpose_consents = ReadNumbers<int>(*it, "purposeConsents", 64);
    t.purpose_legitimate_interests = ReadNumbers<int>(*it, "purposeLegitimateInterests", 64);
    t.vendor_consent_count = static_cast<int>(GetNumber(*it, "vendorConsentCount"));
    t.vendor_legitimate_interest_count =
        static_cast<int>(GetNumber(*it, "vendorLegitimateInterestCount"));
  }
}

}  // namespace durchblick
