// Shared by the Catch2 tests: the built rules bundle and files of the repo.
#ifndef DURCHBLICK_TESTS_CORE_TEST_UTIL_H_
#define DURCHBLICK_TESTS_CORE_TEST_UTIL_H_

#include <fstream>
#include <sstream>
#include <string>

#include "durchblick/engine.h"

namespace durchblick::testing {

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string SourcePath(const std::string& relative) {
  return std::string(DURCHBLICK_SOURCE_DIR) + "/" + relative;
}

// One engine over the real rules bundle, built once for all tests.
inline const Engine& RealEngine() {
  static const Engine* engine = new Engine(ReadFile(DURCHBLICK_RULES_BUNDLE));
  return *engine;
}

}  // namespace durchblick::testing

#endif  // DURCHBLICK_TESTS_CORE_TEST_UTIL_H_
