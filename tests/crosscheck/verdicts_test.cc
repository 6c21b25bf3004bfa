// Issue 7, rules side: per-occupation exclusion, office rule settings (no invented rules), the
// credit list (C61-03), A9-02, OCC-006/010 levels, change dossiers judged on their own
// materials, and what each blocking rule leads to (consequence).
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "pipeline/crosscheck/check.h"
#include "pipeline/crosscheck/credit_list.h"
#include "pipeline/crosscheck/rule_settings.h"
#include "pipeline/extract/extract.h"
#include "pipeline/report/messages.h"
#include "tests/crosscheck/crosscheck_testing.h"
#include "tests/testing/test_paths.h"

namespace pipeline::crosscheck {
namespace {

using model::ConditionState;
using model::Consequence;
using model::FormField;
using model::Severity;
using testing::CleanForm;
using testing::RealRules;
using testing::SetCell;
using testing::StateOf;

struct Options {
  const RuleSettings* settings = nullptr;
  const CreditList* credit_list = nullptr;
  Date today = Date{2025, 7, 10};
};

CrosscheckResult CheckWith(const model::FormData& form,
                           const std::vector<model::MaterialResult>* materials, Options o = {}) {
  model::Extraction e = extract::ExtractForm(form, testing::RealNormaliser());
  Context ctx = testing::RealContext();
  ctx.today = o.today;
  ctx.settings = o.settings;
  ctx.credit_list = o.credit_list;
  model::Dossier dossier;
  return Check(e, dossier, ctx, materials);
}

const model::Finding* Find(const CrosscheckResult& r, const std::string& rule) {
  for (const model::Finding& f : r.findings) {
    if (f.rule_id == rule) return &f;
  }
  return nullptr;
}

std::string Arg(const model::Finding& f, const std::string& key) {
  for (const auto& [k, v] : f.args) {
    if (k == key) return v;
  }
  return "";
}

std::vector<std::string> PendingIds(const CrosscheckResult& r) {
  std::vector<std::string> ids;
  for (const PendingRef& p : r.pending) ids.push_back(p.id);
  return ids;
}

// R01: one occupation in major group 2 is excluded with its reason; the case goes on for 保育师.
TEST(VerdictTest, IneligibleOccupationIsExcludedAndTheCaseGoesOn) {
  model::FormData f = CleanForm();
  SetCell(f, FormField::kMainBusiness, "心理咨询、保育职业技能培训");
  f.occupations = {{"1", "2-07-11-03", "心理咨询师", "三级", {"申请表.docx", "表2 第2行"}},
                   {"2", "4-10-01-03", "保育师", "五级至三级", {"申请表.docx", "表2 第3行"}}};
  const auto materials = testing::AllMaterialsPresent();
  CrosscheckResult r = CheckWith(f, &materials);
  ASSERT_EQ(r.occupations.size(), 2u);
  EXPECT_TRUE(r.occupations[0].excluded);
  EXPECT_EQ(r.occupations[0].exclusion_reason, "exclusion.ineligible_group");
  EXPECT_FALSE(r.occupations[1].excluded);
  EXPECT_FALSE(r.not_eligible);
  const model::Finding* occ = Find(r, "OCC-004");
  ASSERT_NE(occ, nullptr);
  EXPECT_EQ(occ->consequence, Consequence::kExcludeOccupation);
  // The excluded occupation is not asked about the main business (only 保育师 is).
  EXPECT_EQ(Find(r, "C64-01"), nullptr);

  // With only the excluded occupation left, nothing eligible remains.
  f.occupations.pop_back();
  EXPECT_TRUE(CheckWith(f, &materials).not_eligible);
}

// Staff minimums above zero are office settings: with none set, 0 still fails Art. 6 (3)
// "具有…"; any number above zero is for a person (PC-STAFF); with a setting, below it fails.
TEST(VerdictTest, StaffMinimumsAreOfficeSettings) {
  RuleSettings three;
  three.minimums = {{"min_fulltime_staff", 3},
                    {"min_experts", 3},
                    {"min_assessors_per_occupation", 3},
                    {"min_supervisors", 3}};
  struct Case {
    const char* name;
    const RuleSettings* settings;
    FormField field;
    const char* value;
    const char* rule;  // "" = no C63 finding
    Severity severity;
    const char* message;  // "" = not checked
    ConditionState state;
    bool pending_staff;
  } cases[] = {
      {"none set, zero", nullptr, FormField::kFulltimeStaffCount, "0人", "C63-02",
       Severity::kBlocking, "crosscheck.fulltime_staff.none", ConditionState::kNotMet, true},
      {"none set, one", nullptr, FormField::kFulltimeStaffCount, "1人", "", Severity::kInfo, "",
       ConditionState::kPending, true},
      {"none set, one supervisor", nullptr, FormField::kSupervisorCount, "1人", "", Severity::kInfo,
       "", ConditionState::kPending, true},
      {"set 3, two", &three, FormField::kFulltimeStaffCount, "2人", "C63-02", Severity::kBlocking,
       "crosscheck.fulltime_staff", ConditionState::kNotMet, false},
      {"set 3, zero", &three, FormField::kExpertCount, "0人", "C63-03", Severity::kBlocking,
       "crosscheck.experts.none", ConditionState::kNotMet, false},
      {"set 3, enough", &three, FormField::kFulltimeStaffCount, "5人", "", Severity::kInfo, "",
       ConditionState::kMet, false},
      // CleanForm asks for one occupation: 3 per occupation needs 3 assessors.
      {"set 3 per occupation, two assessors", &three, FormField::kAssessorCount, "2人", "C63-04",
       Severity::kBlocking, "crosscheck.assessors_per_occupation", ConditionState::kNotMet, false},
  };
  const auto materials = testing::AllMaterialsPresent();
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    model::FormData f = CleanForm();
    if (c.settings == &three) {
      SetCell(f, FormField::kFulltimeStaffCount, "5人");
      SetCell(f, FormField::kExpertCount, "3人");
      SetCell(f, FormField::kSupervisorCount, "3人");
    }
    SetCell(f, c.field, c.value);
    CrosscheckResult r = CheckWith(f, &materials, {c.settings, nullptr});
    bool any_c63 = false;
    for (const char* id : {"C63-02", "C63-03", "C63-04", "C63-05"}) {
      const model::Finding* x = Find(r, id);
      if (x == nullptr) continue;
      any_c63 = true;
      EXPECT_EQ(std::string(id), c.rule);
      EXPECT_EQ(x->severity, c.severity);
      EXPECT_EQ(x->message, c.message);
      EXPECT_EQ(x->consequence, Consequence::kCorrect);
    }
    EXPECT_EQ(any_c63, *c.rule != '\0');
    EXPECT_EQ(StateOf(r, "art6.3"), c.state);
    const auto ids = PendingIds(r);
    EXPECT_EQ(std::count(ids.begin(), ids.end(), "PC-STAFF"), c.pending_staff ? 1 : 0);
  }
}

// Without a minimum, fewer assessors than requested occupations is a review item that shows
// both numbers; never blocking.
TEST(VerdictTest, FewerAssessorsThanOccupationsIsReviewed) {
  model::FormData f = CleanForm();
  f.occupations.push_back({"2", "4-03-02-02", "中式面点师", "五级", {"申请表.docx", "表2 第3行"}});
  SetCell(f, FormField::kAssessorCount, "1人");
  const auto materials = testing::AllMaterialsPresent();
  CrosscheckResult r = CheckWith(f, &materials);
  const model::Finding* x = Find(r, "C63-04");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->severity, Severity::kReview);
  EXPECT_EQ(x->message, "crosscheck.assessors_per_occupation.few");
  EXPECT_EQ(Arg(*x, "value"), "1人");
  EXPECT_EQ(Arg(*x, "occupations"), "2");
}

