// crosscheck::Check over the real catalogue, authority table and rules.xml: each rule met,
// not met and (where it exists) "review".
#include "pipeline/crosscheck/check.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "pipeline/crosscheck/report_json_part.h"
#include "pipeline/extract/extract.h"
#include "pipeline/report/report_json.h"
#include "tests/crosscheck/crosscheck_testing.h"

namespace pipeline::crosscheck {
namespace {

using model::ConditionState;
using model::FormField;
using testing::CleanForm;
using testing::RealNormaliser;
using testing::RuleIds;
using testing::SetCell;
using testing::StateOf;

struct Checked {
  model::Extraction extraction;
  CrosscheckResult result;
};

Checked CheckForm(const model::FormData& form, const std::vector<model::MaterialResult>* materials,
                  Date today = Date{2025, 7, 10}) {
  Checked r;
  r.extraction = extract::ExtractForm(form, RealNormaliser());
  Context ctx = testing::RealContext();
  ctx.today = today;
  model::Dossier dossier;
  r.result = Check(r.extraction, dossier, ctx, materials);
  return r;
}

// The first finding of rule `id` (of severity `sev` when given), or findings.end().
std::vector<model::Finding>::const_iterator FindRule(
    const std::vector<model::Finding>& findings, const std::string& id,
    std::optional<model::Severity> sev = std::nullopt) {
  return std::find_if(findings.begin(), findings.end(), [&](const model::Finding& x) {
    return x.rule_id == id && (!sev || x.severity == *sev);
  });
}

bool Has(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

TEST(CrosscheckTest, CleanDossierMeetsEveryMachineRule) {
  const auto materials = testing::AllMaterialsPresent();
  Checked r = CheckForm(CleanForm(), &materials);
  // No finding: what a machine cannot decide (the credit query, 不以营利为目的, whether the
  // staff is 相适应的 without an office minimum) is a pending check, and the conditions resting
  // on it are "pending", never "met".
  EXPECT_EQ(RuleIds(r.result.findings), (std::vector<std::string>{}));
  std::vector<std::string> pending;
  for (const PendingRef& p : r.result.pending) pending.push_back(p.id);
  EXPECT_EQ(pending, (std::vector<std::string>{"PC-CREDIT", "PC-NONPROFIT", "PC-STAFF"}));
  EXPECT_EQ(StateOf(r.result, "art6.1"), ConditionState::kPending);
  EXPECT_EQ(StateOf(r.result, "art6.2"), ConditionState::kPending);
  EXPECT_EQ(StateOf(r.result, "art6.3"), ConditionState::kPending);
  EXPECT_EQ(StateOf(r.result, "art6.4"), ConditionState::kMet);  // 主营业务 names 餐饮
  EXPECT_EQ(StateOf(r.result, "art6.5"), ConditionState::kMet);
  EXPECT_EQ(StateOf(r.result, "art6.6"), ConditionState::kNotApplicable);  // social org
  EXPECT_EQ(StateOf(r.result, "art8"), ConditionState::kNotApplicable);
  EXPECT_EQ(StateOf(r.result, "art9"), ConditionState::kNotApplicable);
  EXPECT_EQ(r.result.jurisdiction.code, "220100");
  ASSERT_EQ(r.result.occupations.size(), 1u);
  EXPECT_EQ(r.result.occupations[0].status, model::OccupationStatus::kOk);
  EXPECT_EQ(r.result.occupations[0].standards.size(), 3u);
  EXPECT_FALSE(r.result.not_eligible);
}

TEST(CrosscheckTest, BusinessRelationPutsEvidenceSideBySide) {
  model::FormData f = CleanForm();
  SetCell(f, FormField::kMainBusiness, "汽车维修");
  Checked r = CheckForm(f, nullptr);
  auto it = std::find_if(r.result.findings.begin(), r.result.findings.end(),
                         [](const model::Finding& x) { return x.rule_id == "C64-01"; });
  ASSERT_NE(it, r.result.findings.end());
  EXPECT_EQ(it->severity, model::Severity::kReview);
  EXPECT_EQ(it->message, "crosscheck.business_unmatched");
  EXPECT_EQ(it->args[0], (std::pair<std::string, std::string>{"main_business", "汽车维修"}));
  EXPECT_EQ(it->args[1].second, "4-03-02-01 中式烹调师");
  EXPECT_EQ(it->evidence.size(), 2u);
  EXPECT_EQ(StateOf(r.result, "art6.4"), ConditionState::kReview);
}

// C64-01 per word source: name, stem, 小类 name, synonyms; a match is met with the words as
// evidence, no match is a review naming only the occupations without one.
TEST(CrosscheckTest, BusinessRelationMatchesWords) {
  struct Case {
    const char* business;
    const char* code;
    const char* name;
    const char* want_words;  // "" = no match (review)
  } cases[] = {
      {"职业技能培训（餐饮类）", "4-03-02-01", "中式烹调师", "餐饮"},  // 小类 餐饮服务人员
      {"中式烹调培训", "4-03-02-01", "中式烹调师", "中式烹调、烹调"},  // stem, synonym
      {"保育类职业技能培训", "4-10-01-03", "保育师", "保育"},          // stem
      {"化工装备制造、安装及维修", "6-18-02-04", "焊工", "装备制造"},  // synonym
      {"职业技能培训与评价服务", "4-07-03-04", "企业人力资源管理师", ""},  // generic words only
      {"心理健康服务技能培训", "4-10-01-03", "保育师", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.business) + " / " + c.name);
    model::FormData f = CleanForm();
    SetCell(f, FormField::kMainBusiness, c.business);
    f.occupations = {{"1", c.code, c.name, "三级", {"申请表.docx", "表2 第2行"}}};
    Checked r = CheckForm(f, nullptr);
    const bool review = Has(RuleIds(r.result.findings), "C64-01");
    EXPECT_EQ(review, *c.want_words == '\0');
    std::string words;
    for (const auto& cond : r.result.conditions) {
      for (const auto& e : cond.evidence) {
        if (e.label == std::string("business_match/") + c.code) words = e.value;
      }
    }
    EXPECT_EQ(words, c.want_words);
  }
}

TEST(CrosscheckTest, WithoutMaterialsMaterialRulesNeedReview) {
  Checked r = CheckForm(CleanForm(), nullptr);
  const auto ids = RuleIds(r.result.findings);
  EXPECT_TRUE(Has(ids, "C63-01"));
  EXPECT_TRUE(Has(ids, "C65-01"));
  EXPECT_EQ(StateOf(r.result, "art6.5"), ConditionState::kReview);
}

TEST(CrosscheckTest, EachRuleNotMetOrReview) {
  struct Case {
    const char* name;
    FormField field;
    const char* value;
    const char* rule;
    model::Severity severity;
    const char* condition;
    ConditionState state;
  } cases[] = {
      // Art. 6 (1)
      {"no credit code", FormField::kUnifiedCreditCode, "", "C61-01", model::Severity::kBlocking,
       "art6.1", ConditionState::kNotMet},
      {"bad checksum", FormField::kUnifiedCreditCode, "91110000600037341N", "C61-01",
       model::Severity::kReview, "art6.1", ConditionState::kReview},
      {"no legal rep", FormField::kLegalRepresentative, "", "C61-02", model::Severity::kBlocking,
       "art6.1", ConditionState::kNotMet},
      {"outside Jilin", FormField::kUnifiedCreditCode, "91110000600037341L", "C61-04",
       model::Severity::kReview, "art6.1", ConditionState::kReview},
      // Art. 6 (2)
      {"fee not stated, proof present", FormField::kFeePublication, "", "C62-01",
       model::Severity::kReview, "art6.2", ConditionState::kReview},
      {"fee not published", FormField::kFeePublication, "未公布", "C62-01",
       model::Severity::kBlocking, "art6.2", ConditionState::kNotMet},
      // Art. 6 (3)
      {"no full-time staff", FormField::kFulltimeStaffCount, "0人", "C63-02",
       model::Severity::kBlocking, "art6.3", ConditionState::kNotMet},
      {"experts unreadable", FormField::kExpertCount, "若干", "C63-03", model::Severity::kReview,
       "art6.3", ConditionState::kReview},
      {"no assessors", FormField::kAssessorCount, "0人", "C63-04", model::Severity::kBlocking,
       "art6.3", ConditionState::kNotMet},
      {"no experts", FormField::kExpertCount, "0名", "C63-03", model::Severity::kBlocking, "art6.3",
       ConditionState::kNotMet},
      {"no supervisors stated", FormField::kSupervisorCount, "", "C63-05", model::Severity::kReview,
       "art6.3", ConditionState::kReview},
      // Art. 6 (4)
      {"no exam sites", FormField::kExamSites, "", "C64-02", model::Severity::kBlocking, "art6.4",
       ConditionState::kNotMet},
      {"no question bank", FormField::kQuestionBank, "无", "C64-03", model::Severity::kBlocking,
       "art6.4", ConditionState::kNotMet},
      {"no video", FormField::kVideoSurveillance, "否", "C64-04", model::Severity::kBlocking,
       "art6.4", ConditionState::kNotMet},
      {"video unclear", FormField::kVideoSurveillance, "见附件", "C64-04", model::Severity::kReview,
       "art6.4", ConditionState::kReview},
      {"unsafe", FormField::kSafetyFire, "不符合", "C64-05", model::Severity::kBlocking, "art6.4",
       ConditionState::kNotMet},
  };
  const auto materials = testing::AllMaterialsPresent();
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    model::FormData f = CleanForm();
    SetCell(f, c.field, c.value);
    Checked r = CheckForm(f, &materials);
    auto it = std::find_if(r.result.findings.begin(), r.result.findings.end(),
                           [&](const model::Finding& x) { return x.rule_id == c.rule; });
    ASSERT_NE(it, r.result.findings.end()) << ::testing::PrintToString(RuleIds(r.result.findings));
    EXPECT_EQ(it->severity, c.severity);
    EXPECT_EQ(StateOf(r.result, c.condition), c.state);
  }
}

TEST(CrosscheckTest, MissingMaterialFailsItsRule) {
  struct Case {
    const char* material;
    const char* rule;
    const char* condition;
  } cases[] = {
      {"M-COM-03", "C61-01", "art6.1"}, {"M-COM-06", "C62-01", "art6.2"},
      {"M-COM-07", "C63-01", "art6.3"}, {"M-COM-08", "C64-02", "art6.4"},
      {"M-COM-10", "C64-04", "art6.4"}, {"M-COM-12", "C65-01", "art6.5"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.material);
    auto materials = testing::AllMaterialsPresent();
    for (auto& m : materials) {
      if (m.id == c.material) m.status = model::MaterialStatus::kMissing;
    }
    Checked r = CheckForm(CleanForm(), &materials);
    EXPECT_TRUE(Has(RuleIds(r.result.findings), c.rule));
    EXPECT_EQ(StateOf(r.result, c.condition), ConditionState::kNotMet);
  }
}

// A material that is optional for this kind of application and not carried (a change or
// renewal re-files only what changed) is no evidence either way: its material-only rule is not
// judged here, and the condition rests on its other rules.
TEST(CrosscheckTest, OptionalMissingMaterialIsNoEvidence) {
  auto materials = testing::AllMaterialsPresent();
  for (auto& m : materials) {
    if (m.id == "M-COM-07") {
      m.required = false;
      m.status = model::MaterialStatus::kMissing;
    }
  }
  Checked r = CheckForm(CleanForm(), &materials);
  EXPECT_FALSE(Has(RuleIds(r.result.findings), "C63-01"));
  EXPECT_EQ(StateOf(r.result, "art6.3"), ConditionState::kPending);  // 相适应的: PC-STAFF
}

TEST(CrosscheckTest, EmployerConditionSix) {
  const auto materials = testing::AllMaterialsPresent();
  model::FormData f = CleanForm();
  SetCell(f, FormField::kApplicantType, "用人单位");
  SetCell(f, FormField::kIncentiveMechanism, "已建立");
  SetCell(f, FormField::kPayLinkage, "是");
  Checked met = CheckForm(f, &materials);
  EXPECT_EQ(StateOf(met.result, "art6.6"), ConditionState::kMet);

  SetCell(f, FormField::kPayLinkage, "否");
  Checked not_met = CheckForm(f, &materials);
  EXPECT_EQ(StateOf(not_met.result, "art6.6"), ConditionState::kNotMet);
  EXPECT_TRUE(Has(RuleIds(not_met.result.findings), "C66-02"));

  SetCell(f, FormField::kPayLinkage, "是");
  SetCell(f, FormField::kSubsidiaries, "有：示例子公司甲、示例子公司乙");
  auto no_list = materials;
  for (auto& m : no_list) {
    if (m.id == "M-EMP-02") m.status = model::MaterialStatus::kMissing;
  }
  Checked subs = CheckForm(f, &no_list);
  EXPECT_TRUE(Has(RuleIds(subs.result.findings), "C66-03"));
  Checked subs_review = CheckForm(f, nullptr);
  EXPECT_EQ(StateOf(subs_review.result, "art6.6"), ConditionState::kReview);
}

TEST(CrosscheckTest, OccupationStatuses) {
  struct Case {
    const char* code;
    const char* name;
    const char* levels;
    model::OccupationStatus want;
    const char* rule;
    const char* suggestion;  // first suggested code, "" = none expected
  } cases[] = {
      {"4-03-02-01", "中式烹调师", "五级至三级", model::OccupationStatus::kOk, "", ""},
      {"4-03-02-01", "中式烹调师（药膳制作师）", "三级", model::OccupationStatus::kOk, "OCC-007",
       ""},
      {"4-03-02-99", "中式烹调师", "三级", model::OccupationStatus::kUnknownCode, "OCC-002",
       "4-03-02-01"},
      {"", "中式烹调师", "三级", model::OccupationStatus::kUnknownCode, "OCC-002", "4-03-02-01"},
      {"4-03-02-01", "中式烹饪师", "三级", model::OccupationStatus::kNameMismatch, "OCC-009",
       "4-03-02-01"},
      {"6-29-01-01", "中式烹调师", "三级", model::OccupationStatus::kNameMismatch, "OCC-003",
       "4-03-02-01"},
      {"2-02-38-01", "人工智能工程技术人员", "三级", model::OccupationStatus::kIneligibleGroup,
       "OCC-004", ""},
      {"4-03-02-01", "中式烹调师", "六级", model::OccupationStatus::kInvalidLevel, "OCC-006", ""},
      {"4-03-02-01", "中式烹调师", "", model::OccupationStatus::kInvalidLevel, "OCC-006", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.code) + " " + c.name + " " + c.levels);
    model::FormData f = CleanForm();
    f.occupations = {{"1", c.code, c.name, c.levels, {"申请表.docx", "表2 第2行"}}};
    Checked r = CheckForm(f, nullptr);
    ASSERT_EQ(r.result.occupations.size(), 1u);
    EXPECT_EQ(r.result.occupations[0].status, c.want);
    if (*c.rule != '\0') {
      EXPECT_TRUE(Has(RuleIds(r.result.findings), c.rule));
    }
    if (*c.suggestion != '\0') {
      ASSERT_FALSE(r.result.occupations[0].suggestions.empty());
      EXPECT_EQ(r.result.occupations[0].suggestions[0].code, c.suggestion);
    }
    EXPECT_EQ(r.result.not_eligible, c.want == model::OccupationStatus::kIneligibleGroup);
  }
}

