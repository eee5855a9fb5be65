// The parsed snapshot: the facts a host gathered from one page, as plain
// structs. Parsing (snapshot.cc) is the only place that touches the JSON, so
// detectors never see a malformed value: strings are valid UTF-8 (invalid
// bytes were replaced by U+FFFD), numbers are finite, and every list is
// bounded (see kMax* in snapshot.cc).
//
// A section the host did not gather is "not gathered", not "empty": the
// matching `has_*` flag is false and detectors that need it are reported as
// not applicable (docs/snapshot.md).
#ifndef DURCHBLICK_SNAPSHOT_H_
#define DURCHBLICK_SNAPSHOT_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "overlay.h"

namespace durchblick {

// One network request (webRequest resource types: main_frame, sub_frame,
// script, image, xmlhttprequest, ping, beacon, stylesheet, font, media, ...).
struct Request {
  std::string id;         // "r12"; assigned "r<index>" when the host gave none
  std::string url;
  std::string type;       // "other" when absent
  std::string method;     // "GET" when absent
  std::string frame_url;  // document that issued it; empty if unknown
  std::string initiator;  // origin of the initiator; empty if unknown
  std::string post_body;  // request body if the host captured it (truncated)
  int status = 0;         // 0 = unknown
};

// One visible block of text.
struct TextBlock {
  std::string id;
  std::string text;
  bool strike = false;     // rendered with line-through (crossed-out prices)
  std::string color;       // CSS colour as gathered, e.g. "rgb(200, 0, 0)"
  double font_size = 0;    // CSS px; 0 = unknown
  std::string role;        // "price", "heading", ... if the gatherer knows
  std::vector<std::string> samples;  // later samples of the same block (timers)
};

// A button, link, checkbox, radio or toggle the user can act on.
struct Control {
  std::string id;
  std::string kind;        // "button" | "link" | "checkbox" | "radio" | "switch" | ...
  std::string label;
  std::optional<bool> checked;  // only for checkable kinds
  std::string context;     // nearby text (section heading, form legend)
  std::string overlay_id;  // set when the control sits inside an overlay
};

struct Cookie {
  std::string name;
  std::string value;
  std::string domain;
  bool third_party = false;  // as the host saw it; the core re-derives it
};

// A countdown the page shows; the host records what it saw.
struct Timer {
  std::string id;
  std::string text_id;          // the text block showing it, if known
  std::vector<std::string> samples;  // successive renderings, e.g. "04:59", "04:58"
  double interval_ms = 0;       // time between samples
  double end_ms = 0;            // epoch ms when it claims to end; 0 = unknown
};

// Earlier observations of the same page that the host remembered (extension
// storage, or the scanner's second visit). Used for fake countdowns and
// price increases on revisit.
struct PriorObservation {
  std::string kind;       // "timer_end" | "price" | "product_view"
  std::string key;        // product or timer identity
  std::string value;      // e.g. "1700000000000" or "19,99 €"
  std::string url;        // where it was seen
  double seen_at_ms = 0;  // epoch ms
};

struct TextFindings;  // text_facts.h
struct PricedTexts;   // price_context.h

// Facts detectors derive from the page text (which text rules each block
// matches, its prices), kept so that they are derived once per analysis and
// shared by every detector. Engine::Analyze turns it on for a snapshot it
// has parsed and no longer changes; otherwise (a test's literal snapshot,
// which may change between calls) every call derives afresh. Never copied: a
// copy derives its own.
class DerivedFacts {
 public:
  DerivedFacts() = default;
  DerivedFacts(const DerivedFacts&) {}
  DerivedFacts& operator=(const DerivedFacts&) { return *this; }
  void Keep(const void* rules) { rules_ = rules; }
  bool kept(const void* rules) const { return rules_ != nullptr && rules_ == rules; }

  std::shared_ptr<const TextFindings> findings;
  std::shared_ptr<const PricedTexts> priced;

 private:
  const void* rules_ = nullptr;  // the RuleSet they are derived with; null = off
};

// At most this many items of a section are read; the rest are checked and
// skipped, so a page with a million requests still gets a report.
constexpr size_t kMaxSectionItems = 50000;

// A section longer than kMaxSectionItems: its name and how many items it had.
struct CutSection {
  std::string section;
  size_t items = 0;
};

struct Snapshot {
  std::string url;
  std::string title;
  std::string lang;        // BCP 47 of the page, e.g. "de-DE"; may be empty
  double captured_at_ms = 0;
  double viewport_w = 0, viewport_h = 0;

  bool has_requests = false;
  bool has_texts = false;
  bool has_controls = false;
  bool has_overlays = false;
  bool has_cookies = false;
  bool has_timers = false;
  bool has_history = false;

  std::vector<Request> requests;
  std::vector<TextBlock> texts;
  std::vector<Control> controls;
  std::vector<Overlay> overlays;
  PageState page_state;         // scroll lock, notification prompts, TCF
  std::vector<Cookie> cookies;
  std::vector<Timer> timers;
  std::vector<PriorObservation> history;
  // Product identities found in the page's structured data (JSON-LD sku,
  // productID, gtin) or its URL, as the gatherer reported them.
  std::vector<std::string> product_ids;
  // Host settings the analysis honours: categories the user does not want
  // checked ("tracking" | "dark_pattern" | "popup", from
  // settings.excludeCategories). Their detectors do not run; the report lists
  // them as not applicable with "excluded": true.
  std::vector<std::string> excluded_categories;
  // Sections cut at kMaxSectionItems (the report says so in warnings[]).
  std::vector<CutSection> cut_sections;

  mutable DerivedFacts derived;  // a cache, not a fact of the page (see above)
};

namespace internal {
// ParseSnapshot's fast path alone (texts[], controls[] and requests[] read
// without a DOM), for tests only: tests/core/snapshot_paths_test.cc checks
// that it took a snapshot and that the DOM path gives the same structs.
// True when it read all of `json`; false when ParseSnapshot would read it
// through the DOM instead. `json` must be valid UTF-8 without lone surrogate
// escapes (ParseSnapshot checks and repairs those first).
bool FastParseSnapshot(const std::string& json, Snapshot* out);
}  // namespace internal

// Why parsing failed: a stable code and a message naming what and where.
struct ParseError {
  std::string code;     // "invalid_json" | "invalid_utf8" | "wrong_schema" | "not_an_object" | "too_large" | "invalid_field"
  std::string message;  // one line
  std::string where;    // "byte 1234", "requests[3].url", ...
};

// Parses a snapshot. Returns false and fills `error` if the JSON is unusable.
// Unknown fields are ignored; wrong-typed optional fields are ignored too,
// wrong-typed required ones (url, requests[].url, texts[].text) are errors.
bool ParseSnapshot(std::string_view json, Snapshot* out, ParseError* error);

}  // namespace durchblick

#endif  // DURCHBLICK_SNAPSHOT_H_