// A8-04 / A9-04: the regulation defines no 原备案编号; a missing one is only recorded unless
// the office requires it.
TEST(VerdictTest, OriginalFilingNumberBlocksOnlyWhenTheOfficeSaysSo) {
  RuleSettings require;
  require.require_original_filing_number = true;
  struct Case {
    const char* kind;
    const char* rule;
    const RuleSettings* settings;
    Severity want;
  } cases[] = {
      {"变更", "A8-04", nullptr, Severity::kInfo},
      {"变更", "A8-04", &require, Severity::kBlocking},
      {"续期", "A9-04", nullptr, Severity::kInfo},
      {"续期", "A9-04", &require, Severity::kBlocking},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.kind) + (c.settings ? " required" : ""));
    model::FormData f = CleanForm();
    SetCell(f, FormField::kApplicationKind, c.kind);
    SetCell(f, FormField::kFilingValidUntil, "2025年12月31日");
    f.changes = {{"法定代表人", "张三", "王五", {"申请表.docx", "表3 第2行"}}};
    CrosscheckResult r = CheckWith(f, nullptr, {c.settings, nullptr});
    const model::Finding* x = Find(r, c.rule);
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(x->severity, c.want);
    EXPECT_EQ(x->consequence, Consequence::kCorrect);
  }
}

