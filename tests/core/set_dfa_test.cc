// SetDfa against RE2::Set::Match, the answer it must give, on small Sets
// made for the DFA's corners: patterns that match at once, ^ $ \b at the
// edges of joined texts, texts holding 0xff (read alone), a table rebuilt
// while the lanes are mid-text, a budget too small to work with, and a text
// that makes it give up.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include <re2/set.h>

#include "re2_set_scan.h"

namespace durchblick {
namespace {

RE2::Options Options() {
  RE2::Options o;
  o.set_case_sensitive(false);
  o.set_log_errors(false);
  return o;
}

std::vector<int> Re2Ids(const RE2::Set& set, const std::string& text) {
  std::vector<int> ids;
  set.Match(text, &ids);
  std::sort(ids.begin(), ids.end());
  return ids;
}

// What SetDfa says for `texts`, checked against RE2 text by text; returns
// whether the DFA answered at all.
bool AgreesWithRe2(const RE2::Set& set, SetDfa* dfa, const std::vector<std::string>& texts) {
  std::vector<const std::string*> page;
  for (const std::string& t : texts) page.push_back(&t);
  std::vector<std::vector<int>> ids;
  if (!dfa->Match(page, &ids)) return false;
  REQUIRE(ids.size() == texts.size());
  for (size_t i = 0; i < texts.size(); ++i) {
    INFO("text " << i << ": " << texts[i]);
    CHECK(ids[i] == Re2Ids(set, texts[i]));
  }
  return true;
}

RE2::Set Compiled(const std::vector<std::string>& patterns) {
  RE2::Set set(Options(), RE2::UNANCHORED);
  for (const std::string& p : patterns) REQUIRE(set.Add(p, nullptr) >= 0);
  REQUIRE(set.Compile());
  return set;
}

const std::vector<std::string> kPatterns = {
    R"(nur noch \d+ (?:stück|artikel))", R"(\bonly \d+ left\b)", R"(^sale$)", R"(\bstatt\b)",
    R"(\d+[.,]\d\d ?€)",                 R"(a+b+a+b+)",          R"(^\s*$)",  R"(ends? (?:today|tonight)$)"};

const std::vector<std::string> kTexts = {
    "", "Nur noch 3 Stück", "only 2 left", "only 2 leftover", "sale", "big sale", "Sale\nsale",
    "statt 19,99 €", "Nur noch 3 Stück statt 19,99 € – only 2 left, ends today", "abab", "aabbaab",
    "   ", "ends tonight", "ends tonight!", "\xff only 2 left \xff", "\xc3\x28 statt", "x\xffsale",
    "S\xc3\x9c\xc3\x9f", std::string(3000, 'a') + "b" + std::string(3000, 'a') + "b"};

TEST_CASE("SetDfa names the same patterns as RE2::Set::Match, text by text", "[set_dfa]") {
  RE2::Set set = Compiled(kPatterns);
  SetDfa dfa(set);
  REQUIRE(dfa.ok());
  REQUIRE(AgreesWithRe2(set, &dfa, kTexts));
  // Read again with its states built: the same answers.
  REQUIRE(AgreesWithRe2(set, &dfa, kTexts));
}

TEST_CASE("SetDfa gives up, without crashing, when its budget holds one state", "[set_dfa]") {
  RE2::Set set = Compiled(kPatterns);
  SetDfa dfa(set, /*max_bytes=*/1);  // every new state drops the table
  REQUIRE(dfa.ok());
  std::vector<std::string> texts;
  for (int i = 0; i < 20; ++i) texts.insert(texts.end(), kTexts.begin(), kTexts.end());
  std::vector<const std::string*> page;
  for (const std::string& t : texts) page.push_back(&t);
  std::vector<std::vector<int>> ids;
  CHECK_FALSE(dfa.Match(page, &ids));  // the caller then asks RE2
  CHECK(dfa.rebuilds() > 2);
}

TEST_CASE("SetDfa answers the same when a rebuild comes while the lanes are mid-text", "[set_dfa]") {
  // A budget of a few dozen states and many texts that each make new ones:
  // the table is dropped while the eight lanes hold states of the old one,
  // which must not be read again (under ASan this fails if they are).
  RE2::Set set = Compiled(kPatterns);
  SetDfa dfa(set, /*max_bytes=*/48 << 10);
  REQUIRE(dfa.ok());
  std::vector<std::string> texts;
  unsigned x = 7;
  auto next = [&x] { return x = x * 1103515245 + 12345, (x >> 16) & 0x7fff; };
  const std::vector<std::string> words = {"nur", "noch", "3", "stück", "only", "2", "left", "statt", "19,99 €", "ab", "aab", "sale", "ends", "today", "\n", " "};
  while (texts.size() < 3000) {
    std::string t;
    for (unsigned n = next() % 12; n > 0; --n) t += words[next() % words.size()] + (next() % 3 ? " " : "");
    texts.push_back(t);
  }
  const size_t before = dfa.rebuilds();
  REQUIRE(AgreesWithRe2(set, &dfa, texts));  // answered, with the table rebuilt on the way
  CHECK(dfa.rebuilds() > before);
}

TEST_CASE("SetDfa gives up on a text that makes new states all the time", "[set_dfa]") {
  // (a|b)*a(a|b){12}: the DFA needs a state per last 13 bytes, 8192 of them.
  RE2::Set set = Compiled({"a[ab]{12}"});
  SetDfa dfa(set, /*max_bytes=*/4096);
  REQUIRE(dfa.ok());
  std::string text;
  for (unsigned x = 12345; text.size() < 200000; x = x * 1103515245 + 12345) text += (x >> 16) & 1 ? 'a' : 'b';
  std::vector<const std::string*> page = {&text};
  std::vector<std::vector<int>> ids;
  CHECK_FALSE(dfa.Match(page, &ids));
  // Short texts after that are answered again.
  CHECK(AgreesWithRe2(set, &dfa, {"abababababababab", "b", "aaaaaaaaaaaaa"}));
}

}  // namespace
}  // namespace durchblick
