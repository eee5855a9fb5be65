// Every shipped rule is data with its own test cases (axe-core's validate.js,
// third-party-web's entities.test.js): the bundle loads strictly, every text
// rule's examples match and its counterexamples do not, every finding type a
// detector or rule can produce is defined.
#include <catch2/catch.hpp>

#include <set>

#include "rules.h"
#include "score.h"
#include "test_util.h"

namespace durchblick {
namespace {

using testing::RealEngine;

TEST_CASE("the shipped rules bundle loads", "[rules]") {
  INFO(RealEngine().error());
  REQUIRE(RealEngine().ok());
  REQUIRE(RealEngine().rules_version().find('+') != std::string::npos);
}

TEST_CASE("a page matched at once finds what each block alone finds", "[rules]") {
  // MatchEach reads the blocks joined (SetDfa) and names each block's rules;
  // per block it must say exactly what Match (RE2::Set) says. Blocks: every example
  // and counterexample (in rule order, so neighbours are alike), and blocks
  // that match only when joined with their neighbour, or only at a line start.
  const TextRules& text = RealEngine().rules().text();
  std::vector<std::string> blocks = {"", "Nur noch", "2 Stück", "Schließen", "only 2", "left in stock",
                                     "x", "Close\nNur noch 2 Stück auf Lager", "foo\nSchließen\nbar",
                                     "\n", ".", "12:", "34:56", "\"Great product, love it", "\" - Anna K."};
  for (const TextRule& rule : text.all()) {
    blocks.insert(blocks.end(), rule.examples.begin(), rule.examples.end());
    blocks.insert(blocks.end(), rule.counterexamples.begin(), rule.counterexamples.end());
  }
  blocks.push_back(std::string(5000, 'a') + " nur noch 2 St\xc3\xbc" "ck");  // a run of one long block
  // Blocks that match several rules of several Sets, and blocks holding 0xff
  // or broken UTF-8.
  blocks.push_back("Nur noch 2 Stück! Angebot endet heute. 12 Personen sehen sich das gerade an. statt 49,99 €");
  blocks.push_back("Only 3 left in stock - hurry, sale ends tonight! 20 people are viewing this. No thanks");
  blocks.push_back("\xff Nur noch 2 St\xc3\xbc" "ck \xff");
  blocks.push_back("\xc3\x28 only 2 left \xe2\x82");
  std::vector<const std::string*> page;
  for (const std::string& b : blocks) page.push_back(&b);
  for (const std::string prefix : {"", "price/", "label/", "label/close", "scarcity/", "social_proof/"}) {
    INFO("types " << prefix);
    auto each = text.MatchEach(page, prefix);
    REQUIRE(each.size() == blocks.size());
    for (size_t i = 0; i < blocks.size(); ++i) {
      INFO("block " << i << ": " << blocks[i]);
      CHECK(each[i] == text.Match(blocks[i], prefix));
    }
  }
  auto findings = text.MatchEach(page, "", /*findings_only=*/true);
  for (size_t i = 0; i < blocks.size(); ++i) {
    INFO("block " << i << ": " << blocks[i]);
    CHECK(findings[i] == text.MatchFindings(blocks[i]));
    for (const TextRule* r : findings[i]) CHECK_FALSE(IsWordClass(r->type));
  }
}

TEST_CASE("every text rule matches its examples and none of its counterexamples", "[rules]") {
  const TextRules& text = RealEngine().rules().text();
  REQUIRE(!text.all().empty());
  for (const TextRule& rule : text.all()) {
    INFO("rule " << rule.id);
    CHECK(rule.examples.size() >= 5);
    CHECK(rule.counterexamples.size() >= 5);
    for (const std::string& example : rule.examples) {
      INFO("example: " << example);
      auto matched = text.Match(example);
      CHECK(std::find(matched.begin(), matched.end(), &rule) != matched.end());
    }
    for (const std::string& counter : rule.counterexamples) {
      INFO("counterexample: " << counter);
      auto matched = text.Match(counter);
      CHECK(std::find(matched.begin(), matched.end(), &rule) == matched.end());
    }
  }
}

// Engine start-up (CLI, extension service worker) compiles every pattern, and
// RE2's compile cost grows with the program it builds: `\pL` (all letters of
// all scripts, case-folded) alone compiles to ~1,200 instructions and ~10 ms,
// `\p{Latin}` to ~80. The budget keeps start-up in milliseconds; it counts
// instructions, so it is exact on every machine.
TEST_CASE("every text rule compiles to a small RE2 program", "[rules]") {
  const RuleSet& rules = RealEngine().rules();
  const double budget = rules.Threshold("text.max_program_size", 0);
  REQUIRE(budget > 0);
  RE2::Options options;
  options.set_case_sensitive(false);
  for (const TextRule& rule : rules.text().all()) {
    RE2 re(rule.pattern, options);
    INFO("rule " << rule.id << " compiles to " << re.ProgramSize() << " RE2 instructions, budget "
                 << budget << ": use \\p{Latin} instead of \\pL and \\p{Nd} or [0-9] instead "
                 << "of \\p{N}, and avoid repeating large classes");
    CHECK(re.ProgramSize() <= budget);
  }
}

TEST_CASE("text rule ids are unique and name their language", "[rules]") {
  std::set<std::string> ids;
  for (const TextRule& rule : RealEngine().rules().text().all()) {
    INFO("rule " << rule.id);
    CHECK(ids.insert(rule.id).second);
    CHECK(rule.id.find("/" + rule.lang + "-") != std::string::npos);
  }
}

TEST_CASE("finding types have de and en text and a category cap", "[rules]") {
  const RuleSet& rules = RealEngine().rules();
  REQUIRE(!rules.finding_types().empty());
  for (const auto& [type, def] : rules.finding_types()) {
    INFO("finding type " << type);
    CHECK(!def.title.de.empty());
    CHECK(!def.title.en.empty());
    CHECK(!def.explanation.de.empty());
    CHECK(!def.explanation.en.empty());
    CHECK(def.title.de != def.title.en);
    CHECK(rules.scoring().caps.count(def.category) == 1);
    CHECK(def.weight >= 0);
    CHECK(def.max_weight >= def.weight);
    CHECK((def.severity == "low" || def.severity == "medium" || def.severity == "high"));
  }
}

TEST_CASE("a broken bundle is rejected with the rule named", "[rules]") {
  std::string bundle = testing::ReadFile(DURCHBLICK_RULES_BUNDLE);
  std::string broken = bundle;
  size_t at = broken.find("\"pattern\":\"");
  REQUIRE(at != std::string::npos);
  broken.insert(at + 11, "(unclosed");
  Engine engine(broken);
  CHECK_FALSE(engine.ok());
  CHECK(engine.error().find("does not compile") != std::string::npos);
  CHECK(engine.Analyze("{}").find("\"rules_rejected\"") != std::string::npos);
  CHECK_FALSE(Engine("not json").ok());
  CHECK_FALSE(Engine("{\"schema\":\"other\"}").ok());
}

TEST_CASE("explanation templates fill {name} from the finding's vars and keep the rest as written",
          "[rules]") {
  const std::map<std::string, std::string> vars = {{"company", "Criteo"}, {"n", "3"}};
  CHECK(FillTemplate("{company} received {n} requests", vars) == "Criteo received 3 requests");
  CHECK(FillTemplate("{n}{n}", vars) == "33");
  CHECK(FillTemplate("no braces at all", vars) == "no braces at all");
  CHECK(FillTemplate("", vars).empty());
  // Unknown names, empty braces and unclosed braces stay as they are.
  CHECK(FillTemplate("{unknown} by {company}", vars) == "{unknown} by Criteo");
  CHECK(FillTemplate("{} and {", vars) == "{} and {");
  CHECK(FillTemplate("{{company}}", vars) == "{Criteo}");
  CHECK(FillTemplate("ends with {company", vars) == "ends with {company");
}

}  // namespace
}  // namespace durchblick
