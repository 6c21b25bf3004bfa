#include "pipeline/core/csv.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pipeline {
namespace {

TEST(CsvTest, Parses) {
  struct Case {
    const char* name;
    std::string text;
    std::vector<std::vector<std::string>> want;
    std::vector<int> lines;
  } cases[] = {
      {"plain LF", "a,b\nc,d\n", {{"a", "b"}, {"c", "d"}}, {1, 2}},
      {"CRLF, no final newline", "a,b\r\nc,d", {{"a", "b"}, {"c", "d"}}, {1, 2}},
      {"BOM", "\xEF\xBB\xBF名称,日期\n", {{"名称", "日期"}}, {1}},
      {"quotes", "\"a,1\",\"say \"\"hi\"\"\"\n", {{"a,1", "say \"hi\""}}, {1}},
      {"line break in quotes", "\"a\nb\",c\nd,e\n", {{"a\nb", "c"}, {"d", "e"}}, {1, 3}},
      {"blank lines skipped", "a\n\n\nb\n", {{"a"}, {"b"}}, {1, 4}},
      {"empty fields", ",,\n", {{"", "", ""}}, {1}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Result<std::vector<CsvRow>> r = ParseCsv(c.text, "t.csv");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->size(), c.want.size());
    for (std::size_t i = 0; i < r->size(); ++i) {
      EXPECT_EQ((*r)[i].fields, c.want[i]);
      EXPECT_EQ((*r)[i].line, c.lines[i]);
    }
  }
}

TEST(CsvTest, ErrorsNameFileAndLine) {
  Result<std::vector<CsvRow>> open = ParseCsv("a\n\"b,c\nd\n", "t.csv");
  ASSERT_FALSE(open.ok());
  EXPECT_EQ(open.error().file(), "t.csv");
  EXPECT_EQ(open.error().line(), 2);
  Result<std::vector<CsvRow>> after = ParseCsv("\"a\"b,c\n", "t.csv");
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().line(), 1);
}

}  // namespace
}  // namespace pipeline
