// The technical evaluation round trip through the `beian` binary, with a real SQLite registry:
// scoresheet -> filled by other writers (openpyxl in the test; LibreOffice Calc, committed) ->
// evaluate -> summarize, every refusal and every problem of a filled sheet, and the PDFs' text.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "pipeline/registry/sqlite_storage.h"
#include "tests/evaluation/evaluation_testing.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_paths.h"

namespace pipeline::evaluation {
namespace {

using test_util::Quote;
using test_util::Slurp;
using test_util::XlsxTool;

namespace fs = std::filesystem;

// The kinds of the case's opinions in `status --json` (other drafts, such as the receipt
// `beian run` drafts, left out), oldest first.
std::vector<std::string> Kinds(const nlohmann::json& status) {
  std::vector<std::string> out;
  for (const auto& d : status["documents"]) {
    const std::string kind = d["kind"];
    if (kind == "technical_opinion" || kind == "comprehensive_opinion") out.push_back(kind);
  }
  return out;
}

const char* kSample = "S01-长春鼎新职业技能培训学校-首次申请";  // 3 occupations, social org

class EvaluationCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir();
    registry_ = dir_ + "/registry.sqlite";
    const std::string intake = dir_ + "/intake";
    fs::create_directories(intake);
    fs::copy(testing::RepoRoot() + "/samples/intake/" + kSample, intake + "/" + kSample,
             fs::copy_options::recursive);
    std::string out;
    ASSERT_EQ(Beian("run " + Quote(intake) + " --out " + Quote(dir_ + "/out") +
                        " --no-pdf --quiet --date 2026-11-25",
                    &out),
              0)  // S01 has a review finding only
        << out;
  }
  int Beian(const std::string& args, std::string* out = nullptr) {
    std::string text;
    int rc = testing::RunCommand(
        testing::BeianBinary() + " " + args + " --registry " + Quote(registry_) + " --user 王明",
        &text, /*merge_stderr=*/true);
    if (out) *out = text;
    return rc;
  }
  // Moves C2026-0001 to the technical stage.
  void ToTechnical() {
    std::string out;
    for (const char* stage : {"received", "preliminary"}) {
      ASSERT_EQ(Beian(std::string("decide C2026-0001 --stage ") + stage +
                          " --result pass --date 2026-11-26",
                      &out),
                0)
          << out;
    }
  }
  // Runs `evaluate` with the filled sheet and `args`, which must succeed; returns its output.
  std::string EvaluateOk(const std::string& filled, const std::string& args) {
    std::string out;
    EXPECT_EQ(Beian("evaluate C2026-0001 --scores " + Quote(filled) + " " + args, &out), 0) << out;
    return out;
  }
  std::string Sheet() {
    std::string out;
    EXPECT_EQ(
        Beian("scoresheet C2026-0001 --out " + Quote(dir_ + "/sheet") + " --date 2026-11-26", &out),
        0)
        << out;
    return dir_ + "/sheet/技术评估评分表.xlsx";
  }
  // Fills the sheet with openpyxl (tests/evaluation/xlsx_tool.py) and the given mutations.
  std::string Fill(const std::string& name, const std::string& mutations = "") {
    const std::string dst = dir_ + "/" + name + ".xlsx";
    std::string out;
    EXPECT_EQ(XlsxTool("fill " + Quote(Sheet()) + " " + Quote(dst) + " " + mutations, &out), 0)
        << out;
    return dst;
  }
  nlohmann::json Status() {
    std::string out;
    EXPECT_EQ(Beian("status C2026-0001 --json --date 2026-12-01", &out), 0) << out;
    return nlohmann::json::parse(out, nullptr, false);
  }
  std::string PdfText(const std::string& pdf) {
    std::string text;
    EXPECT_EQ(testing::RunCommand("pdftotext -layout " + Quote(pdf) + " -", &text), 0);
    std::string joined;  // without the line breaks and spaces of the layout
    for (char c : text) {
      if (c != '\n' && c != ' ') joined += c;
    }
    for (const std::string mark : {"草", "稿"}) {  // the draft watermark's characters
      for (std::size_t at = joined.find(mark); at != std::string::npos; at = joined.find(mark)) {
        joined.erase(at, mark.size());
      }
    }
    return joined;
  }
  // The rows of a query on the registry file.
  std::vector<registry::Row> Rows(const std::string& sql,
                                  const std::vector<registry::Value>& params = {}) {
    auto db = registry::SqliteStorage::Open(registry_);
    EXPECT_OK(db);
    if (!db) return {};
    auto rows = (*db)->Query(sql, params);
    EXPECT_OK(rows);
    return rows ? *rows : std::vector<registry::Row>{};
  }
  std::string dir_, registry_;
};

