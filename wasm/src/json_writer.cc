#include "json_writer.h"

#include <nlohmann/json.hpp>

#include "json_scan.h"
#include "utf8.h"

namespace durchblick {

void JsonWriter::BeforeValue() {
  if (comma_) out_->push_back(',');
  comma_ = true;
}

JsonWriter& JsonWriter::Open(char c) {
  BeforeValue();
  out_->push_back(c);
  comma_ = false;
  return *this;
}

JsonWriter& JsonWriter::Close(char c) {
  out_->push_back(c);
  comma_ = true;
  return *this;
}

JsonWriter& JsonWriter::Key(std::string_view key) {
  String(key);
  out_->push_back(':');
  comma_ = false;  // the value follows without a comma
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view s) {
  BeforeValue();
  if (FindInvalidUtf8(s) != std::string_view::npos) {
    // nlohmann's own replacement, so the text is the one dump() gives.
    *out_ += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return *this;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  out_->push_back('"');
  const char* p = s.data();
  const char* const end = p + s.size();
  for (;;) {
    const char* run_end = JsonStringRunEnd(p, end);  // plain bytes, copied at once
    out_->append(p, static_cast<size_t>(run_end - p));
    if (run_end == end) break;
    const unsigned char c = static_cast<unsigned char>(*run_end);
    p = run_end + 1;
    switch (c) {
      case '"': *out_ += "\\\""; break;
      case '\\': *out_ += "\\\\"; break;
      case '\b': *out_ += "\\b"; break;
      case '\f': *out_ += "\\f"; break;
      case '\n': *out_ += "\\n"; break;
      case '\r': *out_ += "\\r"; break;
      case '\t': *out_ += "\\t"; break;
      default:
        *out_ += "\\u00";
        out_->push_back(kHex[c >> 4]);
        out_->push_back(kHex[c & 0xF]);
    }
  }
  out_->push_back('"');
  return *this;
}

JsonWriter& JsonWriter::Int(int64_t v) {
  BeforeValue();
  *out_ += std::to_string(v);
  return *this;
}

JsonWriter& JsonWriter::Bool(bool v) {
  BeforeValue();
  *out_ += v ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::Null() {
  BeforeValue();
  *out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::Strings(const std::vector<std::string>& v) {
  BeginArray();
  for (const std::string& s : v) String(s);
  return EndArray();
}

}  // namespace durchblick
