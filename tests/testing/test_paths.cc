#include "tests/testing/test_paths.h"

#include <sys/wait.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <vector>

namespace pipeline::testing {
namespace {

std::vector<std::string>& TempDirs() {
  static std::vector<std::string> dirs;
  return dirs;
}

void RemoveTempDirs() {
  std::error_code ec;
  for (const auto& d : TempDirs()) std::filesystem::remove_all(d, ec);
}

// Tests see only the shipped settings and data, never this machine's /etc/beian, the user's
// $BEIAN_CONFIG or $BEIAN_DATA_DIR (docs/user-guide.md "Settings"): set before any test runs, and
// inherited by every `beian` the tests start.
[[maybe_unused]] const bool kIsolatedEnvironment = [] {
  ::setenv("BEIAN_SYSCONFDIR", "", 1);
  ::unsetenv("BEIAN_CONFIG");
  ::unsetenv("BEIAN_DATA_DIR");
  return true;
}();

}  // namespace

std::string RepoRoot() { return BEIAN_SOURCE_DIR; }

std::string BeianBinary() { return BEIAN_TEST_BINARY; }

std::string CaseFolder(const std::string& dir, const std::string& id) {
  const nlohmann::json summary =
      nlohmann::json::parse(ReadText(dir + "/summary.json"), nullptr, /*allow_exceptions=*/false);
  if (summary.is_object() && summary.contains("dossiers") && summary["dossiers"].is_array()) {
    for (const nlohmann::json& row : summary["dossiers"]) {
      const std::string report = row.value("report", std::string());
      const std::size_t slash = report.find('/');
      if (row.value("case_id", std::string()) == id && slash != std::string::npos &&
          std::filesystem::is_directory(dir + "/" + report.substr(0, slash))) {
        return dir + "/" + report.substr(0, slash);
      }
    }
  }
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (e.is_directory() && (name == id || name.rfind(id + "-", 0) == 0)) return e.path().string();
  }
  return dir + "/" + id;
}

std::string MakeTempDir() {
  static std::once_flag once;
  // Construct the list before registering the handler so it is destroyed after it runs.
  std::call_once(once, [] {
    TempDirs();
    std::atexit(RemoveTempDirs);
  });
  std::string tmpl = (std::filesystem::temp_directory_path() / "beian-test-XXXXXX").string();
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  char* made = ::mkdtemp(buf.data());
  if (made == nullptr) return {};
  TempDirs().push_back(made);
  return made;
}

int RunCommand(const std::string& cmd, std::string* output, bool merge_stderr) {
  std::string full = merge_stderr ? cmd + " 2>&1" : cmd;
  FILE* p = ::popen(full.c_str(), "r");
  if (p == nullptr) return -1;
  std::string out;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int rc = ::pclose(p);
  if (output) *output = out;
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

void MakeOfficeDataRoot(const std::string& root, const nlohmann::json& office) {
  namespace fs = std::filesystem;
  fs::create_directories(root);
  fs::copy(RepoRoot() + "/templates", root + "/templates", fs::copy_options::recursive);
  fs::create_directory_symlink(RepoRoot() + "/checklists", root + "/checklists");
  fs::create_directory_symlink(RepoRoot() + "/data", root + "/data");
  std::ifstream in(root + "/templates/office.json");
  nlohmann::json merged = nlohmann::json::parse(in);
  merged.update(office);
  std::ofstream(root + "/templates/office.json") << merged.dump(2);
}

std::string FlatPdfText(const std::string& path) {
  std::string text, out;
  RunCommand("pdftotext " + Quote(path) + " -", &text);
  for (char ch : text) {
    if (ch != '\n' && ch != ' ' && ch != '\f') out += ch;
  }
  for (const std::string mark : {"草", "稿"}) {
    for (std::size_t at = out.find(mark); at != std::string::npos; at = out.find(mark, at)) {
      out.erase(at, mark.size());
    }
  }
  return out;
}

}  // namespace pipeline::testing