// A9-02: an expired filing cannot be renewed by a correction: not eligible, never 补正.
TEST(VerdictTest, RenewalAfterExpiryIsNotEligible) {
  model::FormData f = CleanForm();
  SetCell(f, FormField::kApplicationKind, "续期");
  SetCell(f, FormField::kFilingNumber, "JL-2022-007");
  SetCell(f, FormField::kFilingValidUntil, "2025年6月30日");
  SetCell(f, FormField::kApplicationDate, "2025年7月1日");
  CrosscheckResult r = CheckWith(f, nullptr);
  const model::Finding* x = Find(r, "A9-02");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->severity, Severity::kBlocking);
  EXPECT_EQ(x->consequence, Consequence::kNotEligible);
  EXPECT_TRUE(r.not_eligible);
  const auto ids = PendingIds(r);
  EXPECT_EQ(std::count(ids.begin(), ids.end(), "PC-RENEWAL"), 1);  // Art. 9 evaluation
}

// Art. 10: the department evaluates a voluntary termination; nothing else is judged.
TEST(VerdictTest, TerminationLeavesItsEvaluationPending) {
  model::FormData f = CleanForm();
  SetCell(f, FormField::kApplicationKind, "终止");
  f.occupations.clear();
  CrosscheckResult r = CheckWith(f, nullptr);
  EXPECT_EQ(PendingIds(r), (std::vector<std::string>{"PC-TERMINATION"}));
  EXPECT_TRUE(r.findings.empty());
}

// 特级技师 / 首席技师 (人社部发〔2022〕14号) are for employers: an employer asking for them
// raises nothing; a 社会培训评价组织 gets a review item; unreadable levels must be corrected.
TEST(VerdictTest, LevelsAboveOneForEmployers) {
  struct Case {
    const char* type;
    const char* levels;
    const char* rule;  // "" = none of OCC-006/OCC-010
    Severity severity;
  } cases[] = {
      {"用人单位", "三级至特级技师", "", Severity::kInfo},
      {"用人单位", "首席技师", "", Severity::kInfo},
      {"社会培训评价组织", "一级至特级", "OCC-010", Severity::kReview},
      {"社会培训评价组织", "五级至三级", "", Severity::kInfo},
      {"用人单位", "六级", "OCC-006", Severity::kBlocking},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.type) + " " + c.levels);
    model::FormData f = CleanForm();
    SetCell(f, FormField::kApplicantType, c.type);
    f.occupations[0].levels = c.levels;
    CrosscheckResult r = CheckWith(f, nullptr);
    const model::Finding* occ6 = Find(r, "OCC-006");
    const model::Finding* occ10 = Find(r, "OCC-010");
    const model::Finding* x = occ6 != nullptr ? occ6 : occ10;
    if (*c.rule == '\0') {
      EXPECT_EQ(x, nullptr);
      continue;
    }
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(x->rule_id, c.rule);
    EXPECT_EQ(x->severity, c.severity);
    EXPECT_FALSE(r.occupations[0].excluded);
  }
}

CreditList ListOf(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::vector<std::string>> all = {
      {"统一社会信用代码", "名称", "法定代表人", "来源", "日期"}};
  all.insert(all.end(), rows.begin(), rows.end());
  std::vector<int> lines;
  for (std::size_t i = 0; i < all.size(); ++i) lines.push_back(static_cast<int>(i) + 1);
  Result<CreditList> l =
      CreditList::FromRows(all, lines, RealRules().credit_list_columns(), "l.csv");
  EXPECT_TRUE(l.ok()) << l.status().ToString();
  return std::move(l).value();
}

