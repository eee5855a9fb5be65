// The one place that reads RE2's internals (re2/prog.h, RE2 20220601 as
// compiled from .deps/re2): RE2::Set::Match runs its program's DFA with
// Prog::SearchDFA, which knows where the earliest match ends and does not
// pass it on. EarliestMatchEnd makes the same call and keeps the end.
//
// The Set keeps its program in a private member; an explicit instantiation
// may name a private member (C++17 [temp.explicit]: access is not checked there), which is how
// ProgramOf below gets it. Should RE2 rename or retype the member, this
// fails to compile rather than misbehaving.
#include "re2_set_scan.h"

#include <memory>

#include <re2/prog.h>

namespace durchblick {
namespace {

using ProgramMember = std::unique_ptr<re2::Prog> RE2::Set::*;

re2::Prog* ProgramOf(const RE2::Set& set);

template <ProgramMember member>
struct SetProgram {
  friend re2::Prog* ProgramOf(const RE2::Set& set) { return (set.*member).get(); }
};
template struct SetProgram<&RE2::Set::prog_>;

}  // namespace

const char* EarliestMatchEnd(const RE2::Set& set, re2::StringPiece text, bool* failed) {
  *failed = false;
  re2::Prog* prog = ProgramOf(set);
  if (prog == nullptr) {  // not compiled
    *failed = true;
    return nullptr;
  }
  // As in RE2::Set::Match: the program of an unanchored Set starts with its
  // own .*? loop and is run anchored; with a match0 and no match set, the
  // many-match DFA stops at the earliest match and match0 ends there.
  re2::StringPiece match;
  if (!prog->SearchDFA(text, text, re2::Prog::kAnchored, re2::Prog::kManyMatch, &match, failed,
                       nullptr)) {
    return nullptr;
  }
  return match.data() + match.size();
}

}  // namespace durchblick
