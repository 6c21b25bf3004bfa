// Catalogue look-ups over the real data/ files.
#include "pipeline/crosscheck/catalogue.h"

#include <gtest/gtest.h>

#include <sstream>

#include "tests/crosscheck/crosscheck_testing.h"
#include "tests/testing/status_matchers.h"

namespace pipeline::crosscheck {

using model::CatalogueMatch;
using model::CatalogueStandard;
using model::MatchKind;

namespace {

TEST(CatalogueLoadTest, RealFilesLoadWithIndexes) {
  const Catalogue& c = testing::RealCatalogue();
  EXPECT_EQ(c.occupation_count(), 1676u);
  EXPECT_EQ(c.standard_count(), 698u);
}

TEST(CatalogueLoadTest, ErrorsNameFileAndLine) {
  const std::string occ_header =
      "code\tname\tmarks\tmajor_group\tmajor_group_name\tsmall_name\twork_type_count\t"
      "post_2022_candidate\n";
  const std::string std_header =
      "published_code\tpublished_name\tbase_occupation_name\twork_type_or_direction\tissued_date\t"
      "edition_year\tdoc_number\tcode_2022\tstandard_kind\n";
  struct Case {
    std::string occ;
    std::string stds;
    std::string file;
    int line;
    const char* message_part;
  } cases[] = {
      {occ_header + "4-03-02-01\tA\t\t4\tg\ts\t0\t0\n4-03-02\tB\t\t4\tg\ts\t0\t0\n", std_header,
       "o.tsv", 3, "malformed occupation code"},
      {occ_header + "4-03-02-01\tA\t\t5\tg\ts\t0\t0\n", std_header, "o.tsv", 2, "disagrees"},
      {occ_header + "4-03-02-01\tA\t\t4\tg\ts\t0\t0\n4-03-02-01\tB\t\t4\tg\ts\t0\t0\n", std_header,
       "o.tsv", 3, "duplicate"},
      {occ_header + "4-03-02-01\tA\t\t4\tg\ts\t0\n", std_header, "o.tsv", 2, "fields"},
      {"code\tname\n", std_header, "o.tsv", 1, "missing column"},
      {occ_header + "4-03-02-01\tA\t\t4\tg\ts\t0\t0\n",
       std_header + "4-03-02-02\tB\tB\t\t2020-01-01\t2020\tX\t4-03-02-02\tskill\n", "s.tsv", 2,
       "not in"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.message_part);
    Result<Catalogue> r = Catalogue::FromTsv(c.occ, "o.tsv", c.stds, "s.tsv");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().file(), c.file);
    EXPECT_EQ(r.error().line(), c.line);
    EXPECT_NE(r.error().message().find(c.message_part), std::string::npos) << r.error().ToString();
  }
}

TEST(CatalogueLookupTest, RealRows) {
  struct Case {
    const char* query;
    const char* want_first_code;  // "" = no match
    MatchKind kind;
  } cases[] = {
      // codes, including full-width and undelimited forms
      {"4-03-02-01", "4-03-02-01", MatchKind::kExactCode},
      {"４－０３－０２－０１", "4-03-02-01", MatchKind::kExactCode},
      {"4030201", "4-03-02-01", MatchKind::kExactCode},
      {"6-30-05-01-014", "6-30-05-01", MatchKind::kExactCode},  // 工种 code
      {"9-99-99-99", "", MatchKind::kExactCode},
      {"4-03-02", "4-03-02-01", MatchKind::kCodePrefix},
      // names
      {"中式烹调师", "4-03-02-01", MatchKind::kExactName},
      {"中式烹饪师", "4-03-02-01", MatchKind::kFuzzy},  // near miss
      {"中式 烹调师", "4-03-02-01", MatchKind::kExactName},
      {"砌筑工", "6-29-01-01", MatchKind::kExactName},
      {"烹调", "", MatchKind::kContains},  // any contains-match; checked below
      {"", "", MatchKind::kExactName},
  };
  const Catalogue& c = testing::RealCatalogue();
  for (const Case& k : cases) {
    SCOPED_TRACE(k.query);
    std::vector<CatalogueMatch> m = c.Lookup(k.query, 5);
    if (std::string(k.query) == "烹调") {
      ASSERT_FALSE(m.empty());
      EXPECT_EQ(m[0].kind, MatchKind::kContains);
      continue;
    }
    if (*k.want_first_code == '\0') {
      EXPECT_TRUE(m.empty());
      continue;
    }
    ASSERT_FALSE(m.empty());
    EXPECT_EQ(m[0].occupation->code, k.want_first_code);
    EXPECT_EQ(m[0].kind, k.kind);
  }
}

TEST(CatalogueLookupTest, StandardsNewestFirstViaCode2022) {
  const Catalogue& c = testing::RealCatalogue();
  std::vector<const CatalogueStandard*> s = c.StandardsFor("4-03-02-01");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0]->edition_year, 2025);
  EXPECT_EQ(s[0]->work_type, "药膳制作师");
  EXPECT_EQ(s[2]->edition_year, 2018);
  // A pre-2022 code is found through code_2022: 网约配送员 4-02-07-10 -> 4-10-08-01.
  std::vector<const CatalogueStandard*> w = c.StandardsFor("4-10-08-01");
  ASSERT_FALSE(w.empty());
  EXPECT_EQ(w.back()->published_code, "4-02-07-10");
}

}  // namespace
}  // namespace pipeline::crosscheck
