#include "countdown.h"

#include <cmath>
#include <cstdio>
#include <ctime>

namespace durchblick {
namespace {

// Digit groups of at most 3 digits (longer runs are not clock parts).
bool DigitGroups(std::string_view t, std::vector<int>* out) {
  out->clear();
  size_t i = 0;
  while (i < t.size()) {
    if (t[i] < '0' || t[i] > '9') {
      ++i;
      continue;
    }
    int v = 0;
    size_t n = 0;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') {
      v = v * 10 + (t[i] - '0');
      ++i;
      if (++n > 3) return false;
    }
    out->push_back(v);
    if (out->size() > 16) return false;
  }
  return true;
}

}  // namespace

int64_t RemainingSeconds(std::string_view text) {
  std::vector<int> g;
  if (!DigitGroups(text, &g) || g.size() < 2) return -1;
  size_t n = g.size() < 4 ? g.size() : 4;
  const int64_t unit[] = {1, 60, 3600, 86400};
  int64_t total = 0;
  for (size_t k = 0; k < n; ++k) {
    int v = g[g.size() - 1 - k];
    if (k < 2 && v >= 60) return -1;
    total += v * unit[k];
  }
  return total;
}

bool IsTicking(const std::vector<std::string>& samples) {
  if (samples.size() < 2) return false;
  std::vector<int> g;
  size_t groups = 0;
  int64_t first = -1, prev = -1;
  for (const std::string& s : samples) {
    if (!DigitGroups(s, &g)) return false;
    int64_t v = RemainingSeconds(s);
    if (v < 0) return false;
    if (prev < 0) {
      groups = g.size();
      first = v;
    } else if (g.size() != groups || v > prev) {
      return false;
    }
    prev = v;
  }
  return prev < first;
}

std::string FormatUtc(double epoch_ms) {
  if (!std::isfinite(epoch_ms) || epoch_ms <= 0) return "?";
  std::time_t t = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d UTC", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min);
  return buf;
}

}  // namespace durchblick
