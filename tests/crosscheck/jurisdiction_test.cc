// Art. 4 routing over the real data/jilin_authorities.tsv.
#include "pipeline/crosscheck/jurisdiction.h"

#include <gtest/gtest.h>

#include "tests/crosscheck/crosscheck_testing.h"

namespace pipeline::crosscheck {
namespace {

using testing::RealAuthorities;
using testing::RealRules;

TEST(AuthoritiesTest, RealTableHasTwelveRowsAndFlagsToConfirm) {
  EXPECT_EQ(RealAuthorities().entries().size(), 12u);
  EXPECT_EQ(RealAuthorities().Province().code, "220000");
  const AuthorityEntry* cbs = RealAuthorities().FindCode("JL-CBS");
  ASSERT_NE(cbs, nullptr);
  EXPECT_TRUE(cbs->to_confirm);
  EXPECT_EQ(cbs->authority, "");
}

TEST(AuthoritiesTest, RegionTextTable) {
  struct Case {
    const char* region;
    const char* want;  // "" = no match
  } cases[] = {
      {"长春市", "220100"},
      {"吉林省长春市朝阳区", "220100"},
      {"长春", "220100"},
      {"吉林市", "220200"},
      {"吉林省吉林市", "220200"},
      {"吉林省", ""},  // the province is never a region
      {"延边州", "222400"},
      {"延边朝鲜族自治州", "222400"},
      {"通化市", "220500"},
      {"梅河口市", "220581"},
      {"通化市梅河口市", "220581"},
      {"220581", "220581"},
      {"长白山管委会", "JL-CBS"},
      {"长白山保护开发区池北区", "JL-CBS"},
      {"白山市", "220600"},
      {"北京市", ""},
      {"", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.region);
    const AuthorityEntry* e = RealAuthorities().MatchRegion(c.region, RealRules().region_aliases());
    EXPECT_EQ(e == nullptr ? "" : e->code, std::string(c.want));
  }
}

TEST(AuthoritiesTest, CreditCodeAreaTable) {
  struct Case {
    const char* uscc;
    const char* want;
  } cases[] = {
      {"912201010000000000", "220100"},  // 长春 district code 220101 -> 220100
      {"912205810000000000", "220581"},  // 梅河口 before 通化
      {"912205210000000000", "220500"},  // 通化县 -> 通化市
      {"912224260000000000", "222400"},  // 安图县 -> 延边 (never 长白山)
      {"912200000000000000", ""},        // province code is not a region
      {"911100000000000000", ""},        // Beijing
      {"short", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.uscc);
    const AuthorityEntry* e = RealAuthorities().FromCreditCode(c.uscc);
    EXPECT_EQ(e == nullptr ? "" : e->code, std::string(c.want));
  }
}

TEST(AuthoritiesTest, LoaderErrorsNameLine) {
  Result<Authorities> dup = Authorities::FromTsv(
      "code\tname\tauthority\n220000\tP\tA\n220100\tC\tB\n220100\tC\tB\n", "a.tsv");
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().line(), 4);
  Result<Authorities> no_province =
      Authorities::FromTsv("code\tname\tauthority\n220100\tC\tB\n", "a.tsv");
  ASSERT_FALSE(no_province.ok());
  EXPECT_EQ(no_province.error().file(), "a.tsv");
}

TEST(JurisdictionTest, RoutingTable) {
  struct Case {
    const char* name;
    model::Affiliation affiliation;
    const char* region;
    const char* uscc;
    const char* office;  // "" = no --authority
    const char* want_code;
    model::JurisdictionBasis basis;
    std::vector<std::string> rules;
  } cases[] = {
      {"provincial goes to province",
       model::Affiliation::kProvincial,
       "长春市",
       "91350100M000100Y43",
       "",
       "220000",
       model::JurisdictionBasis::kAffiliation,
       {"JUR-006"}},
      {"central goes to province",
       model::Affiliation::kCentralInProvince,
       "",
       "",
       "",
       "220000",
       model::JurisdictionBasis::kAffiliation,
       {}},
      {"city by region",
       model::Affiliation::kCityOrBelow,
       "延边州",
       "",
       "",
       "222400",
       model::JurisdictionBasis::kRegion,
       {}},
      {"meihekou its own",
       model::Affiliation::kCityOrBelow,
       "通化市梅河口市",
       "",
       "",
       "220581",
       model::JurisdictionBasis::kRegion,
       {}},
      {"changbaishan to confirm",
       model::Affiliation::kCityOrBelow,
       "长白山管委会",
       "",
       "",
       "JL-CBS",
       model::JurisdictionBasis::kRegion,
       {"JUR-002"}},
      {"from credit code",
       model::Affiliation::kCityOrBelow,
       "",
       "912205810000000000",
       "",
       "220581",
       model::JurisdictionBasis::kCreditCode,
       {"JUR-004"}},
      {"affiliation unknown",
       model::Affiliation::kUnknown,
       "长春市",
       "",
       "",
       "220100",
       model::JurisdictionBasis::kRegion,
       {"JUR-005"}},
      {"unresolved",
       model::Affiliation::kCityOrBelow,
       "",
       "",
       "",
       "",
       model::JurisdictionBasis::kUnresolved,
       {"JUR-001"}},
      {"right office",
       model::Affiliation::kCityOrBelow,
       "长春市",
       "",
       "220100",
       "220100",
       model::JurisdictionBasis::kRegion,
       {}},
      {"wrong office",
       model::Affiliation::kProvincial,
       "长春市",
       "",
       "220100",
       "220000",
       model::JurisdictionBasis::kAffiliation,
       {"JUR-003"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    model::Application a;
    a.affiliation.value = c.affiliation;
    a.affiliation.present = a.affiliation.parsed = c.affiliation != model::Affiliation::kUnknown;
    a.region.raw = a.region.value = c.region;
    a.region.present = *c.region != '\0';
    a.unified_credit_code.value = c.uscc;
    a.uscc_check = *c.uscc == '\0' ? model::CodeCheck::kNotChecked : model::CodeCheck::kValid;
    std::vector<model::Finding> findings;
    RuleSink sink(RealRules(), &findings);
    std::optional<std::string> office;
    if (*c.office != '\0') office = c.office;
    model::Jurisdiction j = RouteJurisdiction(a, RealAuthorities(), office, sink);
    EXPECT_EQ(j.code, c.want_code);
    EXPECT_EQ(j.basis, c.basis);
    EXPECT_EQ(testing::RuleIds(findings), c.rules);
  }
}

TEST(JurisdictionTest, WrongOfficeNamesWhereItMustGo) {
  model::Application a;
  a.affiliation.value = model::Affiliation::kCityOrBelow;
  a.affiliation.present = a.affiliation.parsed = true;
  a.region.raw = "梅河口市";
  a.region.present = true;
  std::vector<model::Finding> findings;
  RuleSink sink(RealRules(), &findings);
  RouteJurisdiction(a, RealAuthorities(), std::string("220500"), sink);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, model::Severity::kBlocking);
  EXPECT_EQ(findings[0].args[0].second, "通化市");
  EXPECT_EQ(findings[0].args[3].second, "梅河口市人力资源和社会保障局");
}

}  // namespace
}  // namespace pipeline::crosscheck
