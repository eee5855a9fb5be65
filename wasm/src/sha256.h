// SHA-256 (FIPS 180-4) for the report's snapshot hash, so a journalist's
// citation can be matched to the exact snapshot it came from. Small and
// dependency-free because it must also run in the wasm build.
#ifndef DURCHBLICK_SHA256_H_
#define DURCHBLICK_SHA256_H_

#include <string>
#include <string_view>

namespace durchblick {

// Lower-case hex digest of `data`, 64 characters.
std::string Sha256Hex(std::string_view data);

}  // namespace durchblick

#endif  // DURCHBLICK_SHA256_H_
