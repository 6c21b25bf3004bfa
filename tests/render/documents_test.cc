// End-to-end tests of the two document templates (初评意见, 补正材料通知书) and the render
// command: text round trip, metadata, fonts, watermark, determinism, batch output, errors.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "pipeline/render/doc/document_renderer.h"
#include "pipeline/render/doc/render_command.h"
#include "tests/render/render_test_util.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_paths.h"

namespace pipeline::render {
namespace {

using testing::LoadTestData;
using testing::MakeRenderer;
using testing::RunTool;
using testing::StripSpaces;
using testing::WriteTemp;

std::string TemplatePath(const std::string& name) {
  return JoinPath(pipeline::testing::RepoRoot(), "templates/documents/" + name + ".xml");
}

TEST(DocumentsTest, CorrectionNoticeListsEveryMissingMaterialInOneNotice) {
  RealFileSystem fs;
  auto renderer = MakeRenderer(fs);
  ASSERT_NE(renderer, nullptr);
  Result<std::string> pdf =
      renderer->Render(TemplatePath("correction_notice"), LoadTestData("correction_notice.json"),
                       Date{2026, 11, 25});
  ASSERT_OK(pdf);
  std::string path = WriteTemp(*pdf);
  std::string text = StripSpaces(RunTool("pdftotext", "", path));
  for (const char* want :
       {"吉林市人力资源和社会保障局", "吉市人社补〔2026〕12号", "补正材料通知书",
        "吉林市松花湖餐饮管理有限公司：", "一次性告知如下", "一、需补正的材料",
        "1.营业执照（副本）的文件“营业执照.jpg”已损坏",
        "2.缺少职业技能等级认定机构备案申请表（第七条），请补充提交。",
        "3.材料中有多份申请表（申请表.docx、申请表.xml）", "二、申请表需填写或更正的事项",
        "1.申请表未填写“法定代表人”", "三、不予备案的职业（工种）", "1.心理咨询师：第2项",
        "四、补正要求", "请于2026年12月9日前将上述补正材料一次性提交至吉林市人力资源和社会保障局。",
        "2026年11月25日", "—1—"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << text;
  }
  // Places are for the worksheet only (issue 20).
  EXPECT_EQ(text.find("（见申请表"), std::string::npos);
  // Not attributed to the regulation, no invented legal consequence, no internal case id.
  EXPECT_EQ(text.find("视为撤回"), std::string::npos);
  EXPECT_EQ(text.find("有关规定"), std::string::npos);
  EXPECT_EQ(text.find("案卷编号"), std::string::npos);
  EXPECT_EQ(text.find(LoadTestData("correction_notice.json")["case_id"].get<std::string>()),
            std::string::npos);
  std::string info = RunTool("pdfinfo", "", path);
  EXPECT_NE(info.find("Author:          吉林市人力资源和社会保障局"), std::string::npos) << info;
  EXPECT_NE(info.find("Subject:         补正材料通知书"), std::string::npos) << info;
  EXPECT_NE(info.find("Title:           吉林市松花湖餐饮管理有限公司备案申请补正材料通知书"),
            std::string::npos)
      << info;
}

TEST(DocumentsTest, PreliminaryOpinionHasConditionsOccupationsAndDraftWatermark) {
  RealFileSystem fs;
  auto renderer = MakeRenderer(fs);
  ASSERT_NE(renderer, nullptr);
  nlohmann::json data = LoadTestData("preliminary_opinion.json");
  data["document"]["draft"] = false;  // text checks without the watermark interleaved
  Result<std::string> final_pdf =
      renderer->Render(TemplatePath("preliminary_opinion"), data, Date{2026, 11, 25});
  ASSERT_OK(final_pdf);
  std::string text = StripSpaces(RunTool("pdftotext", "", WriteTemp(*final_pdf)));
  EXPECT_EQ(text.find("草"), std::string::npos);
  data["document"]["draft"] = true;
  Result<std::string> pdf =
      renderer->Render(TemplatePath("preliminary_opinion"), data, Date{2026, 11, 25});
  ASSERT_OK(pdf);
  std::string path = WriteTemp(*pdf, "draft.pdf");
  for (const char* want :
       {"吉林省职业技能鉴定指导中心：", "（三）第六条（三）：具有专门工作部门和相应人员队伍",
        "初审情况：专家组核实后勾选：□符合□不符合",
        "初审情况：据申请表填报和已提交材料，未见不符合情形。",
        "一、申请单位基本情况（据申请表填报）", "经核对，申请单位提交了以下材料：", "序号",
        "职业编码", "6-18-02-04", "五级至三级", "未查到相应的国家职业技能标准",
        "技术评估专家组组长（签字）：", "技术评估专家组成员（签字）：", "技术评估专家组",
        "2026年11月25日", "上述由专家组核实勾选的事项均为“符合”的，建议进入现场技术评估环节"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << text;
  }
  EXPECT_EQ(text.find("待专家组核实"), std::string::npos);
  // The 草稿 watermark is drawn on every page.
  int pages = renderer->last_page_count();
  ASSERT_GE(pages, 2);
  for (int p = 1; p <= pages; ++p) {
    std::string page = StripSpaces(
        RunTool("pdftotext", "-f " + std::to_string(p) + " -l " + std::to_string(p), path));
    EXPECT_NE(page.find("草"), std::string::npos) << p;
    EXPECT_NE(page.find("稿"), std::string::npos) << p;
  }
  // The expert group's opinion (Art. 7(二)): no bureau 发文机关标志, no 发文字号, no claim of
  // having reviewed the materials' content.
  EXPECT_EQ(text.find("长春市人力资源和社会保障局"), std::string::npos) << text;
  EXPECT_EQ(text.find("专家组审核了"), std::string::npos) << text;
  std::string fonts = RunTool("pdffonts", "", path);
  EXPECT_NE(fonts.find("CID Type 0C"), std::string::npos) << fonts;
  EXPECT_NE(fonts.find("CID TrueType"), std::string::npos) << fonts;
}

TEST(DocumentsTest, RefusalNoticeGivesEachReasonAndTheExcludedOccupations) {
  RealFileSystem fs;
  auto renderer = MakeRenderer(fs);
  ASSERT_NE(renderer, nullptr);
  nlohmann::json data = LoadTestData("correction_notice.json");
  data["document"]["reasons"] = {{{"message", "申请单位不具有独立法人资格（第六条（一））"}}};
  Result<std::string> pdf =
      renderer->Render(TemplatePath("refusal_notice"), data, Date{2026, 11, 25});
  ASSERT_OK(pdf);
  std::string text = StripSpaces(RunTool("pdftotext", "", WriteTemp(*pdf)));
  for (const char* want :
       {"吉市人社补〔2026〕12号", "不予备案告知书", "吉林市松花湖餐饮管理有限公司：",
        "1.申请单位不具有独立法人资格（第六条（一））", "心理咨询师：第2项",
        "《吉林省职业技能等级认定机构评估备案办法》（吉人社规〔2025〕1号，以下简称《办法》）",
        "吉林市人力资源和社会保障局2026年11月25日"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << text;
  }
}

TEST(DocumentsTest, TemplatesTolerateMissingKeys) {
  RealFileSystem fs;
  auto renderer = MakeRenderer(fs);
  ASSERT_NE(renderer, nullptr);
  for (const char* name :
       {"preliminary_opinion", "correction_notice", "referral_notice", "transfer_letter",
        "refusal_notice", "renewal_opinion", "termination_notice", "worksheet"}) {
    SCOPED_TRACE(name);
    Result<std::string> pdf =
        renderer->Render(TemplatePath(name), nlohmann::json::object(), Date{2026, 1, 2});
    ASSERT_OK(pdf);
    std::string text = StripSpaces(RunTool("pdftotext", "", WriteTemp(*pdf)));
    EXPECT_NE(text.find("2026年1月2日"), std::string::npos) << text;
  }
}

TEST(DocumentsTest, SameDataAndDateGiveIdenticalBytesAcrossRenderers) {
  RealFileSystem fs;
  nlohmann::json data = LoadTestData("preliminary_opinion.json");
  auto a = MakeRenderer(fs);
  auto b = MakeRenderer(fs);
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  Result<std::string> first =
      a->Render(TemplatePath("preliminary_opinion"), data, Date{2026, 11, 25});
  Result<std::string> second =
      b->Render(TemplatePath("preliminary_opinion"), data, Date{2026, 11, 25});
  Result<std::string> other_day =
      a->Render(TemplatePath("preliminary_opinion"), data, Date{2026, 11, 26});
  ASSERT_OK(first);
  ASSERT_OK(second);
  ASSERT_OK(other_day);
  EXPECT_EQ(*first, *second);
  EXPECT_NE(*first, *other_day);
  EXPECT_NE(first->find("/CreationDate(D:20261125000000+08'00')"), std::string::npos);
}

// Drafts never fail on a character: one no font has is drawn as 〓 and reported.
TEST(DocumentsTest, CharacterInNoFontIsDrawnAsGetaAndNamed) {
  RealFileSystem fs;
  auto renderer = MakeRenderer(fs);
  ASSERT_NE(renderer, nullptr);
  nlohmann::json data = LoadTestData("correction_notice.json");
  data["institution"]["name"] = "甲\u0E01乙\uE000丙\uFFFD丁";  // Thai, private use, bad UTF-8
  Result<std::string> pdf =
      renderer->Render(TemplatePath("correction_notice"), data, Date{2026, 11, 25});
  ASSERT_OK(pdf);
  EXPECT_EQ(renderer->last_missing_characters(),
            (std::set<char32_t>{U'\u0E01', U'\uE000', U'\uFFFD'}));
  std::string text = StripSpaces(RunTool("pdftotext", "", WriteTemp(*pdf)));
  EXPECT_NE(text.find("甲〓乙〓丙〓丁"), std::string::npos) << text;
  // The next document starts afresh.
  ASSERT_OK(renderer->Render(TemplatePath("correction_notice"),
                             LoadTestData("correction_notice.json"), Date{2026, 11, 25}));
  EXPECT_TRUE(renderer->last_missing_characters().empty());
}

TEST(RenderCommandTest, BatchWritesNumberedDistinctDocuments) {
  RealFileSystem fs;
  std::string dir = pipeline::testing::MakeTempDir();
  RenderCommandOptions o;
  o.data_dir = pipeline::testing::RepoRoot();
  o.template_path = JoinPath(o.data_dir, "bench/opinion.xml");
  o.data_files = {JoinPath(o.data_dir, "bench/opinion-doc.json")};
  o.fonts_path = JoinPath(o.data_dir, "bench/fonts.xml");
  o.out = JoinPath(dir, "doc-{n}.pdf");
  o.batch = 3;
  o.date = Date{2024, 6, 18};
  ASSERT_OK(RunRenderCommand(fs, o));
  for (int n = 1; n <= 3; ++n) {
    std::string text = StripSpaces(
        RunTool("pdftotext", "-l 1", JoinPath(dir, "doc-" + std::to_string(n) + ".pdf")));
    EXPECT_NE(text.find("江人社评〔2024〕" + std::to_string(n) + "号"), std::string::npos) << text;
  }
  Result<std::string> bytes = static_cast<FileSystem&>(fs).ReadFile(JoinPath(dir, "doc-1.pdf"));
  ASSERT_OK(bytes);
  EXPECT_LT(bytes->size(), 93u * 1024u);
}

TEST(RenderCommandTest, SeveralDocumentsGoToAFolder) {
  RealFileSystem fs;
  RenderCommandOptions o;
  o.data_dir = pipeline::testing::RepoRoot();
  o.template_path = "correction_notice";
  o.data_files = {JoinPath(o.data_dir, "tests/render/testdata/correction_notice.json"),
                  JoinPath(o.data_dir, "tests/render/testdata/correction_notice.json")};
  o.out = pipeline::testing::MakeTempDir();
  o.date = Date{2026, 11, 25};
  ASSERT_OK(RunRenderCommand(fs, o));
  const FileSystem& read = fs;
  EXPECT_OK(read.Stat(JoinPath(o.out, "1.pdf")));
  EXPECT_OK(read.Stat(JoinPath(o.out, "2.pdf")));
}

TEST(RenderCommandTest, SeveralDocumentsNeedANumberedOutput) {
  RealFileSystem fs;
  RenderCommandOptions o;
  o.data_dir = pipeline::testing::RepoRoot();
  o.template_path = "correction_notice";
  o.data_files = {JoinPath(o.data_dir, "tests/render/testdata/correction_notice.json")};
  o.out = JoinPath(pipeline::testing::MakeTempDir(), "x.pdf");
  o.batch = 2;
  o.date = Date{2026, 11, 25};
  Status s = RunRenderCommand(fs, o);
  EXPECT_EQ(s.message(),
            "render: several documents need a folder or \"{n}\" in --out, not a .pdf file");
}

}  // namespace
}  // namespace pipeline::render
