// 收件 (/intake, docs/web.md): an uploaded dossier (a zip, or a folder's files with their
// relative names) is cleaned, checked against the intake limits before anything is written,
// stored under a hidden temporary name in the intake folder and renamed when complete
// (<intake>/web-<time>-<user>/), then checked and registered by `beian run` -- the program
// itself, started with posix_spawn (never fork() in the threaded server), over a folder holding
// this one dossier (hard links), with the registry and settings the server uses.
#ifndef PIPELINE_WEB_INTAKE_H_
#define PIPELINE_WEB_INTAKE_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/core/status.h"

namespace pipeline::web {

// One uploaded file: its name as the browser sent it, and its bytes.
struct UploadedFile {
  std::string name;
  std::string content;
};

// The limits an upload is held to before it is stored (the intake's own limits, README
// "Settings: limits", and the upload cap web_max_upload_bytes).
struct UploadLimits {
  std::uint64_t max_file_bytes = 128ull << 20;
  std::size_t max_files = 5000;
  int max_depth = 8;
};

// The path an uploaded name is stored at, relative to the dossier folder: '\' read as '/',
// leading '/' and empty or '.' parts dropped. nullopt for a name that cannot be stored: a
// '..' part, a control character, nothing left.
std::optional<std::string> CleanUploadName(const std::string& name);

// The cleaned relative paths of `files`; when every path starts with the same folder (a folder
// picked in the browser sends dir/sub/申请表.docx), that folder is dropped: the dossier folder
// is the stored one. InvalidArgument naming the first name that cannot be stored (or a
// duplicate).
Result<std::vector<std::string>> CleanUploadNames(const std::vector<UploadedFile>& files);

// The first limit the upload breaks: {limit key, file}; nullopt when it breaks none.
std::optional<std::pair<std::string, std::string>> BreaksLimits(
    const std::vector<UploadedFile>& files, const std::vector<std::string>& paths,
    const UploadLimits& limits);

// Writes the files under <intake>/.web-upload-<random>/ (hidden: run and watch skip it) and
// renames that to <intake>/<folder> when every file is written; the folder's path.
Result<std::string> StoreUpload(const std::string& intake, const std::string& folder,
                                const std::vector<UploadedFile>& files,
                                const std::vector<std::string>& paths);

// web-<yyyymmdd>-<hhmmss>-<user>, the user's name reduced to [A-Za-z0-9_.-].
std::string UploadFolderName(const std::string& date_iso, const std::string& user);

// Runs the program itself (/proc/self/exe) with `args` (args[0] is its name) by posix_spawn,
// stdout and stderr to `log`; its exit code (128 + signal when killed).
Result<int> RunSelf(const std::vector<std::string>& args, const std::string& log = "/dev/null");

// How `beian run` is started for an upload: the server's registry, settings and data.
struct IntakeRun {
  std::string registry, config, data_dir, fonts;
  std::string spool;    // where the one-dossier intake and the run's output go (removed after)
  bool no_pdf = false;  // --no-pdf (the demo)
};

// `beian run` over the stored dossier <intake>/<folder> alone, by user `user` of `office`
// (its --authority unless the province), dated `date`: report.json's "registry" object with
// the report's "conclusion" and "institution" added; {"outcome": "failed", "failed": why} when
// run's worker could not check it (a reader crashed or hung: the server is not affected).
Result<nlohmann::json> CheckAndRegister(const IntakeRun& run, const std::string& intake,
                                        const std::string& folder, const std::string& user,
                                        const std::string& office, const std::string& date);

}  // namespace pipeline::web

#endif  // PIPELINE_WEB_INTAKE_H_