TEST(CrosscheckTest, OccupationWithoutNationalStandardNeedsEvaluationNorm) {
  // Find a group 3-6 occupation with no mapped standard in the real data.
  const Catalogue& cat = testing::RealCatalogue();
  std::vector<model::CatalogueMatch> m = cat.Lookup("4-", 400);
  auto it = std::find_if(m.begin(), m.end(),
                         [](const model::CatalogueMatch& x) { return x.standards.empty(); });
  ASSERT_NE(it, m.end());
  model::FormData f = CleanForm();
  f.occupations = {{"1", it->occupation->code, it->occupation->name, "三级", {"申请表.docx", "r"}}};
  // A 社会培训评价组织 works only to 国家职业标准 (Art. 3): the occupation is excluded, and with
  // nothing else requested the case is not eligible.
  Checked r = CheckForm(f, nullptr);
  EXPECT_EQ(r.result.occupations[0].status, model::OccupationStatus::kNoNationalStandard);
  ASSERT_TRUE(Has(RuleIds(r.result.findings), "OCC-005"));
  EXPECT_EQ(r.result.findings[0].severity, model::Severity::kBlocking);
  EXPECT_EQ(r.result.findings[0].consequence, model::Consequence::kExcludeOccupation);
  EXPECT_EQ(r.result.findings[0].message, "crosscheck.occupation_no_standard.social_org");
  EXPECT_TRUE(r.result.occupations[0].excluded);
  EXPECT_EQ(r.result.occupations[0].exclusion_reason, "exclusion.no_national_standard");
  EXPECT_TRUE(r.result.not_eligible);
  // An employer may work to a filed 评价规范: a review item asking for it, nothing excluded.
  SetCell(f, FormField::kApplicantType, "用人单位");
  Checked employer = CheckForm(f, nullptr);
  auto occ5 = FindRule(employer.result.findings, "OCC-005");
  ASSERT_NE(occ5, employer.result.findings.end());
  EXPECT_EQ(occ5->severity, model::Severity::kReview);
  EXPECT_EQ(occ5->message, "crosscheck.occupation_no_standard");
  EXPECT_FALSE(employer.result.occupations[0].excluded);
  EXPECT_FALSE(employer.result.not_eligible);
}

