// The letters a case's ending decision sends (受理部门告知书 and 移送函, 不予备案告知书) as
// registry documents, through the `beian` binary on a real registry file: `run` keeps the
// letters it drew, `decide --result refer|fail` adopts them (same document ids) or draws them,
// and each is issued (numbered, PDF/A, archived), verified and served like every other.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "tests/testing/registry_binary.h"
#include "tests/testing/test_paths.h"

namespace pipeline::registry {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class LettersTest : public testing::RegistryBinaryTest {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir();
    const std::string intake = dir_ + "/intake";
    registry_ = dir_ + "/registry.sqlite";
    data_ = dir_ + "/data-root";
    fs::create_directories(intake);
    // At the 吉林市 office (220200): S01 (长春) is not its case (移送); R15, a renewal filed
    // after its filing expired, is not eligible (不予备案).
    for (const char* name : {"S01-长春鼎新职业技能培训学校-首次申请",
                             "R15-吉林市东方职业技能培训学校-续期超过有效期"}) {
      fs::copy(testing::RepoRoot() + "/samples/intake/" + name, intake + "/" + name,
               fs::copy_options::recursive);
    }
    testing::MakeOfficeDataRoot(data_, {{"doc_number_format", "吉市人社认备〔{year}〕{n}号"},
                                        {"receipt_number_format", "吉市人社认收〔{year}〕{n}号"},
                                        {"allow_fallback_fonts", true}});
  }
  void Run(const std::string& options) {
    std::string out;
    Beian("run " + testing::Quote(dir_ + "/intake") + " --out " + testing::Quote(dir_ + "/out") +
              " --authority 220200 --quiet --date 2026-09-01 " + options,
          &out);
    ASSERT_EQ(Case(kS01).value("stage", ""), "received") << out;
  }
  json Case(const std::string& id) {
    std::string out;
    EXPECT_EQ(Beian("status " + id + " --json --date 2026-09-30", &out, false), 0) << out;
    return json::parse(out, nullptr, false);
  }
  // The case's documents of `kind`: id -> state.
  std::map<std::string, std::string> Documents(const std::string& id, const std::string& kind) {
    std::map<std::string, std::string> found;
    const json c = Case(id);
    for (const json& d : c["documents"]) {
      if (d["kind"] == kind) found[d["id"].get<std::string>()] = d["state"].get<std::string>();
    }
    return found;
  }
  // The id of the case's one document of `kind` ("" and a failure when it has not one).
  std::string Only(const std::string& id, const std::string& kind) {
    const auto found = Documents(id, kind);
    EXPECT_EQ(found.size(), 1u) << id << " " << kind;
    return found.size() == 1 ? found.begin()->first : "";
  }
  std::string Pdf(const std::string& path) {
    std::string text;
    testing::RunCommand("pdftotext " + testing::Quote(path) + " -", &text);
    return text;
  }
  // R15 sorts before S01 in the intake: it is the first case.
  static constexpr const char* kR15 = "C2026-0001";
  static constexpr const char* kS01 = "C2026-0002";
};

