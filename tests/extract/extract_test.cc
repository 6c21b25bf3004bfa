// Extraction from FormData built in memory (the ingest stage builds it from the real form).
#include "pipeline/extract/extract.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "pipeline/core/file_system.h"
#include "tests/extract/extract_testing.h"
#include "tests/testing/test_paths.h"

namespace pipeline::extract {
namespace {

using model::FormField;

using testing::RealNormaliser;

model::FormData MakeForm() {
  model::FormData f;
  f.file = "申请表.docx";
  int row = 0;
  auto add = [&](FormField field, const char* value) {
    ++row;
    f.cells.push_back(
        {field, "label", value, {"申请表.docx", "表1 第" + std::to_string(row) + "行 第2列"}});
  };
  add(FormField::kInstitutionName, "吉林省示例职业技能培训学校");
  add(FormField::kUnifiedCreditCode, "91350100M000100Y43");
  add(FormField::kLegalRepresentative, "张三");
  add(FormField::kLegalRepresentativeId, "220102198001011234");
  add(FormField::kRegisteredAddress, "长春市朝阳区示例路1号");
  add(FormField::kApplicantType, "社会培训评价组织");
  add(FormField::kAffiliation, "市（州）属及以下");
  add(FormField::kRegion, "长春市");
  add(FormField::kApplicationKind, "首次申请");
  add(FormField::kContactPerson, "李四");
  add(FormField::kContactPhone, "0431-88888888");
  add(FormField::kApplicationDate, "２０２５年７月１日");
  add(FormField::kMainBusiness, "职业技能培训；餐饮服务");
  add(FormField::kFeePublication, "2025年6月1日在本单位官网公布");
  add(FormField::kFulltimeStaffCount, "12人");
  add(FormField::kExpertCount, "十二人");
  add(FormField::kAssessorCount, "共30名");
  add(FormField::kSupervisorCount, "3");
  add(FormField::kExamSites, "长春市朝阳区示例路1号；长春市南关区示例街2号");
  add(FormField::kVideoSurveillance, "有");
  add(FormField::kQuestionBank, "有");
  add(FormField::kSafetyFire, "符合");
  f.occupations.push_back({"1",
                           "４－０３－０２－０１",
                           "中式烹调师（药膳制作师）",
                           "五级至三级",
                           {"申请表.docx", "表2 第2行"}});
  f.occupations.push_back({"2", "", "", "", {"申请表.docx", "表2 第3行"}});  // blank row
  f.occupations.push_back(
      {"3", "6-29-01-01", "砌筑工", "初级、中级、高级工", {"申请表.docx", "表2 第4行"}});
  return f;
}

bool HasRule(const model::Extraction& e, const std::string& rule) {
  return std::any_of(e.findings.begin(), e.findings.end(),
                     [&](const model::Finding& f) { return f.rule_id == rule; });
}

TEST(ExtractTest, CleanFormYieldsTypedValuesWithProvenance) {
  model::Extraction e = ExtractForm(MakeForm(), RealNormaliser());
  EXPECT_TRUE(e.findings.empty()) << e.findings.front().rule_id;
  const model::Application& a = e.application;
  EXPECT_EQ(a.kind.value, model::ApplicationKind::kInitial);
  EXPECT_EQ(a.applicant_type.value, model::ApplicantType::kSocialOrg);
  EXPECT_EQ(a.affiliation.value, model::Affiliation::kCityOrBelow);
  EXPECT_EQ(a.unified_credit_code.value, "91350100M000100Y43");
  EXPECT_EQ(a.uscc_check, model::CodeCheck::kValid);
  EXPECT_EQ(a.legal_representative_id_check, model::CodeCheck::kValid);
  EXPECT_EQ(a.contact_phone.value, "043188888888");
  EXPECT_EQ(a.application_date.value.ToIso(), "2025-07-01");
  EXPECT_EQ(a.application_date.raw, "２０２５年７月１日");
  EXPECT_EQ(a.application_date.where.location, "表1 第12行 第2列");
  EXPECT_EQ(a.fee_publication.value.date->ToIso(), "2025-06-01");
  EXPECT_EQ(a.fulltime_staff_count.value, 12);
  EXPECT_EQ(a.expert_count.value, 12);
  EXPECT_EQ(a.assessor_count.value, 30);
  EXPECT_EQ(a.supervisor_count.value, 3);
  ASSERT_EQ(a.exam_sites.size(), 2u);
  EXPECT_EQ(a.exam_sites[1].value, "长春市南关区示例街2号");
  EXPECT_EQ(a.video_surveillance.value, model::YesNo::kYes);
  EXPECT_EQ(a.safety_fire.value, model::YesNo::kYes);
  EXPECT_FALSE(a.incentive_mechanism.present);

  ASSERT_EQ(e.occupations.size(), 2u);  // the blank row is skipped
  EXPECT_EQ(e.occupations[0].code, "4-03-02-01");
  EXPECT_EQ(e.occupations[0].name, "中式烹调师");
  EXPECT_EQ(e.occupations[0].work_type, "药膳制作师");
  EXPECT_EQ(e.occupations[0].levels, (std::vector<int>{3, 4, 5}));
  EXPECT_EQ(e.occupations[0].where.location, "表2 第2行");
  EXPECT_EQ(e.occupations[1].levels, (std::vector<int>{3, 4, 5}));
}

TEST(ExtractTest, MissingFormIsAFindingNotACrash) {
  model::Dossier d;
  model::Extraction e = Extract(d, RealNormaliser());
  ASSERT_EQ(e.findings.size(), 1u);
  EXPECT_EQ(e.findings[0].rule_id, "EXT-001");
  EXPECT_EQ(e.findings[0].severity, model::Severity::kBlocking);
}

TEST(ExtractTest, EmptyFormReportsEveryRequiredField) {
  model::FormData f;
  f.file = "申请表.xml";
  model::Extraction e = ExtractForm(f, RealNormaliser());
  const auto n = std::count_if(e.findings.begin(), e.findings.end(),
                               [](const model::Finding& x) { return x.rule_id == "EXT-002"; });
  EXPECT_EQ(n, 10);
  EXPECT_EQ(e.findings[0].evidence[0].file, "申请表.xml");
}

TEST(ExtractTest, BadValuesBecomeFindings) {
  struct Case {
    FormField field;
    const char* value;
    const char* rule;
    model::Severity severity;
  } cases[] = {
      {FormField::kApplicationDate, "2025年2月30日", "EXT-004", model::Severity::kBlocking},
      {FormField::kApplicationDate, "七月", "EXT-003", model::Severity::kReview},
      {FormField::kExpertCount, "若干", "EXT-003", model::Severity::kReview},
      {FormField::kApplicantType, "事业单位", "EXT-003", model::Severity::kReview},
      {FormField::kUnifiedCreditCode, "91110000600037341N", "EXT-011", model::Severity::kReview},
      {FormField::kUnifiedCreditCode, "9111000060003IOZSV", "EXT-010", model::Severity::kBlocking},
      {FormField::kUnifiedCreditCode, "９１３５０１００Ｍ０００１００Ｙ４３", "EXT-012",
       model::Severity::kInfo},
      {FormField::kLegalRepresentativeId, "220102198001011235", "EXT-020",
       model::Severity::kReview},
      {FormField::kContactPhone, "12345", "EXT-040", model::Severity::kReview},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.value);
    model::FormData f = MakeForm();
    for (auto& cell : f.cells) {
      if (cell.field == c.field) cell.value = c.value;
    }
    model::Extraction e = ExtractForm(f, RealNormaliser());
    ASSERT_EQ(e.findings.size(), 1u);
    EXPECT_EQ(e.findings[0].rule_id, c.rule);
    EXPECT_EQ(e.findings[0].severity, c.severity);
    EXPECT_FALSE(e.findings[0].evidence.empty());
  }
}

// 备案有效期至 written as a month (2027年3月) is the month's last day, with a review item saying
// so; the application date still needs its day; an impossible month is EXT-004.
TEST(ExtractTest, AFilingValidUntilMonthIsItsLastDayUnderReview) {
  model::FormData f = MakeForm();
  f.cells.push_back(
      {FormField::kFilingValidUntil, "备案有效期至", "2027年3月", {"申请表.docx", "x"}});
  model::Extraction e = ExtractForm(f, RealNormaliser());
  EXPECT_EQ(e.application.filing_valid_until.value.ToIso(), "2027-03-31");
  EXPECT_TRUE(e.application.filing_valid_until.parsed);
  ASSERT_EQ(e.findings.size(), 1u);
  EXPECT_EQ(e.findings[0].rule_id, "EXT-006");
  EXPECT_EQ(e.findings[0].severity, model::Severity::kReview);
  EXPECT_NE(std::find(e.findings[0].args.begin(), e.findings[0].args.end(),
                      std::pair<std::string, std::string>("date", "2027-03-31")),
            e.findings[0].args.end());

  f.cells.back().value = "2027年13月";
  e = ExtractForm(f, RealNormaliser());
  EXPECT_TRUE(HasRule(e, "EXT-004"));
  EXPECT_FALSE(e.application.filing_valid_until.parsed);

  model::FormData g = MakeForm();
  for (auto& cell : g.cells) {
    if (cell.field == FormField::kApplicationDate) cell.value = "2025年7月";
  }
  EXPECT_TRUE(HasRule(ExtractForm(g, RealNormaliser()), "EXT-003"));
}

TEST(ExtractTest, ChangeRowsMapToArticle8Elements) {
  model::FormData f = MakeForm();
  f.changes.push_back({"法定代表人", "张三", "王五", {"申请表.docx", "表3 第2行"}});
  f.changes.push_back({"考试考核场地", "旧址", "新址", {"申请表.docx", "表3 第3行"}});
  f.changes.push_back({"联系电话", "1", "2", {"申请表.docx", "表3 第4行"}});
  model::Extraction e = ExtractForm(f, RealNormaliser());
  ASSERT_EQ(e.application.changes.size(), 3u);
  EXPECT_EQ(e.application.changes[0].element, model::ChangedElement::kLegalRepresentative);
  EXPECT_EQ(e.application.changes[0].after, "王五");
  EXPECT_EQ(e.application.changes[1].element, model::ChangedElement::kExamSites);
  EXPECT_EQ(e.application.changes[2].element, model::ChangedElement::kUnknown);
  EXPECT_FALSE(HasRule(e, "EXT-003"));
}

}  // namespace
}  // namespace pipeline::extract
