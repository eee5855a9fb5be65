// The rules build's filter compiler: reads a rules bundle whose filter
// lists are text (tools/build-rules.mjs --out), compiles them with the
// core's own parser and writes their compact compiled form (JSON
// {"format", "arena", "tables"}), which tools/build-rules.mjs --compiled
// puts into the bundle in place of the texts.
//
//   compile_filters SOURCE_BUNDLE.json OUT.json
//
// Exit status 2 with a one-line message if the bundle is rejected.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

#include "durchblick/engine.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: compile_filters SOURCE_BUNDLE.json OUT.json\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  if (!in) {
    std::fprintf(stderr, "compile_filters: cannot read %s\n", argv[1]);
    return 2;
  }
  durchblick::Engine engine(ss.str());
  if (!engine.ok()) {
    std::fprintf(stderr, "compile_filters: %s: %s\n", argv[1], engine.error().c_str());
    return 2;
  }
  const std::string compiled = engine.CompiledFilters();
  // Per process: make may run this step for two targets at once.
  const std::string tmp = std::string(argv[2]) + "." + std::to_string(getpid()) + ".tmp";
  std::ofstream out(tmp, std::ios::binary);
  out << compiled;
  out.close();
  if (!out || std::rename(tmp.c_str(), argv[2]) != 0) {
    std::fprintf(stderr, "compile_filters: cannot write %s\n", argv[2]);
    return 2;
  }
  return 0;
}
