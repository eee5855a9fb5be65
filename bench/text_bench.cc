// Native half of bench/text.mjs: page text through the whole text rule set
// (one RE2::Set over every rule of rules/text/) and through the whole engine.
//
//   text_bench CORPUS.txt SNAPSHOT.json...
// CORPUS.txt holds one text block per line. Prints one JSON line for the
// corpus {"what":"rules","bytes","seconds","mbPerS","matches"} and one per
// snapshot {"what":"analyze","file","bytes","runs","medianMs"}. Not a test:
// nothing here decides pass or fail.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "durchblick/engine.h"
#include "rules.h"

namespace durchblick {
extern const char* const kEmbeddedRulesBundle;
}

namespace {

std::string Read(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: text_bench CORPUS.txt [SNAPSHOT.json...]\n");
    return 2;
  }
  durchblick::RuleSet rules;
  std::string error;
  if (!rules.Load(durchblick::kEmbeddedRulesBundle, &error)) {
    std::fprintf(stderr, "rules rejected: %s\n", error.c_str());
    return 1;
  }
  std::vector<std::string> lines;
  {
    std::istringstream in(Read(argv[1]));
    for (std::string l; std::getline(in, l);) lines.push_back(l);
  }
  size_t bytes = 0, matches = 0;
  for (const auto& l : lines) bytes += l.size();
  // Warm-up pass (RE2 builds its DFA lazily), then the timed passes.
  for (const auto& l : lines) matches += rules.text().Match(l).size();
  matches = 0;
  const int passes = 3;
  double t0 = Now();
  for (int p = 0; p < passes; ++p) {
    for (const auto& l : lines) matches += rules.text().Match(l).size();
  }
  double s = (Now() - t0) / passes;
  std::printf("{\"what\":\"rules\",\"rules\":%zu,\"bytes\":%zu,\"seconds\":%.6f,\"mbPerS\":%.1f,\"matches\":%zu}\n",
              rules.text().all().size(), bytes, s, bytes / s / 1e6, matches / passes);
  durchblick::Engine engine(durchblick::kEmbeddedRulesBundle);
  for (int i = 2; i < argc; ++i) {
    const std::string snapshot = Read(argv[i]);
    engine.Analyze(snapshot);
    std::vector<double> ms;
    double start = Now();
    while (ms.size() < 200 && (ms.size() < 5 || Now() - start < 2.0)) {
      double a = Now();
      engine.Analyze(snapshot);
      ms.push_back((Now() - a) * 1000);
    }
    std::sort(ms.begin(), ms.end());
    std::printf("{\"what\":\"analyze\",\"file\":\"%s\",\"bytes\":%zu,\"runs\":%zu,\"medianMs\":%.3f}\n", argv[i],
                snapshot.size(), ms.size(), ms[ms.size() / 2]);
  }
  return 0;
}
