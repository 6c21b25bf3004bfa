// Issue 8 on the extract side, over the shipped checklists/normalise.xml: choices read from
// check marks, level expressions as people write them, text shown as written.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pipeline/core/text.h"
#include "pipeline/extract/extract.h"
#include "pipeline/extract/normaliser.h"
#include "tests/extract/extract_testing.h"

namespace pipeline::extract {
namespace {

using testing::RealNormaliser;

TEST(ChoiceTest, TickedOptionWinsNotTheLongestText) {
  struct Case {
    const char* field;
    const char* text;
    ChoiceParse::Kind kind;
    const char* id;
  } cases[] = {
      {"application_kind", "☑首次申请 □增加职业（工种） □变更 □续期 □终止", ChoiceParse::kOne,
       "initial"},
      {"application_kind", "☐首次申请 ☑增加职业（工种） ☐变更", ChoiceParse::kOne,
       "add_occupation"},
      {"application_kind", "首次申请√ 增加职业（工种） 变更 续期 终止", ChoiceParse::kOne,
       "initial"},
      {"application_kind", "首次申请□ 增加职业（工种）□ 变更■", ChoiceParse::kOne, "change"},
      {"application_kind", "☑ 续期  ☐ 终止", ChoiceParse::kOne, "renewal"},
      {"application_kind", "☒首次申请☐变更", ChoiceParse::kOne, "initial"},
      {"application_kind", "□首次申请 □增加职业（工种） □变更", ChoiceParse::kNone, ""},
      {"application_kind", "☑首次申请 ☑变更", ChoiceParse::kSeveral, ""},
      {"application_kind", "首次申请", ChoiceParse::kNoMarks, ""},
      {"applicant_type", "☑用人单位 □社会培训评价组织", ChoiceParse::kOne, "employer"},
      {"applicant_type", "用人单位 ✓社会培训评价组织", ChoiceParse::kOne, "employer"},
      {"applicant_type", "✔社会培训评价组织", ChoiceParse::kOne, "social_org"},
      {"affiliation", "□中直驻省 ☑省属 □市（州）属及以下", ChoiceParse::kOne, "provincial"},
      {"affiliation", "中直驻省 省属 市（州）属及以下√", ChoiceParse::kOne, "city_or_below"},
      {"affiliation", "☑中直驻省 □省属 □市（州）属及以下", ChoiceParse::kOne,
       "central_in_province"},
  };
  const Normaliser& n = RealNormaliser();
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    ChoiceParse p = n.ParseChoice(c.field, c.text);
    EXPECT_EQ(p.kind, c.kind);
    if (c.kind == ChoiceParse::kOne) {
      EXPECT_EQ(p.id, c.id);
    }
  }
}

TEST(ChoiceTest, OptionListWithoutMarksIsSeveral) {
  const Normaliser& n = RealNormaliser();
  EXPECT_EQ(n.EnumIdsIn("application_kind", "首次申请 增加职业（工种） 变更"),
            (std::vector<std::string>{"initial", "add_occupation", "change"}));
  EXPECT_EQ(n.EnumIdsIn("affiliation", "市（州）属及以下"),
            (std::vector<std::string>{"city_or_below"}));
}

TEST(ChoiceTest, ExtractionNeverGuesses) {
  struct Case {
    const char* kind_cell;
    model::ApplicationKind want;
    const char* rule;  // "" none
  } cases[] = {
      {"☑首次申请 □增加职业（工种）", model::ApplicationKind::kInitial, ""},
      {"□首次申请 □增加职业（工种）", model::ApplicationKind::kUnknown, "EXT-002"},
      {"☑首次申请 ☑增加职业（工种）", model::ApplicationKind::kUnknown, "EXT-005"},
      {"首次申请 增加职业（工种） 变更 续期 终止", model::ApplicationKind::kUnknown, "EXT-005"},
      {"续期", model::ApplicationKind::kRenewal, ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.kind_cell);
    model::FormData form;
    form.file = "申请表.docx";
    form.cells.push_back(
        {model::FormField::kApplicationKind, "申请类型", c.kind_cell, {"申请表.docx", "T1R9C2"}});
    model::Extraction e = ExtractForm(form, RealNormaliser());
    EXPECT_EQ(e.application.kind.value, c.want);
    std::vector<std::string> kind_rules;  // EXT-002/005 about application_kind
    for (const model::Finding& f : e.findings) {
      if ((f.rule_id == "EXT-002" || f.rule_id == "EXT-005") && !f.args.empty() &&
          f.args[0].second == "application_kind") {
        kind_rules.push_back(f.rule_id);
      }
    }
    if (*c.rule != '\0') {
      EXPECT_EQ(kind_rules, (std::vector<std::string>{c.rule}));
    } else {
      EXPECT_TRUE(kind_rules.empty());
    }
  }
}

TEST(LevelExpressionTest, AsPeopleWriteThem) {
  struct Case {
    const char* in;
    std::vector<int> want;
  } cases[] = {
      {"初、中、高级", {3, 4, 5}}, {"初中级", {4, 5}},        {"四级及以下", {4, 5}},
      {"三级以下", {3, 4, 5}},     {"职业技能等级四级", {4}}, {"五级/初级工、四级/中级工", {4, 5}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.in);
    LevelsParse p = RealNormaliser().ParseLevels(c.in);
    EXPECT_EQ(p.status, ParseStatus::kOk);
    EXPECT_EQ(p.levels, c.want);
  }
}

TEST(OccupationSwapTest, CodeInTheNameCellIsSwappedWithANote) {
  model::FormData form;
  form.file = "申请表.docx";
  form.occupations.push_back({"1", "中式面点师", "4-03-02-02", "四级", {"申请表.docx", "T2R2"}});
  form.occupations.push_back({"", "", "4-03-02-04", "五级", {"申请表.docx", "T2R3"}});
  model::Extraction e = ExtractForm(form, RealNormaliser());
  ASSERT_EQ(e.occupations.size(), 2u);
  EXPECT_EQ(e.occupations[0].code, "4-03-02-02");
  EXPECT_EQ(e.occupations[0].name, "中式面点师");
  EXPECT_EQ(e.occupations[1].code, "4-03-02-04");
  EXPECT_EQ(e.occupations[1].seq, "2");  // blank 序号: the row's place
  int notes = 0;
  for (const model::Finding& f : e.findings) {
    if (f.rule_id == "EXT-030") {
      ++notes;
      EXPECT_EQ(f.severity, model::Severity::kInfo);
    }
  }
  EXPECT_EQ(notes, 2);
}

}  // namespace
}  // namespace pipeline::extract
