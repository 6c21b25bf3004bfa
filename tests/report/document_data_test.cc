#include "pipeline/report/document_data.h"

#include <gtest/gtest.h>

#include "pipeline/core/file_system.h"
#include "tests/testing/fake_file_system.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_paths.h"

namespace pipeline::report {
namespace {

TEST(DocumentDataTest, FormatDateHasNoZeroPadding) {
  EXPECT_EQ(FormatDate({2025, 7, 1}, "{year}年{month}月{day}日"), "2025年7月1日");
  EXPECT_EQ(FormatDate({2026, 11, 25}, "{year}-{month}-{day}"), "2026-11-25");
}

TEST(DocumentDataTest, ShippedOfficeSettingsLoad) {
  RealFileSystem fs;
  Result<OfficeSettings> s =
      LoadOfficeSettings(fs, testing::RepoRoot() + "/templates/office.json");
  ASSERT_OK(s);
  EXPECT_GE(s->correction_deadline_working_days, 1);
  EXPECT_FALSE(s->opinion_file.empty());
}

TEST(DocumentDataTest, BrokenOfficeSettingsNameTheKey) {
  testing::FakeFileSystem fs;
  fs.AddFile("o.json", R"({"draft": "yes"})");
  Result<OfficeSettings> s = LoadOfficeSettings(fs, "o.json");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().ToString(), "o.json: key \"draft\" must be true or false");
  fs.AddFile("p.json", "{not json");
  EXPECT_EQ(LoadOfficeSettings(fs, "p.json").error().ToString(), "p.json: not a JSON object");
}

TEST(DocumentDataTest, CorrectionNoticeGetsWorkingDayDeadlineAndIssuer) {
  Result<WorkCalendar> cal = WorkCalendar::FromTsv(
      "date\tkind\tnote\n2026-11-26\tholiday\tx\n", "h.tsv");
  ASSERT_OK(cal);
  OfficeSettings office;
  office.date_format = "{year}年{month}月{day}日";
  office.correction_deadline_working_days = 2;
  office.contact = "张三 0431-1234567";
  testing::FakeFileSystem fs;
  fs.AddFile("m.tsv", "form.bad\t{field}填写有误\nmat.missing\t缺少{m}\n"
                      "location.cell\t表{table}第{row}行第{cell}列\n");
  Result<MessageCatalog> loaded = MessageCatalog::Load(fs, "m.tsv");
  ASSERT_OK(loaded);
  const MessageCatalog& messages = *loaded;
  model::CaseReport r;
  r.jurisdiction.authority = "长春市人力资源和社会保障局";
  nlohmann::json d = DocumentObject(r, DraftDocument::kCorrectionNotice, office, *cal,
                                    {2026, 11, 25}, "", messages);
  EXPECT_EQ(d["issuer"], "长春市人力资源和社会保障局");
  EXPECT_EQ(d["date"], "2026年11月25日");
  EXPECT_EQ(d["deadline"], "2026年11月30日");  // 26th is a holiday, 28/29 a weekend
  EXPECT_EQ(d["contact"], "张三 0431-1234567");
  EXPECT_FALSE(d.contains("corrections"));  // no blocking finding outside the materials
  EXPECT_FALSE(d.contains("materials_to_submit"));
  // Required-and-missing and unreadable materials are to be submitted; optional missing not.
  model::MaterialResult licence, optional, broken;
  licence.id = "M-COM-03";
  licence.status = model::MaterialStatus::kMissing;
  optional = licence;
  optional.id = "M-EMP-02";
  optional.required = false;
  broken = optional;
  broken.id = "M-COM-10";
  broken.status = model::MaterialStatus::kUnreadable;
  broken.files = {"监控.pdf"};
  r.materials = {licence, optional, broken};
  d = DocumentObject(r, DraftDocument::kCorrectionNotice, office, *cal, {2026, 11, 25}, "",
                     messages);
  ASSERT_EQ(d["materials_to_submit"].size(), 2u);
  EXPECT_EQ(d["materials_to_submit"][0]["id"], "M-COM-03");
  EXPECT_EQ(d["materials_to_submit"][1]["status"], "unreadable");
  EXPECT_EQ(d["materials_to_submit"][1]["files"][0], "监控.pdf");
  r.materials.clear();
  // Blocking findings about the form (not the materials) become the notice's corrections.
  model::Finding form_bad, material_missing;
  form_bad.rule_id = "EXT-010";
  form_bad.severity = model::Severity::kBlocking;
  form_bad.topic = model::Topic::kForm;
  form_bad.message = "form.bad";
  form_bad.args = {{"field", "申请日期"}};
  form_bad.evidence = {{"申请表.docx", "T1R5C2"}};
  material_missing = form_bad;
  material_missing.topic = model::Topic::kMaterials;
  material_missing.message = "mat.missing";
  r.findings = {form_bad, material_missing};
  d = DocumentObject(r, DraftDocument::kCorrectionNotice, office, *cal, {2026, 11, 25}, "",
                     messages);
  ASSERT_EQ(d["corrections"].size(), 1u);
  EXPECT_EQ(d["corrections"][0]["message"], "申请日期填写有误");
  EXPECT_EQ(d["corrections"][0]["evidence"][0]["location_text"], "表1第5行第2列");
  r.findings.clear();
  // The office running beian (--authority) signs instead; an unconfirmed authority never does.
  r.jurisdiction.authority_to_confirm = true;
  d = DocumentObject(r, DraftDocument::kPreliminaryOpinion, office, *cal, {2026, 11, 25}, "", messages);
  EXPECT_FALSE(d.contains("issuer"));
  EXPECT_FALSE(d.contains("deadline"));
  d = DocumentObject(r, DraftDocument::kPreliminaryOpinion, office, *cal, {2026, 11, 25},
                     "吉林省人力资源和社会保障厅", messages);
  EXPECT_EQ(d["issuer"], "吉林省人力资源和社会保障厅");
}

TEST(DocumentDataTest, MaterialsCompleteNeedsEveryRequiredMaterialAndNoBlockingIngestFinding) {
  model::CaseReport r;
  EXPECT_FALSE(MaterialsComplete(r));  // no checklist applied at all
  model::MaterialResult required, optional;
  required.status = model::MaterialStatus::kPresent;
  optional.required = false;
  optional.status = model::MaterialStatus::kMissing;
  r.materials = {required, optional};
  EXPECT_TRUE(MaterialsComplete(r));
  model::Finding two_forms;
  two_forms.rule_id = "ING-011";
  two_forms.severity = model::Severity::kBlocking;
  r.findings = {two_forms};
  EXPECT_FALSE(MaterialsComplete(r));
  r.findings[0].severity = model::Severity::kReview;
  EXPECT_TRUE(MaterialsComplete(r));
  r.materials[0].status = model::MaterialStatus::kUnreadable;
  EXPECT_FALSE(MaterialsComplete(r));
}

}  // namespace
}  // namespace pipeline::report
