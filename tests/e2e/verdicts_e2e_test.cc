// Issue 7 through the `beian` binary on real files: R01 goes on without its group-2
// occupation; a clean first filing passes with the credit query pending; the office's credit
// list (CSV that names S01, XLSX that does not) and an office staff minimum set in office.json.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

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
