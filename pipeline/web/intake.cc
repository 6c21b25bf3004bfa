#include "pipeline/web/intake.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <ctime>
#include <filesystem>
#include <set>

#include "pipeline/core/file_system.h"
#include "pipeline/web/password.h"
#include "pipeline/web/store.h"

extern char** environ;

namespace pipeline::web {
namespace fs = std::filesystem;

std::optional<std::string> CleanUploadName(const std::string& name) {
  std::string out;
  std::size_t at = 0;
  while (at <= name.size()) {
    std::size_t end = name.find_first_of("/\\", at);
    if (end == std::string::npos) end = name.size();
    const std::string part = name.substr(at, end - at);
    at = end + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") return std::nullopt;
    for (char ch : part) {
      const auto c = static_cast<unsigned char>(ch);
      if (c < 0x20 || c == 0x7f) return std::nullopt;
    }
    out += (out.empty() ? "" : "/") + part;
  }
  if (out.empty()) return std::nullopt;
  return out;
}

Result<std::vector<std::string>> CleanUploadNames(const std::vector<UploadedFile>& files) {
  std::vector<std::string> paths;
  for (const UploadedFile& f : files) {
    std::optional<std::string> p = CleanUploadName(f.name);
    if (!p) return Status::InvalidArgument(f.name);
    paths.push_back(*p);
  }
  // A picked folder: every path starts with the same folder, which is the dossier itself.
  std::optional<std::string> top;
  bool common = !paths.empty();
  for (const std::string& p : paths) {
    const std::size_t slash = p.find('/');
    const std::string first = slash == std::string::npos ? "" : p.substr(0, slash);
    if (first.empty() || (top && *top != first)) common = false;
    top = first;
  }
  std::set<std::string> seen;
  for (std::string& p : paths) {
    if (common) p = p.substr(top->size() + 1);
    if (!seen.insert(p).second) return Status::InvalidArgument(p);
  }
  return paths;
}

std::optional<std::pair<std::string, std::string>> BreaksLimits(
    const std::vector<UploadedFile>& files, const std::vector<std::string>& paths,
    const UploadLimits& limits) {
  if (files.size() > limits.max_files) return std::make_pair("max_files", std::string());
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (files[i].content.size() > limits.max_file_bytes) {
      return std::make_pair("max_file_bytes", paths[i]);
    }
    const auto depth = std::count(paths[i].begin(), paths[i].end(), '/');
    if (depth > limits.max_depth) return std::make_pair("max_folder_depth", paths[i]);
  }
  return std::nullopt;
}

Result<std::string> StoreUpload(const std::string& intake, const std::string& folder,
                                const std::vector<UploadedFile>& files,
                                const std::vector<std::string>& paths) {
  const std::string temp = JoinPath(intake, ".web-upload-" + RandomToken(8));
  std::error_code ec;
  auto fail = [&](const std::string& what) -> Status {
    fs::remove_all(temp, ec);
    return Status::IoError(what);
  };
  if (!fs::create_directories(temp, ec) || ec) return fail("cannot create " + temp);
  RealFileSystem disk;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const fs::path target = fs::path(temp) / paths[i];
    fs::create_directories(target.parent_path(), ec);
    if (Status s = disk.WriteFile(target.string(), files[i].content); !s.ok()) {
      return fail(s.message());
    }
  }
  const std::string final_path = JoinPath(intake, folder);
  if (fs::exists(final_path, ec)) return fail(final_path + " exists");
  fs::rename(temp, final_path, ec);
  if (ec) return fail("cannot rename " + temp + " to " + final_path);
  return final_path;
}

std::string UploadFolderName(const std::string& date_iso, const std::string& user) {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char clock[8];
  std::strftime(clock, sizeof clock, "%H%M%S", &local);
  std::string date;
  for (char c : date_iso) {
    if (c != '-') date += c;
  }
  std::string who;
  for (char c : user) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    who += plain || c == '_' || c == '.' || c == '-' ? c : '_';
  }
  return "web-" + date + "-" + clock + "-" + who + "-" + RandomToken(2);
}

