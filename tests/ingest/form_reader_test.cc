#include "pipeline/ingest/form_reader.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "pipeline/core/file_system.h"
#include "tests/ingest/ingest_test_util.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_paths.h"

namespace pipeline::ingest {
namespace {

using model::FormData;
using model::FormField;
using ::pipeline::ingest::testing::ReadTestdata;
using ::pipeline::ingest::testing::RealLabels;

// The values tests/ingest/testdata/make_testdata.py writes into its forms.
const std::map<FormField, std::string>& WrittenFields() {
  static const std::map<FormField, std::string> fields = {
      {FormField::kInstitutionName, "吉林省长白山职业技能培训学校"},
      {FormField::kUnifiedCreditCode, "52220000MJ1234567X"},
      {FormField::kLegalRepresentative, "王建国"},
      {FormField::kLegalRepresentativeId, "220102198001011234"},
      {FormField::kApplicantType, "社会培训评价组织"},
      {FormField::kRegisteredAddress, "吉林省长春市朝阳区人民大街1000号"},
      {FormField::kAffiliation, "省属"},
      {FormField::kRegion, "长春市"},
      {FormField::kApplicationKind, "首次申请"},
      {FormField::kApplicationDate, "2025年6月1日"},
      {FormField::kContactPerson, "李娜"},
      {FormField::kContactPhone, "0431-88889999"},
      {FormField::kMainBusiness, "职业技能培训"},
      {FormField::kFeePublication, "已在官网公布"},
      {FormField::kFulltimeStaffCount, "12"},
      {FormField::kExpertCount, "5"},
      {FormField::kAssessorCount, "20"},
      {FormField::kSupervisorCount, "3"},
      {FormField::kExamSites, "长春市朝阳区人民大街1000号实训楼"},
      {FormField::kVideoSurveillance, "有"},
      {FormField::kQuestionBank, "自有题库"},
  };
  return fields;
}

std::string Value(const FormData& form, FormField f) {
  const model::FormCell* c = form.Find(f);
  return c == nullptr ? "<absent>" : c->value;
}

// word/document.xml around `body`.
std::string Doc(const std::string& body) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document "
         "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>" +
         body + "</w:body></w:document>";
}
std::string P(const std::string& text) { return "<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p>"; }
std::string Tc(const std::string& text, const std::string& pr = "") {
  return "<w:tc><w:tcPr>" + pr + "</w:tcPr>" + P(text) + "</w:tc>";
}
std::string Tr(const std::string& cells) { return "<w:tr>" + cells + "</w:tr>"; }
std::string Tbl(const std::string& rows) { return "<w:tbl>" + rows + "</w:tbl>"; }

FormData Parse(const std::string& body) {
  Result<FormData> r = ParseDocumentXml(Doc(body), "申请表.docx", RealLabels());
  EXPECT_OK(r);
  return r.ok() ? *r : FormData();
}

TEST(FormReaderTest, MergedRowWithTwoPairsYieldsBothFields) {
  FormData form = Parse(Tbl(Tr(Tc("联系人") + Tc("李娜") + Tc("联系电话") + Tc("0431-88889999"))));
  ASSERT_EQ(form.cells.size(), 2u);
  EXPECT_EQ(form.cells[0].field, FormField::kContactPerson);
  EXPECT_EQ(form.cells[0].value, "李娜");
  EXPECT_EQ(form.cells[0].where.file, "申请表.docx");
  EXPECT_EQ(form.cells[0].where.location, "T1R1C2");
  EXPECT_EQ(form.cells[1].field, FormField::kContactPhone);
  EXPECT_EQ(form.cells[1].value, "0431-88889999");
  EXPECT_EQ(form.cells[1].where.location, "T1R1C4");
}

TEST(FormReaderTest, SpacedFullWidthAndColonLabelsMatch) {
  FormData form =
      Parse(Tbl(Tr(Tc("机 构 名 称：") + Tc("某某学校")) +
                Tr(Tc("联\u3000系\u3000人:") + Tc("李娜")) + Tr(Tc("专家人数（人）") + Tc("５"))));
  EXPECT_EQ(Value(form, FormField::kInstitutionName), "某某学校");
  EXPECT_EQ(form.Find(FormField::kInstitutionName)->label, "机 构 名 称：");
  EXPECT_EQ(Value(form, FormField::kContactPerson), "李娜");
  EXPECT_EQ(Value(form, FormField::kExpertCount), "５");  // values are kept as written
  EXPECT_TRUE(form.unknown_labels.empty());
}

TEST(FormReaderTest, SynonymsMapToTheSameField) {
  FormData form = Parse(Tbl(Tr(Tc("单位名称") + Tc("甲")) + Tr(Tc("社会信用代码") + Tc("乙"))));
  EXPECT_EQ(Value(form, FormField::kInstitutionName), "甲");
  EXPECT_EQ(Value(form, FormField::kUnifiedCreditCode), "乙");
}

TEST(FormReaderTest, RunsSplitMidLabelAreJoined) {
  std::string label =
      "<w:tc><w:p><w:r><w:t>统一社</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>会信用</w:t></w:r>"
      "<w:proofErr w:type=\"spellStart\"/><w:r><w:t xml:space=\"preserve\">代码 </w:t></w:r></w:p>"
      "</w:tc>";
  std::string value =
      "<w:tc><w:p><w:r><w:t>9122</w:t></w:r><w:r><w:t>0101MA0000000X</w:t></w:r></w:p></w:tc>";
  FormData form = Parse(Tbl(Tr(label + value)));
  EXPECT_EQ(Value(form, FormField::kUnifiedCreditCode), "91220101MA0000000X");
}

TEST(FormReaderTest, ParagraphsInACellAreJoinedByNewline) {
  FormData form =
      Parse(Tbl(Tr(Tc("考试考核场地") + "<w:tc>" + P("一号楼") + P("二号楼") + "</w:tc>")));
  EXPECT_EQ(Value(form, FormField::kExamSites), "一号楼\n二号楼");
}

TEST(FormReaderTest, GridSpanValueCountsAsOneCell) {
  FormData form = Parse(Tbl(Tr(Tc("注册地址") + Tc("长春市", "<w:gridSpan w:val=\"3\"/>")) +
                            Tr(Tc("联系人") + Tc("李娜") + Tc("联系电话") + Tc("123"))));
  EXPECT_EQ(Value(form, FormField::kRegisteredAddress), "长春市");
  EXPECT_EQ(form.Find(FormField::kRegisteredAddress)->where.location, "T1R1C2");
  EXPECT_EQ(Value(form, FormField::kContactPhone), "123");
}

TEST(FormReaderTest, VerticallyMergedLabelCollectsValuesOfItsRows) {
  FormData form = Parse(Tbl(Tr(Tc("考试考核场地", "<w:vMerge w:val=\"restart\"/>") + Tc("一号楼")) +
                            Tr("<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>" + Tc("二号楼")) +
                            Tr(Tc("题库") + Tc("自有"))));
  ASSERT_EQ(form.cells.size(), 2u);
  EXPECT_EQ(Value(form, FormField::kExamSites), "一号楼\n二号楼");
  EXPECT_EQ(Value(form, FormField::kQuestionBank), "自有");
  EXPECT_TRUE(form.unknown_labels.empty());
}

TEST(FormReaderTest, InlineLabelAndValueInOneCellOrParagraph) {
  FormData form = Parse(Tbl(Tr(Tc("机构名称：某某学校", "<w:gridSpan w:val=\"2\"/>"))) +
                        P("申请日期：2025年6月1日") + P("说明：与表格无关"));
  EXPECT_EQ(Value(form, FormField::kInstitutionName), "某某学校");
  EXPECT_EQ(Value(form, FormField::kApplicationDate), "2025年6月1日");
  EXPECT_EQ(form.Find(FormField::kApplicationDate)->where.location, "P1");
  EXPECT_TRUE(form.unknown_labels.empty());
}

TEST(FormReaderTest, UnknownLabelsAreRecorded) {
  FormData form = Parse(Tbl(Tr(Tc("机构名称") + Tc("甲") + Tc("备注说明") + Tc("无"))));
  EXPECT_EQ(Value(form, FormField::kInstitutionName), "甲");
  ASSERT_EQ(form.unknown_labels.size(), 1u);
  EXPECT_EQ(form.unknown_labels[0], "备注说明");
}

TEST(FormReaderTest, ValueThatReadsLikeALabelStaysAValue) {
  FormData form = Parse(Tbl(Tr(Tc("变更事项") + Tc("机构名称"))));
  ASSERT_EQ(form.cells.size(), 1u);
  EXPECT_EQ(Value(form, FormField::kChangeItems), "机构名称");
}

TEST(FormReaderTest, OccupationAndChangeTablesFollowTheirHeaders) {
  FormData form =
      Parse(Tbl(Tr(Tc("机构名称") + Tc("甲"))) +
            Tbl(Tr(Tc("序号") + Tc("职业编码") + Tc("职业（工种）名称") + Tc("申报等级")) +
                Tr(Tc("1") + Tc("4-04-05-01") + Tc("计算机程序设计员") + Tc("三级")) +
                Tr(Tc("2") + Tc("") + Tc("") + Tc(""))) +
            Tbl(Tr(Tc("变更事项") + Tc("变更前") + Tc("变更后")) +
                Tr(Tc("机构名称") + Tc("旧") + Tc("新"))));
  ASSERT_EQ(form.occupations.size(), 1u);  // a numbered but empty row is skipped
  EXPECT_EQ(form.occupations[0].seq, "1");
  EXPECT_EQ(form.occupations[0].code, "4-04-05-01");
  EXPECT_EQ(form.occupations[0].name, "计算机程序设计员");
  EXPECT_EQ(form.occupations[0].levels, "三级");
  EXPECT_EQ(form.occupations[0].where.location, "T2R2");
  ASSERT_EQ(form.changes.size(), 1u);
  EXPECT_EQ(form.changes[0].item, "机构名称");
  EXPECT_EQ(form.changes[0].before, "旧");
  EXPECT_EQ(form.changes[0].after, "新");
  EXPECT_EQ(form.changes[0].where.location, "T3R2");
  ASSERT_EQ(form.cells.size(), 1u);  // the change row's 机构名称 is not a field
}

TEST(FormReaderTest, OneTableWithOccupationsThenLabelsAgain) {
  FormData form = Parse(Tbl(Tr(Tc("机构名称") + Tc("甲")) +
                            Tr(Tc("序号") + Tc("职业编码") + Tc("职业名称") + Tc("申报等级")) +
                            Tr(Tc("1") + Tc("4-04-05-01") + Tc("计算机程序设计员") + Tc("三级")) +
                            Tr(Tc("联系人") + Tc("李娜"))));
  EXPECT_EQ(form.occupations.size(), 1u);
  EXPECT_EQ(Value(form, FormField::kContactPerson), "李娜");
}

TEST(FormReaderTest, NestedTableIsReadWithItsOwnLocation) {
  std::string inner = Tbl(Tr(Tc("机构名称") + Tc("甲")));
  FormData form = Parse(Tbl(Tr("<w:tc>" + inner + "<w:p/></w:tc>")));
  EXPECT_EQ(Value(form, FormField::kInstitutionName), "甲");
  EXPECT_EQ(form.Find(FormField::kInstitutionName)->where.location, "T1R1C1/T1R1C2");
}

TEST(FormReaderTest, MalformedDocumentXmlFails) {
  Result<FormData> r = ParseDocumentXml("<w:document><w:body>", "申请表.docx", RealLabels());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), StatusCode::kInvalidData);
  EXPECT_EQ(r.error().file(), "申请表.docx");
}

