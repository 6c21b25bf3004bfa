// LoadCreditList over real CSV and XLSX files (tests/crosscheck/testdata, made by
// make_credit_lists.py), and its errors, each naming the file and the row.
#include "pipeline/crosscheck/credit_list.h"

#include <gtest/gtest.h>

#include <fstream>
#include <optional>
#include <string>

#include "pipeline/ingest/xlsx_reader.h"
#include "tests/crosscheck/crosscheck_testing.h"
#include "tests/testing/test_paths.h"

namespace pipeline::crosscheck {
namespace {

std::string Fixture(const std::string& name) {
  return pipeline::testing::RepoRoot() + "/tests/crosscheck/testdata/" + name;
}

Result<CreditList> Load(const std::string& path) {
  RealFileSystem fs;
  return LoadCreditList(fs, path, testing::RealRules().credit_list_columns());
}

TEST(CreditListTest, ReadsCsv) {
  Result<CreditList> l = Load(Fixture("信用名单.csv"));
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  ASSERT_EQ(l->entries().size(), 2u);
  EXPECT_EQ(l->entries()[0].uscc, "52220102MJ0A1B2C32");
  EXPECT_EQ(l->entries()[0].line, 2);
  EXPECT_EQ(l->entries()[1].name, "吉林市示例评价中心");
  const CreditListEntry* hit = l->Match("52220102mj0a1b2c32", "", "");
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->source, "吉林省人社厅终止备案机构名单");
  EXPECT_NE(l->Match("", "吉林市示例评价中心", "王五"), nullptr);
  EXPECT_EQ(l->Match("", "吉林市示例评价中心", "王六"), nullptr);
  EXPECT_EQ(l->entries()[0].date, "2026-03-01");
  EXPECT_EQ(l->entries()[0].date_text, "2026年3月1日");
  EXPECT_EQ(l->Sources(),
            "吉林省人社厅终止备案机构名单（2026年3月1日）、信用中国（吉林）（2026年5月20日）");
}

TEST(CreditListTest, ReadsXlsx) {
  Result<CreditList> l = Load(Fixture("信用名单.xlsx"));
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  ASSERT_EQ(l->entries().size(), 2u);
  const CreditListEntry& a = l->entries()[0];
  EXPECT_EQ(a.uscc, "");
  EXPECT_EQ(a.name, "长春市鼎新职业技能培训学校");
  EXPECT_EQ(a.legal_representative, "李某某");
  EXPECT_EQ(a.source, "信用中国（吉林）");  // shared string in rich-text runs
  EXPECT_EQ(a.date, "2026-04-15");          // Excel date serial 46127
  const CreditListEntry& b = l->entries()[1];
  EXPECT_EQ(b.line, 4);                         // row 3 is empty
  EXPECT_EQ(b.name, "长春市示例培训有限公司");  // inline string
  EXPECT_EQ(b.uscc, "91220101MA0000000X");
  // Name alone is no match: the legal representative must agree too.
  EXPECT_EQ(l->Match("52220102MJ0A1B2C32", "长春市鼎新职业技能培训学校", "陈志刚"), nullptr);
  EXPECT_EQ(l->Sources(), "信用中国（吉林）（2026年4月15日）");
}

TEST(CreditListTest, AListWithoutTheKindColumnIsReadAsSerious) {
  Result<CreditList> l = Load(Fixture("信用名单.csv"));
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  EXPECT_FALSE(l->typed());
  for (const CreditListEntry& e : l->entries()) EXPECT_EQ(e.kind, CreditListEntry::Kind::kSerious);
}

TEST(CreditListTest, ReadsTheKindOfEachRow) {
  Result<CreditList> l = Load(Fixture("信用名单（分类）.csv"));
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  EXPECT_TRUE(l->typed());
  ASSERT_EQ(l->entries().size(), 2u);
  EXPECT_EQ(l->entries()[0].kind, CreditListEntry::Kind::kSerious);
  EXPECT_EQ(l->entries()[1].kind, CreditListEntry::Kind::kTerminated);
  const CreditListEntry* hit = l->Match("52220102MJ0A1B2C32", "", "");
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->kind, CreditListEntry::Kind::kTerminated);
}

// An institution on both lists is matched by its serious record, whichever row comes first and
// whether it is found by code or by name and legal representative.
TEST(CreditListTest, ASeriousRecordOutweighsAnEndedFiling) {
  const std::vector<int> lines = {1, 2, 3};
  const std::vector<std::vector<std::string>> rows = {
      {"类别", "统一社会信用代码", "名称", "法定代表人", "来源", "日期"},
      {"终止备案", "X1", "甲学校", "张三", "终止名单", "2026-01-01"},
      {"严重失信", "", "甲学校", "张三", "失信名单", "2026-02-01"},
  };
  Result<CreditList> l =
      CreditList::FromRows(rows, lines, testing::RealRules().credit_list_columns(), "k.csv");
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  const CreditListEntry* hit = l->Match("x1", "甲学校", "张三");
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->source, "失信名单");
  hit = l->Match("x1", "", "");
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->source, "终止名单");
}

TEST(CreditListTest, ErrorsNameFileAndRow) {
  struct Case {
    const char* file;
    const char* text;
    int line;
    const char* message_part;
  } cases[] = {
      {"a.csv", "名称,法定代表人,来源,日期\n甲,乙,丙,2026-01-01\n", 1, "统一社会信用代码"},
      {"b.csv", "统一社会信用代码,名称,法定代表人,来源,日期\n,,乙,丙,2026-01-01\n", 2, "neither"},
      {"c.csv", "统一社会信用代码,名称,法定代表人,来源,日期\nX,甲,乙,,2026-01-01\n", 2, "来源"},
      {"h.csv", "统一社会信用代码,名称,法定代表人,来源,日期\n", 1, "no entries"},
      {"d.csv", "统一社会信用代码,名称,法定代表人,来源,日期\n\"X,甲\n", 2, "never closed"},
      {"e.csv", "\xB2\xE2\xCA\xD4,a\n", 0, "UTF-8"},  // GBK bytes
      {"f.xlsx", "not a zip", 0, "xlsx"},
      {"g.txt", "x", 0, ".csv or .xlsx"},
      {"i.csv", "类别,统一社会信用代码,名称,法定代表人,来源,日期\n失信,X,甲,乙,丙,2026-01-01\n", 2,
       "终止备案"},
  };
  const std::string dir = pipeline::testing::MakeTempDir();
  for (const Case& c : cases) {
    SCOPED_TRACE(c.file);
    const std::string path = dir + "/" + c.file;
    std::ofstream(path, std::ios::binary) << c.text;
    Result<CreditList> l = Load(path);
    ASSERT_FALSE(l.ok());
    EXPECT_NE(l.error().ToString().find(c.file), std::string::npos) << l.error().ToString();
    EXPECT_EQ(l.error().line(), c.line);
    EXPECT_NE(l.error().message().find(c.message_part), std::string::npos) << l.error().ToString();
  }
}

}  // namespace
}  // namespace pipeline::crosscheck

namespace pipeline::ingest {
namespace {

TEST(XlsxReaderTest, ExcelSerialDates) {
  struct Case {
    const char* text;
    std::optional<std::string> want;
  } cases[] = {
      {"45292", "2024-01-01"}, {"46127", "2026-04-15"},   {"61", "1900-03-01"},
      {"0", std::nullopt},     {"45292.5", std::nullopt}, {"2026-04-15", std::nullopt},
      {"", std::nullopt},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(ExcelSerialToIsoDate(c.text), c.want);
  }
}

}  // namespace
}  // namespace pipeline::ingest