TEST(CrosscheckTest, EmptyOccupationListAndDuplicates) {
  model::FormData f = CleanForm();
  f.occupations.clear();
  EXPECT_TRUE(Has(RuleIds(CheckForm(f, nullptr).result.findings), "OCC-001"));
  f = CleanForm();
  f.occupations.push_back(f.occupations[0]);
  EXPECT_TRUE(Has(RuleIds(CheckForm(f, nullptr).result.findings), "OCC-008"));
}

TEST(CrosscheckTest, Article8ChangeDossier) {
  model::FormData f = CleanForm();
  SetCell(f, FormField::kApplicationKind, "变更");
  Checked none = CheckForm(f, nullptr);
  EXPECT_TRUE(Has(RuleIds(none.result.findings), "A8-01"));
  EXPECT_TRUE(Has(RuleIds(none.result.findings), "A8-04"));
  EXPECT_EQ(StateOf(none.result, "art8"), ConditionState::kNotMet);

  SetCell(f, FormField::kFilingNumber, "JL-2023-001");
  f.changes = {{"法定代表人", "张三", "王五", {"申请表.docx", "表3 第2行"}}};
  Checked ok = CheckForm(f, nullptr);
  EXPECT_EQ(StateOf(ok.result, "art8"), ConditionState::kMet);

  // Not an Art. 8 element: a person looks at it; an element changed to the same value too.
  f.changes.push_back({"联系电话", "1", "", {"申请表.docx", "表3 第3行"}});
  f.changes.push_back({"考试考核场地", "甲", "甲", {"申请表.docx", "表3 第4行"}});
  Checked review = CheckForm(f, nullptr);
  EXPECT_TRUE(Has(RuleIds(review.result.findings), "A8-02"));
  const auto same = FindRule(review.result.findings, "A8-03");
  ASSERT_NE(same, review.result.findings.end());
  EXPECT_EQ(same->severity, model::Severity::kReview);
  EXPECT_EQ(same->message, "crosscheck.change_item_unchanged");
  EXPECT_EQ(StateOf(review.result, "art8"), ConditionState::kReview);

  // An Art. 8 element without its new value is the applicant's to fill in.
  f.changes.push_back({"注册地址", "甲", "", {"申请表.docx", "表3 第5行"}});
  Checked blank = CheckForm(f, nullptr);
  const auto fill = FindRule(blank.result.findings, "A8-03", model::Severity::kBlocking);
  ASSERT_NE(fill, blank.result.findings.end());
  EXPECT_EQ(fill->message, "crosscheck.change_item_complete");
  EXPECT_EQ(StateOf(blank.result, "art8"), ConditionState::kNotMet);
}

