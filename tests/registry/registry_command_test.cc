// The registry through the `beian` binary, as a clerk uses it: run registers cases, status,
// decide/deliberate/withdraw with their guards, backup, two runs at once, and runs killed at
// fault-injection points.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "pipeline/registry/fault.h"
#include "pipeline/registry/sqlite_storage.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_paths.h"

namespace pipeline::registry {
namespace {

namespace fs = std::filesystem;

const char* kRegistrySample = "S01-长春鼎新职业技能培训学校-首次申请";

class RegistryCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir();
    intake_ = dir_ + "/intake";
    registry_ = dir_ + "/registry.sqlite";
    fs::create_directories(intake_);
    fs::copy(testing::RepoRoot() + "/samples/intake/" + kRegistrySample,
             intake_ + "/" + kRegistrySample, fs::copy_options::recursive);
  }
  // Runs beian with the test's registry and user; returns the exit code.
  int Beian(const std::string& args, std::string* out = nullptr, const std::string& env = "") {
    std::string text;
    int rc = testing::RunCommand(env + " " + testing::BeianBinary() + " " + args + " --registry " +
                                     testing::Quote(registry_) + " --user 张三",
                                 &text, /*merge_stderr=*/true);
    if (out) *out = text;
    return rc;
  }
  int Run(const std::string& date, std::string* out = nullptr, const std::string& env = "") {
    return Beian("run " + testing::Quote(intake_) + " --out " +
                     testing::Quote(dir_ + "/out-" + date) + " --no-pdf --quiet --date " + date,
                 out, env);
  }
  nlohmann::json Report(const std::string& date) {
    for (const auto& e : fs::directory_iterator(dir_ + "/out-" + date)) {
      if (!e.is_directory()) continue;  // not 台账.xlsx, summary.json or index.html
      std::ifstream in(e.path() / "report.json");
      return nlohmann::json::parse(in);
    }
    return {};
  }
  nlohmann::json StatusJson(const std::string& ref) {
    std::string out;
    EXPECT_EQ(Beian("status " + ref + " --json --date 2026-12-01", &out), 0) << out;
    return nlohmann::json::parse(out, nullptr, false);
  }
  std::int64_t Count(const std::string& table) {
    auto db = SqliteStorage::Open(registry_);
    auto rows = (*db)->Query("SELECT COUNT(*) FROM " + table);
    return AsInt((*rows)[0][0]);
  }
  std::string dir_, intake_, registry_;
};

TEST_F(RegistryCommandTest, RunWithoutARegistryRecordsNothing) {
  std::string out;
  int rc = testing::RunCommand(testing::BeianBinary() + " run " + testing::Quote(intake_) +
                                   " --out " + testing::Quote(dir_ + "/plain") +
                                   " --no-pdf --quiet --date 2026-11-25",
                               &out, true);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_FALSE(fs::exists(registry_));
  fs::path case_dir;
  for (const auto& e : fs::directory_iterator(dir_ + "/plain")) {
    if (e.is_directory()) case_dir = e.path();  // not 台账.xlsx, summary.json or index.html
  }
  std::ifstream in(case_dir / "report.json");
  EXPECT_FALSE(nlohmann::json::parse(in).contains("registry"));
}