Result<int> RunSelf(const std::vector<std::string>& args, const std::string& log) {
  std::vector<std::string> owned = args;
  std::vector<char*> argv;
  for (std::string& a : owned) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, "/proc/self/exe", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return Status::IoError("cannot start " + args.front() + " " + args.at(1));
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return Status::IoError("lost the child " + args.at(1));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

namespace {

Result<nlohmann::json> ReadJson(const std::string& path) {
  Result<std::string> text = RealFileSystem().ReadFile(path, std::uint64_t{64} << 20);
  if (!text) return text.error();
  nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
  if (j.is_discarded()) return Status::InvalidData("not JSON", path);
  return j;
}

// report.json of the run's one dossier: its registry object, conclusion and institution.
Result<nlohmann::json> RunOutcome(const std::string& out) {
  Result<nlohmann::json> summary = ReadJson(JoinPath(out, "summary.json"));
  if (!summary) return summary.error();
  const nlohmann::json& dossiers = (*summary)["dossiers"];
  if (!dossiers.is_array() || dossiers.size() != 1) {
    return Status::Internal("beian run checked no dossier");
  }
  const std::string failed = dossiers[0].value("failed", "");
  if (!failed.empty()) {  // a reader crashed or hung in run's worker: nothing registered
    return nlohmann::json{{"outcome", "failed"},
                          {"failed", failed},
                          {"conclusion", dossiers[0].value("conclusion", "")},
                          {"institution", dossiers[0].value("institution", "")}};
  }
  Result<nlohmann::json> report =
      ReadJson(JoinPath(out, dossiers[0].value("report", std::string())));
  if (!report) return report.error();
  nlohmann::json r = report->value("registry", nlohmann::json::object());
  r["conclusion"] = report->value("conclusion", "");
  r["institution"] = (*report)["institution"].value("name", "");
  return r;
}

}  // namespace

Result<nlohmann::json> CheckAndRegister(const IntakeRun& run, const std::string& intake,
                                        const std::string& folder, const std::string& user,
                                        const std::string& office, const std::string& date) {
  const std::string dir = JoinPath(run.spool, "run-" + RandomToken(8));
  const std::string in = JoinPath(dir, "in"), out = JoinPath(dir, "out");
  std::error_code ec;
  fs::create_directories(in, ec);
  // The dossier alone, under its own name (the registry records the name): hard links, a copy
  // when the spool is on another file system. The intake itself is never written.
  fs::copy(JoinPath(intake, folder), JoinPath(in, folder),
           fs::copy_options::recursive | fs::copy_options::create_hard_links, ec);
  if (ec) {
    ec.clear();
    fs::remove_all(JoinPath(in, folder), ec);
    fs::copy(JoinPath(intake, folder), JoinPath(in, folder), fs::copy_options::recursive, ec);
  }
  if (ec) {
    fs::remove_all(dir, ec);
    return Status::IoError("cannot copy the dossier to " + in);
  }
  std::vector<std::string> args = {
      "beian",      "run",    in,   "--out",  out,  "--registry", run.registry, "--data-dir",
      run.data_dir, "--date", date, "--user", user, "--jobs",     "1",          "--quiet"};
  if (!run.config.empty()) args.insert(args.end(), {"--config", run.config});
  if (!run.fonts.empty()) args.insert(args.end(), {"--fonts", run.fonts});
  if (office != kProvince) args.insert(args.end(), {"--authority", office});
  if (run.no_pdf) args.push_back("--no-pdf");
  const std::string log = JoinPath(dir, "run.log");
  Result<int> rc = RunSelf(args, log);
  Result<nlohmann::json> outcome =
      rc && *rc <= 2 ? RunOutcome(out) : Result<nlohmann::json>(Status::Internal(""));
  if (!outcome) {
    Result<std::string> text = RealFileSystem().ReadFile(log, 1 << 16);
    const std::string said = text ? *text : std::string();
    outcome = Status::Internal(
        "beian run: " + (rc ? "exit " + std::to_string(*rc) : rc.error().message()) +
        (said.empty() ? "" : ": " + said));
  }
  fs::remove_all(dir, ec);
  return outcome;
}

}  // namespace pipeline::web
