// UTF-8 checks for untrusted input. Page text is hostile: it may hold lone
// UTF-16 surrogates (which JSON.stringify writes as "\ud800" escapes) and
// the bytes of a file may not be UTF-8 at all.
#ifndef DURCHBLICK_UTF8_H_
#define DURCHBLICK_UTF8_H_

#include <string>
#include <string_view>

namespace durchblick {

// Offset of the first byte that is not part of well-formed UTF-8, or
// std::string_view::npos if `s` is well-formed.
size_t FindInvalidUtf8(std::string_view s);

// Replaces "\uD800"-style escapes of unpaired surrogates in JSON text by
// "\uFFFD", so one hostile character cannot make a whole snapshot unreadable.
// Returns how many were replaced. Assumes nothing else about `json`.
size_t RepairLoneSurrogateEscapes(std::string* json);
// False only if `json` has no "\ud" or "\uD", so no surrogate escape that
// RepairLoneSurrogateEscapes could replace (callers skip its copy).
bool MayHaveSurrogateEscape(std::string_view json);

// The UTF-16 code unit written as the four hex digits at `p` (the XXXX of a
// JSON "\uXXXX" escape), or -1 if fewer than four bytes remain before `end`
// or one of them is not a hex digit.
int HexCodeUnit(const char* p, const char* end);

// Cuts `s` to at most `max_bytes` without splitting a UTF-8 sequence.
std::string TruncateUtf8(std::string_view s, size_t max_bytes);

}  // namespace durchblick

#endif  // DURCHBLICK_UTF8_H_
