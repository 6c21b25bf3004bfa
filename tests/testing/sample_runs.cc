#include "tests/testing/sample_runs.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "tests/testing/test_paths.h"

namespace pipeline::testing {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// True when the fixture writing into `root` has completed since the binary was built.
bool FixtureIsCurrent(const fs::path& root) {
  std::error_code ec;
  const auto done = fs::last_write_time(root / "complete", ec);
  if (ec) return false;
  const auto built = fs::last_write_time(BeianBinary(), ec);
  return !ec && done >= built;
}

// The samples_check fixture's folder for this date and authority, or "" when it is not current.
std::string FixtureFolder(const std::string& date, const std::string& authority) {
  const fs::path root = BEIAN_SAMPLES_CHECK_DIR;
  if (!FixtureIsCurrent(root)) return {};
  return (root / (date + (authority.empty() ? "" : "_" + authority))).string();
}

// A run of the samples now, as run_sample_drafts.py makes it.
std::string RunSamplesNow(const std::string& variant) {
  const std::string out = MakeTempDir();
  std::string args = " --out " + Quote(out) + " --date 2026-11-25 --quiet";
  if (variant == "office") {
    args += " --config " + Quote(RepoRoot() + "/tests/e2e/testdata/office.json");
  }
  std::string output;
  const int rc = RunCommand(BeianBinary() + " run " + Quote(RepoRoot() + "/samples/intake") + args,
                            &output, /*merge_stderr=*/true);
  EXPECT_TRUE(rc == 0 || rc == 1) << output;
  return out;
}

}  // namespace

CheckRun RunCheck(const std::string& dossier, const std::string& args) {
  const std::string err_file = MakeTempDir() + "/stderr.txt";
  CheckRun run;
  run.exit_code = RunCommand(
      BeianBinary() + " check " + Quote(dossier) + " --json " + args + " 2>" + Quote(err_file),
      &run.stdout_text);
  run.stderr_text = ReadFile(err_file);
  run.report = nlohmann::json::parse(run.stdout_text, nullptr, /*allow_exceptions=*/false);
  return run;
}

const CheckRun& CheckSample(const std::string& name, const std::string& date,
                            const std::string& authority) {
  static std::map<std::string, CheckRun> cache;
  const std::string key = name + "|" + date + "|" + authority;
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  CheckRun run;
  const std::string folder = FixtureFolder(date, authority);
  const std::string base = folder + "/" + name;
  if (!folder.empty() && fs::exists(base + ".rc")) {
    run.exit_code = std::stoi(ReadFile(base + ".rc"));
    run.stdout_text = ReadFile(base + ".json");
    run.stderr_text = ReadFile(base + ".err");
    run.report = nlohmann::json::parse(run.stdout_text, nullptr, /*allow_exceptions=*/false);
  } else {
    std::string args = "--date " + date;
    if (!authority.empty()) args += " --authority " + authority;
    run = RunCheck("samples/intake/" + name, args);
  }
  return cache.emplace(key, std::move(run)).first->second;
}

const std::string& SampleRunFolder(const std::string& variant) {
  static std::map<std::string, std::string> folders;
  if (auto it = folders.find(variant); it != folders.end()) return it->second;
  const fs::path root = BEIAN_SAMPLES_RUN_DIR;
  const std::string folder =
      FixtureIsCurrent(root) ? (root / variant).string() : RunSamplesNow(variant);
  return folders.emplace(variant, folder).first->second;
}

std::set<std::string> RuleIds(const nlohmann::json& report) {
  std::set<std::string> ids;
  for (const nlohmann::json& f : report["findings"]) ids.insert(f["rule"].get<std::string>());
  return ids;
}

}  // namespace pipeline::testing
