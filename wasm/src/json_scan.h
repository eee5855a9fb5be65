// A strict, allocation-free JSON cursor for the snapshot parser's fast path
// (snapshot.cc): it reads the large sections (texts[], controls[],
// requests[]) straight into the Snapshot structs instead of building
// nlohmann's DOM first. It accepts only what RFC 8259 (and so nlohmann)
// accepts; anything it does not handle returns false, and the caller then
// takes the DOM path, which gives the same result or the same error. It never
// describes errors itself.
#ifndef DURCHBLICK_JSON_SCAN_H_
#define DURCHBLICK_JSON_SCAN_H_

#include <string>
#include <string_view>

namespace durchblick {

// The first byte at or after `p` that a JSON string cannot hold as it is
// ('"', '\\' or a control character below 0x20), or `end`. The scanner
// below and JsonWriter (json_writer.h) find their plain runs with it.
const char* JsonStringRunEnd(const char* p, const char* end);

class JsonScanner {
 public:
  JsonScanner(const char* begin, const char* end) : p_(begin), end_(end) {}

  void SkipSpace() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }
  // The next byte after white space, or 0 at the end.
  char Peek() {
    SkipSpace();
    return p_ < end_ ? *p_ : '\0';
  }
  // Consumes `c` (after white space) if it is next.
  bool Eat(char c) {
    if (Peek() != c) return false;
    ++p_;
    return true;
  }
  bool AtEnd() {
    SkipSpace();
    return p_ == end_;
  }
  const char* pos() const { return p_; }

  // A string value, unescaped into `out` (replaced). False if the next value
  // is not a well-formed string.
  bool String(std::string* out);
  // An object key without escapes (a key with a backslash returns false).
  bool PlainKey(std::string_view* out);
  // A number; false if malformed or not finite (nlohmann: "number overflow").
  // An integer "-0" reads as +0, as nlohmann's integer parse gives.
  bool Number(double* out);
  // true / false.
  bool Bool(bool* out);
  // null.
  bool Null() { return Literal("null"); }
  // Any value, checked as strictly as nlohmann would, nesting of any depth
  // without recursion.
  bool Skip();

 private:
  bool Literal(const char* word);
  bool SkipString();
  bool ScanNumber(bool* integer);

  const char* p_;
  const char* end_;
};

}  // namespace durchblick

#endif  // DURCHBLICK_JSON_SCAN_H_
