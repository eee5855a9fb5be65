#include "overlay_facts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "utf8.h"

namespace durchblick {
namespace {

bool AnyIn(const std::vector<double>& times, double from, double to) {
  for (double t : times) {
    if (t >= from && t <= to) return true;
  }
  return false;
}

double Channel(double c) {
  c /= 255.0;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double Luminance(const Rgba& c) {
  return 0.2126 * Channel(c.r) + 0.7152 * Channel(c.g) + 0.0722 * Channel(c.b);
}

const Rgba kWhite{255, 255, 255, 1};

}  // namespace

std::string Trigger(const Overlay& o, const PageState& page, const RuleSet& rules) {
  if (o.visible_at_ms < 0 || page.observed_from_ms < 0) {
    return o.trigger.empty() ? "unknown" : o.trigger;
  }
  const double window = rules.Threshold("popup.trigger_window_ms", 1000);
  const double exit_max_y = rules.Threshold("popup.exit_intent_max_y_px", 20);
  const double t = o.visible_at_ms;
  if (AnyIn(page.clicks_ms, t - window, t)) return "click";
  for (size_t i = 0; i < page.exit_ms.size(); ++i) {
    double y = i < page.exit_y.size() ? page.exit_y[i] : 0;
    if (y <= exit_max_y && page.exit_ms[i] >= t - window && page.exit_ms[i] <= t) {
      return "exit_intent";
    }
  }
  if (AnyIn(page.scrolls_ms, t - window, t)) return "scroll";
  double loaded = page.load_ms >= 0 ? page.load_ms : page.dcl_ms;
  if (loaded < 0 || t <= loaded + rules.Threshold("popup.load_grace_ms", 1000)) return "load";
  return "timer";
}

bool Unrequested(const Overlay& o, const PageState& page, const RuleSet& rules) {
  return Trigger(o, page, rules) != "click";
}

std::set<std::string> LabelClasses(const RuleSet& rules, const std::string& text) {
  std::set<std::string> out;
  if (text.empty()) return out;
  for (const TextRule* r : rules.text().Match(text, "label/")) out.insert(r->type.substr(6));
  return out;
}

bool HasLabel(const RuleSet& rules, const std::string& text, const std::string& label_class) {
  return !text.empty() && !rules.text().Match(text, "label/" + label_class).empty();
}

std::string ButtonRole(const RuleSet& rules, const OverlayButton& b) {
  static const char* const kOrder[] = {"shaming", "reject", "settings", "accept", "subscribe",
                                       "close"};
  for (const std::string* text : {&b.label, &b.aria_label, &b.hint}) {
    std::set<std::string> classes = LabelClasses(rules, *text);
    for (const char* role : kOrder) {
      if (classes.count(role)) return role;
    }
  }
  return b.close_like ? "close" : "";
}

bool IsCloseLike(const RuleSet& rules, const OverlayButton& b) {
  if (b.close_like) return true;
  for (const std::string* text : {&b.label, &b.aria_label, &b.hint}) {
    if (HasLabel(rules, *text, "close")) return true;
  }
  return false;
}

bool OverlayIs(const RuleSet& rules, const Overlay& o, const std::string& label_class) {
  return HasLabel(rules, o.text, label_class) || HasLabel(rules, o.identity, label_class);
}

std::vector<std::string> OverlayKinds(const RuleSet& rules, const Overlay& o) {
  static const char* const kKinds[] = {"cookie_notice", "newsletter_offer", "adblock_notice",
                                       "chat_widget", "countdown"};
  std::set<std::string> classes = LabelClasses(rules, o.text);
  for (const std::string& c : LabelClasses(rules, o.identity)) classes.insert(c);
  std::vector<std::string> out;
  for (const char* kind : kKinds) {
    if (classes.count(kind)) out.push_back(kind);
  }
  return out;
}

Rgba Over(const Rgba& top, const Rgba& bottom_in) {
  Rgba bottom = bottom_in.a >= 1 ? bottom_in : (bottom_in.a <= 0 ? kWhite : Over(bottom_in, kWhite));
  double a = std::clamp(top.a, 0.0, 1.0);
  return {top.r * a + bottom.r * (1 - a), top.g * a + bottom.g * (1 - a),
          top.b * a + bottom.b * (1 - a), 1};
}

double ContrastRatio(const Rgba& fg, const Rgba& bg) {
  Rgba back = Over(bg, kWhite);
  double l1 = Luminance(Over(fg, back)), l2 = Luminance(back);
  if (l1 < l2) std::swap(l1, l2);
  return (l1 + 0.05) / (l2 + 0.05);
}

Rgba ButtonSurface(const OverlayButton& b) { return Over(b.bg, b.behind); }

bool LinkStyled(const OverlayButton& b) {
  return b.link_styled || (b.bg.a < 0.1 && b.border.a < 0.1);
}

double Prominence(const OverlayButton& b, const RuleSet& rules) {
  const double ref_area = rules.Threshold("popup.prominence_ref_area_px2", 7500);
  double size = std::clamp(b.rect.Area() / ref_area - 1, -1.0, 1.0);
  Rgba behind = Over(b.behind, kWhite), surface = ButtonSurface(b);
  auto diff = [](const Rgba& x, const Rgba& y) {
    return (std::fabs(x.r - y.r) + std::fabs(x.g - y.g) + std::fabs(x.b - y.b)) / (3 * 255.0);
  };
  double fill = diff(surface, behind);
  if (b.border.a >= 0.1) fill = std::max(fill, 0.5 * diff(Over(b.border, behind), behind));
  double text = std::min(ContrastRatio(b.fg, surface), 21.0) / 21.0;
  return size + fill + 0.5 * text;
}

Evidence OverlayEvidence(const Overlay& o, const std::string& note) {
  Evidence e;
  e.overlay_id = o.id;
  e.text = TruncateUtf8(o.text, 200);
  e.note = note;
  return e;
}

double ViewportArea(double w, double h) {
  if (w <= 0 || h <= 0) return 1280.0 * 720.0;
  return w * h;
}

std::string Percent(double fraction) { return Round(fraction * 100); }

std::string Round(double value) {
  return std::to_string(static_cast<long long>(std::llround(std::isfinite(value) ? value : 0)));
}

std::string OneDecimal(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", std::isfinite(value) ? value : 0.0);
  return buf;
}

}  // namespace durchblick
