// Which patterns of an RE2::Set match each of many short texts, in one
// read of all of them.
//
//   SetDfa dfa(set);                       // `set` compiled
//   std::vector<std::vector<int>> ids;
//   if (dfa.Match(texts, &ids)) {
//     // ids[i]: what RE2::Set::Match(*texts[i], &v) puts in v, ascending
//   }
//
// Why not RE2::Set::Match per text: for a text of a few dozen bytes, the
// call costs more than the reading (RE2 sets up its search each time), and
// a page holds thousands of them. SetDfa is a DFA of the same program (the
// one the Set compiled; RE2's DFA is the model) whose states also carry the
// ids matched so far, so the state at the end of a text names its ids. The
// texts are read joined, in several lanes side by side, through one table
// of 16-bit transitions.
//
// States are built on first use, like RE2's; the table is dropped and
// rebuilt when it outgrows its budget, and Match gives up (returns false,
// the caller asks RE2) if the texts make it rebuild over and over.
#ifndef DURCHBLICK_RE2_SET_SCAN_H_
#define DURCHBLICK_RE2_SET_SCAN_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <re2/set.h>

namespace durchblick {

class SetDfa {
 public:
  // `set` must be compiled and outlive this. The states (their rows of the
  // transition table, instruction lists, keys and ids) stay under
  // `max_bytes`; the table's spare capacity comes on top (at most its size).
  explicit SetDfa(const RE2::Set& set, size_t max_bytes = 16u << 20);
  ~SetDfa();
  SetDfa(const SetDfa&) = delete;
  SetDfa& operator=(const SetDfa&) = delete;

  // False if the Set's program is one this DFA cannot run (not compiled,
  // too many byte classes); RE2::Set::Match then answers for it.
  bool ok() const;
  size_t rebuilds() const;  // times the table outgrew its budget and was dropped

  // The ids of the Set's patterns that match each text (see above). False
  // if the DFA cannot run the program or gave up; `ids` is then incomplete.
  // Not thread-safe: the states are built while reading.
  bool Match(const std::vector<const std::string*>& texts, std::vector<std::vector<int>>* ids);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace durchblick

#endif  // DURCHBLICK_RE2_SET_SCAN_H_