TEST(CrosscheckTest, Article9RenewalWindow) {
  struct Case {
    const char* name;
    const char* valid_until;
    const char* application_date;
    Date today;
    const char* rule;  // "" = met
    ConditionState state;
  } cases[] = {
      {"in time", "2025年12月31日", "2025年9月1日", Date{2025, 9, 5}, "", ConditionState::kMet},
      {"exactly three months before", "2025年12月31日", "2025年9月30日", Date{2025, 10, 1}, "",
       ConditionState::kMet},
      {"late", "2025年12月31日", "2025年10月15日", Date{2025, 10, 20}, "A9-03",
       ConditionState::kReview},
      {"after expiry", "2025年6月30日", "2025年7月1日", Date{2025, 7, 10}, "A9-02",
       ConditionState::kNotMet},
      {"future application date uses today", "2025年12月31日", "2026年1月5日", Date{2025, 9, 1}, "",
       ConditionState::kMet},
      {"no expiry", "", "2025年7月1日", Date{2025, 7, 10}, "A9-01", ConditionState::kNotMet},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    model::FormData f = CleanForm();
    SetCell(f, FormField::kApplicationKind, "续期");
    SetCell(f, FormField::kFilingNumber, "JL-2022-007");
    SetCell(f, FormField::kFilingValidUntil, c.valid_until);
    SetCell(f, FormField::kApplicationDate, c.application_date);
    Checked r = CheckForm(f, nullptr, c.today);
    const auto ids = RuleIds(r.result.findings);
    for (const char* id : {"A9-01", "A9-02", "A9-03"}) {
      EXPECT_EQ(Has(ids, id), std::string(id) == c.rule) << id;
    }
    EXPECT_EQ(StateOf(r.result, "art9"), c.state);
  }
}