TEST_F(EvaluationCommandTest, ScoresheetIsRefusedOutsideTheTechnicalStage) {
  std::string out;
  EXPECT_EQ(Beian("scoresheet C2026-0001 --out " + Quote(dir_ + "/s"), &out), 2);
  EXPECT_NE(out.find("当前处于“已接收”阶段"), std::string::npos) << out;
  EXPECT_NE(out.find("beian decide C2026-0001 --stage received"), std::string::npos) << out;
  EXPECT_FALSE(fs::exists(dir_ + "/s"));
  EXPECT_EQ(Beian("scoresheet C2026-0099 --out " + Quote(dir_ + "/s"), &out), 2);
  EXPECT_NE(out.find("没有案件C2026-0099"), std::string::npos) << out;
}

TEST_F(EvaluationCommandTest, SheetHasItsLayoutProtectionValidationAndNames) {
  ToTechnical();
  const std::string sheet = Sheet();
  // Deterministic: the same case, standard and date give the same bytes.
  const std::string first = Slurp(sheet);
  Sheet();
  EXPECT_TRUE(first == Slurp(sheet));
  std::string out;
  ASSERT_EQ(XlsxTool("sheet " + Quote(sheet), &out), 0) << out;
  nlohmann::json j = nlohmann::json::parse(out);
  EXPECT_EQ(j["sheets"], nlohmann::json({"通用项目", "职业1", "职业2", "职业3"}));
  EXPECT_EQ(j["names"]["beian_case"], "\"C2026-0001\"");
  EXPECT_EQ(j["names"]["beian_standard"], "\"JL-TE-DEFAULT-2026.1\"");
  for (const auto& [name, s] : j["per_sheet"].items()) {
    SCOPED_TRACE(name);
    EXPECT_TRUE(s["protected"].get<bool>());
    EXPECT_EQ(s["paper"], 9);  // A4
    EXPECT_EQ(s["print_titles"], "$6:$6");
    EXPECT_EQ(s["c2"], "C2026-0001");
    EXPECT_EQ(s["header"][7], "得分");
    EXPECT_FALSE(s["score_locked"].get<bool>());
    EXPECT_FALSE(s["remark_locked"].get<bool>());
    EXPECT_TRUE(s["max_locked"].get<bool>());
    // One validation per score: decimal between 0 and the item's maximum.
    ASSERT_EQ(s["validations"].size(), s["items"].size());
    EXPECT_EQ(s["validations"][0]["type"], "decimal");
    EXPECT_EQ(s["validations"][0]["operator"], "between");
    EXPECT_EQ(s["validations"][0]["min"], "0");
    EXPECT_EQ(s["validations"][0]["ref"], "H7");
    ASSERT_EQ(s["validation_max"].size(), s["max"].size());
    for (std::size_t i = 0; i < s["max"].size(); ++i) {
      EXPECT_EQ(s["validation_max"][i], s["max"][i].dump());
    }
    EXPECT_FALSE(s["formulas"].empty());  // totals are formulas
  }
  const auto& common = j["per_sheet"]["通用项目"];
  EXPECT_EQ(common["items"].size(), 12u);  // a social organisation: no Art. 6(六) items
  EXPECT_EQ(common["input_locked"], nlohmann::json({false, false}));
  EXPECT_EQ(j["per_sheet"]["职业1"]["c4"], "4-03-02-01");
  EXPECT_EQ(j["per_sheet"]["职业1"]["items"].size(), 6u);
  bool total = false;
  for (const auto& f : common["formulas"]) {
    total = total || f.get<std::string>().find("ROUND((") != std::string::npos;
  }
  EXPECT_TRUE(total) << common["formulas"].dump();
}

