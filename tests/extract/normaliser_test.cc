// Table-driven tests for the normalisers over the real checklists/normalise.xml.
#include "pipeline/extract/normaliser.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "pipeline/core/file_system.h"
#include "pipeline/core/text.h"
#include "tests/extract/extract_testing.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_paths.h"

namespace pipeline::extract {
namespace {

using testing::RealNormaliser;

TEST(DateNormaliserTest, AcceptsEveryWrittenForm) {
  struct Case {
    const char* in;
    const char* want;  // ISO, or the ParseStatus name on failure
  } cases[] = {
      // ASCII forms
      {"2025年7月1日", "2025-07-01"},
      {"2025.7.1", "2025-07-01"},
      {"2025/07/01", "2025-07-01"},
      {"2025-7-1", "2025-07-01"},
      {"2025-07-01", "2025-07-01"},
      {" 2025 年 7 月 1 日 ", "2025-07-01"},
      // full-width digits and separators
      {"２０２５年７月１日", "2025-07-01"},
      {"２０２５－０７－０１", "2025-07-01"},
      {"2025年7月1号", "2025-07-01"},
      // Chinese numerals
      {"二〇二五年七月一日", "2025-07-01"},
      {"二零二五年十二月三十一日", "2025-12-31"},
      {"二〇二六年二月十日", "2026-02-10"},
      {"二〇二五年十月二十一日", "2025-10-21"},
      // impossible dates
      {"2025年2月30日", "impossible"},
      {"2025-13-01", "impossible"},
      {"2025.0.1", "impossible"},
      // not dates
      {"", "empty"},
      {"   ", "empty"},
      {"2025年7月", "unparsable"},
      {"七月一日", "unparsable"},
      {"25.7.1", "unparsable"},
      {"2025年7月1日前", "unparsable"},
      {"明天", "unparsable"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.in);
    DateParse p = RealNormaliser().ParseDate(c.in);
    if (p.status == ParseStatus::kOk) {
      EXPECT_EQ(p.date.ToIso(), c.want);
    } else {
      EXPECT_STREQ(ParseStatusName(p.status), c.want);
    }
  }
}

// A month without its day (备案有效期至 as some notices print it): the month's last day.
TEST(DateNormaliserTest, YearMonthIsTheMonthsLastDay) {
  struct Case {
    const char* in;
    const char* want;
  } cases[] = {
      {"2026年3月", "2026-03-31"},
      {"2024年2月", "2024-02-29"},
      {"2025年2月", "2025-02-28"},
      {"2026.3", "2026-03-31"},
      {"2026-04", "2026-04-30"},
      {"二〇二六年三月", "2026-03-31"},
      {"２０２６年１２月", "2026-12-31"},
      {"2026年13月", "impossible"},
      {"2026年3月5日", "unparsable"},
      {"2026年", "unparsable"},
      {"", "empty"},
      {"3月", "unparsable"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.in);
    DateParse p = RealNormaliser().ParseYearMonth(c.in);
    if (p.status == ParseStatus::kOk) {
      EXPECT_EQ(p.date.ToIso(), c.want);
    } else {
      EXPECT_STREQ(ParseStatusName(p.status), c.want);
    }
  }
}

TEST(DateNormaliserTest, FindDateInsideFreeText) {
  std::optional<Date> d = RealNormaliser().FindDate("已于2025年6月1日在本单位官网公布");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->ToIso(), "2025-06-01");
  EXPECT_FALSE(RealNormaliser().FindDate("在官网公布").has_value());
  EXPECT_EQ(RealNormaliser().FindDate("官网，2025.6.1。")->ToIso(), "2025-06-01");
}

// Regression (fuzzing): FindDate tried every prefix of a run of date characters, re-normalising
// each, so a 12 KB cell of numerals took minutes. Only date-sized prefixes are tried now; the
// date after such a run is still found, and the time bound is generous (the old code needed
// well over a minute here even in a Release build).
TEST(DateNormaliserTest, FindDateIsFastOnLongRunsOfNumerals) {
  std::string numerals;
  for (int i = 0; i < 1200; ++i) numerals += "一二三四五六七八九十";
  std::string dates;
  for (int i = 0; i < 300; ++i) dates += "2025年1月";
  auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(RealNormaliser().FindDate(numerals).has_value());
  std::optional<Date> first = RealNormaliser().FindDate(dates);  // 2025年1月20|25年…
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->ToIso(), "2025-01-20");
  std::optional<Date> d = RealNormaliser().FindDate(numerals + "，于2025年6月1日公布");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->ToIso(), "2025-06-01");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST(LevelNormaliserTest, RangeWithZhiExpandsToAllLevels) {
  LevelsParse p = RealNormaliser().ParseLevels("五级至三级");
  ASSERT_EQ(p.status, ParseStatus::kOk);
  EXPECT_EQ(p.levels, (std::vector<int>{3, 4, 5}));
}

