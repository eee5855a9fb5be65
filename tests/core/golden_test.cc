// Golden reports: every tests/golden/<case>.snapshot.json must give exactly
// tests/golden/<case>.report.json (the rules version is masked as "*" so a
// rules edit shows up as the real diffs it causes, not as noise). The same
// test runs in the native and the wasm build; tests/js/golden.test.mjs also
// compares the wasm module's bytes with the native CLI's.
//
// To accept new output after a reviewed change:
//   DURCHBLICK_UPDATE_GOLDEN=1 build/durchblick_tests "[golden]"
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "test_util.h"

namespace durchblick {
namespace {

namespace fs = std::filesystem;

std::string MaskRulesVersion(std::string report, const std::string& version) {
  const std::string needle = "\"rules\":\"" + version + "\"";
  size_t at = report.rfind(needle);
  if (at != std::string::npos) report.replace(at, needle.size(), "\"rules\":\"*\"");
  return report;
}

TEST_CASE("golden snapshots give their golden reports", "[golden]") {
  const Engine& engine = testing::RealEngine();
  REQUIRE(engine.ok());
  const bool update = std::getenv("DURCHBLICK_UPDATE_GOLDEN") != nullptr;
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(testing::SourcePath("tests/golden"))) {
    std::string name = entry.path().filename().string();
    if (name.size() > 14 && name.compare(name.size() - 14, 14, ".snapshot.json") == 0) {
      cases.push_back(entry.path());
    }
  }
  std::sort(cases.begin(), cases.end());
  REQUIRE(cases.size() >= 3);
  for (const fs::path& snapshot_path : cases) {
    std::string base = snapshot_path.string();
    base.resize(base.size() - 14);
    const std::string report_path = base + ".report.json";
    std::string actual = MaskRulesVersion(
        engine.Analyze(testing::ReadFile(snapshot_path.string())), engine.rules_version()) + "\n";
    if (update) {
      std::ofstream(report_path, std::ios::binary) << actual;
      continue;
    }
    INFO("golden case " << snapshot_path.filename().string()
                        << " (DURCHBLICK_UPDATE_GOLDEN=1 rewrites it after review)");
    REQUIRE(fs::exists(report_path));
    CHECK(actual == testing::ReadFile(report_path));
  }
}

}  // namespace
}  // namespace durchblick
