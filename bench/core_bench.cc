// Native half of bench/core.mjs: times Engine::Analyze on each snapshot file
// given on the command line and prints one JSON line per file
// {"file", "bytes", "runs", "medianUs", "p99Us"}. Not a test: nothing here
// decides pass or fail.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "durchblick/engine.h"

namespace durchblick {
extern const char* const kEmbeddedRulesBundle;
}

int main(int argc, char** argv) {
  durchblick::Engine engine(durchblick::kEmbeddedRulesBundle);
  if (!engine.ok()) {
    std::fprintf(stderr, "rules rejected: %s\n", engine.error().c_str());
    return 1;
  }
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string snapshot = ss.str();
    // Enough runs for a stable median, bounded in time for big files.
    const int runs = snapshot.size() > (1u << 20) ? 20 : 200;
    std::vector<double> us;
    for (int r = 0; r < runs; ++r) {
      auto t0 = std::chrono::steady_clock::now();
      std::string report = engine.Analyze(snapshot);
      auto t1 = std::chrono::steady_clock::now();
      if (report.empty()) return 1;
      us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
    }
    std::sort(us.begin(), us.end());
    std::printf("{\"file\":\"%s\",\"bytes\":%zu,\"runs\":%d,\"medianUs\":%.1f,\"p99Us\":%.1f}\n", argv[i],
                snapshot.size(), runs, us[us.size() / 2], us[(us.size() * 99) / 100]);
  }
  return 0;
}
