// The one place that reads RE2's internals (re2/prog.h, RE2 20220601 as
// compiled from .deps/re2): the program an RE2::Set compiled, which SetDfa
// runs as RE2's own DFA does (re2/dfa.cc), with its states' transitions in
// one flat table.
//
// The Set keeps its program in a private member; an explicit instantiation
// may name a private member (C++17 [temp.explicit]: access is not checked
// there), which is how ProgramOf below gets it. Should RE2 rename or retype
// the member, this fails to compile rather than misbehaving.
//
// A state is what is left to match after some bytes of the text, and what
// has matched so far: the program's instructions reached by the last byte
// (before following the empty-width ones, whose ^, $ and \b depend on the
// byte that comes next), the facts about that byte those need (a word
// character, a line break, the start of the text), and the ids of the
// patterns that matched in the bytes before. A transition on byte b follows
// the instructions with the flags that hold between the last byte and b;
// each match instruction reached is a pattern that matched ending before b,
// and its id joins the next state's. At the end of the text the same is
// done once more with the end-of-text flags: the ids then reached are the
// text's, as RE2::Set::Match(text, &ids) gives them (RE2's DFA, too, runs to
// the end of the text and gathers the ids of every match state it passes).
#include "re2_set_scan.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <unordered_map>

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

// A table entry is the number of the next state: 16 bits keep the rows
// read most often in the first-level cache (half as many bytes as 32).
using Entry = uint16_t;
constexpr Entry kUnknown = 0xffff;  // transition not built yet
constexpr uint8_t kSeparator = 0xff;  // after each text in a joined run (not in UTF-8)

// What a state keeps of the byte before it.
constexpr uint8_t kLastWord = 1;   // a word character (\b, \B)
constexpr uint8_t kLineStart = 2;  // after a line break or at the start (^)
constexpr uint8_t kTextStart = 4;  // at the start of the text (\A)

}  // namespace

struct SetDfa::Impl {
  re2::Prog* prog = nullptr;
  // Byte -> column of a row. Texts are read joined, each followed by the
  // byte 0xff, which UTF-8 never holds: in `joined` it has a column of its
  // own (kSeparator's), in `bytemap` the column of its RE2 class.
  uint8_t bytemap[256] = {};
  uint8_t joined[256] = {};
  uint32_t separator = 0;   // column: back to the start state
  uint32_t stride = 0;      // entries in a row
  uint8_t kept_flags = 0;   // the kLastWord... bits the program's ^ $ \b \B \A \z can see
  size_t max_bytes = 0;
  size_t bytes = 0;   // what the states take (rows, instruction lists, keys, ids)
  size_t filled = 0;  // states there were when the table was last dropped
  uint32_t start = kUnknown;

  std::vector<Entry> table;                   // per state a row: next states
  std::vector<std::vector<int>> kernels;      // per state: instructions reached
  std::vector<uint8_t> flags;                 // per state: kLastWord...
  std::vector<std::vector<int>> matched;      // per state: ids matched before it, ascending
  std::vector<std::vector<int>> at_end;       // per state: its text's ids if the text ends here
  std::vector<bool> at_end_known;
  std::unordered_map<std::string, uint32_t> states;  // state key -> number
  size_t resets = 0;

  // Work space of Follow().
  std::vector<uint32_t> seen;  // per instruction: generation it was last visited in
  uint32_t generation = 0;
  std::vector<int> stack;
  std::vector<int> ranges;
  std::vector<int> reached;  // ids of the match instructions reached

  // Follows `kernel` with the empty-width `empty` flags holding (RE2's
  // DFA::AddToQueue): the ids of the match instructions reached go to
  // `reached`, the byte range instructions reached to `ranges`.
  void Follow(const std::vector<int>& kernel, uint32_t empty) {
    if (++generation == 0) {
      std::fill(seen.begin(), seen.end(), 0);
      generation = 1;
    }
    ranges.clear();
    reached.clear();
    stack.assign(kernel.rbegin(), kernel.rend());
    while (!stack.empty()) {
      int id = stack.back();
      stack.pop_back();
      while (id != 0 && seen[static_cast<size_t>(id)] != generation) {
        seen[static_cast<size_t>(id)] = generation;
        re2::Prog::Inst* ip = prog->inst(id);
        const int next_in_list = ip->last() ? 0 : id + 1;
        switch (ip->opcode()) {
          case re2::kInstByteRange:
            ranges.push_back(id);
            id = next_in_list;
            break;
          case re2::kInstMatch:
            reached.push_back(ip->match_id());
            id = next_in_list;
            break;
          case re2::kInstCapture:
          case re2::kInstNop:
            if (next_in_list) stack.push_back(next_in_list);
            id = ip->out();
            break;
          case re2::kInstAltMatch:
            id = id + 1;
            break;
          case re2::kInstEmptyWidth:
            if (next_in_list) stack.push_back(next_in_list);
            id = (ip->empty() & ~empty) ? 0 : ip->out();
            break;
          default:  // kInstFail
            id = next_in_list;
            break;
        }
      }
    }
  }

