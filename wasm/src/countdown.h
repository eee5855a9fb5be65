// Reading the time a countdown shows, for the timer detectors.
//
//   RemainingSeconds("02 DAYS :23 HOURS :00 MINS :54 SECS") == 2*86400 + 23*3600 + 54
//   IsTicking({"04:59", "04:58", "04:56"}) == true
//
// The digit groups of a rendering are read from the right as seconds,
// minutes, hours and days (at most four groups; seconds and minutes must be
// below 60). Words are ignored, so every language reads the same.
#ifndef DURCHBLICK_COUNTDOWN_H_
#define DURCHBLICK_COUNTDOWN_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace durchblick {

// Seconds left as shown, or -1 if the text shows no clock (fewer than two
// digit groups, or impossible values).
int64_t RemainingSeconds(std::string_view text);

// True if the samples show one clock counting down: all readable with the
// same number of digit groups, never going up, and lower at the end.
bool IsTicking(const std::vector<std::string>& samples);

// "2026-12-01 14:05 UTC" for epoch milliseconds.
std::string FormatUtc(double epoch_ms);

}  // namespace durchblick

#endif  // DURCHBLICK_COUNTDOWN_H_
