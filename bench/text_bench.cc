// The timed half of bench/text.mjs: page text through the whole text rule set
// (every RE2::Set of rules/text/ over every text block and control label of
// a snapshot) and through the whole engine (Engine::Analyze). Built natively
// (build/text_bench) and to wasm (build-wasm/text_bench.js, run by node), from
// the same core objects as the CLI and the Embind module of each build.
//
//   text_bench SNAPSHOT.json...
// Prints one JSON line per snapshot:
//   {"what":"page","file","textBytes","engineTextBytes","maxSectionItems","blocks",
//    "rulesMbPerS","matches","analyzeMs","runs","dfaResets","setDfaRebuilds"}
// textBytes: bytes of texts[].text and controls[].label; engineTextBytes: the
// part of them that Analyze reads (the first maxSectionItems of each
// section; the rest is skipped, and the report says so); rulesMbPerS:
// textBytes through TextRules::MatchEach (all rules, every block) per second
// (checked against TextRules::Match block by block, rule for rule);
// analyzeMs: median CPU time of Engine::Analyze on the snapshot JSON; dfaResets:
// how often an RE2 DFA outgrew its memory budget during the timed runs (its
// states are then rebuilt, slowly); setDfaRebuilds: the same for the SetDfas
// that TextRules::MatchEach reads pages with (rule set and engine, warm-up
// runs included). Not a test: nothing here decides pass or fail.
#include <algorithm>
#include <atomic>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <re2/re2.h>

#include "durchblick/engine.h"
#include "rules.h"
#include "snapshot.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
// Emscripten's clock_gettime has no CPU-time clock; Node's process has.
EM_JS(double, ProcessCpuSeconds, (), {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
});
#endif

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

// CPU time of this process: on a machine shared with builds, wall time
// counts the other processes' turns too; on a quiet machine the two agree.
double Now() {
#ifdef __EMSCRIPTEN__
  return ProcessCpuSeconds();
#else
  timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
#endif
}

std::atomic<long> dfa_resets{0};
void OnDfaReset(const re2::hooks::DFAStateCacheReset&) { dfa_resets++; }

// Runs `fn` at least 3 times and until ~`seconds` of CPU time have passed;
// median seconds.
template <typename Fn>
double Median(Fn fn, double seconds, size_t* runs) {
  fn();  // warm-up: RE2 builds its DFA states lazily
  std::vector<double> t;
  double start = Now();
  while (t.size() < 200 && (t.size() < 3 || Now() - start < seconds)) {
    double a = Now();
    fn();
    t.push_back(Now() - a);
  }
  std::sort(t.begin(), t.end());
  *runs = t.size();
  return t[t.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: text_bench SNAPSHOT.json...\n");
    return 2;
  }
  re2::hooks::SetDFAStateCacheResetHook(OnDfaReset);
  durchblick::Engine engine(durchblick::kEmbeddedRulesBundle);
  durchblick::RuleSet rules;
  std::string error;
  if (!engine.ok() || !rules.Load(durchblick::kEmbeddedRulesBundle, &error)) {
    std::fprintf(stderr, "rules rejected: %s\n", error.c_str());
    return 1;
  }
  for (int i = 1; i < argc; ++i) {
    const std::string snapshot = Read(argv[i]);
    std::vector<std::string> blocks;
    size_t bytes = 0, engine_bytes = 0, matches = 0, runs = 0, analyze_runs = 0;
    nlohmann::json j = nlohmann::json::parse(snapshot);
    auto add = [&](const nlohmann::json& items, const char* key) {
      for (size_t k = 0; k < items.size(); ++k) {
        blocks.push_back(items[k].value(key, ""));
        bytes += blocks.back().size();
        if (k < durchblick::kMaxSectionItems) engine_bytes += blocks.back().size();
      }
    };
    add(j.value("texts", nlohmann::json::array()), "text");
    add(j.value("controls", nlohmann::json::array()), "label");
    const double budget = 1.0;
    std::vector<const std::string*> each;
    for (const auto& b : blocks) each.push_back(&b);
    const size_t rebuilds_at_start = rules.text().dfa_rebuilds() + engine.rules().text().dfa_rebuilds();
    double rules_s = Median(
        [&] {
          matches = 0;
          for (const auto& m : rules.text().MatchEach(each)) matches += m.size();
        },
        budget, &runs);
    const auto joined = rules.text().MatchEach(each);
    for (size_t b = 0; b < blocks.size(); ++b) {
      if (joined[b] != rules.text().Match(blocks[b])) {
        std::fprintf(stderr, "MatchEach and Match differ on block %zu: %s\n", b, blocks[b].c_str());
        return 1;
      }
    }
    const long rules_resets = dfa_resets.exchange(0);
    double analyze_s = Median([&] { engine.Analyze(snapshot); }, budget, &analyze_runs);
    std::printf(
        "{\"what\":\"page\",\"file\":\"%s\",\"textBytes\":%zu,\"engineTextBytes\":%zu,"
        "\"maxSectionItems\":%zu,\"blocks\":%zu,\"rulesMbPerS\":%.1f,"
        "\"matches\":%zu,\"rulesDfaResets\":%ld,\"analyzeMs\":%.3f,\"runs\":%zu,\"dfaResets\":%ld,"
        "\"setDfaRebuilds\":%zu}\n",
        argv[i], bytes, engine_bytes, durchblick::kMaxSectionItems, blocks.size(), bytes / rules_s / 1e6, matches, rules_resets, analyze_s * 1000,
        analyze_runs, dfa_resets.load(),
        rules.text().dfa_rebuilds() + engine.rules().text().dfa_rebuilds() - rebuilds_at_start);
  }
  return 0;
}
