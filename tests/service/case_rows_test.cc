// CaseRows (OUT/.beian-rows): a case's latest row counts, a line torn by a crash is ignored and
// does not spoil the next, and the file is rewritten compactly once most of it is old.
#include "pipeline/service/case_rows.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "pipeline/report/run_spool.h"
#include "tests/service/service_testing.h"
#include "tests/testing/test_paths.h"

namespace pipeline::service {
namespace {

std::string Record(const std::string& text) {
  report::SpoolRecord r;
  r.table = {text};
  r.run.summary = "{\"case\": \"" + text + "\"}";
  r.run.html = "<tr><td>" + text + "</td></tr>\n";
  return report::SpoolLine(r);
}

std::vector<std::string> Gathered(const CaseRows& rows, const std::vector<std::string>& ids) {
  std::vector<std::string> out;
  Status s = rows.Gather(ids, [&](const std::string& line) {
    report::SpoolRecord r;
    EXPECT_TRUE(report::ParseSpoolLine(line, &r)) << line;
    out.push_back(r.table.empty() ? "" : r.table[0]);
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out;
}

TEST(CaseRowsTest, TheLatestRowOfEachCaseInTheOrderAsked) {
  const std::string out = testing::MakeTempDir();
  CaseRows rows(out);
  ASSERT_TRUE(rows.Keep("JL-a", Record("a1")).ok());
  ASSERT_TRUE(rows.Keep("JL-b", Record("b1")).ok());
  ASSERT_TRUE(rows.Keep("JL-a", Record("a2")).ok());
  EXPECT_EQ(Gathered(rows, {"JL-b", "JL-a", "JL-none"}), (std::vector<std::string>{"b1", "a2"}));
  EXPECT_EQ(Gathered(rows, {"JL-a"}), (std::vector<std::string>{"a2"}));
}

TEST(CaseRowsTest, ALineTornByACrashIsIgnoredAndTheNextStartsItsOwnLine) {
  const std::string out = testing::MakeTempDir();
  CaseRows rows(out);
  ASSERT_TRUE(rows.Keep("JL-a", Record("a1")).ok());
  const std::string torn = Record("b1");
  {
    std::ofstream f(out + "/" + kRowsFileName, std::ios::app | std::ios::binary);
    f << "JL-b\t" << torn.substr(0, torn.size() / 2);
  }
  EXPECT_EQ(Gathered(rows, {"JL-a", "JL-b"}), (std::vector<std::string>{"a1"}));
  ASSERT_TRUE(rows.Keep("JL-c", Record("c1")).ok());
  EXPECT_EQ(Gathered(rows, {"JL-a", "JL-b", "JL-c"}), (std::vector<std::string>{"a1", "c1"}));
}

TEST(CaseRowsTest, MostlyOldLinesAreRewrittenCompactly) {
  const std::string out = testing::MakeTempDir();
  CaseRows rows(out);
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(rows.Keep("JL-a", Record(std::to_string(i))).ok());
  ASSERT_TRUE(rows.Keep("JL-b", Record("b")).ok());
  EXPECT_EQ(Gathered(rows, {"JL-a", "JL-b"}), (std::vector<std::string>{"99", "b"}));
  const std::string text = test_util::Slurp(out + "/" + kRowsFileName);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2);
  EXPECT_EQ(Gathered(rows, {"JL-a", "JL-b"}), (std::vector<std::string>{"99", "b"}));
}

TEST(CaseRowsTest, RunOverTheSameOutputDayAfterDayDoesNotGrowTheFileWithoutEnd) {
  const std::string out = testing::MakeTempDir();
  CaseRows rows(out);
  const std::string record = Record(std::string(1000, 'x'));
  for (int day = 0; day < 50; ++day) ASSERT_TRUE(rows.Keep("JL-a", record).ok());
  const std::string path = out + "/" + kRowsFileName;
  ASSERT_TRUE(rows.CompactIfLarge({"JL-a"}, record.size() * 40).ok());
  EXPECT_EQ(test_util::Slurp(path).size(), 50 * (record.size() + 5)) << "not large yet";
  ASSERT_TRUE(rows.CompactIfLarge({"JL-a"}, record.size()).ok());
  EXPECT_EQ(test_util::Slurp(path), "JL-a\t" + record);
}

}  // namespace
}  // namespace pipeline::service
