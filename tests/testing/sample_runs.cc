#include "tests/testing/sample_runs.h"

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

// The fixture's folder for this date and authority, or "" when the fixture has not run since
// the binary was built.
std::string FixtureFolder(const std::string& date, const std::string& authority) {
  const fs::path root = BEIAN_SAMPLES_CHECK_DIR;
  std::error_code ec;
  const auto done = fs::last_write_time(root / "complete", ec);
  if (ec) return {};
  const auto built = fs::last_write_time(BeianBinary(), ec);
  if (ec || done < built) return {};
  return (root / (date + (authority.empty() ? "" : "_" + authority))).string();
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

std::set<std::string> RuleIds(const nlohmann::json& report) {
  std::set<std::string> ids;
  for (const nlohmann::json& f : report["findings"]) ids.insert(f["rule"].get<std::string>());
  return ids;
}

}  // namespace pipeline::testing
