// Issue 7 through the `beian` binary on real files: R01 goes on without its group-2
// occupation; a clean first filing passes with the credit query pending; the office's credit
// list (CSV that names S01, XLSX that does not) and an office staff minimum set in office.json.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/testing/sample_runs.h"
#include "tests/testing/test_paths.h"

namespace pipeline {
namespace {

using nlohmann::json;
using testing::MakeTempDir;

constexpr const char* kS01 = "samples/intake/S01-长春鼎新职业技能培训学校-首次申请";
constexpr const char* kR01 = "samples/intake/R01-长春心语职业技能培训学校-职业属第二大类";

using testing::CheckRun;

CheckRun Check(const std::string& dossier, const std::string& extra = "") {
  return testing::RunCheck(dossier, "--date 2026-11-25 " + extra);
}

const json* Finding(const json& report, const std::string& rule) {
  for (const json& f : report["findings"]) {
    if (f["rule"] == rule) return &f;
  }
  return nullptr;
}

bool HasPending(const json& report, const std::string& id) {
  for (const json& p : report["pending_checks"]) {
    if (p["id"] == id && !p["title"].get<std::string>().empty() &&
        !p["action"].get<std::string>().empty()) {
      return true;
    }
  }
  return false;
}

TEST(VerdictsE2eTest, R01GoesOnForTheEligibleOccupation) {
  CheckRun r = Check(kR01);
  ASSERT_FALSE(r.report.is_discarded()) << r.stderr_text;
  EXPECT_EQ(r.report["conclusion"], "review_needed");
  const json& occ = r.report["occupations"];
  ASSERT_EQ(occ.size(), 2u);
  EXPECT_EQ(occ[0]["name"], "心理咨询师");
  EXPECT_EQ(occ[0]["excluded"], true);
  EXPECT_EQ(occ[0]["exclusion_reason_id"], "exclusion.ineligible_group");
  EXPECT_NE(occ[0]["exclusion_reason"].get<std::string>().find("第二大类"), std::string::npos)
      << occ[0]["exclusion_reason"];
  EXPECT_EQ(occ[1]["excluded"], false);
  EXPECT_EQ(occ[1]["exclusion_reason"], "");
  ASSERT_NE(Finding(r.report, "OCC-004"), nullptr);
  EXPECT_EQ((*Finding(r.report, "OCC-004"))["consequence"], "exclude_occupation");
}

TEST(VerdictsE2eTest, CleanFirstFilingPassesWithTheCreditCheckPending) {
  CheckRun r = Check(kS01);
  ASSERT_FALSE(r.report.is_discarded()) << r.stderr_text;
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.report["conclusion"], "pass");
  EXPECT_TRUE(r.report["findings"].empty()) << r.report["findings"].dump();
  EXPECT_TRUE(HasPending(r.report, "PC-CREDIT"));
  EXPECT_TRUE(HasPending(r.report, "PC-NONPROFIT"));
  EXPECT_EQ(r.report["rule_settings"]["credit_list"], nullptr);
}

TEST(VerdictsE2eTest, CreditListCsvMatchBlocks) {
  CheckRun r = Check(kS01, "--credit-list tests/crosscheck/testdata/信用名单.csv");
  ASSERT_FALSE(r.report.is_discarded()) << r.stderr_text;
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.report["conclusion"], "not_eligible");
  const json* f = Finding(r.report, "C61-03");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ((*f)["severity"], "blocking");
  EXPECT_EQ((*f)["consequence"], "not_eligible");
  const std::string msg = (*f)["message"];
  EXPECT_NE(msg.find("吉林省人社厅终止备案机构名单"), std::string::npos) << msg;
  EXPECT_NE(msg.find("2026年3月1日"), std::string::npos) << msg;  // worded, not ISO
  EXPECT_TRUE(HasPending(r.report, "PC-CREDIT"));
  EXPECT_EQ(r.report["rule_settings"]["credit_list"], "信用名单.csv");
  // The list has no 类别 column: every row was read as a serious record, and the clerk is told.
  EXPECT_NE(r.stderr_text.find("信用名单“信用名单.csv”没有“类别”列"), std::string::npos)
      << r.stderr_text;
}

