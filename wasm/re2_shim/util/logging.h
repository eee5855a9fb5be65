// Durchblick's replacement for RE2's util/logging.h (RE2 20220601), found
// before RE2's own by the include order of the re2 target in CMakeLists.txt.
//
// Why: RE2's header logs through std::ostringstream, which links all of
// libc++'s iostreams and locale facets (money_get, num_put, ... for char and
// wchar_t) into the wasm core — about a sixth of its code — for messages that
// only appear when RE2 hits an internal error. This header offers the same
// macros (CHECK*, DCHECK*, LOG(severity), VLOG) with a message that is built
// in a std::string and written to stderr, so behaviour is unchanged:
// LOG(FATAL) and failed CHECKs still print "file:line: message" and abort.
#ifndef UTIL_LOGGING_H_
#define UTIL_LOGGING_H_

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

#include <string>
#include <string_view>
#include <type_traits>

#include "util/util.h"

#define DCHECK(condition) assert(condition)
#define DCHECK_EQ(val1, val2) assert((val1) == (val2))
#define DCHECK_NE(val1, val2) assert((val1) != (val2))
#define DCHECK_LE(val1, val2) assert((val1) <= (val2))
#define DCHECK_LT(val1, val2) assert((val1) < (val2))
#define DCHECK_GE(val1, val2) assert((val1) >= (val2))
#define DCHECK_GT(val1, val2) assert((val1) > (val2))

#define CHECK(x) if (x) {} else LogMessageFatal(__FILE__, __LINE__).stream() << "Check failed: " #x
#define CHECK_LT(x, y) CHECK((x) < (y))
#define CHECK_GT(x, y) CHECK((x) > (y))
#define CHECK_LE(x, y) CHECK((x) <= (y))
#define CHECK_GE(x, y) CHECK((x) >= (y))
#define CHECK_EQ(x, y) CHECK((x) == (y))
#define CHECK_NE(x, y) CHECK((x) != (y))

#define LOG_INFO LogMessage(__FILE__, __LINE__)
#define LOG_WARNING LogMessage(__FILE__, __LINE__)
#define LOG_ERROR LogMessage(__FILE__, __LINE__)
#define LOG_FATAL LogMessageFatal(__FILE__, __LINE__)
#define LOG_QFATAL LOG_FATAL
#define LOG_0 LOG_INFO
#ifdef NDEBUG
#define LOG_DFATAL LOG_ERROR
#else
#define LOG_DFATAL LOG_FATAL
#endif
#define LOG(severity) LOG_##severity.stream()
#define VLOG(x) if ((x) > 0) {} else LOG_INFO.stream()

// The stream RE2's messages are written to: text, numbers (and enums, as
// their number), single characters; anything else as "?".
class LogText {
 public:
  template <typename T>
  LogText& operator<<(const T& value) {
    if constexpr (std::is_same_v<T, char>) {
      text_ += value;
    } else if constexpr (std::is_enum_v<T>) {
      text_ += std::to_string(static_cast<long long>(value));
    } else if constexpr (std::is_integral_v<T>) {
      text_ += std::to_string(value);
    } else if constexpr (std::is_convertible_v<const T&, std::string_view>) {
      text_ += std::string_view(value);
    } else if constexpr (HasDataAndSize<T>::value) {  // re2::StringPiece
      text_.append(value.data(), value.size());
    } else {
      text_ += '?';
    }
    return *this;
  }
  const std::string& str() const { return text_; }

 private:
  template <typename T, typename = void>
  struct HasDataAndSize : std::false_type {};
  template <typename T>
  struct HasDataAndSize<T, std::void_t<decltype(std::declval<const T&>().data()),
                                       decltype(std::declval<const T&>().size())>>
      : std::true_type {};
  std::string text_;
};

class LogMessage {
 public:
  LogMessage(const char* file, int line) { stream() << file << ':' << line << ": "; }
  ~LogMessage() {
    if (!flushed_) Flush();
  }
  void Flush() {
    stream() << '\n';
    const std::string& s = str_.str();
    if (fwrite(s.data(), 1, s.size(), stderr) < s.size()) {}
    flushed_ = true;
  }
  LogText& stream() { return str_; }

  LogMessage(const LogMessage&) = delete;
  LogMessage& operator=(const LogMessage&) = delete;

 private:
  bool flushed_ = false;
  LogText str_;
};

class LogMessageFatal : public LogMessage {
 public:
  LogMessageFatal(const char* file, int line) : LogMessage(file, line) {}
  ATTRIBUTE_NORETURN ~LogMessageFatal() {
    Flush();
    abort();
  }
  LogMessageFatal(const LogMessageFatal&) = delete;
  LogMessageFatal& operator=(const LogMessageFatal&) = delete;
};

#endif  // UTIL_LOGGING_H_
