#include "pipeline/crosscheck/rules.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "tests/crosscheck/crosscheck_testing.h"
#include "tests/testing/test_paths.h"

namespace pipeline::crosscheck {
namespace {

TEST(RuleSetTest, RealRulesConfigureEveryCheckOnce) {
  const RuleSet& rs = testing::RealRules();
  EXPECT_EQ(rs.rules().size(), KnownChecks().size());
  std::set<std::string> ids;
  for (const Rule& r : rs.rules()) EXPECT_TRUE(ids.insert(r.id).second) << r.id;
  EXPECT_EQ(rs.GetThreshold("min_assessors_per_occupation").owner, "province");
  EXPECT_EQ(rs.GetThreshold("renewal_lead_months").value, 3);
  EXPECT_EQ(rs.conditions().size(), 8u);
}

TEST(RuleSetTest, EveryMessageKeyHasATemplate) {
  std::ifstream in(pipeline::testing::RepoRoot() + "/templates/messages.zh-CN.tsv");
  std::stringstream ss;
  ss << in.rdbuf();
  std::set<std::string> keys;
  std::string line;
  while (std::getline(ss, line)) keys.insert(line.substr(0, line.find('\t')));
  for (const Rule& r : testing::RealRules().rules()) {
    EXPECT_EQ(keys.count(r.message), 1u) << r.message;
  }
  for (const char* k :
       {"extract.form_missing", "extract.field_missing", "extract.field_unparsable",
        "extract.date_impossible", "extract.uscc_bad_format", "extract.uscc_bad_checksum",
        "extract.uscc_normalised", "extract.id_invalid", "extract.phone_invalid"}) {
    EXPECT_EQ(keys.count(k), 1u) << k;
  }
}

TEST(RuleSetTest, LoaderErrors) {
  struct Case {
    const char* xml;
    int line;
    const char* message_part;
  } cases[] = {
      {"<rules>\n<rule id=\"X\" check=\"nope\" severity=\"review\" message=\"m\"/>\n</rules>", 2,
       "unknown check"},
      {"<rules>\n<rule id=\"X\" check=\"exam_sites\" severity=\"loud\" message=\"m\"/>\n</rules>",
       2, "bad severity"},
      {"<rules>\n<rule id=\"X\" check=\"exam_sites\" condition=\"art6.4\" severity=\"review\" "
       "message=\"m\"/>\n</rules>",
       2, "unknown condition"},
      {"<rules>\n<threshold id=\"t\" value=\"-1\" owner=\"province\"/>\n</rules>", 2, "integer"},
      {"<rules>\n<rule id=\"X\" check=\"occupation_unknown_code\" severity=\"review\" "
       "message=\"m\"/>\n</rules>",
       2, "needs topic"},
      {"<rules>\n<condition id=\"c\" article=\"a\" title=\"t\"/>\n<rule id=\"X\" "
       "check=\"exam_sites\" condition=\"c\" topic=\"form\" severity=\"review\" "
       "message=\"m\"/>\n</rules>",
       3, "a condition rule has topic conditions"},
      {"<rules>\n<bogus/>\n</rules>", 2, "unknown element"},
      {"<rules>\n</rules>", 0, "no <rule> configures"},
      {"<rules>\n<rule", 2, "XML parse error"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.message_part);
    Result<RuleSet> r = RuleSet::FromXml(c.xml, "rules.xml");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().file(), "rules.xml");
    EXPECT_EQ(r.error().line(), c.line);
    EXPECT_NE(r.error().message().find(c.message_part), std::string::npos) << r.error().ToString();
  }
}

}  // namespace
}  // namespace pipeline::crosscheck
