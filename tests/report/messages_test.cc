#include "pipeline/report/messages.h"

#include <gtest/gtest.h>

#include "pipeline/core/file_system.h"
#include "pipeline/model/dossier.h"
#include "tests/testing/fake_file_system.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_paths.h"

namespace pipeline::report {
namespace {

TEST(MessageCatalogTest, FormatsNamedPlaceholders) {
  testing::FakeFileSystem fs;
  fs.AddFile("m.tsv", "# comment\nmissing\t缺少{material}（{article}）\n\nplain\t无参数\n");
  Result<MessageCatalog> cat = MessageCatalog::Load(fs, "m.tsv");
  ASSERT_OK(cat);
  EXPECT_EQ(cat->Format("missing", {{"material", "营业执照"}, {"article", "第六条（一）"}}),
            "缺少营业执照（第六条（一））");
  EXPECT_EQ(cat->Format("plain"), "无参数");
  EXPECT_EQ(cat->Format("absent"), "[absent]");
}

// Issue 7: official wording never shows ISO dates, empty quotes or "; " lists.
TEST(MessageCatalogTest, PlaceholderFiltersWordDatesValuesAndLists) {
  testing::FakeFileSystem fs;
  fs.AddFile("m.tsv",
             "late\t{filed|date}晚于{until|date}\nvalue\t填报为{value|q}\nfiles\t（{files|list}）\n"
             "format.date\t{year}年{month}月{day}日\nformat.empty\t空白\n"
             "format.open_quote\t“\nformat.close_quote\t”\nformat.list_separator\t、\n");
  Result<MessageCatalog> cat = MessageCatalog::Load(fs, "m.tsv");
  ASSERT_OK(cat);
  EXPECT_EQ(cat->Format("late", {{"filed", "2025-12-20"}, {"until", "2026-01-05"}}),
            "2025年12月20日晚于2026年1月5日");
  EXPECT_EQ(cat->Format("late", {{"filed", "不详"}, {"until", ""}}), "不详晚于");
  EXPECT_EQ(cat->Format("value", {{"value", "无"}}), "填报为“无”");
  EXPECT_EQ(cat->Format("value", {{"value", ""}}), "填报为空白");
  EXPECT_EQ(cat->Format("files", {{"files", "申请表.docx; 申请表.xml"}}),
            "（申请表.docx、申请表.xml）");
}

TEST(MessageCatalogTest, BrokenLinesNameFileAndLine) {
  struct Case {
    const char* data;
    const char* want;
  } cases[] = {
      {"a\tx\nno tab here\n", "m.tsv:2: expected key<TAB>text"},
      {"a\tx\na\ty\n", "m.tsv:2: duplicate message key \"a\""},
      {"\tx\n", "m.tsv:1: empty message key"},
      {"a\t\xc9\xea\n", "m.tsv:1: invalid UTF-8"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.data);
    testing::FakeFileSystem fs;
    fs.AddFile("m.tsv", c.data);
    Result<MessageCatalog> cat = MessageCatalog::Load(fs, "m.tsv");
    ASSERT_FALSE(cat);
    EXPECT_EQ(cat.error().ToString(), c.want);
  }
}

TEST(MessageCatalogTest, ShippedCatalogueLoads) {
  RealFileSystem fs;
  EXPECT_OK(MessageCatalog::Load(fs, testing::RepoRoot() + "/templates/messages.zh-CN.tsv"));
}

}  // namespace
}  // namespace pipeline::report

namespace pipeline::report {
namespace {

TEST(MessageCatalogTest, CodeArgumentsAreWordedFromTheCatalogue) {
  testing::FakeFileSystem fs;
  fs.AddFile("m.tsv",
             "m\t材料{material}：{material_status}\narg.material_status.missing\t未提交\n");
  Result<MessageCatalog> cat = MessageCatalog::Load(fs, "m.tsv");
  ASSERT_OK(cat);
  EXPECT_EQ(cat->Format("m", {{"material", "M-COM-05"}, {"material_status", "missing"}}),
            "材料M-COM-05：未提交");
  // A value without wording is printed as given.
  EXPECT_EQ(cat->Format("m", {{"material", "x"}, {"material_status", "odd"}}), "材料x：odd");
}

}  // namespace
}  // namespace pipeline::report