// On a list with the 类别 column, S01's row is on the 终止备案 list: an ended filing is not by
// itself a bad record (Art. 10, 11), so the match is a review item, not a refusal.
TEST(VerdictsE2eTest, CreditListTerminatedMatchIsReview) {
  CheckRun r = Check(kS01, "--credit-list tests/crosscheck/testdata/信用名单（分类）.csv");
  ASSERT_FALSE(r.report.is_discarded()) << r.stderr_text;
  EXPECT_EQ(r.report["conclusion"], "review_needed");
  const json* f = Finding(r.report, "C61-03");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ((*f)["severity"], "review");
  const std::string msg = (*f)["message"];
  EXPECT_NE(msg.find("所列终止备案机构名单"), std::string::npos) << msg;
  EXPECT_NE(msg.find("终止备案本身不是不良行为记录"), std::string::npos) << msg;
  EXPECT_EQ(msg.find("不符合第六条"), std::string::npos) << msg;
  EXPECT_EQ(r.stderr_text.find("类别"), std::string::npos) << r.stderr_text;
}

TEST(VerdictsE2eTest, CreditListXlsxNoMatchIsEvidence) {
  CheckRun r = Check(kS01, "--credit-list tests/crosscheck/testdata/信用名单.xlsx");
  ASSERT_FALSE(r.report.is_discarded()) << r.stderr_text;
  EXPECT_EQ(r.report["conclusion"], "pass");
  const json* f = Finding(r.report, "C61-03");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ((*f)["severity"], "info");
  EXPECT_EQ((*f)["message"],
            "已比对信用中国（吉林）（2026年4月15日），未发现长春市鼎新职业技能培训学校");
  EXPECT_TRUE(HasPending(r.report, "PC-CREDIT"));
}

const json* ById(const json& list, const std::string& id) {
  for (const json& e : list) {
    if (e["id"] == id) return &e;
  }
  return nullptr;
}

