// Where the first match of an RE2::Set ends: the one thing RE2's public API
// does not tell (RE2::Set::Match says whether and which, not where).
//
//   const char* end = EarliestMatchEnd(set, page, &failed);
//   // no pattern of `set` matches in page[0, end - 1), one ends at `end`
//
// TextRules::MatchEach uses it to read a joined page once: everything before
// the block holding that end has no match, so only that block is matched on
// its own, and the scan goes on after it.
#ifndef DURCHBLICK_RE2_SET_SCAN_H_
#define DURCHBLICK_RE2_SET_SCAN_H_

#include <re2/set.h>

namespace durchblick {

// The end of the earliest-ending match of any pattern of the compiled `set`
// in `text` (as RE2::Set::Match(text) sees it: the same DFA, which stops
// there), or nullptr if none matches. *failed is set, and nullptr returned,
// if the DFA ran out of memory; RE2::Set::Match would then fail too.
const char* EarliestMatchEnd(const RE2::Set& set, re2::StringPiece text, bool* failed);

}  // namespace durchblick

#endif  // DURCHBLICK_RE2_SET_SCAN_H_
