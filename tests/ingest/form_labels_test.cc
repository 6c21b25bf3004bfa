#include "pipeline/ingest/form_labels.h"

#include <gtest/gtest.h>

#include "tests/ingest/ingest_test_util.h"
#include "tests/testing/fake_file_system.h"
#include "tests/testing/status_matchers.h"

namespace pipeline::ingest {
namespace {

using model::FormField;
using ::pipeline::ingest::testing::RealLabels;

TEST(FormLabelsTest, NormalizeLabelRemovesSpacesWidthAndColons) {
  struct Case {
    const char* in;
    const char* want;
  };
  const Case cases[] = {
      {"机构名称", "机构名称"},
      {"机 构 名 称", "机构名称"},
      {"机\u3000构\u3000名\u3000称：", "机构名称"},  // ideographic spaces, full-width colon
      {" 机构名称: ", "机构名称"},
      {"*法定代表人", "法定代表人"},
      {"职业（工种）名称", "职业(工种)名称"},  // full-width brackets become ASCII
      {"ＡＢＣ１２３", "ABC123"},
      {"\u200b联系人\ufeff", "联系人"},
      {"", ""},
      {"：", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.in);
    EXPECT_EQ(NormalizeLabel(c.in), c.want);
  }
}

TEST(FormLabelsTest, RealFileLoadsAndMapsEveryFieldName) {
  const FormLabels& labels = RealLabels();
  EXPECT_GT(labels.label_count(), 29u);
  // That every FormField has a label is checked by FormBlankTest against the blank form.
  EXPECT_EQ(labels.Lookup("机构名称"), FormField::kInstitutionName);
  EXPECT_EQ(labels.Lookup("单 位 名 称："), FormField::kInstitutionName);
  EXPECT_EQ(labels.Lookup("社会信用代码"), FormField::kUnifiedCreditCode);
  EXPECT_EQ(labels.Lookup("机构类型（用人单位/社会培训评价组织）"), FormField::kApplicantType);
  EXPECT_EQ(labels.Lookup("备案有效期至："), FormField::kFilingValidUntil);
  EXPECT_EQ(labels.Lookup("不存在的栏目"), std::nullopt);
  EXPECT_EQ(labels.Lookup(""), std::nullopt);
  EXPECT_EQ(labels.LookupOccupationColumn("职业（工种）名称"), OccupationColumn::kName);
  EXPECT_EQ(labels.LookupChangeColumn("变更后"), ChangeColumn::kAfter);
}

TEST(FormLabelsTest, FormFileNamesMatchByStemAndExtension) {
  const FormLabels& labels = RealLabels();
  EXPECT_TRUE(labels.IsFormFileName("申请表.docx"));
  EXPECT_TRUE(labels.IsFormFileName("申请表.XML"));
  EXPECT_TRUE(labels.IsFormFileName("申 请 表.docx"));
  EXPECT_FALSE(labels.IsFormFileName("申请表.pdf"));  // a signed scan is an attachment
  EXPECT_FALSE(labels.IsFormFileName("营业执照.docx"));
  EXPECT_FALSE(labels.IsFormFileName("申请表"));
}

struct BrokenCase {
  const char* name;
  const char* xml;
  int line;
  const char* message_part;
};

TEST(FormLabelsTest, BrokenFileFailsWithFileAndLine) {
  const BrokenCase cases[] = {
      {"unknown field",
       "<form-labels>\n<field name=\"institution_name\"><label>机构名称</label></field>\n"
       "<field name=\"no_such_field\">\n<label>x</label></field>\n</form-labels>\n",
       3, "unknown form field name \"no_such_field\""},
      {"malformed xml", "<form-labels>\n<field name=\"x\">\n</form-labels>\n", 3,
       "XML parse error"},
      {"empty label",
       "<form-labels>\n<field name=\"institution_name\">\n  <label> ： </label>\n</field>\n"
       "</form-labels>\n",
       3, "empty label"},
      {"label on two fields",
       "<form-labels>\n<field name=\"institution_name\"><label>名称</label></field>\n"
       "<field name=\"region\"><label>名 称</label></field>\n</form-labels>\n",
       3, "already mapped"},
      {"wrong root", "<?xml version=\"1.0\"?>\n<labels/>\n", 2, "root element"},
      {"unknown column",
       "<form-labels>\n<field name=\"region\"><label>地区</label></field>\n<occupation-table>\n"
       "<column name=\"grade\"><label>等级</label></column>\n</occupation-table>\n</form-labels>\n",
       4, "unknown occupation column"},
  };
  for (const BrokenCase& c : cases) {
    SCOPED_TRACE(c.name);
    pipeline::testing::FakeFileSystem fs;
    fs.AddFile("checklists/form_labels.xml", c.xml);
    Result<FormLabels> r = LoadFormLabels(fs, "checklists/form_labels.xml");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), StatusCode::kInvalidData);
    EXPECT_EQ(r.error().file(), "checklists/form_labels.xml");
    EXPECT_EQ(r.error().line(), c.line) << r.error().ToString();
    EXPECT_NE(r.error().message().find(c.message_part), std::string::npos) << r.error().ToString();
  }
}

TEST(FormLabelsTest, UnknownFieldErrorIsPinned) {
  pipeline::testing::FakeFileSystem fs;
  fs.AddFile("l.xml",
             "<form-labels>\n<field name=\"bogus\"><label>x</label></field>\n</form-labels>");
  Result<FormLabels> r = LoadFormLabels(fs, "l.xml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().ToString(), "l.xml:2: unknown form field name \"bogus\"");
}

TEST(FormLabelsTest, MissingFileIsNotFound) {
  pipeline::testing::FakeFileSystem fs;
  Result<FormLabels> r = LoadFormLabels(fs, "nope.xml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace pipeline::ingest