TEST_F(RegistryCommandTest, RunRegistersOnceAndA补正ResubmissionIsANewVersion) {
  std::string out;
  ASSERT_EQ(Run("2026-11-25", &out), 0) << out;
  nlohmann::json reg = Report("2026-11-25")["registry"];
  EXPECT_EQ(reg["case"], "C2026-0001");
  EXPECT_EQ(reg["version"], 1);
  EXPECT_EQ(reg["outcome"], "new_case");
  // Unchanged: nothing new.
  ASSERT_EQ(Run("2026-11-26"), 0);
  EXPECT_EQ(Report("2026-11-26")["registry"]["outcome"], "unchanged");
  EXPECT_EQ(Count("cases"), 1);
  EXPECT_EQ(Count("dossier_versions"), 1);
  // Accepted, then sent back for 补正.
  ASSERT_EQ(Beian("decide C2026-0001 --stage received --result pass --date 2026-11-26", &out), 0)
      << out;
  ASSERT_EQ(Beian("decide C2026-0001 --stage preliminary --result return --note 缺件 "
                  "--date 2026-11-27",
                  &out),
            0)
      << out;
  EXPECT_NE(out.find("退回补正"), std::string::npos) << out;
  // The resubmission comes in a folder with another name and one more file.
  fs::rename(intake_ + "/" + kRegistrySample, intake_ + "/S01-长春鼎新职业技能培训学校-补正");
  std::ofstream(intake_ + "/S01-长春鼎新职业技能培训学校-补正/补充说明.txt") << "补充";
  ASSERT_EQ(Run("2026-12-01", &out), 0) << out;
  reg = Report("2026-12-01")["registry"];
  EXPECT_EQ(reg["case"], "C2026-0001");
  EXPECT_EQ(reg["version"], 2);
  EXPECT_EQ(reg["outcome"], "new_version");
  EXPECT_EQ(reg["stage"], "preliminary");
  nlohmann::json st = StatusJson("C2026-0001");
  ASSERT_TRUE(st.is_object()) << st;
  EXPECT_EQ(st["stage"], "preliminary");
  EXPECT_EQ(st["versions"].size(), 2u);
  EXPECT_EQ(st["versions"][1]["folder"], "S01-长春鼎新职业技能培训学校-补正");
  EXPECT_EQ(st["history"].size(), 4u);
  EXPECT_EQ(st["history"][0]["user"], "张三");
  // By USCC: the institution's cases.
  std::string uscc = st["uscc"];
  nlohmann::json by_uscc = StatusJson(uscc);
  EXPECT_EQ(by_uscc["cases"].size(), 1u);
}

TEST_F(RegistryCommandTest, StatusListsOpenCasesWithWorkingDaysInStage) {
  ASSERT_EQ(Run("2026-09-30"), 0);
  std::string out;
  // 2026-09-30 -> 2026-10-12: 国庆 10-01..07 off, 10-10 (Sat) a make-up working day:
  // working days 10-08, 10-09, 10-10, 10-12 = 4.
  ASSERT_EQ(Beian("status --json --date 2026-10-12", &out), 0) << out;
  nlohmann::json j = nlohmann::json::parse(out);
  ASSERT_EQ(j["open_cases"].size(), 1u);
  EXPECT_EQ(j["open_cases"][0]["working_days_in_stage"], 4);
  EXPECT_EQ(j["open_cases"][0]["stage"], "received");
  ASSERT_EQ(Beian("status --date 2026-10-12", &out), 0) << out;
  EXPECT_NE(out.find("C2026-0001"), std::string::npos) << out;
  EXPECT_NE(out.find("已接收"), std::string::npos) << out;
  // Outside the calendar's years the days are not guessed.
  ASSERT_EQ(Beian("status --json --date 2027-03-01", &out), 0) << out;
  EXPECT_TRUE(nlohmann::json::parse(out)["open_cases"][0]["working_days_in_stage"].is_null());
}

TEST_F(RegistryCommandTest, GuardsRefuseThroughTheBinaryNamingStageAndNextCommand) {
  ASSERT_EQ(Run("2026-11-25"), 0);
  std::string out;
  EXPECT_EQ(Beian("decide C2026-0001 --stage technical --result pass", &out), 2);
  EXPECT_NE(out.find("当前处于“已接收”阶段"), std::string::npos) << out;
  EXPECT_NE(out.find("beian decide C2026-0001 --stage received"), std::string::npos) << out;
  EXPECT_EQ(Beian("deliberate C2026-0001 --date 2026-12-01 --note 审议", &out), 2);
  EXPECT_NE(out.find("已接收"), std::string::npos) << out;
  EXPECT_EQ(Beian("decide C2026-0001 --stage 初评 --result pass", &out), 2);
  EXPECT_NE(out.find("未知的阶段"), std::string::npos) << out;
  EXPECT_EQ(Beian("decide C2026-0001 --stage received --result ok", &out), 2);
  EXPECT_NE(out.find("未知的结论"), std::string::npos) << out;
  EXPECT_EQ(Beian("withdraw C2026-0009", &out), 2);
  EXPECT_NE(out.find("没有案件C2026-0009"), std::string::npos) << out;
  EXPECT_EQ(StatusJson("C2026-0001")["history"].size(), 1u);  // nothing was recorded
  // Through the stages to publicity, then withdrawn; a withdrawn case takes nothing more.
  for (const char* stage : {"received", "preliminary", "technical", "comprehensive"}) {
    ASSERT_EQ(Beian(std::string("decide C2026-0001 --stage ") + stage +
                        " --result pass --date 2026-12-01",
                    &out),
              0)
        << out;
  }
  ASSERT_EQ(Beian("deliberate C2026-0001 --date 2026-12-02 --note 厅务会审议", &out), 0) << out;
  EXPECT_NE(out.find("beian publicize C2026-0001"), std::string::npos) << out;
  ASSERT_EQ(Beian("withdraw C2026-0001 --date 2026-12-03", &out), 0) << out;
  EXPECT_EQ(Beian("decide C2026-0001 --stage publicity --result pass", &out), 2);
  EXPECT_EQ(StatusJson("")["open_cases"].size(), 0u);
  nlohmann::json st = StatusJson("C2026-0001");
  EXPECT_EQ(st["stage"], "withdrawn");
  EXPECT_EQ(st["history"][5]["date"], "2026-12-02");  // the deliberation's own date
}