TEST(FormReaderTest, NotAZipAndTruncatedDocxFail) {
  Limits limits;
  EXPECT_FALSE(ReadDocxForm("plain text", "申请表.docx", RealLabels(), limits).ok());
  std::string docx = ReadTestdata("forms/标准申请表.docx");
  Result<FormData> r =
      ReadDocxForm(docx.substr(0, docx.size() / 2), "申请表.docx", RealLabels(), limits);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("not a readable docx"), std::string::npos);
}

TEST(FormReaderTest, WrittenFormRoundTripsThroughTheParser) {
  Result<FormData> r =
      ReadDocxForm(ReadTestdata("forms/标准申请表.docx"), "申请表.docx", RealLabels(), Limits());
  ASSERT_OK(r);
  for (const auto& [field, value] : WrittenFields()) {
    SCOPED_TRACE(model::FormFieldName(field));
    EXPECT_EQ(Value(*r, field), value);
  }
  EXPECT_TRUE(r->unknown_labels.empty());
  EXPECT_EQ(r->source, model::FormSource::kDocx);
  EXPECT_EQ(r->Find(FormField::kInstitutionName)->where.location, "T1R1C2");
  ASSERT_EQ(r->occupations.size(), 2u);
  EXPECT_EQ(r->occupations[1].seq, "2");
  EXPECT_EQ(r->occupations[1].code, "4-10-01-01");
  EXPECT_EQ(r->occupations[1].name, "保育师");
  EXPECT_EQ(r->occupations[1].levels, "四级/中级工、三级/高级工");
  ASSERT_EQ(r->changes.size(), 1u);
  EXPECT_EQ(r->changes[0].after, "吉林省长白山职业技能培训学校");
}