TEST_F(EvaluationCommandTest, SheetFilledByOpenpyxlIsRecordedAndDrafted) {
  ToTechnical();
  const std::string filled = Fill("filled");
  std::string out =
      EvaluateOk(filled, "--result 合格 --note 专家组认为具备开展认定的条件。 --out " +
                             Quote(dir_ + "/docs") + " --date 2026-11-27");
  // max-1 for items over 4 points: common 60 - 9 = 51; each occupation 40 - 5 = 35; 86%.
  EXPECT_NE(out.find("综合得分（百分制）86分"), std::string::npos) << out;
  EXPECT_EQ(out.find("注意"), std::string::npos) << out;  // no disagreement
  // The next step is a command that works now (summarize), as after `decide`.
  EXPECT_NE(out.find("下一步：beian summarize C2026-0001"), std::string::npos) << out;
  nlohmann::json st = Status();
  EXPECT_EQ(st["stage"], "comprehensive");
  EXPECT_EQ(st["history"].back()["action"], "evaluate");
  EXPECT_EQ(st["history"].back()["result"], "pass");
  EXPECT_EQ(Kinds(st), (std::vector<std::string>{"technical_opinion"}));
  // Every score is in the registry.
  {
    auto db = registry::SqliteStorage::Open(registry_);
    ASSERT_OK(db);
    auto rows = (*db)->Query(
        "SELECT sheet, COUNT(*), SUM(score_tenths) FROM evaluation_scores GROUP BY sheet "
        "ORDER BY sheet");
    ASSERT_OK(rows);
    ASSERT_EQ(rows->size(), 4u);  // common + 3 occupations
    for (const auto& r : *rows) {
      const bool common = registry::AsText(r[0]) == "common";
      EXPECT_EQ(registry::AsInt(r[1]), common ? 12 : 6);
      EXPECT_EQ(registry::AsInt(r[2]), common ? 510 : 350);
    }
  }
  const std::string text = PdfText(dir_ + "/docs/技术评估意见.pdf");
  for (const char* want :
       {"技术评估意见", "第七条第（三）项", "2026年11月20日", "通用项目得分51分（满分60分）",
        "中式烹调师", "该职业（工种）得分35分（满分40分），折合百分制87.5分", "折合百分制86分",
        "各否决项得分均未低于评分表所列的分值", "专家组认为具备开展认定的条件。",
        "技术评估结论为：合格",
        // The project's reference draft says so, in one sentence (checklists/
        // evaluation_standard.xml <opinion-wording>; PdfText drops the watermark's 稿).
        "专家组使用依据《吉林省职业技能等级认定机构评估备案办法》第六条拟定的评分表（参考",
        "）逐项评分，该评分表不是该办法附件《吉林省职业技能等级认定机构备案技术评估标准》，",
        "其分值、合格线和否决项以该技术评估标准为准。", "评分表所列评估专家：王明、李华、赵敏",
        "技术评估专家组组长（签字）", "长春市鼎新职业技能培训学校：",
        "现对受评估单位出具技术评估意见如下。"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want;
  }
  for (const char* never : {"TE-ORG", "JL-TE-DEFAULT", "pass", "工作底稿", "否决分值",
                            "《职业技能等级认定机构备案技术评估评分标准", "评分标准（参考）》",
                            "报告如下", "长春市人力资源和社会保障局："}) {
    EXPECT_EQ(text.find(never), std::string::npos) << never;
  }
  // A second evaluation is refused by the registry's guard; nothing more is recorded.
  EXPECT_EQ(Beian("evaluate C2026-0001 --scores " + Quote(filled) + " --result 合格", &out), 2);
  EXPECT_NE(out.find("当前处于“综合汇总”阶段"), std::string::npos) << out;
  EXPECT_NE(out.find("beian summarize C2026-0001"), std::string::npos) << out;
  EXPECT_EQ(Status()["history"].size(), st["history"].size());
}

TEST_F(EvaluationCommandTest, SheetSavedByLibreOfficeIsRead) {
  // tests/evaluation/testdata/技术评估评分表-LibreOffice.xlsx: this case's sheet, filled and saved
  // in LibreOffice Calc (see fill_in_libreoffice.py there). Scores with half points.
  ToTechnical();
  std::string out;
  ASSERT_EQ(Beian("evaluate C2026-0001 --scores " +
                      Quote(testing::RepoRoot() +
                            "/tests/evaluation/testdata/技术评估评分表-LibreOffice.xlsx") +
                      " --result pass --out " + Quote(dir_ + "/docs") + " --date 2026-11-27",
                  &out),
            0)
      << out;
  EXPECT_NE(out.find("综合得分（百分制）91.5分"), std::string::npos) << out;
  const std::string text = PdfText(dir_ + "/docs/技术评估意见.pdf");
  EXPECT_NE(text.find("通用项目得分54.5分（满分60分）"), std::string::npos);
  EXPECT_NE(text.find("现场查看"), std::string::npos);
  EXPECT_NE(text.find("2026年11月20日"), std::string::npos);
}

struct SheetProblem {
  const char* name;
  const char* mutations;
  std::vector<const char*> expected;  // in the error message
};

TEST_F(EvaluationCommandTest, EveryProblemOfAFilledSheetIsNamedAndNothingIsRecorded) {
  ToTechnical();
  const SheetProblem problems[] = {
      {"out_of_range",
       "score:通用项目:TE-ORG-03:9",
       {"工作表“通用项目”单元格H9（项目TE-ORG-03）的得分9超出范围（0～6分）"}},
      {"negative", "score:职业2:TE-OCC-02:-1", {"工作表“职业2”单元格H8", "超出范围"}},
      {"not_a_number",
       "score:职业1:TE-OCC-05:优",
       {"单元格H11（项目TE-OCC-05）的得分“优”不是数字"}},
      {"missing", "score:通用项目:TE-MGT-03:none", {"单元格H18（项目TE-MGT-03）未填写得分"}},
      {"too_fine", "score:通用项目:TE-ORG-04:3.25", {"单元格H10", "超过一位小数"}},
      {"other_case",
       "name:beian_case:C2026-0042",
       {"这份评分表属于案件C2026-0042，不是案件C2026-0001"}},
      {"other_version", "name:beian_standard:JL-TE-2025", {"按评分标准“JL-TE-2025”制作"}},
      {"sheet_from_other_case",
       "cell:职业3:C2:C2026-0042",
       {"工作表“职业3”单元格C2的案件编号是“C2026-0042”", "来自其他案件"}},
      {"wrong_occupation",
       "cell:职业1:C4:4-03-02-02",
       {"工作表“职业1”单元格C4的职业编码是“4-03-02-02”"}},
      {"renamed", "rename:职业2:烹调", {"缺少工作表“职业2”（被改名或删除）；工作簿中另有：“烹调”"}},
      {"deleted", "delete:职业3", {"缺少工作表“职业3”（被改名或删除）。"}},
      {"several", "score:通用项目:TE-ORG-03:9 score:职业1:TE-OCC-05:优", {"H9", "H11", "未记录"}},
  };
  for (const SheetProblem& p : problems) {
    SCOPED_TRACE(p.name);
    const std::string filled = Fill(p.name, p.mutations);
    std::string out;
    EXPECT_EQ(Beian("evaluate C2026-0001 --scores " + Quote(filled) + " --result 合格 --out " +
                        Quote(dir_ + "/" + p.name),
                    &out),
              2)
        << out;
    for (const char* e : p.expected) EXPECT_NE(out.find(e), std::string::npos) << e << "\n" << out;
    EXPECT_FALSE(fs::exists(dir_ + "/" + p.name));
  }
  EXPECT_EQ(Status()["stage"], "technical");  // nothing recorded
  std::string out;
  EXPECT_EQ(Beian("evaluate C2026-0001 --scores " +
                      Quote(testing::RepoRoot() + "/tests/ingest/testdata/forms/标准申请表.docx") +
                      " --result 合格",
                  &out),
            2);
  EXPECT_NE(out.find("不是可读取的 Excel 工作簿"), std::string::npos) << out;
  EXPECT_EQ(Beian("evaluate C2026-0001 --scores " + Quote(Fill("ok")) + " --result 良好", &out), 2);
  EXPECT_NE(out.find("未知的评估结论“良好”"), std::string::npos) << out;
}

TEST_F(EvaluationCommandTest, VetoAndDisagreementAreFlaggedNotPrinted) {
  ToTechnical();
  // Full marks but a veto item at 0: computed 不合格; the group records 合格 anyway.
  const std::string filled = Fill("veto", "score:通用项目:TE-ORG-02:0");
  std::string out;
  ASSERT_EQ(Beian("evaluate C2026-0001 --scores " + Quote(filled) + " --result 合格 --out " +
                      Quote(dir_ + "/docs") + " --date 2026-11-27",
                  &out),
            0)
      << out;
  EXPECT_NE(out.find("按评分标准计算为“不合格”"), std::string::npos) << out;
  EXPECT_NE(out.find("注意（工作底稿，不写入正式文书）：专家组结论为“合格”"), std::string::npos)
      << out;
  EXPECT_NE(out.find("否决项"), std::string::npos) << out;
  const std::string text = PdfText(dir_ + "/docs/技术评估意见.pdf");
  EXPECT_NE(text.find("通用项目“机构及法定代表人无违法违规、失信等不良行为记录”为否决项，得分0分，"
                      "低于评分表所列的4分。"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("工作底稿"), std::string::npos);
  EXPECT_EQ(text.find("各否决项得分均未低于"), std::string::npos);
}

TEST_F(EvaluationCommandTest, SummarizeRecommendsOccupationsThatPassedAndExcludesTheRest) {
  ToTechnical();
  std::string out;
  EXPECT_EQ(Beian("summarize C2026-0001 --result 合格", &out), 2);  // not evaluated yet
  EXPECT_NE(out.find("当前处于“技术评估”阶段"), std::string::npos) << out;
  // 职业2 (中式面点师) fails its veto item (主营业务 below 3 of 6).
  const std::string filled = Fill("occ", "score:职业2:TE-OCC-01:2");
  ASSERT_EQ(Beian("evaluate C2026-0001 --scores " + Quote(filled) + " --result 合格 --out " +
                      Quote(dir_ + "/docs") + " --date 2026-11-27",
                  &out),
            0)
      << out;
  ASSERT_EQ(Beian("summarize C2026-0001 --result 合格 --note 专家组一致同意。 --out " +
                      Quote(dir_ + "/docs") + " --date 2026-11-30",
                  &out),
            0)
      << out;
  EXPECT_NE(out.find("建议备案的职业（工种）2个，不建议备案1个"), std::string::npos) << out;
  EXPECT_NE(out.find("下一步：beian deliberate C2026-0001"), std::string::npos) << out;
  nlohmann::json st = Status();
  EXPECT_EQ(st["stage"], "deliberation");
  EXPECT_EQ(st["history"].back()["action"], "summarize");
  EXPECT_EQ(Kinds(st), (std::vector<std::string>{"technical_opinion", "comprehensive_opinion"}));
  const std::string text = PdfText(dir_ + "/docs/综合技术评估意见.pdf");
  for (const char* want :
       {"综合技术评估意见", "第七条第（四）项", "2026年11月26日", "初评结论为通过",
        "技术评估结论为合格", "综合技术评估结论为：合格", "建议予以备案的职业（工种）及等级",
        "1.中式烹调师：五级至三级", "2.保育师：五级至三级", "不建议备案的职业（工种）",
        "1."
        "中式面点师：“拟开展认定的职业与本单位主营业务直接相关”为否决项，得分2分，低于评分表所列的3"
        "分",
        "该评分表不是该办法附件《吉林省职业技能等级认定机构备案技术评估标准》",
        "专家组一致同意。"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << text;
  }
  // The excluded occupation is neither announced nor filed: the registry marks it.
  auto db = registry::SqliteStorage::Open(registry_);
  ASSERT_OK(db);
  auto rows = (*db)->Query(
      "SELECT code, state, reason FROM occupations WHERE case_id = 'C2026-0001' ORDER BY seq");
  ASSERT_OK(rows);
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ(registry::AsText((*rows)[0][1]), "requested");
  EXPECT_EQ(registry::AsText((*rows)[1][1]), "excluded");
  EXPECT_EQ(registry::AsText((*rows)[2][1]), "requested");
  // Summarizing twice is refused.
  EXPECT_EQ(Beian("summarize C2026-0001 --result 合格", &out), 2);
  EXPECT_NE(out.find("专题审议"), std::string::npos) << out;
}

TEST_F(EvaluationCommandTest, AMistakenEvaluationIsCorrectedWithAReasonKeepingBoth) {
  ToTechnical();
  const std::string filled = Fill("first");
  const std::string second = Fill("second", "score:通用项目:TE-ORG-01:0");
  std::string out;
  ASSERT_EQ(Beian("evaluate C2026-0001 --scores " + Quote(filled) + " --result 合格 --out " +
                      Quote(dir_ + "/a") + " --date 2026-11-27",
                  &out),
            0)
      << out;
  ASSERT_EQ(Beian("evaluate C2026-0001 --scores " + Quote(second) + " --result 不合格 --reason " +
                      "评分表录入有误 --out " + Quote(dir_ + "/b") + " --date 2026-11-28",
                  &out),
            0)
      << out;
  nlohmann::json st = Status();
  EXPECT_EQ(st["stage"], "not_filed");
  const auto& last = st["history"].back();
  EXPECT_EQ(last["reason"], "评分表录入有误");
  EXPECT_EQ(last["corrects"], st["history"][st["history"].size() - 2]["seq"]);
  // Both opinions kept; the replaced one is superseded: listed so, never issued or edited.
  EXPECT_EQ(Kinds(st), (std::vector<std::string>{"technical_opinion", "technical_opinion"}));
  std::vector<std::string> states, ids;
  for (const auto& d : st["documents"]) {
    if (d["kind"] != "technical_opinion") continue;
    states.push_back(d["state"]);
    ids.push_back(d["id"]);
  }
  EXPECT_EQ(states, (std::vector<std::string>{"superseded", "draft"}));
  ASSERT_EQ(Beian("status C2026-0001 --date 2026-12-01", &out), 0) << out;
  EXPECT_NE(out.find(ids[0] + "：技术评估意见（已被替代，不得签发"), std::string::npos) << out;
  std::ofstream(dir_ + "/office.json")
      << R"({"doc_number_format": "吉人社认备〔{year}〕{n}号", "allow_fallback_fonts": true})";
  EXPECT_EQ(Beian("issue " + ids[0] + " --date 2026-11-28 --config " + Quote(dir_ + "/office.json"),
                  &out),
            2);
  EXPECT_NE(out.find("已被替代"), std::string::npos) << out;
  EXPECT_EQ(Beian("edit " + ids[0] + " --slot note --text 补充", &out), 2);
  EXPECT_NE(out.find("已被替代"), std::string::npos) << out;
  auto db = registry::SqliteStorage::Open(registry_);
  ASSERT_OK(db);
  auto rows = (*db)->Query("SELECT COUNT(DISTINCT history_seq) FROM evaluation_scores");
  ASSERT_OK(rows);
  EXPECT_EQ(registry::AsInt((*rows)[0][0]), 2);
}

TEST_F(EvaluationCommandTest, FailedEvaluationEndsTheCase) {
  ToTechnical();
  const std::string filled = Fill("fail", "score:通用项目:TE-ORG-01:0");
  std::string out;
  ASSERT_EQ(Beian("evaluate C2026-0001 --scores " + Quote(filled) + " --result 不合格 --out " +
                      Quote(dir_ + "/docs") + " --date 2026-11-27",
                  &out),
            0)
      << out;
  EXPECT_EQ(out.find("注意"), std::string::npos) << out;  // agrees with the computed result
  EXPECT_EQ(Status()["stage"], "not_filed");
  EXPECT_NE(PdfText(dir_ + "/docs/技术评估意见.pdf").find("技术评估结论为：不合格"),
            std::string::npos);
}

// A failed evaluation ends the case with its letter (issue 21): the 不予备案告知书 is drawn in
// the same transaction as a registry document, its reasons the recorded conclusion, the score
// facts that bear it out and the group's words, and it is issued and served like every letter.
TEST_F(EvaluationCommandTest, AFailedEvaluationDrawsTheRefusalNoticeWithTheRecordedReasons) {
  ToTechnical();
  std::string out = EvaluateOk(Fill("fail", "score:通用项目:TE-ORG-01:0"),
                               "--result 不合格 --note 现场核查未见独立法人资格证明。 --out " +
                                   Quote(dir_ + "/docs") + " --date 2026-11-27");
  std::vector<std::string> letters;
  const nlohmann::json st = Status();
  EXPECT_EQ(st["stage"], "not_filed");
  for (const auto& d : st["documents"]) {
    if (d["kind"] == "refusal_notice") {
      letters.push_back(d["id"]);
      EXPECT_EQ(d["state"], "draft");
    }
  }
  ASSERT_EQ(letters.size(), 1u) << st.dump(2);
  const std::string id = letters[0];
  EXPECT_NE(out.find("已起草不予备案告知书（文书编号 " + id + "）"), std::string::npos) << out;
  EXPECT_LT(out.find("已记录技术评估结论"), out.find("已起草不予备案告知书")) << out;
  EXPECT_EQ(st["next"], "beian issue " + id + " --registry " + registry_);
  const std::string text = PdfText(dir_ + "/docs/" + id + "-不予备案告知书.pdf");
  for (const char* want :
       {"不予备案告知书",
        "1.技术评估专家组于2026年11月20日对你单位开展了现场技术评估（《办法》第七条第（三）项），"
        "技术评估结论为“不合格”。",
        "2.通用项目“具有独立法人资格，在省内开展工作”为否决项，得分0分，低于评分表所列的4分。",
        "技术评估专家组的意见：现场核查未见独立法人资格证明。", "对你单位本次备案申请不予备案"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << text;
  }
  EXPECT_EQ(text.find("＿＿＿＿"), std::string::npos) << "no blank left for the reasons\n" << text;
  // Issued (numbered in the bureau's sequence, archived) and served like every letter.
  std::ofstream(dir_ + "/office.json")
      << R"({"doc_number_format": "长人社认备〔{year}〕{n}号", "allow_fallback_fonts": true})";
  const std::string config = " --config " + Quote(dir_ + "/office.json");
  ASSERT_EQ(Beian("issue " + id + " --date 2026-11-30" + config, &out), 0) << out;
  EXPECT_NE(out.find("长人社认备〔2026〕1号"), std::string::npos) << out;
  const std::string issued = PdfText(dir_ + "/archive/220100/2026/长人社认备〔2026〕1号.pdf");
  EXPECT_NE(issued.find("技术评估结论为“不合格”"), std::string::npos) << issued;
  ASSERT_EQ(Beian("served " + id + " --date 2026-12-01 --today 2026-12-01", &out), 0) << out;
  EXPECT_EQ(Status()["next"], "无（案件已办结）");
}

// The comprehensive evaluation's 不合格 against a technical evaluation that passed: the letter
// states the conclusion and the group's words, and no score fact the scores do not bear out.
TEST_F(EvaluationCommandTest, AFailedSummaryAgainstTheScoresDrawsALetterNoStrongerThanThem) {
  ToTechnical();
  std::string out = EvaluateOk(Fill("f"), "--result 合格 --date 2026-11-27");
  ASSERT_EQ(Beian("summarize C2026-0001 --result 不合格 --note 专家组认为考核场地不足。 --out " +
                      Quote(dir_ + "/docs") + " --date 2026-11-30",
                  &out),
            0)
      << out;
  const nlohmann::json st = Status();
  EXPECT_EQ(st["stage"], "not_filed");
  std::string id;
  for (const auto& d : st["documents"]) {
    if (d["kind"] == "refusal_notice") id = d["id"];
  }
  ASSERT_FALSE(id.empty()) << out << st.dump(2);
  EXPECT_NE(out.find("已起草不予备案告知书（文书编号 " + id + "）"), std::string::npos) << out;
  const std::string text = PdfText(dir_ + "/docs/" + id + "-不予备案告知书.pdf");
  EXPECT_NE(text.find("1.技术评估专家组于2026年11月30日召开综合评估（《办法》第七条第（四）项），"
                      "综合技术评估结论为“不合格”。"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("2.技术评估专家组的意见：专家组认为考核场地不足。"), std::string::npos)
      << text;
  EXPECT_EQ(text.find("合格线"), std::string::npos) << text;
  EXPECT_EQ(text.find("否决项"), std::string::npos) << text;
}

// The expert group's opinions are issued as the group's documents: no 发文字号 (none is needed,
// none can be given, the bureau's sequence is untouched), no 版头, the group as 责任者 in the
// 归档文件目录 and the PDF's author, archived under the convening bureau's folder.
TEST_F(EvaluationCommandTest, OpinionsAreIssuedWithoutANumberInTheGroupsName) {
  ToTechnical();
  std::string out;
  ASSERT_EQ(Beian("evaluate C2026-0001 --scores " + Quote(Fill("f")) + " --result 合格 --date " +
                      "2026-11-27",
                  &out),
            0)
      << out;
  ASSERT_EQ(Beian("summarize C2026-0001 --result 合格 --date 2026-11-30", &out), 0) << out;
  std::vector<std::string> ids;
  const nlohmann::json st = Status();
  for (const auto& d : st["documents"]) {
    const std::string kind = d["kind"];
    if (kind == "technical_opinion" || kind == "comprehensive_opinion") ids.push_back(d["id"]);
  }
  ASSERT_EQ(ids.size(), 2u) << st.dump(2);
  std::ofstream(dir_ + "/office.json") << R"({"allow_fallback_fonts": true})";
  const std::string config = " --config " + Quote(dir_ + "/office.json");
  EXPECT_EQ(Beian("issue " + ids[0] + " --number 3 --date 2026-12-01" + config, &out), 2);
  EXPECT_NE(out.find("不编入本机关的发文字号"), std::string::npos) << out;
  ASSERT_EQ(Beian("issue " + ids[0] + " --date 2026-12-01" + config, &out), 0) << out;
  EXPECT_NE(out.find("无发文字号"), std::string::npos) << out;
  ASSERT_EQ(Beian("issue " + ids[1] + " --date 2026-12-02" + config, &out), 0) << out;
  EXPECT_EQ(Beian("issue " + ids[1] + " --date 2026-12-03" + config, &out), 2);
  // Issued on 12-02, it keeps the 成文日期 of the decision it records (11-30, issue 21).
  EXPECT_NE(out.find("已于2026-11-30签发"), std::string::npos) << out;
  const std::vector<registry::Row> rows = Rows(
      "SELECT state, COALESCE(number, ''), path, pages FROM documents WHERE kind IN "
      "('technical_opinion', 'comprehensive_opinion') ORDER BY document_id");
  ASSERT_EQ(rows.size(), 2u);
  for (const auto& r : rows) {
    EXPECT_EQ(registry::AsText(r[0]), "issued");
    EXPECT_EQ(registry::AsText(r[1]), "");
  }
  EXPECT_EQ(registry::AsText(rows[0][2]), "220100/2026/" + ids[0] + "-技术评估意见.pdf");
  EXPECT_EQ(registry::AsInt(Rows("SELECT COUNT(*) FROM number_sequences")[0][0]), 0)
      << "the bureau's sequence is untouched";
  const std::string archive = dir_ + "/archive/220100/2026/";
  const std::string tech = PdfText(archive + ids[0] + "-技术评估意见.pdf");
  EXPECT_NE(tech.find("长春市鼎新职业技能培训学校："), std::string::npos) << tech;
  EXPECT_NE(tech.find("2026年11月27日"), std::string::npos) << "the evaluation's day" << tech;
  EXPECT_EQ(tech.find("2026年12月1日"), std::string::npos) << "not the day of issue" << tech;
  for (const std::string& text : {tech, PdfText(archive + ids[1] + "-综合技术评估意见.pdf")}) {
    EXPECT_EQ(text.find("〔2026〕"), std::string::npos) << text;
    EXPECT_EQ(text.find("长春市人力资源和社会保障局\n"), std::string::npos) << text;
    EXPECT_EQ(text.find("印发"), std::string::npos) << text;
  }
  std::string info;
  testing::RunCommand("pdfinfo " + Quote(archive + ids[0] + "-技术评估意见.pdf"), &info);
  const std::size_t author = info.find("Author:");
  ASSERT_NE(author, std::string::npos) << info;
  EXPECT_EQ(info.substr(author, info.find('\n', author) - author).find("技术评估专家组") !=
                std::string::npos,
            true)
      << info;
  EXPECT_EQ(Slurp(archive + "归档文件目录.csv"),
            "\xEF\xBB\xBF档号,文号,责任者,题名,日期,页数,密级,保管期限,备注\r\n"
            "＿＿-2026-＿＿-0001,,技术评估专家组,"
            "关于长春市鼎新职业技能培训学校职业技能等级认定机构备案的技术评估意见,20261127," +
                std::to_string(registry::AsInt(rows[0][3])) +
                ",,,\r\n"
                "＿＿-2026-＿＿-0002,,技术评估专家组,关于长春市鼎新职业技能培训学校职业技能等级认定"
                "机构备案的综合技术评估意见,20261130," +
                std::to_string(registry::AsInt(rows[1][3])) + ",,,\r\n");
  ASSERT_EQ(Beian("archive verify", &out), 0) << out;
  ASSERT_EQ(Beian("status C2026-0001 --date 2026-12-03", &out), 0) << out;
  // Issued on 12-01, dated by the evaluation it records; addressed to the unit, not yet served.
  EXPECT_NE(out.find(ids[0] + "：技术评估意见（已签发，无发文字号，成文日期2026-11-27），未送达"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find(ids[1] + "：综合技术评估意见（已签发，无发文字号，成文日期2026-11-30）\n"),
            std::string::npos)
      << "not the applicant's: no delivery to record\n"
      << out;
}

}  // namespace
}  // namespace pipeline::evaluation
