// The technical evaluation standard: the shipped file loads; every malformed file is refused
// with the file and line.
#include "pipeline/evaluation/standard.h"

#include <gtest/gtest.h>

#include "tests/testing/status_matchers.h"
#include "tests/testing/test_paths.h"

namespace pipeline::evaluation {
namespace {

TEST(EvaluationStandardTest, ShippedStandardLoadsAndIsMarkedAsThisProjectsReading) {
  RealFileSystem rfs;
  Result<Standard> s =
      LoadStandard(rfs, testing::RepoRoot() + "/checklists/evaluation_standard.xml");
  ASSERT_OK(s);
  EXPECT_TRUE(s->to_confirm);
  EXPECT_FALSE(s->version.empty());
  EXPECT_EQ(s->pass_total_percent, 60);
  // Common items for a social organisation total 60 points, occupation items 40; employers
  // add the Art. 6(六) group.
  auto sum = [](const std::vector<const Item*>& items) {
    int t = 0;
    for (const Item* i : items) t += i->max_tenths;
    return t;
  };
  EXPECT_EQ(sum(s->ItemsFor(Scope::kCommon, model::ApplicantType::kSocialOrg)), 600);
  EXPECT_EQ(sum(s->ItemsFor(Scope::kOccupation, model::ApplicantType::kSocialOrg)), 400);
  EXPECT_EQ(sum(s->ItemsFor(Scope::kCommon, model::ApplicantType::kEmployer)), 700);
  const Item* veto = s->Find("TE-ORG-01");
  ASSERT_NE(veto, nullptr);
  EXPECT_TRUE(veto->veto_below_tenths.has_value());
  EXPECT_EQ(veto->condition, "第六条（一）（三）");
  // Every condition of Art. 6 the issue names has a group.
  for (const char* condition :
       {"第六条（一）（三）", "第六条（二）", "第六条（四）", "第六条（五）", "第六条（六）"}) {
    bool found = false;
    for (const Item& i : s->items) found = found || i.condition == condition;
    EXPECT_TRUE(found) << condition;
  }
  // While it is the project's reference draft, the opinions say so in one sentence and never
  // present its title as an official document's name.
  EXPECT_NE(s->opinion_basis.find("参考稿"), std::string::npos) << s->opinion_basis;
  EXPECT_NE(s->opinion_basis.find("不是"), std::string::npos) << s->opinion_basis;
  EXPECT_EQ(s->opinion_basis.find("《" + s->title + "》"), std::string::npos);
  EXPECT_EQ(s->opinion_basis.find("。"), s->opinion_basis.size() - std::string("。").size())
      << "one sentence";
  EXPECT_EQ(s->opinion_name, "评分表");
}

struct BadCase {
  const char* name;
  const char* xml;
  int line;
  const char* message;
};

constexpr const char* kHead = "<?xml version=\"1.0\"?>\n";

TEST(EvaluationStandardTest, MalformedStandardsAreRefusedWithFileAndLine) {
  const BadCase cases[] = {
      {"no_pass_line",
       "<standard version=\"v\" title=\"t\">\n<group id=\"A\" condition=\"c\" title=\"t\" "
       "scope=\"common\"><item id=\"I\" max=\"1\">x</item></group>\n</standard>",
       2, "pass-line"},
      {"duplicate_item",
       "<standard version=\"v\" title=\"t\"><pass-line total=\"60\" occupation=\"60\"/>\n"
       "<group id=\"A\" condition=\"c\" title=\"t\" scope=\"common\">\n<item id=\"I\" "
       "max=\"1\">x</item>\n<item id=\"I\" max=\"1\">y</item></group></standard>",
       5, "duplicate item id"},
      {"bad_max",
       "<standard version=\"v\" title=\"t\"><pass-line total=\"60\" occupation=\"60\"/>\n"
       "<group id=\"A\" condition=\"c\" title=\"t\" scope=\"common\">\n<item id=\"I\" "
       "max=\"0.3\">x</item></group></standard>",
       4, "half points"},
      {"veto_above_max",
       "<standard version=\"v\" title=\"t\"><pass-line total=\"60\" occupation=\"60\"/>\n"
       "<group id=\"A\" condition=\"c\" title=\"t\" scope=\"common\">\n<item id=\"I\" "
       "max=\"2\" veto-below=\"3\">x</item></group></standard>",
       4, "veto-below"},
      {"bad_scope",
       "<standard version=\"v\" title=\"t\"><pass-line total=\"60\" occupation=\"60\"/>\n"
       "<group id=\"A\" condition=\"c\" title=\"t\" scope=\"all\">\n<item id=\"I\" "
       "max=\"2\">x</item></group></standard>",
       3, "scope"},
      {"bad_pass_line",
       "<standard version=\"v\" title=\"t\">\n<pass-line total=\"160\" occupation=\"60\"/>"
       "</standard>",
       3, "1..100"},
      {"unknown_element",
       "<standard version=\"v\" title=\"t\"><pass-line total=\"60\" occupation=\"60\"/>\n"
       "<rule/></standard>",
       3, "unknown element <rule>"},
      {"no_occupation_items",
       "<standard version=\"v\" title=\"t\"><pass-line total=\"60\" occupation=\"60\"/>\n"
       "<group id=\"A\" condition=\"c\" title=\"t\" scope=\"common\"><item id=\"I\" "
       "max=\"2\">x</item></group></standard>",
       2, "scope=\"occupation\""},
      {"no_opinion_wording",
       "<standard version=\"v\" title=\"t\"><pass-line total=\"60\" occupation=\"60\"/>\n"
       "<group id=\"A\" condition=\"c\" title=\"t\" scope=\"common\"><item id=\"I\" "
       "max=\"2\">x</item></group><group id=\"B\" condition=\"c\" title=\"t\" "
       "scope=\"occupation\"><item id=\"J\" max=\"2\">x</item></group></standard>",
       2, "<opinion-wording"},
      {"bad_xml", "<standard version=\"v\">\n<group>\n</standard>", 4, "XML parse error"},
  };
  for (const BadCase& c : cases) {
    SCOPED_TRACE(c.name);
    Result<Standard> s = ParseStandard(std::string(kHead) + c.xml, "标准.xml");
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().file(), "标准.xml");
    EXPECT_EQ(s.error().line(), c.line) << s.error().ToString();
    EXPECT_NE(s.error().message().find(c.message), std::string::npos) << s.error().ToString();
  }
}

TEST(EvaluationStandardTest, PointsParseAndFormatInTenths) {
  EXPECT_EQ(ParsePoints("7.5"), 75);
  EXPECT_EQ(ParsePoints(" 8 "), 80);
  EXPECT_EQ(ParsePoints("8.0"), 80);
  EXPECT_EQ(ParsePoints("0"), 0);
  EXPECT_EQ(ParsePoints("3.25"), std::nullopt);
  EXPECT_EQ(ParsePoints("八"), std::nullopt);
  EXPECT_EQ(ParsePoints(""), std::nullopt);
  EXPECT_EQ(ParsePoints("nan"), std::nullopt);
  EXPECT_EQ(FormatPoints(75), "7.5");
  EXPECT_EQ(FormatPoints(80), "8");
  EXPECT_EQ(FormatPoints(915), "91.5");
}

}  // namespace
}  // namespace pipeline::evaluation