TEST(FormReaderTest, VariantFormWithSynonymsSplitRunsAndNestingRoundTrips) {
  Result<FormData> r =
      ReadDocxForm(ReadTestdata("forms/变体申请表.docx"), "申请表.docx", RealLabels(), Limits());
  ASSERT_OK(r);
  for (const auto& [field, value] : WrittenFields()) {
    SCOPED_TRACE(model::FormFieldName(field));
    EXPECT_EQ(Value(*r, field), value);
  }
  EXPECT_EQ(r->Find(FormField::kInstitutionName)->where.location, "T1R1C1/T1R1C2");
  ASSERT_EQ(r->unknown_labels.size(), 1u);
  EXPECT_EQ(r->unknown_labels[0], "备注说明");
  EXPECT_EQ(r->occupations.size(), 2u);  // blank padding rows skipped
  EXPECT_TRUE(r->changes.empty());
}

TEST(FormBlankTest, EveryLabelOfTheBlankFormMapsToAField) {
  RealFileSystem fs;
  Result<std::string> bytes =
      fs.ReadFile(pipeline::testing::RepoRoot() + "/templates/forms/申请表（空白）.docx",
                  FileSystem::kDefaultMaxRead);
  ASSERT_OK(bytes);
  Result<FormData> r = ReadDocxForm(*bytes, "申请表（空白）.docx", RealLabels(), Limits());
  ASSERT_OK(r);
  EXPECT_TRUE(r->unknown_labels.empty()) << r->unknown_labels.front();
  std::set<FormField> seen;
  for (const model::FormCell& c : r->cells) {
    seen.insert(c.field);
    EXPECT_EQ(c.value, "") << c.label;
  }
  for (FormField f : model::AllFormFields()) {
    EXPECT_TRUE(seen.count(f) == 1) << "blank form has no label for " << model::FormFieldName(f);
  }
  EXPECT_EQ(r->cells.size(), model::AllFormFields().size());
  EXPECT_TRUE(r->occupations.empty());
  EXPECT_TRUE(r->changes.empty());
}