TEST(CrosscheckTest, TerminationSkipsConditions) {
  model::FormData f = CleanForm();
  SetCell(f, FormField::kApplicationKind, "终止");
  f.occupations.clear();
  Checked r = CheckForm(f, nullptr);
  for (const auto& c : r.result.conditions)
    EXPECT_EQ(c.state, ConditionState::kNotApplicable) << c.id;
  EXPECT_FALSE(Has(RuleIds(r.result.findings), "OCC-001"));
}

TEST(CrosscheckTest, FutureApplicationDateIsReviewed) {
  model::FormData f = CleanForm();
  SetCell(f, FormField::kApplicationDate, "2026年1月1日");
  EXPECT_TRUE(Has(RuleIds(CheckForm(f, nullptr).result.findings), "DAT-01"));
}

TEST(ReportJsonPartTest, WritesIssue3Keys) {
  const auto materials = testing::AllMaterialsPresent();
  Checked r = CheckForm(CleanForm(), &materials);
  model::CaseReport report;
  report.application = r.extraction.application;
  report.jurisdiction = r.result.jurisdiction;
  report.occupations = r.result.occupations;
  report.conditions = r.result.conditions;
  nlohmann::json j = report::ToJson(report, report::MessageCatalog());
  AppendRuleDefaultsJson(testing::RealRules(), RuleSettings(), j);
  EXPECT_EQ(j["institution"]["uscc"], "91220101MA1234567P");
  EXPECT_EQ(j["institution"]["uscc_valid"], true);
  EXPECT_EQ(j["institution"]["region_code"], "220100");
  EXPECT_EQ(j["jurisdiction"]["basis"], "region");
  EXPECT_EQ(j["occupations"][0]["levels"], nlohmann::json({3, 4, 5}));
  EXPECT_EQ(j["occupations"][0]["status"], "ok");
  EXPECT_EQ(j["conditions"][0]["id"], "art6.1");
  EXPECT_EQ(j["fields"]["application_date"]["value"], "2025-07-01");
  EXPECT_EQ(j["fields"]["application_date"]["source"]["file"], "申请表.docx");
  EXPECT_EQ(j["rule_defaults"].size(), 4u);
}

}  // namespace
}  // namespace pipeline::crosscheck
