#include "pipeline/cli/locations.h"

#include <unistd.h>

#include <cstdlib>

namespace pipeline::cli {
namespace {

std::optional<std::string> Env(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr) return std::nullopt;
  return std::string(v);
}

bool IsFile(const FileSystem& fs, const std::string& path) {
  Result<DirEntry> st = fs.Stat(path);
  return st && st->type == EntryType::kFile;
}

}  // namespace

Environment ReadEnvironment() {
  return Environment{Env("BEIAN_DATA_DIR"), Env("BEIAN_CONFIG"), Env("BEIAN_SYSCONFDIR")};
}

std::string ExecutableDir() {
  char buf[4096];
  const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return "";
  return DirName(std::string(buf, static_cast<std::size_t>(n)));
}

Result<std::string> FindDataDir(const FileSystem& fs, const std::string& data_dir_option,
                                const Environment& env, const std::string& exe_dir) {
  if (!data_dir_option.empty()) return data_dir_option;
  if (env.data_dir && !env.data_dir->empty()) return *env.data_dir;
  std::string tried;
  if (!exe_dir.empty()) {
    // Installed (bin/ next to share/), then the build folder (share/ next to the program).
    for (const std::string& candidate :
         {JoinPath(DirName(exe_dir), "share/beian"), JoinPath(exe_dir, "share/beian")}) {
      // A file inside templates/ (the build folder links templates/ itself, which Stat, not
      // following a final link, would report as a link).
      if (IsFile(fs, JoinPath(candidate, "templates/messages.zh-CN.tsv"))) return candidate;
      tried += (tried.empty() ? "" : ", ") + candidate;
    }
  }
  return Status::NotFound("no shipped data (templates/, checklists/, data/) in " +
                          (tried.empty() ? std::string("(executable not found)") : tried) +
                          "; give --data-dir DIR or set BEIAN_DATA_DIR");
}

Result<std::vector<std::string>> SettingsFiles(const FileSystem& fs, const std::string& data_dir,
                                               const std::string& config_option,
                                               const Environment& env) {
  std::vector<std::string> files = {JoinPath(data_dir, "templates/office.json")};
  const std::string sysconfdir = env.sysconfdir.value_or(kSystemConfigDir);
  if (!sysconfdir.empty() && IsFile(fs, JoinPath(sysconfdir, "office.json"))) {
    files.push_back(JoinPath(sysconfdir, "office.json"));
  }
  if (env.config && !env.config->empty()) {
    if (!IsFile(fs, *env.config)) {
      return Status::NotFound("BEIAN_CONFIG names no readable settings file", *env.config);
    }
    files.push_back(*env.config);
  }
  if (!config_option.empty()) {
    if (!IsFile(fs, config_option)) {
      return Status::NotFound("--config names no readable settings file", config_option);
    }
    files.push_back(config_option);
  }
  return files;
}

}  // namespace pipeline::cli
