// Reads the overlay gatherer's part of a snapshot (overlays[] items and
// pageState) into the structs of overlay.h. Lenient like the rest of the
// snapshot parser: missing or wrong-typed fields fall back to their defaults,
// and every list is bounded (kMaxOverlay* in overlay_json.cc).
#ifndef DURCHBLICK_OVERLAY_JSON_H_
#define DURCHBLICK_OVERLAY_JSON_H_

#include <string>

#include <nlohmann/json.hpp>

#include "overlay.h"

namespace durchblick {

// One overlays[i] object; `i` gives the default id "o<i>".
void ReadOverlayJson(const nlohmann::json& o, size_t i, Overlay* out);
// The snapshot's "pageState" object.
void ReadPageStateJson(const nlohmann::json& ps, PageState* out);

}  // namespace durchblick

#endif  // DURCHBLICK_OVERLAY_JSON_H_
