// The whole JavaScript surface of the core (web/core/loader.js wraps it).
// Strings cross as UTF-8 JSON; errors come back as error reports, never as
// exceptions.
#include <emscripten/bind.h>

#include <string>

#include "durchblick/engine.h"

namespace {

std::string CoreVersionString() { return durchblick::CoreVersion(); }

}  // namespace

EMSCRIPTEN_BINDINGS(durchblick) {
  emscripten::class_<durchblick::Engine>("Engine")
      .constructor<std::string>()
      .function("ok", &durchblick::Engine::ok)
      .function("error", &durchblick::Engine::error)
      .function("rulesVersion", &durchblick::Engine::rules_version)
      .function("analyze", &durchblick::Engine::Analyze)
      .function("snapshotFromHar", &durchblick::Engine::SnapshotFromHar);
  emscripten::function("coreVersion", &CoreVersionString);
}