// C61-03: a match (code, or name + legal representative) blocks as not_eligible and cites the
// list's 来源 and 日期; no match is evidence; the officer's query is pending either way.
TEST(VerdictTest, CreditListMatchAndNoMatch) {
  // CleanForm: 长春市示例职业技能培训学校, 91220101MA1234567P, 张三.
  struct Case {
    const char* name;
    std::vector<std::vector<std::string>> rows;
    bool match;
    const char* date_text;  // 日期 as worded: YYYY-MM-DD by date-format, anything else as written
  } cases[] = {
      {"code",
       {{"91220101ma1234567p", "别名", "某人", "终止备案机构名单", "2026-01-02"}},
       true,
       "2026年1月2日"},
      {"name and legal rep",
       {{"", "长春市示例职业技能培训学校", "张三", "信用中国", "2026年2月"}},
       true,
       "2026年2月"},
      {"name only",
       {{"", "长春市示例职业技能培训学校", "李四", "信用中国", "2026-02-03"}},
       false,
       "2026年2月3日"},
      {"other code",
       {{"91220101MA0000000X", "其他学校", "张三", "信用中国", "2026-02-03"}},
       false,
       "2026年2月3日"},
  };
  const auto materials = testing::AllMaterialsPresent();
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const CreditList list = ListOf(c.rows);
    CrosscheckResult r = CheckWith(CleanForm(), &materials, {nullptr, &list});
    const model::Finding* x = Find(r, "C61-03");
    ASSERT_NE(x, nullptr);
    if (c.match) {
      EXPECT_EQ(x->severity, Severity::kBlocking);
      EXPECT_EQ(x->consequence, Consequence::kNotEligible);
      EXPECT_EQ(x->message, "crosscheck.credit_list_match");
      EXPECT_EQ(Arg(*x, "source"), c.rows[0][3]);
      EXPECT_EQ(Arg(*x, "date"), c.date_text);
      EXPECT_TRUE(r.not_eligible);
      EXPECT_EQ(StateOf(r, "art6.1"), ConditionState::kNotMet);
    } else {
      EXPECT_EQ(x->severity, Severity::kInfo);
      EXPECT_EQ(x->message, "crosscheck.credit_list_clear");
      EXPECT_EQ(Arg(*x, "sources"), c.rows[0][3] + "（" + c.date_text + "）");
      EXPECT_FALSE(r.not_eligible);
      EXPECT_EQ(StateOf(r, "art6.1"), ConditionState::kPending);
    }
    const auto ids = PendingIds(r);
    EXPECT_EQ(std::count(ids.begin(), ids.end(), "PC-CREDIT"), 1);
  }
  // No list: no C61-03 finding at all, and the condition is never "met".
  CrosscheckResult none = CheckWith(CleanForm(), &materials);
  EXPECT_EQ(Find(none, "C61-03"), nullptr);
  EXPECT_EQ(StateOf(none, "art6.1"), ConditionState::kPending);
}

