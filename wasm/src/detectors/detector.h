// A detector is metadata plus one pure function over the parsed snapshot and
// the compiled rules. It never touches JSON, I/O or global state, so it can
// be tested natively with a literal Snapshot. Every detector is listed once in
// registry.cc; its id spells its file name (low_stock.cc ↔ "low-stock").
#ifndef DURCHBLICK_DETECTORS_DETECTOR_H_
#define DURCHBLICK_DETECTORS_DETECTOR_H_

#include <vector>

#include "../report.h"
#include "../rules.h"
#include "../snapshot.h"

namespace durchblick {

// Snapshot sections a detector reads. If any is not gathered, the detector
// is not run and the report lists it as not applicable (it weighs nothing).
enum Section : unsigned {
  kRequests = 1u << 0,
  kTexts = 1u << 1,
  kControls = 1u << 2,
  kOverlays = 1u << 3,
  kCookies = 1u << 4,
  kTimers = 1u << 5,
  kHistory = 1u << 6,
};

using DetectFn = void (*)(const Snapshot& snapshot, const RuleSet& rules,
                          DetectorOutput* out);

struct Detector {
  const char* id;          // kebab-case noun: "low-stock", "third-party-tracker"
  const char* category;    // "tracking" | "dark_pattern" | "popup"
  unsigned needs;          // Section bits; all must be gathered
  const char* description; // one line, English, for --help and docs
  DetectFn detect;
};

// Every detector, in report order (registry.cc).
const std::vector<const Detector*>& AllDetectors();

}  // namespace durchblick

#endif  // DURCHBLICK_DETECTORS_DETECTOR_H_
