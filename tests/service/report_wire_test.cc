// The report a worker sends its parent arrives whole (pipeline/service/report_wire.h): the
// registry, ledger and summary read the same report whether --jobs is 1 or 8.
#include "pipeline/service/report_wire.h"

#include <gtest/gtest.h>

#include <vector>

namespace pipeline::service {
namespace {

model::CaseReport FullReport() {
  model::CaseReport r;
  r.dossier = "名称\xff非UTF-8";  // a GBK byte from a Windows zip survives the pipe
  r.case_id = "JL-0123456789";
  r.application.kind.value = model::ApplicationKind::kChange;
  r.application.kind.present = true;
  r.application.institution_name = {
      "长春市鼎新职业技能培训学校", "长春市 鼎新", {"申请表.docx", "T1R1C2"}, true, true};
  r.application.uscc_check = model::CodeCheck::kBadChecksum;
  r.application.fee_publication.value.date = Date{2025, 6, 1};
  r.application.fulltime_staff_count.value = 12;
  r.application.filing_valid_until.value = Date{2027, 3, 31};
  r.application.exam_sites.push_back({"长春市南关区", "", {}, true, true});
  r.application.changes.push_back({model::ChangedElement::kLegalRepresentative,
                                   "法定代表人",
                                   "张三",
                                   "李四",
                                   {"申请表.docx", "T3R2"}});
  r.jurisdiction = {"220100",
                    "长春市",
                    "长春市人力资源和社会保障局",
                    false,
                    model::JurisdictionBasis::kUnresolved,
                    {"申请表.docx", "T1R4C2"},
                    true};
  model::OccupationResult o;
  o.requested.code = "4-03-02-01";
  o.requested.levels = {3, 4, 5};
  o.status = model::OccupationStatus::kNameMismatch;
  o.problems = {model::OccupationStatus::kNameMismatch};
  o.suggestions.push_back({"4-03-02-01", "中式烹调师", 0.8});
  o.standards.push_back({"4-03-02-01", "中式烹调师", "", 2018, "人社厅发〔2018〕145号"});
  o.excluded = true;
  o.exclusion_reason = "occupation.excluded.group";
  r.occupations.push_back(o);
  r.conditions.push_back({"art6.1",
                          "第六条（一）",
                          "依法登记",
                          model::ConditionState::kMet,
                          {"C61-01"},
                          {{"uscc", "x", {"营业执照.pdf", "page 1"}}}});
  r.materials.push_back({"M-INIT-03",
                         "营业执照",
                         "第六条（一）",
                         true,
                         model::MaterialStatus::kUncertain,
                         {"营业执照.pdf"},
                         true});
  r.unmatched_files = {"其他.pdf"};
  r.files = {{"附件.zip › 营业执照.pdf", "附件.zip", "营业执照.pdf", "gb18030"}};
  model::Finding f;
  f.rule_id = "C61-03";
  f.severity = model::Severity::kBlocking;
  f.message = "rule.c61_03";
  f.args = {{"list", "失信名单.csv"}};
  f.evidence = {{"credit_list", "row 3"}};
  f.topic = model::Topic::kConditions;
  f.consequence = model::Consequence::kNotEligible;
  r.findings.push_back(f);
  r.conclusion = model::Conclusion::kNotEligible;
  r.pending_checks.push_back({"PC-CREDIT", "信用查询", "查询信用中国"});
  r.documents.push_back({"worksheet", "审核工作单", "审核工作单.pdf", false});
  r.draft_failure = "font gone";
  return r;
}

TEST(ReportWireTest, EveryFieldSurvivesTheTripThroughThePipe) {
  const model::CaseReport r = FullReport();
  const std::vector<std::uint8_t> bytes = nlohmann::json::to_cbor(ReportToWire(r));
  const model::CaseReport back = ReportFromWire(nlohmann::json::from_cbor(bytes));
  EXPECT_EQ(ReportToWire(back), ReportToWire(r));
  EXPECT_EQ(back.dossier, r.dossier);
  EXPECT_EQ(back.application.institution_name.where.location, "T1R1C2");
  EXPECT_EQ(back.application.fee_publication.value.date, (Date{2025, 6, 1}));
  EXPECT_FALSE(back.application.application_date.value.year != 0);
  EXPECT_EQ(back.application.changes.at(0).after, "李四");
  EXPECT_EQ(back.occupations.at(0).standards.at(0).doc_number, "人社厅发〔2018〕145号");
  EXPECT_EQ(back.occupations.at(0).requested.levels, (std::vector<int>{3, 4, 5}));
  EXPECT_EQ(back.conditions.at(0).evidence.at(0).where.file, "营业执照.pdf");
  EXPECT_EQ(back.findings.at(0).consequence, model::Consequence::kNotEligible);
  EXPECT_EQ(back.findings.at(0).evidence.at(0).location, "row 3");
  EXPECT_EQ(back.materials.at(0).status, model::MaterialStatus::kUncertain);
  EXPECT_EQ(back.conclusion, model::Conclusion::kNotEligible);
  EXPECT_FALSE(back.documents.at(0).official);
  EXPECT_EQ(back.draft_failure, "font gone");
}

}  // namespace
}  // namespace pipeline::service