// A change dossier is judged on its own materials: Art. 6 conditions it does not show are
// not_applicable, not "met" (S05: 变更 with only M-CHG-*, M-COM-02/03/13).
TEST(VerdictTest, ChangeDossierJudgedOnItsOwnMaterials) {
  std::vector<model::MaterialResult> materials;
  for (const char* id : {"M-CHG-01", "M-COM-02", "M-CHG-02", "M-COM-03", "M-COM-13"}) {
    model::MaterialResult m;
    m.id = id;
    m.status = model::MaterialStatus::kPresent;
    materials.push_back(m);
  }
  for (const char* id : {"M-COM-04", "M-COM-07", "M-COM-08", "M-COM-11"}) {
    model::MaterialResult m;
    m.id = id;
    m.required = false;
    m.status = model::MaterialStatus::kMissing;
    materials.push_back(m);
  }
  model::FormData f = CleanForm();
  SetCell(f, FormField::kApplicationKind, "变更");
  SetCell(f, FormField::kFilingNumber, "JL-2023-001");
  f.changes = {{"法定代表人", "张三", "王五", {"申请表.docx", "表3 第2行"}}};
  CrosscheckResult r = CheckWith(f, &materials);
  EXPECT_EQ(StateOf(r, "art6.2"), ConditionState::kNotApplicable);
  EXPECT_EQ(StateOf(r, "art6.3"), ConditionState::kNotApplicable);
  EXPECT_EQ(StateOf(r, "art6.4"), ConditionState::kNotApplicable);
  EXPECT_EQ(StateOf(r, "art6.5"), ConditionState::kNotApplicable);
  EXPECT_EQ(StateOf(r, "art6.1"), ConditionState::kPending);  // 登记证书 shown; credit query
  EXPECT_EQ(StateOf(r, "art8"), ConditionState::kMet);
  EXPECT_EQ(PendingIds(r), (std::vector<std::string>{"PC-CREDIT"}));
  // With the staff lists in the dossier, the head counts are judged again.
  for (auto& m : materials) {
    if (m.id == "M-COM-07") m.status = model::MaterialStatus::kPresent;
  }
  EXPECT_EQ(StateOf(CheckWith(f, &materials), "art6.3"), ConditionState::kPending);
}

// Every rule that can block says what it leads to; the choices of issue 7 are pinned here.
TEST(VerdictTest, ConsequencePerRule) {
  struct Case {
    const char* rule;
    Consequence want;
  } cases[] = {
      {"OCC-004", Consequence::kExcludeOccupation},
      {"OCC-005", Consequence::kExcludeOccupation},
      {"OCC-006", Consequence::kCorrect},
      {"OCC-002", Consequence::kCorrect},
      {"JUR-003", Consequence::kRefer},
      {"JUR-001", Consequence::kCorrect},
      {"C61-03", Consequence::kNotEligible},
      {"C61-04", Consequence::kNotEligible},
      {"C62-01", Consequence::kCorrect},
      {"C63-02", Consequence::kCorrect},
      {"C65-01", Consequence::kCorrect},
      {"A8-04", Consequence::kCorrect},
      {"A9-02", Consequence::kNotEligible},
      {"A9-01", Consequence::kCorrect},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.rule);
    auto it = std::find_if(RealRules().rules().begin(), RealRules().rules().end(),
                           [&](const Rule& r) { return r.id == c.rule; });
    ASSERT_NE(it, RealRules().rules().end());
    EXPECT_EQ(it->consequence, c.want);
  }
}

TEST(RuleSettingsTest, ParsesAndRejects) {
  using nlohmann::json;
  struct Case {
    const char* text;
    const char* error;  // "" = ok
  } cases[] = {
      {R"({"min_experts": 2, "require_original_filing_number": true, "_c": "x"})", ""},
      {R"({"min_experts": null, "credit_list": ""})", ""},
      {R"({"min_expert": 2})", "unknown key rules.min_expert"},
      {R"({"renewal_lead_months": 2})", "unknown key"},  // a regulation value is not a setting
      {R"({"min_experts": -1})", "whole number"},
      {R"({"min_experts": "3"})", "whole number"},
      {R"({"require_original_filing_number": "yes"})", "true or false"},
      {R"([1])", "must be an object"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    Result<RuleSettings> s = RuleSettingsFromJson(json::parse(c.text), RealRules(), "office.json");
    if (*c.error == '\0') {
      EXPECT_TRUE(s.ok()) << s.status().ToString();
      continue;
    }
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().file(), "office.json");
    EXPECT_NE(s.error().message().find(c.error), std::string::npos) << s.error().ToString();
  }
  Result<RuleSettings> s =
      RuleSettingsFromJson(json::parse(R"({"min_experts": 2, "credit_list": "名单.csv"})"),
                           RealRules(), "/etc/beian/office.json");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(EffectiveThreshold(RealRules(), &*s, "min_experts"), 2);
  EXPECT_EQ(EffectiveThreshold(RealRules(), &*s, "min_supervisors"), std::nullopt);
  EXPECT_EQ(EffectiveThreshold(RealRules(), nullptr, "renewal_lead_months"), 3);
  EXPECT_EQ(s->credit_list, "/etc/beian/名单.csv");
}

