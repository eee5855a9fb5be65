// The compact compiled form of a FilterSet (filters.h: CompiledTables,
// LoadCompiled). The rules build compiles the product's lists with it
// (wasm/cli/compile_filters.cc), so engines load them without parsing.
//
// Tables, little-endian, unsigned LEB128 varints (v) unless sized:
//   "DBFT" u8 format
//   v lists, per list: v size, bytes (its name)
//   v lines, v badfiltered, v reasons, per reason: v size, bytes, v count
//   v arena size, v regexes, v filters, per filter:
//     v flags, v types, v text_begin − previous text_begin, v text_size,
//     v pattern_begin − text_begin, v pattern_size, v n_domains,
//     v n_not_domains, v n_denyallow, v list, v regex + 1, then its
//     domain hashes (u64 each; a ||host^ filter's host hash is computed
//     again from its pattern)
// The token index is not stored: choosing tokens is fast, parsing is not.
// Everything is checked on load: a table that does not fit its arena or
// counts is rejected, never read out of bounds.
#include <cstring>

#include <re2/re2.h>

#include "filter_index.h"
#include "filters.h"

namespace durchblick {
namespace {

constexpr char kMagic[4] = {'D', 'B', 'F', 'T'};
constexpr uint8_t kFormat = 1;

class Writer {
 public:
  void Varint(uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<char>((v & 0x7f) | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  void Fixed(uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
  void Bytes(std::string_view s) {
    Varint(s.size());
    out_.append(s);
  }
  void Raw(std::string_view s) { out_.append(s); }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool done() const { return at_ == in_.size(); }
  uint64_t Varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at_ >= in_.size()) return Fail();
      uint8_t b = static_cast<uint8_t>(in_[at_++]);
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    return Fail();
  }
  // A varint that must be at most `max`.
  uint64_t Count(uint64_t max) {
    uint64_t v = Varint();
    return v <= max ? v : Fail();
  }
  uint64_t Fixed(int bytes) {
    if (in_.size() - at_ < static_cast<size_t>(bytes)) return Fail();
    uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v |= static_cast<uint64_t>(static_cast<uint8_t>(in_[at_++])) << (8 * i);
    return v;
  }
  std::string Bytes() {
    uint64_t n = Count(in_.size() - at_);
    if (!ok_) return {};
    std::string s(in_.substr(at_, n));
    at_ += n;
    return s;
  }
  bool Expect(std::string_view s) {
    if (in_.substr(at_, s.size()) != s) return Fail() == 1;
    at_ += s.size();
    return true;
  }

 private:
  uint64_t Fail() {
    ok_ = false;
    at_ = in_.size();
    return 0;
  }
  std::string_view in_;
  size_t at_ = 0;
  bool ok_ = true;
};

}  // namespace

std::string FilterSet::CompiledTables() const {
  Writer w;
  w.Raw(std::string_view(kMagic, 4));
  w.Fixed(kFormat, 1);
  w.Varint(lists_.size());
  for (const std::string& l : lists_) w.Bytes(l);
  w.Varint(stats_.lines);
  w.Varint(stats_.badfiltered);
  w.Varint(stats_.skipped.size());
  for (const auto& [reason, n] : stats_.skipped) {
    w.Bytes(reason);
    w.Varint(n);
  }
  w.Varint(arena_.size());
  w.Varint(regexes_.size());
  w.Varint(filters_.size());
  uint32_t text_begin = 0;
  for (size_t i = 0; i < filters_.size(); ++i) {
    const NetworkFilter& f = filters_[i];
    w.Varint(f.flags);
    w.Varint(f.types);
    w.Varint(f.text_begin - text_begin);
    w.Varint(f.text_size);
    w.Varint(f.pattern_begin - f.text_begin);
    w.Varint(f.pattern_size);
    w.Varint(f.n_domains);
    w.Varint(f.n_not_domains);
    w.Varint(f.n_denyallow);
    w.Varint(f.list);
    w.Varint(static_cast<uint64_t>(f.regex + 1));
    size_t n = size_t{f.n_domains} + f.n_not_domains + f.n_denyallow;
    for (size_t k = 0; k < n; ++k) w.Fixed(hashes_[f.domains_begin + k], 8);
    text_begin = f.text_begin;
  }
  return w.Take();
}

bool FilterSet::LoadCompiled(std::string arena, std::string_view tables, std::string* error) {
  *this = FilterSet();
  Reader r(tables);
  auto fail = [&](const std::string& what) {
    *this = FilterSet();
    *error = "compiled filters: " + what;
    return false;
  };
  if (!r.Expect(std::string_view(kMagic, 4))) return fail("not a compiled filter table");
  if (r.Fixed(1) != kFormat) return fail("format version is not " + std::to_string(kFormat));
  size_t n_lists = r.Count(0xffff);
  for (size_t i = 0; i < n_lists && r.ok(); ++i) lists_.push_back(r.Bytes());
  stats_.lines = r.Varint();
  stats_.badfiltered = r.Varint();
  size_t n_reasons = r.Count(tables.size());
  for (size_t i = 0; i < n_reasons && r.ok(); ++i) {
    std::string reason = r.Bytes();
    stats_.skipped[reason] = r.Varint();
  }
  if (r.Varint() != arena.size() || !r.ok()) return fail("arena does not match the tables");
  arena_ = std::move(arena);
  size_t n_regexes = r.Count(tables.size());
  size_t n_filters = r.Count(tables.size());
  if (!r.ok()) return fail("truncated header");
  filters_.resize(n_filters);
  uint64_t text_begin = 0;
  for (size_t i = 0; i < n_filters && r.ok(); ++i) {
    NetworkFilter& f = filters_[i];
    f.flags = static_cast<uint32_t>(r.Count(UINT32_MAX));
    f.types = static_cast<uint32_t>(r.Count(UINT32_MAX));
    text_begin += r.Varint();
    f.text_size = static_cast<uint32_t>(r.Count(arena_.size()));
    uint64_t pattern_offset = r.Count(arena_.size());
    f.pattern_size = static_cast<uint32_t>(r.Count(arena_.size()));
    f.n_domains = static_cast<uint16_t>(r.Count(0xffff));
    f.n_not_domains = static_cast<uint16_t>(r.Count(0xffff));
    f.n_denyallow = static_cast<uint16_t>(r.Count(0xffff));
    f.list = static_cast<uint16_t>(r.Count(n_lists == 0 ? 0 : n_lists - 1));
    f.regex = static_cast<int32_t>(r.Count(n_regexes)) - 1;
    f.domains_begin = static_cast<uint32_t>(hashes_.size());
    size_t n = size_t{f.n_domains} + f.n_not_domains + f.n_denyallow;
    for (size_t k = 0; k < n && r.ok(); ++k) hashes_.push_back(r.Fixed(8));
    if (!r.ok()) break;
    if (text_begin + f.text_size > arena_.size() ||
        text_begin + pattern_offset + f.pattern_size > arena_.size()) {
      return fail("filter " + std::to_string(i) + " lies outside the arena");
    }
    if (((f.flags & NetworkFilter::kRegex) != 0) != (f.regex >= 0)) {
      return fail("filter " + std::to_string(i) + ": regex flag and number disagree");
    }
    f.text_begin = static_cast<uint32_t>(text_begin);
    f.pattern_begin = static_cast<uint32_t>(text_begin + pattern_offset);
    if (f.flags & NetworkFilter::kPureHost) {
      if (f.pattern_size < 2) return fail("filter " + std::to_string(i) + ": not a host pattern");
      hashes_.push_back(FilterHash64(std::string_view(arena_).substr(f.pattern_begin, f.pattern_size - 1)));
    }
  }
  if (!r.ok() || !r.done()) return fail("truncated or overlong filter table");
  regexes_.resize(n_regexes);
  for (size_t i = 0; i < n_filters; ++i) {
    const NetworkFilter& f = filters_[i];
    if (f.regex < 0) continue;
    if (regexes_[f.regex] != nullptr) return fail("two filters share regex " + std::to_string(f.regex));
    regexes_[f.regex] = CompileFilterRegex(f, std::string_view(arena_).substr(f.pattern_begin, f.pattern_size));
    if (!regexes_[f.regex]->ok()) return fail("regex of filter " + std::to_string(i) + " does not compile");
  }
  IndexFilters();
  return true;
}

}  // namespace durchblick
