// `beian watch` writes the run-wide files (docs/user-guide.md "Watch mode"): OUT/summary.json,
// OUT/index.html and the ledger list every case OUT holds, after each pass and across restarts,
// with the same bytes `beian run` writes for the same cases; a failed dossier shows as failed,
// one whose dossier left the intake is not listed. Through the real binary on real folders.
#include <gtest/gtest.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>

#include "pipeline/report/case_id.h"
#include "tests/service/service_testing.h"
#include "tests/testing/test_paths.h"

namespace pipeline::service {
namespace {

namespace fs = std::filesystem;
using test_util::Beian;
using test_util::Quote;
using test_util::SampleIntake;
using test_util::Slurp;

const char kS01[] = "S01-长春鼎新职业技能培训学校-首次申请";
const char kS07[] = "S07-白城市瑞丰农业科技有限公司-缺件";

std::string WatchOnce(const std::string& intake, const std::string& out) {
  return "watch " + Quote(intake) + " --out " + Quote(out) +
         " --once --settle 0 --no-pdf --date 2026-11-25 --quiet";
}

// The case ids summary.json lists, in its order.
std::vector<std::string> Listed(const std::string& out) {
  const nlohmann::json j = nlohmann::json::parse(Slurp(out + "/summary.json"), nullptr, false);
  std::vector<std::string> ids;
  if (!j.is_object()) return ids;
  for (const auto& row : j["dossiers"]) ids.push_back(row.value("case_id", ""));
  EXPECT_EQ(j["totals"]["dossiers"], ids.size());
  return ids;
}

// The case ids index.html has a row for.
std::set<std::string> OnThePage(const std::string& out) {
  const std::string html = Slurp(out + "/index.html");
  std::set<std::string> ids;
  const std::string mark = "<tbody class=\"case\" id=\"";
  for (std::size_t at = html.find(mark); at != std::string::npos; at = html.find(mark, at + 1)) {
    const std::size_t from = at + mark.size();
    ids.insert(html.substr(from, html.find('"', from) - from));
  }
  return ids;
}

std::vector<std::string> Ids(std::vector<std::string> names) {
  for (std::string& n : names) n = report::CaseIdFor(n);
  return names;
}

TEST(WatchFilesTest, OnceWritesTheSameRunWideFilesAsRun) {
  const std::string intake = SampleIntake({"S01", "S07", "B03"});
  const std::string watched = testing::MakeTempDir() + "/监视",
                    ran = testing::MakeTempDir() + "/批";
  std::string log;
  EXPECT_EQ(Beian(WatchOnce(intake, watched), &log), 1) << log;
  EXPECT_EQ(
      Beian("run " + Quote(intake) + " --out " + Quote(ran) + " --no-pdf --date 2026-11-25 --quiet",
            &log),
      1)
      << log;
  EXPECT_EQ(Listed(watched).size(), 3u);
  EXPECT_EQ(Listed(watched), Listed(ran));
  EXPECT_TRUE(Slurp(watched + "/summary.json") == Slurp(ran + "/summary.json"));
  EXPECT_TRUE(Slurp(watched + "/index.html") == Slurp(ran + "/index.html"));
  EXPECT_TRUE(Slurp(watched + "/台账.xlsx") == Slurp(ran + "/台账.xlsx"));
}

TEST(WatchFilesTest, EachPassListsEveryCaseInOutAndNotThoseWhoseDossierLeft) {
  const std::string intake = SampleIntake({"S01"});
  const std::string out = testing::MakeTempDir() + "/出";
  std::string log;
  EXPECT_EQ(Beian(WatchOnce(intake, out), &log), 0) << log;
  EXPECT_EQ(Listed(out), Ids({kS01}));
  // A new dossier: the next watcher processes only it, and lists both.
  fs::copy(testing::RepoRoot() + "/samples/intake/" + kS07, intake + "/" + kS07,
           fs::copy_options::recursive);
  EXPECT_EQ(Beian(WatchOnce(intake, out), &log), 1) << log;
  EXPECT_EQ(log.find(kS01), std::string::npos) << "S01 was processed again: " << log;
  EXPECT_EQ(Listed(out), Ids({kS01, kS07}));
  EXPECT_EQ(OnThePage(out),
            std::set<std::string>({report::CaseIdFor(kS01), report::CaseIdFor(kS07)}));
  // A watcher with nothing to do still writes them, over what OUT holds.
  fs::remove(out + "/summary.json");
  fs::remove(out + "/index.html");
  EXPECT_EQ(Beian(WatchOnce(intake, out), &log), 0) << log;
  EXPECT_EQ(Listed(out), Ids({kS01, kS07}));
  // S01 leaves the intake: its case is moved aside and no longer listed.
  fs::remove_all(intake + "/" + kS01);
  EXPECT_EQ(Beian(WatchOnce(intake, out), &log), 0) << log;
  EXPECT_EQ(Listed(out), Ids({kS07}));
  EXPECT_EQ(OnThePage(out), std::set<std::string>({report::CaseIdFor(kS07)}));
  EXPECT_TRUE(fs::exists(testing::CaseFolder(out + "/已撤出收件夹", report::CaseIdFor(kS01))));
}

TEST(WatchFilesTest, AFailedDossierIsListedAsFailedWithItsReason) {
  const std::string intake = SampleIntake({"S01", "S03"});
  const std::string out = testing::MakeTempDir() + "/出";
  std::string log;
  EXPECT_EQ(Beian(WatchOnce(intake, out), &log, "BEIAN_FAULT=crash:S03"), 2) << log;
  const nlohmann::json j = nlohmann::json::parse(Slurp(out + "/summary.json"));
  ASSERT_EQ(j["dossiers"].size(), 2u);
  EXPECT_FALSE(j["dossiers"][0].contains("failed")) << j["dossiers"][0];
  // SIGSEGV; under AddressSanitizer (abort_on_error) its handler turns it into SIGABRT.
  EXPECT_NE(j["dossiers"][1].value("failed", "").find("signal SIG"), std::string::npos)
      << j["dossiers"][1];
  EXPECT_NE(Slurp(out + "/index.html").find("未能完成处理"), std::string::npos);
  // Restarted with nothing changed: still listed as failed.
  EXPECT_EQ(Beian(WatchOnce(intake, out), &log), 0) << log;
  EXPECT_TRUE(
      nlohmann::json::parse(Slurp(out + "/summary.json"))["dossiers"][1].contains("failed"));
}

TEST(WatchFilesTest, APageThatCannotBeWrittenIsSaidAndWrittenByTheNextPass) {
  const std::string intake = SampleIntake({"S01"});
  const std::string out = testing::MakeTempDir() + "/出";
  std::string log;
  EXPECT_EQ(Beian(WatchOnce(intake, out), &log, "BEIAN_FAULT=enospc:index.html"), 2) << log;
  EXPECT_NE(log.find("index.html: write failed: No space left on device"), std::string::npos)
      << log;
  EXPECT_FALSE(fs::exists(out + "/index.html"));
  EXPECT_TRUE(fs::exists(testing::CaseFolder(out, report::CaseIdFor(kS01)) + "/report.json"));
  EXPECT_EQ(Beian(WatchOnce(intake, out), &log), 0) << log;
  EXPECT_EQ(OnThePage(out), std::set<std::string>({report::CaseIdFor(kS01)}));
}

// A clerk opening index.html while the watcher runs sees every case so far.
TEST(WatchFilesTest, ARunningWatcherKeepsThePageCurrent) {
  const std::string intake = SampleIntake({"S01"});
  const std::string out = testing::MakeTempDir() + "/出";
  const std::string log = testing::MakeTempDir() + "/watch.log";
  const pid_t pid = test_util::Start({"watch", intake, "--out", out, "--settle", "0", "--no-pdf",
                                      "--poll", "1", "--date", "2026-11-25"},
                                     log);
  auto wait_until_listed = [&](std::size_t n) {
    for (int i = 0; i < 600; ++i) {
      if (OnThePage(out).size() == n && Listed(out).size() == n) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  };
  EXPECT_TRUE(wait_until_listed(1)) << Slurp(log);
  fs::copy(testing::RepoRoot() + "/samples/intake/" + kS07, intake + "/" + kS07,
           fs::copy_options::recursive);
  EXPECT_TRUE(wait_until_listed(2)) << Slurp(log);
  EXPECT_EQ(Listed(out), Ids({kS01, kS07}));
  ::kill(pid, SIGTERM);
  EXPECT_EQ(test_util::Wait(pid), 0) << Slurp(log);
}

}  // namespace
}  // namespace pipeline::service
