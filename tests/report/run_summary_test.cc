// summary.json put together from the cases' rows (RunRowOf, SummaryJsonText) is the text
// ToJsonText writes for the whole object, with and without cases.
#include "pipeline/report/run_summary.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "pipeline/report/report_json.h"
#include "tests/testing/fake_file_system.h"
#include "tests/testing/status_matchers.h"

namespace pipeline::report {
namespace {

RunCase Case(const std::string& id, const std::string& folder, model::Conclusion conclusion) {
  RunCase c;
  c.report.case_id = id;
  c.report.dossier = folder;
  c.report.application.institution_name.value = "长春市甲\"培训\"学校\n（二）";
  c.report.conclusion = conclusion;
  c.report.documents.push_back({"correction_notice", "补正材料通知书", "补正材料通知书.pdf", true});
  model::Finding f;
  f.rule_id = "ING-001";
  f.severity = model::Severity::kBlocking;
  c.report.findings.push_back(f);
  c.report_file = id + "/report.json";
  return c;
}

TEST(RunSummaryTest, SummaryJsonTextIsToJsonTextOfTheWholeObject) {
  testing::FakeFileSystem fs;
  fs.AddFile("m.tsv", "conclusion.pass\t通过\n");
  Result<MessageCatalog> cat = MessageCatalog::Load(fs, "m.tsv");
  ASSERT_OK(cat);
  Provenance p;
  p.date = "2026-11-25";
  p.settings_hash = "abc";
  std::vector<RunRow> rows;
  for (int n = 0; n < 3; ++n) {
    const std::string text = SummaryJsonText(rows, p);
    const nlohmann::json parsed = nlohmann::json::parse(text);
    EXPECT_EQ(text, ToJsonText(parsed)) << n;
    EXPECT_EQ(parsed["dossiers"].size(), rows.size());
    EXPECT_EQ(parsed["totals"]["dossiers"], rows.size());
    rows.push_back(
        RunRowOf(Case("JL-000000000" + std::to_string(n), "卷宗" + std::to_string(n),
                      n == 0 ? model::Conclusion::kPass : model::Conclusion::kCorrectionsNeeded),
                 *cat, *cat));
  }
  const nlohmann::json parsed = nlohmann::json::parse(SummaryJsonText(rows, p));
  EXPECT_EQ(parsed["dossiers"][1]["case_id"], "JL-0000000001");
  EXPECT_EQ(parsed["dossiers"][1]["counts"]["blocking"], 1);
  EXPECT_EQ(parsed["totals"]["by_conclusion"]["corrections_needed"], 2);
  EXPECT_EQ(parsed["dossiers"][2]["documents"][0]["file"], "补正材料通知书.pdf");
}

// The page labels the dossier fingerprint as such, and shows the registry's case number when
// there is one; summary.json has case_number then, and keeps case_id the fingerprint.
TEST(RunSummaryTest, CaseNumberAndFingerprintAreLabelled) {
  testing::FakeFileSystem fs;
  fs.AddFile("m.tsv",
             "run.page.case_number\t案件编号 {number}\nrun.page.fingerprint\t卷宗指纹 {id}\n");
  Result<MessageCatalog> cat = MessageCatalog::Load(fs, "m.tsv");
  ASSERT_OK(cat);
  RunCase c = Case("JL-0000000001", "卷宗", model::Conclusion::kPass);
  RunRow plain = RunRowOf(c, *cat, *cat);
  EXPECT_NE(plain.html.find("<div class=\"id\">卷宗指纹 JL-0000000001</div>"), std::string::npos)
      << plain.html;
  EXPECT_EQ(plain.summary.find("case_number"), std::string::npos) << plain.summary;
  c.report.case_number = "C2026-0007";
  RunRow numbered = RunRowOf(c, *cat, *cat);
  EXPECT_NE(
      numbered.html.find("<div class=\"id\">案件编号 C2026-0007 卷宗指纹 JL-0000000001</div>"),
      std::string::npos)
      << numbered.html;
  const nlohmann::json row = nlohmann::json::parse(numbered.summary);
  EXPECT_EQ(row["case_number"], "C2026-0007");
  EXPECT_EQ(row["case_id"], "JL-0000000001");
}

}  // namespace
}  // namespace pipeline::report