// The shipped office.json sets nothing the regulation leaves open.
TEST(RuleSettingsTest, ShippedSettingsAreEmpty) {
  RealFileSystem fs;
  Result<RuleSettings> s =
      LoadRuleSettings(fs, pipeline::testing::RepoRoot() + "/templates/office.json", RealRules());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_TRUE(s->minimums.empty());
  EXPECT_FALSE(s->require_original_filing_number);
  EXPECT_EQ(s->credit_list, "");
}

}  // namespace
}  // namespace pipeline::crosscheck

namespace pipeline::crosscheck {
namespace {

TEST(BusinessTermsTest, PiecesCutGenericWordsAndSeparators) {
  const BusinessTerms& t = testing::RealBusinessTerms();
  EXPECT_EQ(t.Pieces("餐饮服务人员"), (std::vector<std::string>{"餐饮"}));
  EXPECT_EQ(t.Pieces("美容美发和浴池服务人员"), (std::vector<std::string>{"美容美发", "浴池"}));
  EXPECT_EQ(t.Pieces("职业技能培训"), (std::vector<std::string>{}));
  EXPECT_EQ(t.Pieces("电"), (std::vector<std::string>{}));  // shorter than min-chars
}

TEST(BusinessTermsTest, ErrorsNameFileAndLine) {
  struct Case {
    const char* xml;
    int line;
    const char* message_part;
  } cases[] = {
      {"<business-terms>\n<generic></generic>\n</business-terms>", 2, "empty"},
      {"<business-terms>\n\n<synonyms>烹饪</synonyms>\n</business-terms>", 3, "code="},
      {"<business-terms>\n<min-chars>0</min-chars>\n</business-terms>", 2, "1..10"},
      {"<business-terms>\n<word>x</word>\n</business-terms>", 2, "unknown element"},
      {"<other/>", 1, "root"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.xml);
    Result<BusinessTerms> t = BusinessTerms::FromXml(c.xml, "terms.xml");
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().file(), "terms.xml");
    EXPECT_EQ(t.error().line(), c.line);
    EXPECT_NE(t.error().message().find(c.message_part), std::string::npos) << t.error().ToString();
  }
}

}  // namespace
}  // namespace pipeline::crosscheck

namespace pipeline::crosscheck {
namespace {

// Every message key the rules side can produce is in the shipped catalogue: each rule's own
// message, the derived keys of the head counts, the second wordings, exclusion reasons,
// pending checks, consequences and the conclusion `referred`.
TEST(VerdictMessagesTest, EveryKeyIsInTheShippedCatalogue) {
  RealFileSystem fs;
  Result<report::MessageCatalog> cat = report::MessageCatalog::Load(
      fs, pipeline::testing::RepoRoot() + "/templates/messages.zh-CN.tsv");
  ASSERT_TRUE(cat.ok()) << cat.status().ToString();
  std::vector<std::string> keys = {"crosscheck.occupation_no_standard.social_org",
                                   "crosscheck.credit_list_clear",
                                   "crosscheck.assessors_per_occupation.few",
                                   "exclusion.ineligible_group",
                                   "exclusion.no_national_standard",
                                   "conclusion.referred",
                                   "level.0",
                                   "level.-1"};
  for (const Rule& r : RealRules().rules()) {
    keys.push_back(r.message);
    keys.push_back(std::string("consequence.") + model::ConsequenceName(r.consequence));
  }
  for (const char* c : {"fulltime_staff", "experts", "assessors_per_occupation", "supervisors"}) {
    keys.push_back(RealRules().ForCheck(c).message + ".none");
    keys.push_back(RealRules().ForCheck(c).message + ".unreadable");
  }
  for (const char* id : {"PC-CREDIT", "PC-NONPROFIT", "PC-STAFF", "PC-RENEWAL", "PC-TERMINATION"}) {
    keys.push_back(std::string("pending.") + id + ".title");
    keys.push_back(std::string("pending.") + id + ".action");
  }
  for (const std::string& k : keys) EXPECT_TRUE(cat->Has(k)) << k;
}

}  // namespace
}  // namespace pipeline::crosscheck