TEST_F(RegistryCommandTest, BackupIsAConsistentCopy) {
  ASSERT_EQ(Run("2026-11-25"), 0);
  std::string out;
  const std::string copy = dir_ + "/backup.sqlite";
  ASSERT_EQ(Beian("registry backup " + testing::Quote(copy), &out), 0) << out;
  auto db = SqliteStorage::Open(copy);
  ASSERT_OK(db);
  EXPECT_EQ(AsText((*(*db)->Query("PRAGMA integrity_check"))[0][0]), "ok");
  EXPECT_EQ(AsInt((*(*db)->Query("SELECT COUNT(*) FROM cases"))[0][0]), 1);
  EXPECT_FALSE(fs::exists(copy + ".part"));
}

// Two runs at once on one registry and the same intake: one case, one version, no error.
TEST_F(RegistryCommandTest, TwoRunsAtOnceRegisterTheCaseOnce) {
  // Several dossiers make the two processes overlap: copy the sample under other USCC-neutral
  // names (same content, so identity must merge them), plus two other institutions.
  for (const char* other :
       {"S02-吉林市松江化工装备有限公司-首次申请", "S03-四平市安居职业培训学校-增加职业"}) {
    fs::copy(testing::RepoRoot() + "/samples/intake/" + other, intake_ + "/" + other,
             fs::copy_options::recursive);
  }
  const std::string cmd = testing::BeianBinary() + " run " + testing::Quote(intake_) +
                          " --no-pdf --quiet --date 2026-11-25 --registry " +
                          testing::Quote(registry_);
  std::string out;
  int rc = testing::RunCommand("(" + cmd + " --out " + testing::Quote(dir_ + "/a") + " & " + cmd +
                                   " --out " + testing::Quote(dir_ + "/b") +
                                   " & wait %1; a=$?; wait %2; b=$?; echo \"rc=$a,$b\")",
                               &out, true);
  ASSERT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("rc=0,0"), std::string::npos) << out;
  EXPECT_EQ(Count("cases"), 3);
  EXPECT_EQ(Count("dossier_versions"), 3);
  EXPECT_EQ(Count("stage_history"), 3);
}

// A run killed at each fault point leaves a consistent registry, and the next run completes.
TEST_F(RegistryCommandTest, KilledRunsLeaveAConsistentRegistry) {
  for (const char* point : {"after_case_id_allocation", "before_commit"}) {
    SCOPED_TRACE(point);
    std::string out;
    EXPECT_EQ(Run("2026-11-25", &out, std::string("BEIAN_FAULT=") + point), kFaultExitCode) << out;
    auto db = SqliteStorage::Open(registry_);
    ASSERT_OK(db);
    EXPECT_EQ(AsText((*(*db)->Query("PRAGMA integrity_check"))[0][0]), "ok");
    EXPECT_EQ(Count("cases"), 0);
    EXPECT_EQ(Count("id_counters"), 0);
  }
  std::string out;
  ASSERT_EQ(Run("2026-11-26", &out), 0) << out;
  EXPECT_EQ(Report("2026-11-26")["registry"]["case"], "C2026-0001");  // no id was lost
  EXPECT_EQ(Count("cases"), 1);
}

}  // namespace
}  // namespace pipeline::registry
