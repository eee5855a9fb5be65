// The host's memory of earlier visits (Snapshot::history), as the detectors
// that compare with it read it: observations of one kind under one of a few
// keys, made before this capture. An observation at or after capturedAtMs
// cannot come from an earlier visit (a host that stored this capture's own
// facts before analysing it), so it is never "earlier".
//
//   for (const PriorObservation* h : EarlierObservations(s, "price", {key})) ...
#ifndef DURCHBLICK_PRIOR_OBSERVATIONS_H_
#define DURCHBLICK_PRIOR_OBSERVATIONS_H_

#include <initializer_list>
#include <string_view>
#include <vector>

#include "snapshot.h"

namespace durchblick {

// In the order of snapshot.history; empty keys match nothing.
inline std::vector<const PriorObservation*> EarlierObservations(
    const Snapshot& snapshot, std::string_view kind, std::initializer_list<std::string_view> keys) {
  std::vector<const PriorObservation*> out;
  for (const PriorObservation& h : snapshot.history) {
    if (h.kind != kind) continue;
    if (snapshot.captured_at_ms > 0 && h.seen_at_ms >= snapshot.captured_at_ms) continue;
    for (std::string_view k : keys) {
      if (!k.empty() && h.key == k) {
        out.push_back(&h);
        break;
      }
    }
  }
  return out;
}

}  // namespace durchblick

#endif  // DURCHBLICK_PRIOR_OBSERVATIONS_H_