namespace pipeline::report {
namespace {

// A value the applicant did not fill never leaves a hole in a message.
TEST(MessageCatalogTest, EmptyValuesAreWordedAsNotFilled) {
  testing::FakeFileSystem fs;
  fs.AddFile("m.tsv",
             "m\t职业编码“{code}”（{name}）；建议：{suggestions}\narg.empty\t未填写\n"
             "arg.suggestions.\t无相近职业\n");
  Result<MessageCatalog> cat = MessageCatalog::Load(fs, "m.tsv");
  ASSERT_OK(cat);
  EXPECT_EQ(cat->Format("m", {{"code", ""}, {"name", "x"}, {"suggestions", ""}}),
            "职业编码“未填写”（x）；建议：无相近职业");
}

// The shipped catalogue words the occupation and bad-record messages without holes.
TEST(MessageCatalogTest, ShippedMessagesHaveNoEmptyHoles) {
  RealFileSystem fs;
  Result<MessageCatalog> cat =
      MessageCatalog::Load(fs, testing::RepoRoot() + "/templates/messages.zh-CN.tsv");
  ASSERT_OK(cat);
  std::string unknown =
      cat->Format("crosscheck.occupation_unknown_code",
                  {{"seq", "1"}, {"code", ""}, {"name", ""}, {"suggestions", ""}});
  EXPECT_EQ(unknown.find("“”"), std::string::npos) << unknown;
  EXPECT_EQ(unknown.find("（）"), std::string::npos) << unknown;
  EXPECT_EQ(unknown.find("建议：；"), std::string::npos) << unknown;
  EXPECT_NE(unknown.substr(unknown.size() - 3), "：") << unknown;
  std::string record = cat->Format("crosscheck.no_bad_record", {{"institution", ""},
                                                                {"credit_code", ""},
                                                                {"legal_representative", ""},
                                                                {"material", "x"},
                                                                {"material_status", "present"}});
  EXPECT_EQ(record.find("（）"), std::string::npos) << record;
  EXPECT_EQ(record.find("查询（"), std::string::npos) << record;
}

}  // namespace
}  // namespace pipeline::report

namespace pipeline::report {
namespace {

// Issue 22: a message names a file's kind as a clerk reads it (`JPG/JPEG图片`, `PDF文件`), from
// the catalogue's arg.format.* lines, never as the code's enum name (`jpeg格式`).
TEST(MessageCatalogTest, ShippedCatalogueWordsEveryFileFormat) {
  RealFileSystem fs;
  Result<MessageCatalog> cat =
      MessageCatalog::Load(fs, testing::RepoRoot() + "/templates/messages.zh-CN.tsv");
  ASSERT_OK(cat);
  const std::string other = cat->Format("arg.format.other");
  EXPECT_EQ(other.find("arg.format"), std::string::npos);
  for (int i = 0; i <= static_cast<int>(model::FileFormat::kPpt); ++i) {
    const auto f = static_cast<model::FileFormat>(i);
    const std::string name = model::FileFormatName(f);
    SCOPED_TRACE(name);
    const std::string worded = cat->Format("arg.format." + name);
    EXPECT_EQ(worded.find("arg.format"), std::string::npos) << "no catalogue line";
    if (f != model::FileFormat::kOther) {
      EXPECT_NE(worded, other);
    }
    for (const char* key : {"ingest.file_wrong_format", "completeness.material_format_not_accepted",
                            "correction.material.format_not_accepted.statement"}) {
      const std::string text =
          cat->Format(key, {{"file", "x"}, {"material", "m"}, {"format", name}, {"accepted", "a"}});
      EXPECT_NE(text.find(worded), std::string::npos) << key << ": " << text;
    }
  }
}

}  // namespace
}  // namespace pipeline::report
