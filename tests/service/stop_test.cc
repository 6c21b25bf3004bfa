// Stopping `beian run` with Ctrl-C (SIGINT) or SIGTERM (docs/user-guide.md "Exit codes"), and
// `watch --once` after a slow first scan (docs/user-guide.md "Watch mode"), through the real binary
// on real folders.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "tests/service/service_testing.h"
#include "tests/testing/test_paths.h"

namespace pipeline::service {
namespace {

namespace fs = std::filesystem;
using test_util::Slurp;

struct StopCase {
  int signal;
  int exit_code;
};

class RunStopTest : public ::testing::TestWithParam<StopCase> {};

// Four dossiers, one worker; the third (S02) hangs until --timeout ends it. The signal comes
// while S02 is in flight: S02 is finished (as could not be processed), S07 is never started,
// and the run files hold the three dossiers done.
TEST_P(RunStopTest, FinishesTheDossierInFlightWritesTheRunFilesAndExitsWithTheSignalsCode) {
  const std::string intake = test_util::SampleIntake({"R05", "S01", "S02", "S07"});
  const std::string out = testing::MakeTempDir() + "/out";
  const std::string log = testing::MakeTempDir() + "/stderr.txt";
  ::setenv("BEIAN_FAULT", "hang:S02", 1);
  const pid_t pid = test_util::Start({"run", intake, "--out", out, "--date", "2026-11-25", "--jobs",
                                      "1", "--timeout", "3", "--no-pdf"},
                                     log);
  ::unsetenv("BEIAN_FAULT");
  ASSERT_GT(pid, 0);
  for (int i = 0; i < 1200 && (!fs::exists(out) || test_util::CaseFolders(out).size() < 2); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(test_util::CaseFolders(out).size(), 2u) << Slurp(log);
  ::kill(pid, GetParam().signal);
  EXPECT_EQ(test_util::Wait(pid), GetParam().exit_code) << Slurp(log);

  EXPECT_EQ(test_util::CaseFolders(out).size(), 3u) << "R05, S01 and S02; S07 not started";
  const nlohmann::json summary =
      nlohmann::json::parse(Slurp(out + "/summary.json"), nullptr, false);
  ASSERT_TRUE(summary.is_object()) << "summary.json written";
  EXPECT_EQ(summary["dossiers"].size(), 3u);
  EXPECT_TRUE(fs::exists(out + "/index.html"));
  EXPECT_FALSE(fs::exists(out + "/.beian-tmp")) << "no staging folder left";
  EXPECT_FALSE(fs::exists(out + "/.beian.lock")) << "no lock file left";
  EXPECT_NE(Slurp(log).find("已中断：共 4 个卷宗，已处理 3 个"), std::string::npos) << Slurp(log);
}

INSTANTIATE_TEST_SUITE_P(Signals, RunStopTest,
                         ::testing::Values(StopCase{SIGINT, 130}, StopCase{SIGTERM, 143}),
                         [](const ::testing::TestParamInfo<StopCase>& p) {
                           return p.param.signal == SIGINT ? "CtrlC" : "Sigterm";
                         });

// The first fingerprint of S01 takes 1.5 s (a cold disk): R05 is fingerprinted first, S01 and
// S07 after it. `watch --once --settle 1` must give each dossier its own settle time before it
// looks again, not stop when R05's has passed: nothing is deferred, since no dossier changed.
TEST(WatchOnceTest, ADossierScannedLateInASlowFirstScanIsNotDeferred) {
  const std::string intake = test_util::SampleIntake({"R05", "S01", "S07"});
  const std::string out = testing::MakeTempDir() + "/out";
  std::string text;
  const int rc =
      test_util::Beian("watch " + test_util::Quote(intake) + " --out " + test_util::Quote(out) +
                           " --once --settle 1 --no-pdf --date 2026-11-25",
                       &text, "BEIAN_FAULT=slow_fingerprint:S01");
  EXPECT_EQ(rc, 1) << text;  // S07 has blocking findings
  EXPECT_EQ(test_util::CaseFolders(out).size(), 3u) << text;
  EXPECT_EQ(text.find("仍在变动"), std::string::npos) << text;
}

}  // namespace
}  // namespace pipeline::service
