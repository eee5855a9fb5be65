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

std::vector<std::string> GetStrings(const json& j, const char* key, size_t max) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& v : *it) {
    if (out.size() >= max) break;
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

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
    std::string where = std::string(key) + "[" + std::to_string(i) + "]";
    if (!item.is_object()) {
      *error = {"invalid_field", "expected an object", where};
      return false;
    }
    T value;
    if (!read(item, i, where, &value)) return false;
    out->push_back(std::move(value));
  }
  return true;
}

bool RequireString(const json& item, const char* key, const std::string& where, std::string* out,
                   ParseError* error) {
  auto it = item.find(key);
  if (it == item.end() || !it->is_string()) {
    *error = {"invalid_field", std::string(key) + " must be a string", where + "." + key};
    return false;
  }
  *out = it->get<std::string>();
  return true;
}

bool ReadOverlay(const json& o, size_t i, const std::string&, Overlay* out) {
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
  std::string repaired = text;
  RepairLoneSurrogateEscapes(&repaired);
  std::string message, where;
  json root = ParseJson(repaired, &message, &where);
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
  if (!RequireString(root, "url", "snapshot", &s.url, error)) {
    error->where = "url";
    return false;
  }
  s.title = GetString(root, "title");
  s.lang = GetString(root, "lang");
  s.captured_at_ms = GetNumber(root, "capturedAtMs");
  if (auto vp = root.find("viewport"); vp != root.end() && vp->is_object()) {
    s.viewport_w = GetNumber(*vp, "width");
    s.viewport_h = GetNumber(*vp, "height");
  }
  s.product_ids = GetStrings(root, "productIds", 100);
  if (auto st = root.find("settings"); st != root.end() && st->is_object()) {
    s.excluded_categories = GetStrings(*st, "excludeCategories", 8);
  }

  bool ok =
      ReadSection(root, "requests", &s.requests, &s.has_requests, error,
                  [&](const json& r, size_t i, const std::string& w, Request* v) {
                    if (!RequireString(r, "url", w, &v->url, error)) return false;
                    v->id = GetString(r, "id", "r" + std::to_string(i));
                    v->type = GetString(r, "type", "other");
                    v->method = GetString(r, "method", "GET");
                    v->frame_url = GetString(r, "frameUrl");
                    v->initiator = GetString(r, "initiator");
                    v->post_body = TruncateUtf8(GetString(r, "postData"), 64 * 1024);
                    v->status = static_cast<int>(GetNumber(r, "status"));
                    return true;
                  }) &&
      ReadSection(root, "texts", &s.texts, &s.has_texts, error,
                  [&](const json& t, size_t i, const std::string& w, TextBlock* v) {
                    if (!RequireString(t, "text", w, &v->text, error)) return false;
                    v->id = GetString(t, "id", "t" + std::to_string(i));
                    v->strike = GetBool(t, "strike");
                    v->color = GetString(t, "color");
                    v->font_size = GetNumber(t, "fontSize");
                    v->role = GetString(t, "role");
                    v->samples = GetStrings(t, "samples", kMaxSamples);
                    return true;
                  }) &&
      ReadSection(root, "controls", &s.controls, &s.has_controls, error,
                  [&](const json& c, size_t i, const std::string&, Control* v) {
                    v->id = GetString(c, "id", "c" + std::to_string(i));
                    v->kind = GetString(c, "kind", "button");
                    v->label = GetString(c, "label");
                    if (auto it = c.find("checked"); it != c.end() && it->is_boolean()) {
                      v->checked = it->get<bool>();
                    }
                    v->context = GetString(c, "context");
                    v->overlay_id = GetString(c, "overlayId");
                    return true;
                  }) &&
      ReadSection(root, "overlays", &s.overlays, &s.has_overlays, error, ReadOverlay) &&
      ReadSection(root, "cookies", &s.cookies, &s.has_cookies, error,
                  [&](const json& c, size_t, const std::string&, Cookie* v) {
                    v->name = GetString(c, "name");
                    v->value = GetString(c, "value");
                    v->domain = GetString(c, "domain");
                    v->third_party = GetBool(c, "thirdParty");
                    return true;
                  }) &&
      ReadSection(root, "timers", &s.timers, &s.has_timers, error,
                  [&](const json& t, size_t i, const std::string&, Timer* v) {
                    v->id = GetString(t, "id", "timer" + std::to_string(i));
                    v->text_id = GetString(t, "textId");
                    v->samples = GetStrings(t, "samples", kMaxSamples);
                    v->interval_ms = GetNumber(t, "intervalMs");
                    v->end_ms = GetNumber(t, "endMs");
                    return true;
                  }) &&
      ReadSection(root, "history", &s.history, &s.has_history, error,
                  [&](const json& h, size_t, const std::string&, PriorObservation* v) {
                    v->kind = GetString(h, "kind");
                    v->key = GetString(h, "key");
                    v->value = GetString(h, "value");
                    v->url = GetString(h, "url");
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
