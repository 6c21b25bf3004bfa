#include "pipeline/report/summary_table.h"

#include <gtest/gtest.h>

#include "pipeline/report/case_id.h"
#include "tests/testing/fake_file_system.h"
#include "tests/testing/status_matchers.h"

namespace pipeline::report {
namespace {

TEST(DisplayWidthTest, CountsWideCharactersTwice) {
  EXPECT_EQ(DisplayWidth(""), 0u);
  EXPECT_EQ(DisplayWidth("abc"), 3u);
  EXPECT_EQ(DisplayWidth("长春市"), 6u);
  EXPECT_EQ(DisplayWidth("（1）"), 5u);  // full-width brackets are wide
}

TEST(SummaryTableTest, AlignsColumnsAndCountsMissingRequiredMaterials) {
  testing::FakeFileSystem fs;
  fs.AddFile("m.tsv",
             "summary.dossier\t卷宗\nsummary.case_id\t指纹\nsummary.case_number\t案号\n"
             "summary.kind\t类型\n"
             "summary.applicant_type\t机构\nsummary.missing\t缺件\nsummary.conclusion\t结论\n"
             "kind.initial\t首次申请\napplicant_type.employer\t用人单位\n"
             "conclusion.corrections_needed\t需补正\n");
  Result<MessageCatalog> cat = MessageCatalog::Load(fs, "m.tsv");
  ASSERT_OK(cat);
  model::CaseReport r;
  r.dossier = "长春市甲培训学校";
  r.case_id = "JL-0000000001";
  r.application.kind.value = model::ApplicationKind::kInitial;
  r.application.applicant_type.value = model::ApplicantType::kEmployer;
  r.conclusion = model::Conclusion::kCorrectionsNeeded;
  model::MaterialResult present, missing, optional_missing;
  present.status = model::MaterialStatus::kPresent;
  missing.status = model::MaterialStatus::kUnreadable;
  optional_missing.required = false;
  r.materials = {present, missing, optional_missing};
  EXPECT_EQ(MissingCount(r), 1);
  EXPECT_EQ(SummaryTable({r}, *cat),
            "卷宗              指纹           类型      机构      缺件  结论\n"
            "长春市甲培训学校  JL-0000000001  首次申请  用人单位  1     需补正\n");
  // A batch keeps only the rows; the table printed from them is the same text.
  model::CaseReport other = r;
  other.dossier = "吉林市乙职业技能培训学校（二）";
  other.case_id = "JL-0000000002";
  other.materials.clear();
  EXPECT_EQ(SummaryTableOfRows({SummaryRow(r, *cat), SummaryRow(other, *cat)}, *cat),
            SummaryTable({r, other}, *cat));
  EXPECT_EQ(SummaryTableOfRows({}, *cat), SummaryTable({}, *cat));
  // With a registry: the case number column, blank for a dossier it did not record.
  r.case_number = "C2026-0001";
  EXPECT_EQ(
      SummaryTable({r, other}, *cat),
      "卷宗                            案号        指纹           类型      机构      缺件  结论\n"
      "长春市甲培训学校                C2026-0001  JL-0000000001  首次申请  用人单位  1     "
      "需补正\n"
      "吉林市乙职业技能培训学校（二）              JL-0000000002  首次申请  用人单位  0     "
      "需补正\n");
}

TEST(CaseIdTest, StableAndDistinct) {
  EXPECT_EQ(CaseIdFor("长春市甲培训学校"), CaseIdFor("长春市甲培训学校"));
  EXPECT_NE(CaseIdFor("长春市甲培训学校"), CaseIdFor("长春市乙培训学校"));
  EXPECT_EQ(CaseIdFor("x").size(), 13u);
  EXPECT_EQ(CaseIdFor("x").substr(0, 3), "JL-");
  EXPECT_TRUE(IsDossierFingerprint(CaseIdFor("x")));
  EXPECT_FALSE(IsDossierFingerprint("C2026-0001"));
  EXPECT_FALSE(IsDossierFingerprint("JL-0123456789a"));
  EXPECT_FALSE(IsDossierFingerprint("JL-012345678G"));
}

TEST(CaseFolderNameTest, NumberAndInstitutionCleanedAndCut) {
  EXPECT_EQ(CaseFolderName("C2026-0001", "长春市甲培训学校", "S01-甲", 120),
            "C2026-0001-长春市甲培训学校");
  // No institution: the dossier's name; separators, control characters and the characters
  // Windows refuses become "_", white space one "_", none at either end.
  EXPECT_EQ(CaseFolderName("JL-0000000001", "  ", " ../甲/乙:丙\n丁  戊?", 120),
            "JL-0000000001-甲_乙_丙_丁_戊");
  EXPECT_EQ(CaseFolderName("JL-0000000001", "", "..", 120), "JL-0000000001");
  // Cut at max_name_chars characters in all, and at 200 bytes (Chinese is 3 bytes a character).
  EXPECT_EQ(CaseFolderName("C2026-0001", "长春市甲培训学校", "", 15), "C2026-0001-长春市甲");
  EXPECT_EQ(CaseFolderName("C2026-0001", "长春市甲培训学校", "", 11), "C2026-0001");
  const std::string long_name = CaseFolderName("C2026-0001", std::string(300, 'a') + "甲", "", 500);
  EXPECT_EQ(long_name.size(), 200u);
  std::string chinese;
  for (int i = 0; i < 100; ++i) chinese += "甲";
  const std::string cut = CaseFolderName("C2026-0001", chinese, "", 500);
  EXPECT_LE(cut.size(), 200u);
  EXPECT_EQ((cut.size() - 11) % 3, 0u) << "cut between characters";
}

}  // namespace
}  // namespace pipeline::report
