#include "pipeline/report/decision_table.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "pipeline/core/file_system.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_paths.h"

namespace pipeline::report {
namespace {

using model::ApplicationKind;

DecisionTable Shipped() {
  RealFileSystem fs;
  Result<DecisionTable> t =
      DecisionTable::Load(fs, testing::RepoRoot() + "/templates/decisions.xml");
  EXPECT_OK(t);
  return t ? *t : DecisionTable();
}

CaseFacts Facts(ApplicationKind kind) {
  CaseFacts f;
  f.kind = kind;
  f.occupations = 2;
  return f;
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : " ") + s;
  return out;
}

// One case per row of templates/decisions.xml (and the combinations that must resolve to a
// particular row). The last check makes sure every row is hit by some case.
TEST(DecisionTableTest, EveryRowOfTheShippedTable) {
  const DecisionTable table = Shipped();
  struct Case {
    const char* what;
    CaseFacts facts;
    const char* want;
  };
  std::vector<Case> cases;
  {
    CaseFacts f = Facts(ApplicationKind::kUnknown);
    f.folder = false;
    f.correct = true;
    cases.push_back({"not a folder: nothing", f, ""});
  }
  {
    CaseFacts f = Facts(ApplicationKind::kInitial);
    f.refer = true;
    f.correct = true;  // substance not reviewed: no 补正 either
    cases.push_back({"wrong office (Art. 4)", f, "referral_notice transfer_letter worksheet"});
  }
  {
    CaseFacts f = Facts(ApplicationKind::kInitial);
    f.not_eligible = true;
    f.correct = true;
    cases.push_back({"institution not eligible", f, "refusal_notice worksheet"});
  }
  {
    CaseFacts f = Facts(ApplicationKind::kAddOccupation);
    f.excluded = 2;
    cases.push_back({"every occupation excluded", f, "refusal_notice worksheet"});
  }
  {
    CaseFacts f = Facts(ApplicationKind::kInitial);
    f.correct = true;
    f.excluded = 1;  // the notice also lists the excluded one
    cases.push_back({"correctable, one occupation excluded", f, "correction_notice worksheet"});
  }
  {
    CaseFacts f = Facts(ApplicationKind::kTermination);
    f.correct = true;
    cases.push_back({"termination missing a material", f, "correction_notice worksheet"});
  }
  cases.push_back({"voluntary termination (Art. 10)", Facts(ApplicationKind::kTermination),
                   "termination_notice worksheet"});
  cases.push_back(
      {"renewal (Art. 9)", Facts(ApplicationKind::kRenewal), "renewal_opinion worksheet"});
  cases.push_back(
      {"first application", Facts(ApplicationKind::kInitial), "preliminary_opinion worksheet"});
  cases.push_back(
      {"change (Art. 8)", Facts(ApplicationKind::kChange), "preliminary_opinion worksheet"});
  {
    CaseFacts f = Facts(ApplicationKind::kInitial);
    f.excluded = 1;
    cases.push_back(
        {"one of two occupations excluded: goes on", f, "preliminary_opinion worksheet"});
  }
  std::set<int> rows_hit;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    const DecisionRow& row = table.Decide(c.facts);
    rows_hit.insert(row.line);
    EXPECT_EQ(Join(row.documents), c.want);
  }
  for (const DecisionRow& row : table.rows()) {
    EXPECT_EQ(rows_hit.count(row.line), 1u) << "no test case for decisions.xml:" << row.line;
  }
  // Every document kind declared is drafted by some row, and every row but "not a folder"
  // includes the internal worksheet.
  for (const DocumentSpec& d : table.documents()) {
    bool used = false;
    for (const DecisionRow& row : table.rows()) {
      for (const auto& k : row.documents) used = used || k == d.kind;
    }
    EXPECT_TRUE(used) << d.kind;
  }
  EXPECT_FALSE(table.Find("worksheet")->official);
  EXPECT_TRUE(table.Find("correction_notice")->official);
}

TEST(DecisionTableTest, FactsComeFromConsequencesAndOccupationVerdicts) {
  model::CaseReport r;
  r.application.kind.value = ApplicationKind::kRenewal;
  model::Finding refer, review;
  refer.severity = model::Severity::kBlocking;
  refer.consequence = model::Consequence::kRefer;
  review.severity = model::Severity::kReview;
  review.consequence = model::Consequence::kNotEligible;  // review findings decide nothing
  r.findings = {refer, review};
  model::OccupationResult ok, out;
  out.excluded = true;
  r.occupations = {ok, out};
  const CaseFacts f = FactsOf(r, true);
  EXPECT_EQ(f.kind, ApplicationKind::kRenewal);
  EXPECT_TRUE(f.refer);
  EXPECT_FALSE(f.not_eligible);
  EXPECT_FALSE(f.correct);
  EXPECT_EQ(f.occupations, 2);
  EXPECT_EQ(f.excluded, 1);
}

TEST(DecisionTableTest, BrokenTablesNameFileAndLine) {
  struct Case {
    const char* text;
    const char* want;
  } cases[] = {
      {"<decisions>\n<case documents=\"opinion\"/>\n</decisions>",
       "t.xml:2: document kind 'opinion' is not declared"},
      {"<decisions>\n<document kind=\"a\" template=\"a\" title=\"A\" official=\"yes\" "
       "sender=\"bureau\"/>\n<case kind=\"renewel\" documents=\"a\"/>\n<case documents=\"a\"/>\n"
       "</decisions>",
       "t.xml:3: unknown application kind 'renewel'"},
      {"<decisions>\n<document kind=\"a\" template=\"a\" title=\"A\" official=\"maybe\" "
       "sender=\"bureau\"/>\n</decisions>",
       "t.xml:2: attribute official must be yes or no, not 'maybe'"},
      {"<decisions>\n<document kind=\"a\" template=\"a\" title=\"A\" official=\"yes\" "
       "sender=\"bureau\"/>\n<case correct=\"yes\" documents=\"a\"/>\n</decisions>",
       "t.xml:1: the last <case> must have no conditions (the catch-all row)"},
      {"<decisions>\n<case refer=\"yes\" colour=\"red\" documents=\"\"/>\n</decisions>",
       "t.xml:2: unknown attribute colour on <case>"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.want);
    Result<DecisionTable> t = DecisionTable::Parse("t.xml", c.text);
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().ToString(), c.want);
  }
}

}  // namespace
}  // namespace pipeline::report
