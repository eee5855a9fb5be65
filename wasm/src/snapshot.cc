#include "snapshot.h"

#include "json_util.h"
#include "overlay_json.h"
#include "utf8.h"

namespace durchblick {
namespace {

using nlohmann::json;

// Bounds per section: a snapshot beyond them is cut, not refused, so a page
// with a million requests still gets a report (docs/snapshot.md#limits).
constexpr size_t kMaxItems = 50000;
constexpr size_t kMaxSamples = 64;

// Strings are copied out of the parsed document, not moved: moved ones stay
// scattered between the document's freed nodes, and the allocator's work on
// that fragmented heap cost more than the copies (1 MB-text page: 83 ms
// moved, 63 ms copied, native).
std::vector<std::string> StringsOf(const json& j, const char* key, size_t max) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& v : *it) {
    if (out.size() >= max) break;
    if (v.is_string()) out.push_back(v.get_ref<const std::string&>());
  }
  return out;
}

// GetString whose `fallback` is only built if needed.
template <typename Fallback>
std::string StringOr(const json& j, const char* key, Fallback fallback) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return fallback();
  return it->get_ref<const std::string&>();
}
std::string StringOf(const json& j, const char* key, const char* fallback = "") {
  return StringOr(j, key, [&] { return std::string(fallback); });
}
// "t" + i: the id of an item the page did not stamp.
std::string IdOf(const json& j, const char* prefix, size_t i) {
  return StringOr(j, "id", [&] { return prefix + std::to_string(i); });
}

// Where an item is ("texts[3]"), spelled out only for an error message.
struct Where {
  const char* section;  // nullptr: the snapshot itself
  size_t index;
  std::string str() const {
    return section ? std::string(section) + "[" + std::to_string(index) + "]" : "snapshot";
  }
};

// Reads section `key` if present and an array; returns false (not gathered)
// otherwise. `read` returns false to reject an item with an error.
template <typename T, typename Read>
bool ReadSection(const json& root, const char* key, std::vector<T>* out, bool* gathered,
                 ParseError* error, Read read) {
  auto it = root.find(key);
  *gathered = false;
  if (it == root.end() || it->is_null()) return true;
  if (!it->is_array()) {
    *error = {"invalid_field", std::string(key) + " must be an array", key};
    return false;
  }
  *gathered = true;
  size_t n = std::min(it->size(), kMaxItems);
  out->reserve(n);
  for (size_t i = 0; i < n; ++i) {
    const json& item = (*it)[i];
    const Where where{key, i};
    if (!item.is_object()) {
      *error = {"invalid_field", "expected an object", where.str()};
      return false;
    }
    T value;
    if (!read(item, i, where, &value)) return false;
    out->push_back(std::move(value));
  }
  return true;
}

bool RequireString(const json& item, const char* key, const Where& where, std::string* out,
                   ParseError* error) {
  auto it = item.find(key);
  if (it == item.end() || !it->is_string()) {
    *error = {"invalid_field", std::string(key) + " must be a string", where.str() + "." + key};
    return false;
  }
  *out = it->get_ref<const std::string&>();
  return true;
}

bool ReadOverlay(const json& o, size_t i, const Where&, Overlay* out) {
  ReadOverlayJson(o, i, out);
  return true;
}

}  // namespace

