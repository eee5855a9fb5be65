#include "snapshot.h"

#include "json_scan.h"
#include "json_util.h"
#include "overlay_json.h"
#include "utf8.h"

namespace durchblick {
namespace {

// requests[].status as an int: the number truncated, or 0 (unknown) if it is
// outside int's range, where a plain cast is undefined behaviour ("status":
// 1e10 in a hostile snapshot). Both readers below use it.
int StatusOf(double status) {
  if (!(status > -2147483648.0 && status < 2147483648.0)) return 0;
  return static_cast<int>(status);
}

using nlohmann::json;

// Samples per text or timer (docs/snapshot.md#limits; sections are cut at
// kMaxSectionItems, snapshot.h).
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
                 std::vector<CutSection>* cut, ParseError* error, Read read) {
  auto it = root.find(key);
  *gathered = false;
  if (it == root.end() || it->is_null()) return true;
  if (!it->is_array()) {
    *error = {"invalid_field", std::string(key) + " must be an array", key};
    return false;
  }
  *gathered = true;
  if (it->size() > kMaxSectionItems) cut->push_back({key, it->size()});
  size_t n = std::min(it->size(), kMaxSectionItems);
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

// Everything of the snapshot but the JSON syntax, from its DOM. Without
// `large_sections`, requests[], texts[] and controls[] are left as they are
// (the fast path has read them).
bool ReadRoot(const json& root, bool large_sections, Snapshot* out, ParseError* error) {
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
      (!large_sections || ReadSection(root, "requests", &s.requests, &s.has_requests,
                  &s.cut_sections, error,
                  [&](const json& r, size_t i, const Where& w, Request* v) {
                    if (!RequireString(r, "url", w, &v->url, error)) return false;
                    v->id = IdOf(r, "r", i);
                    v->type = StringOf(r, "type", "other");
                    v->method = StringOf(r, "method", "GET");
                    v->frame_url = StringOf(r, "frameUrl");
                    v->initiator = StringOf(r, "initiator");
                    v->post_body = TruncateUtf8(StringOf(r, "postData"), 64 * 1024);
                    v->status = StatusOf(GetNumber(r, "status"));
                    return true;
                  })) &&
      (!large_sections || ReadSection(root, "texts", &s.texts, &s.has_texts,
                  &s.cut_sections, error,
                  [&](const json& t, size_t i, const Where& w, TextBlock* v) {
                    if (!RequireString(t, "text", w, &v->text, error)) return false;
                    v->id = IdOf(t, "t", i);
                    v->strike = GetBool(t, "strike");
                    v->color = StringOf(t, "color");
                    v->font_size = GetNumber(t, "fontSize");
                    v->role = StringOf(t, "role");
                    v->samples = StringsOf(t, "samples", kMaxSamples);
                    return true;
                  })) &&
      (!large_sections || ReadSection(root, "controls", &s.controls, &s.has_controls,
                  &s.cut_sections, error,
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
                  })) &&
      ReadSection(root, "overlays", &s.overlays, &s.has_overlays, &s.cut_sections, error, ReadOverlay) &&
      ReadSection(root, "cookies", &s.cookies, &s.has_cookies,
                  &s.cut_sections, error,
                  [&](const json& c, size_t, const Where&, Cookie* v) {
                    v->name = StringOf(c, "name");
                    v->value = StringOf(c, "value");
                    v->domain = StringOf(c, "domain");
                    v->third_party = GetBool(c, "thirdParty");
                    return true;
                  }) &&
      ReadSection(root, "timers", &s.timers, &s.has_timers,
                  &s.cut_sections, error,
                  [&](const json& t, size_t i, const Where&, Timer* v) {
                    v->id = IdOf(t, "timer", i);
                    v->text_id = StringOf(t, "textId");
                    v->samples = StringsOf(t, "samples", kMaxSamples);
                    v->interval_ms = GetNumber(t, "intervalMs");
                    v->end_ms = GetNumber(t, "endMs");
                    return true;
                  }) &&
      ReadSection(root, "history", &s.history, &s.has_history,
                  &s.cut_sections, error,
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

// ---- the fast path: texts[], controls[] and requests[] without a DOM --------
// Same fields, defaults and bounds as ReadRoot's readers above; it returns
// false (and the caller takes the DOM path) on anything else: a syntax error,
// a wrong-typed required field, an item that is not an object, a key with
// escapes, a duplicate key.

// Reads one object's members, calling member(key) with the cursor at the
// value; member returns false to give up. A known key seen twice gives up
// (the DOM keeps the last one: not worth copying that rule here).
template <typename Member>
bool ReadObject(JsonScanner& in, Member member) {
  if (!in.Eat('{')) return false;
  if (in.Eat('}')) return true;
  do {
    std::string_view key;
    if (!in.PlainKey(&key) || !in.Eat(':') || !member(key)) return false;
  } while (in.Eat(','));
  return in.Eat('}');
}

// Bit `bit` of `seen` marks a known key already read.
bool Once(unsigned* seen, unsigned bit) {
  if (*seen & bit) return false;
  *seen |= bit;
  return true;
}

// An optional string field: a string is read, anything else is skipped and
// leaves `present` false (StringOf's fallback).
bool OptString(JsonScanner& in, std::string* out, bool* present = nullptr) {
  if (in.Peek() != '"') return in.Skip();
  if (present) *present = true;
  return in.String(out);
}
bool OptNumber(JsonScanner& in, double* out) {
  char c = in.Peek();
  if (c == '-' || (c >= '0' && c <= '9')) return in.Number(out);
  return in.Skip();
}
bool OptBool(JsonScanner& in, bool* out, bool* present = nullptr) {
  char c = in.Peek();
  if (c != 't' && c != 'f') return in.Skip();
  if (present) *present = true;
  return in.Bool(out);
}
// StringsOf: the first `max` strings of an array; other values are skipped.
bool OptStrings(JsonScanner& in, std::vector<std::string>* out, size_t max) {
  if (in.Peek() != '[') return in.Skip();
  in.Eat('[');
  if (in.Eat(']')) return true;
  do {
    if (in.Peek() == '"' && out->size() < max) {
      out->emplace_back();
      if (!in.String(&out->back())) return false;
    } else if (!in.Skip()) {
      return false;
    }
  } while (in.Eat(','));
  return in.Eat(']');
}

bool FastRequest(JsonScanner& in, size_t i, Request* v) {
  unsigned seen = 0;
  bool has_id = false, has_type = false, has_method = false, has_url = false;
  double status = 0;
  std::string post;
  bool ok = ReadObject(in, [&](std::string_view k) {
    if (k == "url") {
      if (!Once(&seen, 1) || in.Peek() != '"') return false;  // required: the DOM path says so
      has_url = true;
      return in.String(&v->url);
    }
    if (k == "id") return Once(&seen, 2) && OptString(in, &v->id, &has_id);
    if (k == "type") return Once(&seen, 4) && OptString(in, &v->type, &has_type);
    if (k == "method") return Once(&seen, 8) && OptString(in, &v->method, &has_method);
    if (k == "frameUrl") return Once(&seen, 16) && OptString(in, &v->frame_url);
    if (k == "initiator") return Once(&seen, 32) && OptString(in, &v->initiator);
    if (k == "postData") return Once(&seen, 64) && OptString(in, &post);
    if (k == "status") return Once(&seen, 128) && OptNumber(in, &status);
    return in.Skip();
  });
  if (!ok || !has_url) return false;
  if (!has_id) v->id = "r" + std::to_string(i);
  if (!has_type) v->type = "other";
  if (!has_method) v->method = "GET";
  v->post_body = TruncateUtf8(post, 64 * 1024);
  v->status = StatusOf(status);
  return true;
}

bool FastText(JsonScanner& in, size_t i, TextBlock* v) {
  unsigned seen = 0;
  bool has_id = false, has_text = false;
  bool ok = ReadObject(in, [&](std::string_view k) {
    if (k == "text") {
      if (!Once(&seen, 1) || in.Peek() != '"') return false;  // required
      has_text = true;
      return in.String(&v->text);
    }
    if (k == "id") return Once(&seen, 2) && OptString(in, &v->id, &has_id);
    if (k == "strike") return Once(&seen, 4) && OptBool(in, &v->strike);
    if (k == "color") return Once(&seen, 8) && OptString(in, &v->color);
    if (k == "fontSize") return Once(&seen, 16) && OptNumber(in, &v->font_size);
    if (k == "role") return Once(&seen, 32) && OptString(in, &v->role);
    if (k == "samples") return Once(&seen, 64) && OptStrings(in, &v->samples, kMaxSamples);
    return in.Skip();
  });
  if (!ok || !has_text) return false;
  if (!has_id) v->id = "t" + std::to_string(i);
  return true;
}

bool FastControl(JsonScanner& in, size_t i, Control* v) {
  unsigned seen = 0;
  bool has_id = false, has_kind = false, has_checked = false, checked = false;
  bool ok = ReadObject(in, [&](std::string_view k) {
    if (k == "id") return Once(&seen, 1) && OptString(in, &v->id, &has_id);
    if (k == "kind") return Once(&seen, 2) && OptString(in, &v->kind, &has_kind);
    if (k == "label") return Once(&seen, 4) && OptString(in, &v->label);
    if (k == "checked") return Once(&seen, 8) && OptBool(in, &checked, &has_checked);
    if (k == "context") return Once(&seen, 16) && OptString(in, &v->context);
    if (k == "overlayId") return Once(&seen, 32) && OptString(in, &v->overlay_id);
    return in.Skip();
  });
  if (!ok) return false;
  if (!has_id) v->id = "c" + std::to_string(i);
  if (!has_kind) v->kind = "button";
  if (has_checked) v->checked = checked;
  return true;
}

// A section as ReadSection reads it: null = not gathered, else an array of
// objects, of which the first kMaxSectionItems are read and the rest only checked.
template <typename T, typename Read>
bool FastSection(JsonScanner& in, const char* key, std::vector<T>* out, bool* gathered,
                 std::vector<CutSection>* cut, Read read) {
  if (in.Peek() == 'n') {
    *gathered = false;
    return in.Null();
  }
  if (!in.Eat('[')) return false;
  *gathered = true;
  if (in.Eat(']')) return true;
  size_t i = 0;
  do {
    if (i < kMaxSectionItems) {
      if (in.Peek() != '{') return false;
      out->emplace_back();
      if (!read(in, i, &out->back())) return false;
    } else if (!in.Skip()) {
      return false;
    }
    ++i;
  } while (in.Eat(','));
  if (i > kMaxSectionItems) cut->push_back({key, i});
  return in.Eat(']');
}

bool FastParse(std::string_view text, Snapshot* out) {
  JsonScanner in(text.data(), text.data() + text.size());
  if (!in.Eat('{')) return false;
  json rest = json::object();  // every other member, through the DOM
  unsigned seen = 0;
  if (!in.Eat('}')) {
    do {
      std::string_view key;
      if (!in.PlainKey(&key) || !in.Eat(':')) return false;
      bool ok;
      if (key == "texts") {
        ok = Once(&seen, 1) && FastSection(in, "texts", &out->texts, &out->has_texts,
                                            &out->cut_sections, FastText);
      } else if (key == "controls") {
        ok = Once(&seen, 2) && FastSection(in, "controls", &out->controls, &out->has_controls,
                                            &out->cut_sections, FastControl);
      } else if (key == "requests") {
        ok = Once(&seen, 4) && FastSection(in, "requests", &out->requests, &out->has_requests,
                                            &out->cut_sections, FastRequest);
      } else {
        in.SkipSpace();
        const char* begin = in.pos();
        std::string name(key);
        ok = !rest.contains(name) && in.Skip();
        if (ok) {
          json value = json::parse(begin, in.pos(), nullptr, /*allow_exceptions=*/false);
          ok = !value.is_discarded();
          rest[name] = std::move(value);
        }
      }
      if (!ok) return false;
    } while (in.Eat(','));
    if (!in.Eat('}')) return false;
  }
  if (!in.AtEnd()) return false;
  ParseError ignored;  // an error here: the DOM path finds it again, with its order
  return ReadRoot(rest, /*large_sections=*/false, out, &ignored);
}
}  // namespace

bool ParseSnapshot(std::string_view text, Snapshot* out, ParseError* error) {
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
  std::string_view input = text;
  if (MayHaveSurrogateEscape(text)) {
    repaired = std::string(text);
    RepairLoneSurrogateEscapes(&repaired);
    input = repaired;
  }
  // The fast path reads texts[], controls[] and requests[] straight into the
  // structs; on anything it does not take (an error, an escaped key, a
  // duplicate key) the snapshot is read again through the DOM, which gives
  // the same result and the error messages.
  if (FastParse(input, out)) return true;
  *out = Snapshot();
  std::string message, where;
  json root = ParseJson(input, &message, &where);
  if (root.is_discarded()) {
    *error = {"invalid_json", message, where};
    return false;
  }
  if (!root.is_object()) {
    *error = {"not_an_object", "a snapshot must be a JSON object", "top level"};
    return false;
  }
  return ReadRoot(root, /*large_sections=*/true, out, error);
}

bool internal::FastParseSnapshot(const std::string& json, Snapshot* out) {
  return FastParse(json, out);
}

}  // namespace durchblick
