// Writes JSON text straight into a string, byte for byte as nlohmann's
// dump(-1, ' ', false, error_handler_t::replace) writes the same values: no
// whitespace, UTF-8 kept as it is, '"' '\\' and control characters escaped
// (\b \f \n \r \t, else \u00xx), invalid UTF-8 replaced (by nlohmann itself:
// such a string is rare and its replacement rules are subtle). The report is
// the one large JSON text the core writes; building it as an ordered_json
// first took a fifth of analysing a page of short texts.
//
//   std::string out;
//   JsonWriter w(&out);
//   w.BeginObject().Key("id").String("f1").Key("weight").Int(5).EndObject();
//   // out == R"({"id":"f1","weight":5})"
//
// The caller keeps keys unique and nesting balanced; nothing is checked.
#ifndef DURCHBLICK_JSON_WRITER_H_
#define DURCHBLICK_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace durchblick {

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}

  JsonWriter& BeginObject() { return Open('{'); }
  JsonWriter& EndObject() { return Close('}'); }
  JsonWriter& BeginArray() { return Open('['); }
  JsonWriter& EndArray() { return Close(']'); }
  // The next value belongs to this key.
  JsonWriter& Key(std::string_view key);

  JsonWriter& String(std::string_view s);
  JsonWriter& Int(int64_t v);
  JsonWriter& Bool(bool v);
  JsonWriter& Null();
  JsonWriter& Strings(const std::vector<std::string>& v);  // an array of strings

 private:
  void BeforeValue();
  JsonWriter& Open(char c);
  JsonWriter& Close(char c);
  std::string* out_;
  bool comma_ = false;  // a value or member came before at this level
};

}  // namespace durchblick

#endif  // DURCHBLICK_JSON_WRITER_H_