  // `ids` and `reached`, ascending and without repeats.
  std::vector<int> Joined(const std::vector<int>& ids) const {
    std::vector<int> out(ids);
    out.insert(out.end(), reached.begin(), reached.end());
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  // The empty-width flags between a state's last byte and `byte` (-1: the
  // end of the text).
  static uint32_t EmptyFlags(uint8_t state_flags, int byte) {
    uint32_t empty = 0;
    if (state_flags & kLineStart) empty |= re2::kEmptyBeginLine;
    if (state_flags & kTextStart) empty |= re2::kEmptyBeginText;
    if (byte < 0) empty |= re2::kEmptyEndLine | re2::kEmptyEndText;
    if (byte == '\n') empty |= re2::kEmptyEndLine;
    const bool word = byte >= 0 && re2::Prog::IsWordChar(static_cast<uint8_t>(byte));
    const bool last_word = (state_flags & kLastWord) != 0;
    empty |= word != last_word ? re2::kEmptyWordBoundary : re2::kEmptyNonWordBoundary;
    return empty;
  }

  // Drops every state, then builds the start state, which is always there.
  // The memory goes back too (swapped out, not just cleared): the budget
  // is about what the DFA holds.
  void Clear() {
    std::vector<Entry>().swap(table);
    std::vector<std::vector<int>>().swap(kernels);
    std::vector<uint8_t>().swap(flags);
    std::vector<std::vector<int>>().swap(matched);
    std::vector<std::vector<int>>().swap(at_end);
    std::vector<bool>().swap(at_end_known);
    std::unordered_map<std::string, uint32_t>().swap(states);
    bytes = 0;
    start = kUnknown;
    std::vector<int> kernel{prog->start()};
    bool cleared = false;
    start = Intern(&kernel, kLineStart | kTextStart, {}, &cleared);
  }

  // The number of the state (kernel, state_flags, ids), built if new. May
  // clear the table first (every state but the new one is then gone).
  uint32_t Intern(std::vector<int>* kernel, uint8_t state_flags, std::vector<int> ids, bool* cleared) {
    std::sort(kernel->begin(), kernel->end());
    kernel->erase(std::unique(kernel->begin(), kernel->end()), kernel->end());
    state_flags &= kept_flags;
    std::string key(1, static_cast<char>(state_flags));
    const auto kernel_size = static_cast<uint32_t>(kernel->size());
    key.append(reinterpret_cast<const char*>(&kernel_size), sizeof kernel_size);
    key.append(reinterpret_cast<const char*>(kernel->data()), kernel->size() * sizeof(int));
    key.append(reinterpret_cast<const char*>(ids.data()), ids.size() * sizeof(int));
    auto found = states.find(key);
    if (found != states.end()) return found->second;
    // A row, the instruction list and ids twice (in the key and on their
    // own), and the headers of the map node and vectors.
    const size_t cost = stride * sizeof(Entry) + 2 * (kernel->size() + ids.size()) * sizeof(int) + 160;
    if (!kernels.empty() && (kernels.size() >= kUnknown - 1 || bytes + cost > max_bytes)) {
      filled = kernels.size();
      Clear();
      ++resets;
      *cleared = true;
    }
    bytes += cost;
    const auto state = static_cast<uint32_t>(kernels.size());
    table.resize(table.size() + stride, kUnknown);
    table[state * stride + separator] = static_cast<Entry>(start == kUnknown ? state : start);
    kernels.push_back(*kernel);
    flags.push_back(state_flags);
    matched.push_back(std::move(ids));
    at_end.emplace_back();
    at_end_known.push_back(false);
    states.emplace(std::move(key), state);
    return state;
  }

  // The state after `state` on `byte`, built and stored.
  uint32_t Step(uint32_t state, uint8_t byte) {
    Follow(kernels[state], EmptyFlags(flags[state], byte));
    std::vector<int> kernel;
    for (int id : ranges) {
      re2::Prog::Inst* ip = prog->inst(id);
      if (ip->Matches(byte) && ip->out() != 0) kernel.push_back(ip->out());
    }
    uint8_t next_flags = 0;
    if (re2::Prog::IsWordChar(byte)) next_flags |= kLastWord;
    if (byte == '\n') next_flags |= kLineStart;
    bool cleared = false;
    const uint32_t next = Intern(&kernel, next_flags, Joined(matched[state]), &cleared);
    if (!cleared) table[state * stride + bytemap[byte]] = static_cast<Entry>(next);
    return next;
  }

  // The ids of a text that ends in `state` (stored).
  const std::vector<int>& AtEnd(uint32_t state) {
    if (!at_end_known[state]) {
      Follow(kernels[state], EmptyFlags(flags[state], -1));
      at_end[state] = Joined(matched[state]);
      at_end_known[state] = true;
    }
    return at_end[state];
  }
};

SetDfa::SetDfa(const RE2::Set& set, size_t max_bytes) : impl_(std::make_unique<Impl>()) {
  Impl& d = *impl_;
  d.prog = ProgramOf(set);
  if (d.prog == nullptr || d.prog->bytemap_range() <= 0 || d.prog->bytemap_range() > 254) {
    d.prog = nullptr;
    return;
  }
  // RE2's byte classes, numbered anew so that those of the bytes most
  // frequent in page text come first in a row: their entries then share a
  // few cache lines, where RE2's numbering (by byte value) spreads them
  // over the whole row.
  const uint8_t* classes = d.prog->bytemap();
  std::vector<int> renumbered(256, -1);
  int count = 0;
  auto number = [&](int byte) {
    if (renumbered[classes[byte]] < 0) renumbered[classes[byte]] = count++;
    d.bytemap[byte] = static_cast<uint8_t>(renumbered[classes[byte]]);
  };
  for (const char* c = " etaoinsrhldcumfpgwybvkxjqz0123456789.,-"; *c; ++c) number(*c);
  for (int byte = 0; byte < 256; ++byte) number(byte);
  std::memcpy(d.joined, d.bytemap, sizeof d.joined);
  d.separator = static_cast<uint32_t>(count);
  d.joined[kSeparator] = static_cast<uint8_t>(d.separator);
  d.stride = d.separator + 1;
  uint32_t empties = 0;
  for (int id = 0; id < d.prog->size(); ++id) {
    if (d.prog->inst(id)->opcode() == re2::kInstEmptyWidth) empties |= d.prog->inst(id)->empty();
  }
  if (empties & (re2::kEmptyWordBoundary | re2::kEmptyNonWordBoundary)) d.kept_flags |= kLastWord;
  if (empties & re2::kEmptyBeginLine) d.kept_flags |= kLineStart;
  if (empties & re2::kEmptyBeginText) d.kept_flags |= kTextStart;
  d.max_bytes = max_bytes;
  d.seen.assign(static_cast<size_t>(d.prog->size()), 0);
  d.Clear();
}

SetDfa::~SetDfa() = default;

bool SetDfa::ok() const { return impl_->prog != nullptr; }
size_t SetDfa::rebuilds() const { return impl_->resets; }

namespace {

// Rebuilding the table this often per byte read means a text that makes
// new states all the time (hostile): RE2, which gives up in the same case,
// answers instead.
bool GaveUp(const SetDfa::Impl& d, size_t resets_before, size_t bytes_read) {
  const size_t resets = d.resets - resets_before;
  return resets > 2 && bytes_read < resets * 10 * std::max<size_t>(16, d.filled);
}

// Reads one text alone (its own 0xff bytes as they are): the state at its
// end. *gave_up is set if the DFA gave up.
uint32_t ReadText(SetDfa::Impl* dfa, const std::string& text, size_t resets, size_t* bytes_read,
                  bool* gave_up) {
  uint32_t state = dfa->start;
  for (const char c : text) {
    const auto byte = static_cast<uint8_t>(c);
    uint32_t next = dfa->table[state * dfa->stride + dfa->bytemap[byte]];
    if (next == kUnknown) {
      next = dfa->Step(state, byte);
      if (GaveUp(*dfa, resets, *bytes_read)) {
        *gave_up = true;
        return 0;
      }
    }
    state = next;
  }
  *bytes_read += text.size();
  return state;
}

// Runs one DFA over the texts in kLanes lanes. The texts are joined, each
// followed by kSeparator (whose column leads every state back to the start
// state), and the joined run is cut into kLanes parts of about equal
// length; each turn of the loop reads one byte of each part. A table read
// depends on the one before it in the same part (the state it gives), not
// on those of the other parts, so the lanes' reads overlap instead of
// waiting for each other, and the loop has no branch but the one for a
// state not built yet. Each byte writes the state it leaves to the slot of
// its text, which moves on at a separator: the slot ends up with the state
// at the end of the text, asked for its ids afterwards.
constexpr size_t kLanes = 8;

struct Lane {
  const uint8_t* p;  // next byte
  uint32_t* slot;    // of the text being read
  uint32_t state;
};

// Builds the transition of `state` on `byte` (out of the loop below: it is
// rare, and inlined it would crowd the loop's registers).
__attribute__((noinline)) uint32_t Build(SetDfa::Impl* dfa, uint32_t state, uint8_t byte) {
  return dfa->Step(state, byte);
}

// What the loop reads of the DFA, copied into locals: a store through a
// lane's slot could otherwise be the DFA's stride for all the compiler
// knows, and each byte would read them again.
struct Columns {
  const Entry* table;
  uint32_t stride;
  uint32_t separator;
  const uint8_t* joined;
};

// One byte of a lane; false if the table was rebuilt on the way (the other
// lanes' states are then gone).
inline bool StepLane(SetDfa::Impl* dfa, Columns* c, Lane* lane, size_t resets) {
  const uint8_t byte = *lane->p++;
  const uint32_t column = c->joined[byte];
  *lane->slot = lane->state;
  lane->slot += column == c->separator;
  uint32_t next = c->table[lane->state * c->stride + column];
  if (next == kUnknown) {
    next = Build(dfa, lane->state, byte);
    c->table = dfa->table.data();
    if (dfa->resets != resets) return false;
  }
  lane->state = next;
  return true;
}

bool Scan(SetDfa::Impl* dfa, const std::vector<const std::string*>& texts,
          std::vector<std::vector<int>>* ids) {
  const size_t resets = dfa->resets;
  size_t bytes_read = 0;
  bool gave_up = false;
  // A text holding 0xff (not UTF-8) is read alone.
  std::vector<size_t> joined_texts;
  size_t total = 0;
  for (size_t i = 0; i < texts.size(); ++i) {
    const std::string& t = *texts[i];
    if (std::memchr(t.data(), kSeparator, t.size()) == nullptr) {
      joined_texts.push_back(i);
      total += t.size() + 1;
    } else {
      const uint32_t state = ReadText(dfa, t, resets, &bytes_read, &gave_up);
      if (gave_up) return false;
      (*ids)[i] = dfa->AtEnd(state);
    }
  }
  std::string run;
  run.reserve(total);
  for (size_t i : joined_texts) {
    run += *texts[i];
    run += static_cast<char>(kSeparator);
  }
  // The lanes' parts, each ending after a separator: [begin, end) of the
  // run, and the slot of their first text.
  const auto* base = reinterpret_cast<const uint8_t*>(run.data());
  const uint8_t* begin[kLanes];
  const uint8_t* end[kLanes];
  size_t first_slot[kLanes];
  for (size_t l = 0, at = 0, slot = 0; l < kLanes; ++l) {
    begin[l] = base + at;
    first_slot[l] = slot;
    const size_t want = l + 1 == kLanes ? run.size() : run.size() * (l + 1) / kLanes;
    while (at < want) {
      at += texts[joined_texts[slot]]->size() + 1;
      ++slot;
    }
    end[l] = base + at;
  }
  std::vector<uint32_t> last_state(joined_texts.size() + 1);
  Lane lanes[kLanes];
  size_t shortest = run.size();
  for (size_t l = 0; l < kLanes; ++l) {
    lanes[l] = Lane{begin[l], last_state.data() + first_slot[l], dfa->start};
    shortest = std::min<size_t>(shortest, static_cast<size_t>(end[l] - begin[l]));
  }
  // The lanes side by side, as long as the shortest part lasts; then the
  // rest of each part alone. The lane loop is unrolled so that the lanes'
  // pointers and states stay in registers, as plain locals.
  Columns c{dfa->table.data(), dfa->stride, dfa->separator, dfa->joined};
  bool rebuilt = false;
  for (size_t n = 0; n < shortest && !rebuilt; ++n) {
#pragma GCC unroll 8
    for (size_t l = 0; l < kLanes; ++l) {
      // After a rebuild the other lanes' states are numbers of the old
      // table: not one more step with them.
      if (!StepLane(dfa, &c, &lanes[l], resets)) {
        rebuilt = true;
        break;
      }
    }
  }
  for (size_t l = 0; l < kLanes && !rebuilt; ++l) {
    Lane lane = lanes[l];
    while (lane.p != end[l] && !rebuilt) rebuilt = !StepLane(dfa, &c, &lane, resets);
  }
  if (!rebuilt) {
    for (size_t k = 0; k < joined_texts.size(); ++k) (*ids)[joined_texts[k]] = dfa->AtEnd(last_state[k]);
    return true;
  }
  // The table outgrew its budget on the way: every text again, alone.
  for (size_t i : joined_texts) {
    const uint32_t state = ReadText(dfa, *texts[i], resets, &bytes_read, &gave_up);
    if (gave_up) return false;
    (*ids)[i] = dfa->AtEnd(state);
  }
  return true;
}

}  // namespace

bool SetDfa::Match(const std::vector<const std::string*>& texts, std::vector<std::vector<int>>* ids) {
  ids->assign(texts.size(), {});
  return ok() && Scan(impl_.get(), texts, ids);
}

}  // namespace durchblick