TEST(LevelNormaliserTest, EveryWrittenForm) {
  struct Case {
    const char* in;
    std::vector<int> want;  // empty = not parsed
  } cases[] = {
      // single levels, both naming systems
      {"五级", {5}},
      {"初级工", {5}},
      {"初级", {5}},
      {"四级", {4}},
      {"中级工", {4}},
      {"三级", {3}},
      {"高级工", {3}},
      {"二级", {2}},
      {"技师", {2}},
      {"一级", {1}},
      {"高级技师", {1}},
      // ranges
      {"五级至三级", {3, 4, 5}},
      {"三级-一级", {1, 2, 3}},
      {"三级－一级", {1, 2, 3}},  // full-width hyphen
      {"五级—一级", {1, 2, 3, 4, 5}},
      {"初级工至高级工", {3, 4, 5}},
      {"五至三级", {3, 4, 5}},
      {"5-3级", {3, 4, 5}},
      {"５级至３级", {3, 4, 5}},  // full-width digits
      // lists and aliases
      {"初级、中级、高级工", {3, 4, 5}},
      {"四级/中级工", {4}},
      {"二级（技师）", {2}},
      {"技师、高级技师", {1, 2}},
      {"五级, 四级", {4, 5}},
      // above 一级 (人社部发〔2022〕14号): 0 特级技师, -1 首席技师
      {"特级技师", {0}},
      {"首席技师", {-1}},
      {"一级至特级", {0, 1}},
      {"技师、高级技师、特级技师、首席技师", {-1, 0, 1, 2}},
      // failures
      {"", {}},
      {"六级", {}},
      {"至三级", {}},
      {"五级至", {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.in);
    LevelsParse p = RealNormaliser().ParseLevels(c.in);
    if (c.want.empty()) {
      EXPECT_NE(p.status, ParseStatus::kOk);
    } else {
      ASSERT_EQ(p.status, ParseStatus::kOk);
      EXPECT_EQ(p.levels, c.want);
    }
  }
}

TEST(CountNormaliserTest, EveryWrittenForm) {
  struct Case {
    const char* in;
    int want;  // -1 = not parsed
  } cases[] = {
      {"12", 12},       {"12人", 12}, {"１２人", 12},      {"十二人", 12}, {"共12名", 12},
      {"二十一人", 21}, {"十人", 10}, {"一百零五人", 105}, {"0", 0},       {" 3 人 ", 3},
      {"", -1},         {"若干", -1}, {"12至15人", -1},    {"约10人", -1},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.in);
    CountParse p = RealNormaliser().ParseCount(c.in);
    if (c.want < 0) {
      EXPECT_NE(p.status, ParseStatus::kOk);
    } else {
      ASSERT_EQ(p.status, ParseStatus::kOk);
      EXPECT_EQ(p.count, c.want);
    }
  }
}

TEST(YesNoNormaliserTest, EveryWrittenForm) {
  struct Case {
    const char* in;
    model::YesNo want;
  } cases[] = {
      {"有", model::YesNo::kYes},
      {"有，已安装高清视频监控", model::YesNo::kYes},
      {"已建立", model::YesNo::kYes},
      {"是", model::YesNo::kYes},
      {"√", model::YesNo::kYes},
      {"YES", model::YesNo::kYes},
      {"无", model::YesNo::kNo},
      {"否", model::YesNo::kNo},
      {"未建立", model::YesNo::kNo},
      {"不具备", model::YesNo::kNo},
      {"No", model::YesNo::kNo},
      {"NVR 录像系统", model::YesNo::kUnclear},  // "n" must not match a word
      {"见附件", model::YesNo::kUnclear},
      {"认定结果与岗位工资、技能津贴挂钩", model::YesNo::kYes},  // a statement of the fact
      {"认定结果未与薪酬挂钩", model::YesNo::kUnclear},          // a negation inside: unclear
      {"系统支持 y 轴旋转", model::YesNo::kUnclear},             // ASCII tokens only at the start
      {"", model::YesNo::kUnknown},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.in);
    EXPECT_EQ(RealNormaliser().ParseYesNo(c.in), c.want);
  }
}

TEST(EnumNormaliserTest, MatchesTokensAndIds) {
  struct Case {
    const char* field;
    const char* in;
    const char* want;  // "" = no match
  } cases[] = {
      {"applicant_type", "用人单位", "employer"},
      {"applicant_type", "社会培训评价组织", "social_org"},
      {"applicant_type", "employer", "employer"},
      {"applicant_type", "其他", ""},
      {"application_kind", "首次申请", "initial"},
      {"application_kind", "增加职业（工种）", "add_occupation"},
      {"application_kind", "续期备案", "renewal"},
      {"application_kind", "备案变更", "change"},
      {"affiliation", "中直驻省", "central_in_province"},
      {"affiliation", "省属", "provincial"},
      {"affiliation", "市（州）属及以下", "city_or_below"},
      {"affiliation", "市(州)属", "city_or_below"},
      {"change_item", "法定代表人", "legal_representative"},
      {"change_item", "考试考核场地", "exam_sites"},
      {"no_such_field", "x", ""},
      {"applicant_type", "", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.field) + " " + c.in);
    std::optional<std::string> got = RealNormaliser().MatchEnum(c.field, c.in);
    EXPECT_EQ(got.value_or(""), c.want);
  }
}

TEST(ListNormaliserTest, SplitsOnLinesAndSeparators) {
  std::vector<std::string> got =
      RealNormaliser().SplitList("长春市朝阳区1号；长春市南关区2号\n吉林市船营区3号、 ");
  EXPECT_EQ(got,
            (std::vector<std::string>{"长春市朝阳区1号", "长春市南关区2号", "吉林市船营区3号"}));
  EXPECT_TRUE(RealNormaliser().SplitList("").empty());
}

TEST(NormaliserLoadTest, BadXmlNamesFileAndLine) {
  Result<Normaliser> r = Normaliser::FromXml("<normalise>\n<numerals>\n</normalise>", "n.xml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().file(), "n.xml");
  EXPECT_GT(r.error().line(), 1);
}

TEST(NormaliserLoadTest, EmptyTokenIsAnError) {
  Result<Normaliser> r = Normaliser::FromXml(
      "<normalise>\n<numerals><digit value=\"1\"> </digit></numerals>\n</normalise>", "n.xml");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("empty token"), std::string::npos);
}

}  // namespace
}  // namespace pipeline::extract