bool ParseSnapshot(const std::string& text, Snapshot* out, ParseError* error) {
  if (text.size() > 64u << 20) {
    *error = {"too_large", "snapshot is larger than 64 MiB", "byte 0"};
    return false;
  }
  size_t bad = FindInvalidUtf8(text);
  if (bad != std::string::npos) {
    *error = {"invalid_utf8", "input is not valid UTF-8", "byte " + std::to_string(bad)};
    return false;
  }
  // Lone surrogate escapes ("\ud800") are repaired on a copy; a snapshot
  // without any "\ud"/"\uD" has none and is parsed as it is.
  std::string repaired;
  const std::string* input = &text;
  if (MayHaveSurrogateEscape(text)) {
    repaired = text;
    RepairLoneSurrogateEscapes(&repaired);
    input = &repaired;
  }
  std::string message, where;
  json root = ParseJson(*input, &message, &where);
  if (root.is_discarded()) {
    *error = {"invalid_json", message, where};
    return false;
  }
  if (!root.is_object()) {
    *error = {"not_an_object", "a snapshot must be a JSON object", "top level"};
    return false;
  }
  std::string schema = GetString(root, "schema");
  if (schema != "durchblick.snapshot/1") {
    *error = {"wrong_schema",
              schema.empty() ? "missing \"schema\": \"durchblick.snapshot/1\""
                             : "schema is \"" + TruncateUtf8(schema, 60) +
                                   "\", expected \"durchblick.snapshot/1\"",
              "schema"};
    return false;
  }
  Snapshot& s = *out;
  if (!RequireString(root, "url", Where{nullptr, 0}, &s.url, error)) {
    error->where = "url";
    return false;
  }
  s.title = StringOf(root, "title");
  s.lang = StringOf(root, "lang");
  s.captured_at_ms = GetNumber(root, "capturedAtMs");
  if (auto vp = root.find("viewport"); vp != root.end() && vp->is_object()) {
    s.viewport_w = GetNumber(*vp, "width");
    s.viewport_h = GetNumber(*vp, "height");
  }
  s.product_ids = StringsOf(root, "productIds", 100);
  if (auto st = root.find("settings"); st != root.end() && st->is_object()) {
    s.excluded_categories = StringsOf(*st, "excludeCategories", 8);
  }

  bool ok =
      ReadSection(root, "requests", &s.requests, &s.has_requests, error,
                  [&](const json& r, size_t i, const Where& w, Request* v) {
                    if (!RequireString(r, "url", w, &v->url, error)) return false;
                    v->id = IdOf(r, "r", i);
                    v->type = StringOf(r, "type", "other");
                    v->method = StringOf(r, "method", "GET");
                    v->frame_url = StringOf(r, "frameUrl");
                    v->initiator = StringOf(r, "initiator");
                    v->post_body = TruncateUtf8(StringOf(r, "postData"), 64 * 1024);
                    v->status = static_cast<int>(GetNumber(r, "status"));
                    return true;
                  }) &&
      ReadSection(root, "texts", &s.texts, &s.has_texts, error,
                  [&](const json& t, size_t i, const Where& w, TextBlock* v) {
                    if (!RequireString(t, "text", w, &v->text, error)) return false;
                    v->id = IdOf(t, "t", i);
                    v->strike = GetBool(t, "strike");
                    v->color = StringOf(t, "color");
                    v->font_size = GetNumber(t, "fontSize");
                    v->role = StringOf(t, "role");
                    v->samples = StringsOf(t, "samples", kMaxSamples);
                    return true;
                  }) &&
      ReadSection(root, "controls", &s.controls, &s.has_controls, error,
                  [&](const json& c, size_t i, const Where&, Control* v) {
                    v->id = IdOf(c, "c", i);
                    v->kind = StringOf(c, "kind", "button");
                    v->label = StringOf(c, "label");
                    if (auto it = c.find("checked"); it != c.end() && it->is_boolean()) {
                      v->checked = it->get<bool>();
                    }
                    v->context = StringOf(c, "context");
                    v->overlay_id = StringOf(c, "overlayId");
                    return true;
                  }) &&
      ReadSection(root, "overlays", &s.overlays, &s.has_overlays, error, ReadOverlay) &&
      ReadSection(root, "cookies", &s.cookies, &s.has_cookies, error,
                  [&](const json& c, size_t, const Where&, Cookie* v) {
                    v->name = StringOf(c, "name");
                    v->value = StringOf(c, "value");
                    v->domain = StringOf(c, "domain");
                    v->third_party = GetBool(c, "thirdParty");
                    return true;
                  }) &&
      ReadSection(root, "timers", &s.timers, &s.has_timers, error,
                  [&](const json& t, size_t i, const Where&, Timer* v) {
                    v->id = IdOf(t, "timer", i);
                    v->text_id = StringOf(t, "textId");
                    v->samples = StringsOf(t, "samples", kMaxSamples);
                    v->interval_ms = GetNumber(t, "intervalMs");
                    v->end_ms = GetNumber(t, "endMs");
                    return true;
                  }) &&
      ReadSection(root, "history", &s.history, &s.has_history, error,
                  [&](const json& h, size_t, const Where&, PriorObservation* v) {
                    v->kind = StringOf(h, "kind");
                    v->key = StringOf(h, "key");
                    v->value = StringOf(h, "value");
                    v->url = StringOf(h, "url");
                    v->seen_at_ms = GetNumber(h, "seenAtMs");
                    return true;
                  });
  if (!ok) return false;
  if (auto ps = root.find("pageState"); ps != root.end() && ps->is_object()) {
    ReadPageStateJson(*ps, &s.page_state);
  }
  return true;
}

}  // namespace durchblick
