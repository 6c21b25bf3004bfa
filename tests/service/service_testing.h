// Helpers of the service tests: intake folders copied from the samples, the files of an output
// folder, and `beian` started as a child process that a test can signal or kill.
#ifndef TESTS_SERVICE_SERVICE_TESTING_H_
#define TESTS_SERVICE_SERVICE_TESTING_H_

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/testing/test_paths.h"

extern char** environ;

namespace pipeline::service::test_util {

namespace fs = std::filesystem;

inline std::string Quote(const std::string& s) { return "'" + s + "'"; }

inline std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void WriteFile(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

// A new intake folder (收件箱) holding copies of the sample dossiers whose names start with
// one of `prefixes` ("S01", "R05", ...).
inline std::string SampleIntake(const std::vector<std::string>& prefixes) {
  const fs::path intake = fs::path(pipeline::testing::MakeTempDir()) / "收件箱";
  fs::create_directories(intake);
  for (const auto& e : fs::directory_iterator(pipeline::testing::RepoRoot() + "/samples/intake")) {
    const std::string name = e.path().filename().string();
    for (const std::string& p : prefixes) {
      if (name.rfind(p, 0) == 0) {
        fs::copy(e.path(), intake / name, fs::copy_options::recursive);
      }
    }
  }
  return intake.string();
}

// relative path -> content of every regular file below `root`.
inline std::map<std::string, std::string> FilesUnder(const std::string& root) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file()) out[fs::relative(e.path(), root).string()] = Slurp(e.path());
  }
  return out;
}

// Runs `beian ARGS` through the shell; returns the exit code, *out gets stdout and stderr.
inline int Beian(const std::string& args, std::string* out, const std::string& env = "") {
  return pipeline::testing::RunCommand(
      env + " " + Quote(pipeline::testing::BeianBinary()) + " " + args, out, /*merge_stderr=*/true);
}

// `beian` started in the background with `args`; stderr goes to `log`.
inline pid_t Start(const std::vector<std::string>& args, const std::string& log) {
  std::vector<std::string> all = {pipeline::testing::BeianBinary()};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  pid_t pid = -1;
  posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

// Waits for `pid`; returns its exit code, or 128 + the signal that ended it.
inline int Wait(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Waits up to `seconds` for the path `path()` gives to exist (asked again each time).
inline bool WaitFor(const std::function<std::string()>& path, int seconds) {
  for (int i = 0; i < seconds * 20; ++i) {
    if (fs::exists(path())) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return fs::exists(path());
}

// Waits up to `seconds` for `path` to exist.
inline bool WaitFor(const std::string& path, int seconds) {
  for (int i = 0; i < seconds * 20; ++i) {
    if (fs::exists(path)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return fs::exists(path);
}

// Case folders (JL-…-<institution>, or C2026-…-<institution> with a registry) directly in `out`.
inline std::vector<std::string> CaseFolders(const std::string& out) {
  std::vector<std::string> ids;
  for (const auto& e : fs::directory_iterator(out)) {
    const std::string name = e.path().filename().string();
    if (e.is_directory() && (name.rfind("JL-", 0) == 0 || name.rfind("C20", 0) == 0)) {
      ids.push_back(name);
    }
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace pipeline::service::test_util

#endif  // TESTS_SERVICE_SERVICE_TESTING_H_
