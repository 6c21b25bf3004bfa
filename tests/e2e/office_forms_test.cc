// Forms as office software makes them and people fill them (issue 22), through the `beian`
// binary: each fixture of tests/ingest/testdata/office_forms (LibreOffice 7.4 saved them as
// .docx from the flat ODF make_office_forms.py writes; 内容控件.docx is hand-built, since
// LibreOffice does not write content controls) is put into a dossier as 申请表.docx and checked
// with `beian check --json`. No blank field may pass as filled, and no occupation may lose or
// gain a level.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "tests/testing/sample_runs.h"
#include "tests/testing/test_paths.h"

namespace pipeline {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// `beian check` on a dossier holding only the fixture, as 申请表.docx.
json CheckFixture(const std::string& fixture) {
  const std::string dir = testing::MakeTempDir() + "/卷宗";
  fs::create_directories(dir);
  fs::copy_file(testing::RepoRoot() + "/tests/ingest/testdata/office_forms/" + fixture,
                dir + "/申请表.docx");
  testing::CheckRun run = testing::RunCheck(dir, "--date 2026-11-25");
  EXPECT_NE(run.exit_code, 2) << run.stderr_text;
  EXPECT_FALSE(run.report.is_discarded()) << run.stdout_text;
  return run.report;
}

std::string Messages(const json& r) {
  std::string all;
  for (const auto& f : r["findings"]) {
    all += f["rule"].get<std::string>() + " " + f["message"].get<std::string>() + "\n";
  }
  return all;
}

// The EXT-002 findings' messages (which required fields are not filled).
bool Missing(const json& r, const std::string& rule, const std::string& message_part) {
  for (const auto& f : r["findings"]) {
    if (f["rule"] == rule &&
        f["message"].get<std::string>().find(message_part) != std::string::npos)
      return true;
  }
  return false;
}

struct Occ {
  const char* code;
  const char* name;
  std::vector<int> levels;
};

void ExpectOccupations(const json& r, const std::vector<Occ>& want) {
  ASSERT_EQ(r["occupations"].size(), want.size()) << r["occupations"].dump(1) << Messages(r);
  for (std::size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(i);
    const json& o = r["occupations"][i];
    EXPECT_EQ(o["code"], want[i].code);
    EXPECT_EQ(o["name"], want[i].name);
    EXPECT_EQ(o["levels"].get<std::vector<int>>(), want[i].levels) << o.dump();
  }
}

// ＿＿code＿＿＿＿ reads as the code; a 法定代表人 that is only the printed blank is not filled
// (EXT-002, the case cannot pass); a name typed between underlined spaces is the name.
TEST(OfficeFormsTest, BlankLineCharactersAreNotTheValue) {
  json r = CheckFixture("下划线空白.docx");
  EXPECT_EQ(r["institution"]["uscc"], "52220000MJ1234567M");
  EXPECT_EQ(r["institution"]["uscc_check"], "valid");
  EXPECT_EQ(r["institution"]["legal_representative"], "");
  EXPECT_EQ(r["institution"]["contact_person"], "孙丽");
  std::set<std::string> rules = testing::RuleIds(r);
  EXPECT_FALSE(rules.count("EXT-010")) << Messages(r);
  EXPECT_FALSE(rules.count("EXT-012")) << Messages(r);
  EXPECT_TRUE(Missing(r, "EXT-002", "法定代表人")) << Messages(r);
  EXPECT_NE(r["conclusion"], "pass");
  EXPECT_EQ(Messages(r).find("\xEF\xBC\xBF"), std::string::npos) << Messages(r);  // no ＿
}

// 法定代表人（签字）：＿＿＿（单位盖章） and 日期：  年  月  日 at the foot are no second value;
// 2025年10月15日（盖章） is a date.
TEST(OfficeFormsTest, SignatureAndSealLinesAreNotFields) {
  json r = CheckFixture("签字盖章行.docx");
  std::set<std::string> rules = testing::RuleIds(r);
  EXPECT_FALSE(rules.count("ING-015")) << Messages(r);
  EXPECT_FALSE(rules.count("ING-014")) << Messages(r);
  EXPECT_FALSE(rules.count("EXT-003")) << Messages(r);
  EXPECT_EQ(r["institution"]["legal_representative"], "韩立新");
  EXPECT_EQ(r["institution"]["application_date"], "2025-10-15");
}

// /, —— and 无 in cells that do not apply to an initial application: not unreadable.
TEST(OfficeFormsTest, NotApplicableCellsAreNotUnreadable) {
  json r = CheckFixture("不适用.docx");
  std::set<std::string> rules = testing::RuleIds(r);
  EXPECT_FALSE(rules.count("EXT-003")) << Messages(r);
  EXPECT_FALSE(rules.count("EXT-004")) << Messages(r);
  EXPECT_EQ(r["institution"]["filing_number"], "");
  EXPECT_TRUE(r["institution"]["filing_valid_until"].is_null());
  EXPECT_EQ(r["institution"]["legal_representative"], "韩立新");
}

// Content controls: WPS's placeholder text (no w:showingPlcHdr) is not a value; plain-text,
// date, drop-down and block-level controls give their values.
TEST(OfficeFormsTest, ContentControlsGiveTheirValuesNotTheirPlaceholders) {
  json r = CheckFixture("内容控件.docx");
  EXPECT_EQ(r["institution"]["name"], "吉林省松花江职业技能培训中心");
  EXPECT_EQ(r["institution"]["legal_representative"], "");
  EXPECT_EQ(r["institution"]["application_date"], "2025-10-15");
  EXPECT_EQ(r["institution"]["contact_person"], "孙丽");
  EXPECT_EQ(r["institution"]["address"], "吉林省吉林市船营区解放北路88号");
  EXPECT_TRUE(Missing(r, "EXT-002", "法定代表人")) << Messages(r);
  EXPECT_EQ(Messages(r).find("单击"), std::string::npos) << Messages(r);
  EXPECT_NE(r["conclusion"], "pass");
}

// One row per level: rows whose 序号, code and name are merged down or left empty add their
// levels to the occupation above; 三级、四级 in one cell keeps both.
TEST(OfficeFormsTest, MergedRowsFoldIntoOneOccupationWithAllItsLevels) {
  json r = CheckFixture("职业表合并行.docx");
  ExpectOccupations(r, {{"4-03-02-01", "中式烹调师", {3, 4, 5}},
                        {"4-10-01-03", "保育师", {3, 4, 5}},
                        {"4-03-02-02", "中式面点师", {4, 5}}});
}

// A table going on under a （续表） caption after a page break, and again without a header.
TEST(OfficeFormsTest, ContinuationTablesKeepTheirRows) {
  json r = CheckFixture("职业表续表.docx");
  ExpectOccupations(r, {{"4-03-02-01", "中式烹调师", {5}},
                        {"4-03-02-02", "中式面点师", {4}},
                        {"4-03-02-03", "西式烹调师", {4}},
                        {"4-03-02-04", "西式面点师", {5}},
                        {"4-10-01-03", "保育师", {4}},
                        {"4-10-01-01", "婴幼儿发展引导员", {5}},
                        {"4-01-06-01", "电子商务师", {3}},
                        {"4-02-06-03", "物流服务师", {4}}});
  EXPECT_FALSE(testing::RuleIds(r).count("ING-014")) << Messages(r);
}

// 职业代码 | 工种（职业）名称 | 拟认定等级; 4-03-02-01中式烹调师 in one cell; 电子商务师S and
// 物流服务师L are 大典's marks, not other names.
TEST(OfficeFormsTest, HeaderVariantsCodeWithNameAndCatalogueMarks) {
  json r = CheckFixture("职业表表头变体.docx");
  ExpectOccupations(r, {{"4-03-02-01", "中式烹调师", {4}},
                        {"4-01-06-01", "电子商务师", {3}},
                        {"4-02-06-03", "物流服务师", {4}}});
  for (const auto& o : r["occupations"]) EXPECT_EQ(o["status"], "ok") << o.dump();
  EXPECT_FALSE(testing::RuleIds(r).count("OCC-001")) << Messages(r);
  EXPECT_FALSE(testing::RuleIds(r).count("OCC-002")) << Messages(r);
}

// A tick merged over the 四级 and 三级 columns ticks both.
TEST(OfficeFormsTest, TickMergedOverTwoLevelsKeepsBoth) {
  json r = CheckFixture("职业表跨级合并.docx");
  ExpectOccupations(r, {{"4-03-02-01", "中式烹调师", {3, 4}}, {"4-10-01-03", "保育师", {5}}});
}

// The occupations table in a text box (mc:AlternateContent: DrawingML with a VML fallback):
// read once, from the mc:Choice.
TEST(OfficeFormsTest, OccupationsInATextBoxAreReadOnce) {
  json r = CheckFixture("文本框职业表.docx");
  ExpectOccupations(r, {{"4-03-02-01", "中式烹调师", {3, 4, 5}}, {"4-10-01-03", "保育师", {4}}});
  EXPECT_FALSE(testing::RuleIds(r).count("OCC-001")) << Messages(r);
}

// A table of occupation codes under a header beian does not know: a review finding saying so,
// never a silent empty list.
TEST(OfficeFormsTest, UnrecognisedOccupationsTableIsAReviewFinding) {
  json r = CheckFixture("职业表无法识别.docx");
  bool said = false;
  for (const auto& f : r["findings"]) {
    said = said ||
           (f["rule"] == "ING-014" && f["message_id"] == "ingest.occupation_table_unrecognised" &&
            f["severity"] == "review");
  }
  EXPECT_TRUE(said) << Messages(r);
  EXPECT_NE(r["conclusion"], "pass");
}

}  // namespace
}  // namespace pipeline
