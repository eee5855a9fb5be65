// Base64 (RFC 4648, with padding) for binary data inside the JSON rules
// bundle, e.g. the compiled filter tables.
//   Base64Encode("hi") == "aGk=";  Base64Decode("aGk=", &out) → true, out == "hi"
#ifndef DURCHBLICK_BASE64_H_
#define DURCHBLICK_BASE64_H_

#include <string>
#include <string_view>

namespace durchblick {

std::string Base64Encode(std::string_view bytes);
// False if `text` is not padded base64 (its length a multiple of 4).
bool Base64Decode(std::string_view text, std::string* out);

}  // namespace durchblick

#endif  // DURCHBLICK_BASE64_H_