// A change of 考试考核场地 (Art. 8) is checked on the new site: S05's change papers with an
// XML form whose change table names the site need the site's Art. 6 (4) proofs (场地设备清单,
// 视频监控, 安全、消防), which ask for a 补正 while missing; with them (S09's files), the
// condition is judged on them. S05 itself (a new 法定代表人) needs none of them.
TEST(VerdictsE2eTest, AChangeOfSiteIsCheckedOnTheNewSite) {
  namespace fs = std::filesystem;
  const fs::path repo = pipeline::testing::RepoRoot();
  const fs::path dossier = fs::path(MakeTempDir()) / "场地变更";
  fs::copy(repo / "samples/intake/S05-梅河口市康宁养老服务培训学校-变更", dossier);
  fs::remove(dossier / "申请表.docx");
  std::ofstream(dossier / "申请表.xml") << R"(<?xml version="1.0" encoding="UTF-8"?>
<application schema-version="1">
  <institution_name>梅河口市康宁养老服务培训学校</institution_name>
  <unified_credit_code>52220581MJ3K6L2M8E</unified_credit_code>
  <legal_representative>宋丽华</legal_representative>
  <applicant_type>社会培训评价组织</applicant_type>
  <registered_address>吉林省梅河口市新华街道解放大街218号</registered_address>
  <affiliation>市（州）属及以下</affiliation>
  <region>梅河口市</region>
  <application_kind>变更</application_kind>
  <application_date>2025年10月20日</application_date>
  <filing_number>吉人社认备〔2024〕088号</filing_number>
  <exam_sites>吉林省梅河口市新华街道和平路66号</exam_sites>
  <video_surveillance>有</video_surveillance>
  <safety_fire>已通过消防验收</safety_fire>
  <changes>
    <change item="考试考核场地" before="吉林省梅河口市新华街道解放大街218号" after="吉林省梅河口市新华街道和平路66号"/>
  </changes>
  <occupations>
    <occupation seq="1" code="4-10-01-05" name="养老护理员" levels="五级/初级工、四级/中级工"/>
  </occupations>
</application>
)";
  const std::vector<std::string> site = {"M-COM-08", "M-COM-10", "M-COM-11"};
  CheckRun bare = Check(dossier.string());
  ASSERT_FALSE(bare.report.is_discarded()) << bare.stderr_text;
  EXPECT_EQ(bare.report["conclusion"], "corrections_needed");
  for (const std::string& id : site) {
    const json* m = ById(bare.report["materials"], id);
    ASSERT_NE(m, nullptr) << id;
    EXPECT_EQ((*m)["status"], "missing") << id;
    EXPECT_EQ((*m)["required"], true) << id;
  }
  EXPECT_EQ((*ById(bare.report["conditions"], "art6.4"))["state"], "not_met");
  std::string corrections;
  for (const json& c : bare.report["corrections"]) corrections += c["text"].get<std::string>();
  EXPECT_NE(corrections.find("安全、消防证明"), std::string::npos) << corrections;

  const fs::path s09 = repo / "samples/intake/S09-松原市宏达物流有限公司-XML申请表";
  for (const char* f : {"场地设备清单.xlsx", "视频监控设施情况.pdf", "消防验收意见书.pdf"}) {
    fs::copy_file(s09 / f, dossier / f);
  }
  CheckRun proved = Check(dossier.string());
  ASSERT_FALSE(proved.report.is_discarded()) << proved.stderr_text;
  for (const std::string& id : site) {
    EXPECT_EQ((*ById(proved.report["materials"], id))["status"], "present") << id;
  }
  EXPECT_NE((*ById(proved.report["conditions"], "art6.4"))["state"], "not_met");
  EXPECT_NE((*ById(proved.report["conditions"], "art6.4"))["state"], "not_applicable");

  CheckRun s05 = Check("samples/intake/S05-梅河口市康宁养老服务培训学校-变更");
  EXPECT_EQ((*ById(s05.report["materials"], "M-COM-11"))["required"], false);
  EXPECT_EQ((*ById(s05.report["conditions"], "art6.4"))["state"], "not_applicable");
}

TEST(VerdictsE2eTest, UnreadableCreditListIsAnError) {
  CheckRun r = Check(kS01, "--credit-list /nonexistent/名单.csv");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.stderr_text.find("/nonexistent/名单.csv"), std::string::npos) << r.stderr_text;
}

// An office minimum set in office.json (no rules.xml edit) applies; the shipped one sets none.
TEST(VerdictsE2eTest, OfficeStaffMinimumFromSettings) {
  namespace fs = std::filesystem;
  const std::string root = MakeTempDir();
  const fs::path repo = pipeline::testing::RepoRoot();
  fs::create_directory(fs::path(root) / "templates");
  fs::create_directory_symlink(repo / "checklists", fs::path(root) / "checklists");
  fs::create_directory_symlink(repo / "data", fs::path(root) / "data");
  fs::copy_file(repo / "templates/messages.zh-CN.tsv",
                fs::path(root) / "templates/messages.zh-CN.tsv");
  fs::copy_file(repo / "templates/decisions.xml", fs::path(root) / "templates/decisions.xml");
  std::ifstream in(repo / "templates/office.json");
  json office = json::parse(in, nullptr, /*allow_exceptions=*/false, /*ignore_comments=*/true);
  ASSERT_TRUE(office.is_object());
  office["rules"]["min_fulltime_staff"] = 100;
  std::ofstream(fs::path(root) / "templates/office.json") << office.dump(2);
  CheckRun r = Check(kS01, "--data-dir '" + root + "'");
  ASSERT_FALSE(r.report.is_discarded()) << r.stderr_text;
  EXPECT_EQ(r.report["conclusion"], "corrections_needed");
  const json* f = Finding(r.report, "C63-02");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ((*f)["message_id"], "crosscheck.fulltime_staff");
  EXPECT_EQ(r.report["rule_settings"]["thresholds"][0]["value"], 100);
}

}  // namespace
}  // namespace pipeline
