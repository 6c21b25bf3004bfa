// The xlsx reader on workbooks as other programs write them: inline strings, rich text in shared
// strings, cells out of order and without references, namespace prefixes, formulas without a
// cached value; and on things that are not workbooks.
#include "pipeline/evaluation/xlsx_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/evaluation/evaluation_testing.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_paths.h"

namespace pipeline::evaluation {
namespace {

using test_util::Python;
using test_util::Slurp;

TEST(XlsxReaderTest, CellNamesRoundTrip) {
  const std::pair<std::pair<int, int>, const char*> cases[] = {
      {{7, 8}, "H7"}, {{1, 1}, "A1"}, {{12, 26}, "Z12"}, {{3, 27}, "AA3"}, {{100, 52}, "AZ100"}};
  for (const auto& [at, name] : cases) {
    EXPECT_EQ(CellName(at.first, at.second), name);
    EXPECT_EQ(ParseCellName(name), at);
  }
  EXPECT_EQ(ParseCellName("$H$7"), std::make_pair(7, 8));
  EXPECT_EQ(ParseCellName("h7"), std::nullopt);
  EXPECT_EQ(ParseCellName("H"), std::nullopt);
  EXPECT_EQ(ParseCellName("7"), std::nullopt);
  EXPECT_EQ(ParseCellName("H0"), std::nullopt);
}

// A workbook written by hand as unusual writers do (see the script below).
TEST(XlsxReaderTest, ReadsInlineRichOutOfOrderAndPrefixedCells) {
  const std::string dir = testing::MakeTempDir();
  const std::string file = dir + "/奇特.xlsx";
  const std::string script = R"PY(
import sys, zipfile
ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
z = zipfile.ZipFile(sys.argv[1], 'w')
z.writestr('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
z.writestr('_rels/.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="book/wb.xml"/></Relationships>')
z.writestr('book/wb.xml', '<x:workbook %s><x:sheets><x:sheet name="表一" sheetId="1" r:id="s1"/></x:sheets><x:definedNames><x:definedName name="beian_case">"C2026-0007"</x:definedName><x:definedName name="local" localSheetId="0">1</x:definedName></x:definedNames></x:workbook>' % ns)
z.writestr('book/_rels/wb.xml.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="s1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/book/sheets/one.xml"/><Relationship Id="ss" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/></Relationships>')
z.writestr('book/strings.xml', '<x:sst %s><x:si><x:r><x:t>富</x:t></x:r><x:r><x:t>文本</x:t></x:r><x:rPh><x:t>ふ</x:t></x:rPh></x:si><x:si><x:t>共享</x:t></x:si></x:sst>' % ns)
z.writestr('book/sheets/one.xml', '<x:worksheet %s><x:sheetData>'
  '<x:row r="3"><x:c r="B3" t="s"><x:v>1</x:v></x:c><x:c r="A3" t="inlineStr"><x:is><x:t>内联</x:t></x:is></x:c></x:row>'
  '<x:row r="1"><x:c t="s"><x:v>0</x:v></x:c><x:c><x:v>7.5</x:v></x:c><x:c t="str"><x:f>A1</x:f><x:v>文字</x:v></x:c><x:c><x:f>SUM(B1)</x:f></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c t="e"><x:v>#DIV/0!</x:v></x:c></x:row>'
  '</x:sheetData></x:worksheet>' % ns)
z.close()
)PY";
  const std::string py = dir + "/make.py";
  std::ofstream(py) << script;
  std::string out;
  ASSERT_EQ(testing::RunCommand(Python() + " '" + py + "' '" + file + "'", &out, true), 0) << out;
  Result<XlsxWorkbook> wb = ReadXlsx(Slurp(file));
  ASSERT_OK(wb);
  ASSERT_EQ(wb->sheets.size(), 1u);
  const XlsxSheet& s = wb->sheets[0];
  EXPECT_EQ(s.name, "表一");
  EXPECT_EQ(s.At(1, 1).text, "富文本");  // rich runs joined, phonetic run left out
  EXPECT_EQ(s.At(1, 2).type, XlsxCell::Type::kNumber);
  EXPECT_DOUBLE_EQ(s.At(1, 2).number, 7.5);
  EXPECT_EQ(s.At(1, 3).text, "文字");
  EXPECT_TRUE(s.At(1, 3).formula);
  EXPECT_TRUE(s.At(1, 4).formula);  // no cached value
  EXPECT_EQ(s.At(1, 4).type, XlsxCell::Type::kEmpty);
  EXPECT_EQ(s.At(1, 5).type, XlsxCell::Type::kBool);
  EXPECT_EQ(s.At(1, 6).type, XlsxCell::Type::kError);
  EXPECT_EQ(s.At(3, 1).text, "内联");
  EXPECT_EQ(s.At(3, 2).text, "共享");
  EXPECT_EQ(s.At(9, 9).type, XlsxCell::Type::kEmpty);
  EXPECT_EQ(wb->defined_names.at("beian_case"), "\"C2026-0007\"");
  EXPECT_EQ(wb->defined_names.count("local"), 0u);  // sheet-local names are not global
}

TEST(XlsxReaderTest, NotAWorkbookIsAnError) {
  EXPECT_FALSE(ReadXlsx("").ok());
  EXPECT_FALSE(ReadXlsx("%PDF-1.7 not a zip").ok());
  // A docx is a zip but has no workbook part.
  Result<XlsxWorkbook> docx =
      ReadXlsx(Slurp(testing::RepoRoot() + "/tests/ingest/testdata/forms/标准申请表.docx"));
  ASSERT_FALSE(docx.ok());
  EXPECT_NE(docx.error().message().find("workbook"), std::string::npos) << docx.error().ToString();
}

}  // namespace
}  // namespace pipeline::evaluation
