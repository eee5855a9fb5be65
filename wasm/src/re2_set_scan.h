// Which of several RE2::Sets match each of many short texts, in one pass
// over each text for all the Sets together.
//
//   SetDfa finding(finding_set), prices(price_set);   // compiled Sets
//   std::vector<uint32_t> hits;
//   if (MatchAny({&finding, &prices}, texts, &hits)) {
//     // bit k of hits[i]: RE2::Set::Match(*texts[i]) is true for Set k
//   }
//
// Why not RE2::Set::Match per text and Set: its DFA costs about as much per
// byte whatever the Set, and a page of thousands of short texts read once
// per Set is most of the time spent on page text. SetDfa is a DFA of the
// same program (RE2's, compiled by the Set) whose transitions sit in one
// table of 32-bit rows, so that the Sets step through a text side by side:
// their table reads overlap instead of waiting for each other.
//
// It answers whether, not which: the caller asks RE2::Set::Match(text, &ids)
// on the texts with a hit. States are built on first use, like RE2's; the
// table is dropped and rebuilt when it outgrows its budget, and MatchAny
// gives up (returns false, the caller asks RE2 for every text) if a text
// makes it rebuild over and over.
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
  // `set` must be compiled and outlive this. The transition table and the
  // states' instruction lists together stay under `max_bytes`.
  explicit SetDfa(const RE2::Set& set, size_t max_bytes = 8u << 20);
  ~SetDfa();
  SetDfa(const SetDfa&) = delete;
  SetDfa& operator=(const SetDfa&) = delete;

  // False if the Set's program is one this DFA cannot run (not compiled,
  // too many byte classes); RE2::Set::Match then answers for it.
  bool ok() const;
  size_t states() const;  // built so far (for benchmarks)

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
  friend bool MatchAny(const std::vector<SetDfa*>& dfas, const std::vector<const std::string*>& texts,
                       std::vector<uint32_t>* hits);
};

// hits[i] gets bit k set if dfas[k]'s Set matches *texts[i] (at most 32
// DFAs, each ok()). Not thread-safe for the same SetDfa. False if a DFA gave
// up; `hits` is then incomplete.
bool MatchAny(const std::vector<SetDfa*>& dfas, const std::vector<const std::string*>& texts,
              std::vector<uint32_t>* hits);

}  // namespace durchblick

#endif  // DURCHBLICK_RE2_SET_SCAN_H_