TEST(FormXmlReaderTest, ReadsFieldsOccupationsAndChanges) {
  Result<FormData> r = ReadXmlForm(ReadTestdata("forms/申请表.xml"), "申请表.xml");
  ASSERT_OK(r);
  EXPECT_EQ(r->source, model::FormSource::kXml);
  for (const auto& [field, value] : WrittenFields()) {
    SCOPED_TRACE(model::FormFieldName(field));
    EXPECT_EQ(Value(*r, field), value);
  }
  EXPECT_EQ(r->Find(FormField::kInstitutionName)->where.location, "/application/institution_name");
  ASSERT_EQ(r->occupations.size(), 2u);
  EXPECT_EQ(r->occupations[1].name, "保育师");
  EXPECT_EQ(r->occupations[1].where.location, "/application/occupations/occupation[2]");
  ASSERT_EQ(r->changes.size(), 1u);
  EXPECT_EQ(r->changes[0].where.location, "/application/changes/change[1]");
}

TEST(FormXmlReaderTest, UnknownElementIsRecordedNotAnError) {
  Result<FormData> r = ReadXmlForm(
      "<application><institution_name> 甲 </institution_name><fax>1</fax></application>", "a.xml");
  ASSERT_OK(r);
  EXPECT_EQ(Value(*r, FormField::kInstitutionName), "甲");
  ASSERT_EQ(r->unknown_labels.size(), 1u);
  EXPECT_EQ(r->unknown_labels[0], "fax");
}

TEST(FormXmlReaderTest, MalformedXmlAndWrongRootFail) {
  Result<FormData> bad = ReadXmlForm("<application><institution_name>", "申请表.xml");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().file(), "申请表.xml");
  EXPECT_NE(bad.error().message().find("malformed XML at offset"), std::string::npos);
  Result<FormData> root = ReadXmlForm("<form/>", "申请表.xml");
  ASSERT_FALSE(root.ok());
  EXPECT_EQ(root.error().ToString(),
            "申请表.xml: root element must be <application>, found <form>");
}

}  // namespace
}  // namespace pipeline::ingest