TEST_F(LettersTest, TheEndingDecisionAdoptsRunsLettersWhichAreIssuedArchivedAndServed) {
  Run("");
  const auto referral = Documents(kS01, "referral_notice");
  const auto transfer = Documents(kS01, "transfer_letter");
  const auto refusal = Documents(kR15, "refusal_notice");
  ASSERT_EQ(referral.size(), 1u);
  ASSERT_EQ(transfer.size(), 1u);
  ASSERT_EQ(refusal.size(), 1u);
  const std::string referral_id = referral.begin()->first, refusal_id = refusal.begin()->first;
  const std::string transfer_id = transfer.begin()->first;
  std::string out;
  out = Ok(std::string("decide ") + kS01 + " --stage received --result refer --date 2026-09-02");
  EXPECT_NE(out.find("沿用 beian run 已起草的受理部门告知书（文书编号 " + referral_id),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("沿用 beian run 已起草的移送函（文书编号 " + transfer_id), std::string::npos)
      << out;
  EXPECT_NE(out.find("下一步：beian issue " + referral_id), std::string::npos) << out;
  EXPECT_EQ(out.find("已起草受理部门告知书"), std::string::npos) << "no second draft: " << out;
  EXPECT_EQ(out.find("已起草移送函"), std::string::npos) << "no second draft: " << out;
  EXPECT_TRUE(fs::exists(dir_ + "/drafts/" + referral_id + "-受理部门告知书.pdf")) << out;
  EXPECT_TRUE(fs::exists(dir_ + "/drafts/" + transfer_id + "-移送函.pdf")) << out;
  out = Ok(std::string("decide ") + kR15 + " --stage received --result fail --date 2026-09-02");
  // No second draft: the same documents, still drafts.
  EXPECT_EQ(Documents(kS01, "referral_notice"), referral);
  EXPECT_EQ(Documents(kS01, "transfer_letter"), transfer);
  EXPECT_EQ(Documents(kR15, "refusal_notice"), refusal);
  ASSERT_EQ(Beian("issue " + referral_id + " --date 2026-09-03", &out), 0) << out;
  EXPECT_NE(out.find("吉市人社认备〔2026〕1号"), std::string::npos) << out;
  ASSERT_EQ(Beian("issue " + refusal_id + " --date 2026-09-03", &out), 0) << out;
  EXPECT_NE(out.find("吉市人社认备〔2026〕2号"), std::string::npos) << out;
  // The 移送函 is still to be issued: the case's next step says so.
  EXPECT_EQ(Case(kS01)["next"], "beian issue " + transfer_id + " --registry " + registry_);
  ASSERT_EQ(Beian("issue " + transfer_id + " --date 2026-09-03", &out), 0) << out;
  EXPECT_NE(out.find("吉市人社认备〔2026〕3号"), std::string::npos) << out;
  const std::string archived = dir_ + "/archive/220200/2026/吉市人社认备〔2026〕1号.pdf";
  // One line of text without the page numbers pdftotext puts between the pages' lines.
  auto joined = [](std::string text) {
    text.erase(
        std::remove_if(text.begin(), text.end(), [](char c) { return c == '\n' || c == '\f'; }),
        text.end());
    return std::regex_replace(text, std::regex("— [0-9]+ —"), "");
  };
  const std::string text = joined(Pdf(archived));
  EXPECT_NE(text.find("关于移送申请材料的告知书"), std::string::npos) << text;
  EXPECT_NE(text.find("本机关已将你单位的备案申请材料移送长春市人力资源和社会保障局"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("长春市人力资源和社会保障局"), std::string::npos) << text;
  EXPECT_EQ(text.find("草稿"), std::string::npos) << text;
  // The 移送函, addressed to the competent department (长春, where S01 is).
  const std::string letter = joined(Pdf(dir_ + "/archive/220200/2026/吉市人社认备〔2026〕3号.pdf"));
  EXPECT_NE(letter.find("申请材料的函长春市人力资源和社会保障局："), std::string::npos) << letter;
  EXPECT_NE(letter.find("吉林市人力资源和社会保障局"), std::string::npos) << letter;
  EXPECT_EQ(letter.find("草稿"), std::string::npos) << letter;
  EXPECT_EQ(Beian("archive verify --date 2026-09-03", &out), 0) << out;
  const std::string catalogue = dir_ + "/archive/220200/2026/归档文件目录.csv";
  ASSERT_TRUE(fs::exists(catalogue));
  std::string csv;
  testing::RunCommand("cat " + testing::Quote(catalogue), &csv);
  EXPECT_NE(csv.find("关于移送长春市鼎新职业技能培训学校申请材料的告知书"), std::string::npos)
      << csv;
  EXPECT_NE(csv.find("关于移送长春市鼎新职业技能培训学校职业技能等级认定机构申请材料的函"),
            std::string::npos)
      << csv;
  // Issued, then served: the hint says what is left (the applicant's letter), then nothing.
  EXPECT_EQ(Case(kS01)["next"],
            "beian served " + referral_id + " --date YYYY-MM-DD --registry " + registry_);
  ASSERT_EQ(Beian("served " + referral_id + " --date 2026-09-05", &out), 0) << out;
  const json served = Case(kS01);
  for (const json& d : served["documents"]) {
    if (d["id"] == referral_id) {
      EXPECT_EQ(d["state"], "issued");
      EXPECT_EQ(d["served"], "2026-09-05");
    }
  }
  EXPECT_EQ(Case(kS01)["next"], "无（案件已办结）");
}

TEST_F(LettersTest, ADecisionWithoutRunsLetterDrawsOneThatWaitsForItsSlot) {
  Run("--no-pdf");  // nothing drawn: no letter to adopt
  EXPECT_TRUE(Documents(kS01, "referral_notice").empty());
  std::string out;
  out = Ok(std::string("decide ") + kS01 + " --stage received --result pass --date 2026-09-02");
  out = Ok(std::string("decide ") + kS01 + " --stage preliminary --result fail --date 2026-09-03");
  const auto refusal = Documents(kS01, "refusal_notice");
  ASSERT_EQ(refusal.size(), 1u) << out;
  const std::string id = refusal.begin()->first;
  const std::string draft = dir_ + "/drafts/" + id + "-不予备案告知书.pdf";
  ASSERT_TRUE(fs::exists(draft)) << out;
  EXPECT_NE(Pdf(draft).find("＿＿＿＿＿＿"), std::string::npos);  // the reasons, a visible blank
  // Issue waits for the reasons, naming the slot.
  EXPECT_EQ(Beian("issue " + id + " --date 2026-09-04", &out), 2) << out;
  EXPECT_NE(out.find("不予备案的情形（reasons）"), std::string::npos) << out;
  ASSERT_EQ(Beian("edit " + id +
                      " --slot reasons --text 经初评，你单位申报材料中的考试考核场地与实际不符。",
                  &out),
            0)
      << out;
  ASSERT_EQ(Beian("issue " + id + " --date 2026-09-04", &out), 0) << out;
  const std::string text = Pdf(dir_ + "/archive/220200/2026/吉市人社认备〔2026〕1号.pdf");
  EXPECT_NE(text.find("考试考核场地与实际不符"), std::string::npos) << text;
  EXPECT_NE(text.find("对你单位本次备案申请不予备案"), std::string::npos) << text;
  EXPECT_EQ(Beian("archive verify --date 2026-09-04", &out), 0) << out;
  ASSERT_EQ(Beian("served " + id + " --date 2026-09-07", &out), 0) << out;
}

// A delivery's date follows the rule of a decision's (issue 21): not after --today, not before
// the case's event that precedes the document (for an ending letter, the decision that ended
// the case, though run drew the draft on the day of receipt), not before its issue; refused in
// Chinese, naming that event, with nothing recorded. A late record of an earlier delivery (the
// receipt handed over on the day of receipt) is not refused for what happened since.
TEST_F(LettersTest, ADeliveryDateBeforeItsDecisionOrIssueOrAfterTodayIsRefused) {
  Run("");
  const std::string id = Only(kR15, "refusal_notice"), receipt_id = Only(kR15, "receipt");
  ASSERT_FALSE(id.empty() || receipt_id.empty());
  Ok(std::string("decide ") + kR15 + " --stage received --result fail --date 2026-09-02");
  const std::size_t history = Case(kR15)["history"].size();
  std::string out;
  // Run drew the letter on 09-01; the decision it states was made on 09-02.
  EXPECT_EQ(Beian("served " + id + " --date 2026-09-01 --today 2026-09-30", &out), 2) << out;
  EXPECT_NE(out.find("文书" + id + "（不予备案告知书）的送达日期2026-09-01早于案件" + kR15 +
                     "已记录的事项（第"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("2026-09-02阶段结论）"), std::string::npos) << out;
  EXPECT_EQ(Beian("served " + id + " --date 2026-09-10 --today 2026-09-05", &out), 2) << out;
  EXPECT_NE(out.find("送达日期2026-09-10晚于今天（2026-09-05）"), std::string::npos) << out;
  ASSERT_EQ(Beian("issue " + id + " --date 2026-09-03", &out), 0) << out;
  EXPECT_EQ(Beian("served " + id + " --date 2026-09-02 --today 2026-09-30", &out), 2) << out;
  EXPECT_NE(out.find("2026-09-03 签发，送达日期不能早于签发日期"), std::string::npos) << out;
  // Nothing recorded by the refusals.
  json c = Case(kR15);
  EXPECT_EQ(c["history"].size(), history);
  for (const json& d : c["documents"]) EXPECT_EQ(d["served"], "") << d.dump();
  // The receipt, drawn on 09-01: not delivered before the materials came; its delivery on the
  // day of receipt is recorded later without regard to the decision since.
  EXPECT_EQ(Beian("served " + receipt_id + " --date 2026-08-31 --today 2026-09-30", &out), 2)
      << out;
  EXPECT_NE(out.find("2026-09-01接收材料）"), std::string::npos) << out;
  Ok("served " + receipt_id + " --date 2026-09-01 --today 2026-09-30");
  Ok("served " + id + " --date 2026-09-04 --today 2026-09-30");
  c = Case(kR15);
  EXPECT_EQ(c["history"].size(), history + 2);
  for (const json& d : c["documents"]) {
    if (d["id"] == id) {
      EXPECT_EQ(d["served"], "2026-09-04");
    } else if (d["id"] == receipt_id) {
      EXPECT_EQ(d["served"], "2026-09-01");
    }
  }
}

// `status CASE` says what is missing of each document's life (issue 21): 未签发 for a draft,
// 未送达 for an issued letter to the applicant; a document dated by its act (the receipt) shows
// that day, also as a draft and once issued on a later day; nothing is 未填写.
TEST_F(LettersTest, StatusSaysWhatIsMissingOfEachDocument) {
  Run("");
  const std::string receipt = Only(kR15, "receipt"), letter = Only(kR15, "refusal_notice");
  ASSERT_FALSE(receipt.empty() || letter.empty());
  auto text = [&]() {
    std::string out;
    EXPECT_EQ(Beian("status " + std::string(kR15) + " --date 2026-09-30", &out), 0) << out;
    return out;
  };
  std::string out = text();
  EXPECT_NE(out.find("文书" + receipt + "：材料接收回执（草稿，未签发，成文日期2026-09-01）\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("文书" + letter + "：不予备案告知书（草稿，未签发）\n"), std::string::npos)
      << out;
  EXPECT_EQ(out.find("未填写"), std::string::npos) << out;
  Ok(std::string("decide ") + kR15 + " --stage received --result fail --date 2026-09-02");
  Ok("issue " + letter + " --date 2026-09-03");
  Ok("issue " + receipt + " --date 2026-09-04");
  out = text();
  EXPECT_NE(out.find("文书" + letter +
                     "：不予备案告知书（吉市人社认备〔2026〕1号，2026-09-03签发），未送达\n"),
            std::string::npos)
      << out;
  EXPECT_NE(
      out.find("文书" + receipt +
               "：材料接收回执（吉市人社认收〔2026〕1号，已签发，成文日期2026-09-01），未送达\n"),
      std::string::npos)
      << out;
  Ok("served " + letter + " --date 2026-09-07 --today 2026-09-30");
  EXPECT_NE(text().find("2026-09-03签发），2026-09-07送达\n"), std::string::npos);
  // The document's own view says the same.
  ASSERT_EQ(Beian("status " + letter + " --date 2026-09-30", &out), 0) << out;
  EXPECT_NE(out.find("不予备案告知书（吉市人社认备〔2026〕1号，2026-09-03签发），2026-09-07送达"),
            std::string::npos)
      << out;
}

TEST_F(LettersTest, ACorrectionAwayFromReferralSupersedesItsLetter) {
  Run("--no-pdf");
  std::string out;
  out = Ok(std::string("decide ") + kR15 + " --stage received --result refer --date 2026-09-02");
  const auto drawn = Documents(kR15, "referral_notice");
  const auto drawn_transfer = Documents(kR15, "transfer_letter");
  ASSERT_EQ(drawn.size(), 1u) << out;
  ASSERT_EQ(drawn_transfer.size(), 1u) << out;
  const std::string id = drawn.begin()->first, transfer_id = drawn_transfer.begin()->first;
  EXPECT_TRUE(fs::exists(dir_ + "/drafts/" + transfer_id + "-移送函.pdf")) << out;
  // Drawn from the registry: where the materials go is the clerk's slot; issue refuses both
  // letters until it is filled.
  for (const std::string& letter : {id, transfer_id}) {
    EXPECT_EQ(Beian("issue " + letter + " --date 2026-09-02", &out), 2) << out;
    EXPECT_NE(out.find("competent_authority"), std::string::npos) << out;
  }
  out = Ok(std::string("decide ") + kR15 +
           " --stage received --result pass --reason 属本局受理范围 --date 2026-09-02");
  EXPECT_EQ(Documents(kR15, "referral_notice").at(id), "superseded");
  EXPECT_EQ(Documents(kR15, "transfer_letter").at(transfer_id), "superseded");
  EXPECT_EQ(Beian("issue " + id + " --date 2026-09-03", &out), 2) << out;
  EXPECT_EQ(Beian("issue " + transfer_id + " --date 2026-09-03", &out), 2) << out;
}

}  // namespace
}  // namespace pipeline::registry
