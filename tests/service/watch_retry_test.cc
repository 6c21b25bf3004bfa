// A full disk does not end `beian watch` (docs/user-guide.md "Watch mode"): the failed write is
// logged, the watcher waits and tries again, and once there is space the dossier is processed and
// recorded. Through the real binary; the full disk is the full_while:FILE fault
// (pipeline/core/fault.h).
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "pipeline/report/case_id.h"
#include "tests/service/service_testing.h"
#include "tests/testing/test_paths.h"

namespace pipeline::service {
namespace {

namespace fs = std::filesystem;
using test_util::Slurp;

// Polls `ready` every 100 ms for up to `seconds`.
template <typename Ready>
bool Eventually(Ready ready, int seconds) {
  for (int i = 0; i < seconds * 10; ++i) {
    if (ready()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return ready();
}

TEST(WatchRetryTest, AFullDiskIsLoggedAndRetriedUntilTheWritesSucceed) {
  const std::string intake = test_util::SampleIntake({"S01"});
  const std::string dir = testing::MakeTempDir();
  const std::string out = dir + "/out", log = dir + "/stderr.txt", full = dir + "/disk-full";
  test_util::WriteFile(full, "");
  ::setenv("BEIAN_FAULT", ("full_while:" + full).c_str(), 1);
  const pid_t pid = test_util::Start({"watch", intake, "--out", out, "--settle", "0", "--poll", "1",
                                      "--no-pdf", "--date", "2026-11-25"},
                                     log);
  ::unsetenv("BEIAN_FAULT");
  ASSERT_GT(pid, 0);
  struct KillOnFailure {  // an assertion that returns early must not leave the watcher running
    pid_t pid;
    ~KillOnFailure() {
      if (pid > 0 && ::kill(pid, SIGKILL) == 0) test_util::Wait(pid);
    }
  } guard{pid};
  ASSERT_TRUE(Eventually([&] { return Slurp(log).find("秒内重试") != std::string::npos; }, 60))
      << Slurp(log);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  EXPECT_EQ(::kill(pid, 0), 0) << "the watcher goes on: " << Slurp(log);

  fs::remove(full);  // space again
  const std::string id =
      report::CaseIdFor(fs::directory_iterator(intake)->path().filename().string());
  ASSERT_TRUE(Eventually(
      [&] {
        const std::string state = Slurp(out + "/.beian-state");
        return state.find(id) != std::string::npos && state.find("\"done\"") != std::string::npos;
      },
      60))
      << Slurp(log);
  ::kill(pid, SIGTERM);
  EXPECT_EQ(test_util::Wait(pid), 0) << Slurp(log);
  guard.pid = -1;
  const nlohmann::json report =
      nlohmann::json::parse(Slurp(testing::CaseFolder(out, id) + "/report.json"), nullptr, false);
  EXPECT_TRUE(report.is_object()) << "the dossier's outputs are on the disk";
  EXPECT_FALSE(fs::exists(out + "/.beian-tmp/" + id)) << "nothing half-written left";
}

}  // namespace
}  // namespace pipeline::service
