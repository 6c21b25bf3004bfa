// Where beian finds its shipped data and the office's settings files. Nothing here is compiled
// in: the data is found next to the executable, so an installed, unpacked or copied beian works
// wherever it is put.
//
// Shipped data (templates/, checklists/, data/), first that applies:
//   --data-dir DIR;  $BEIAN_DATA_DIR;  <parent of exe dir>/share/beian (installed: bin/ next
//   to share/);  <exe dir>/share/beian (the build folder, which links share/beian to the
//   sources).
// Settings files, lowest precedence first (each overrides keys of the ones before it;
// pipeline/core/settings.h):
//   <data>/templates/office.json (shipped defaults);  <sysconfdir>/office.json if it exists,
//   where sysconfdir is $BEIAN_SYSCONFDIR or /etc/beian (set BEIAN_SYSCONFDIR to "" to skip
//   it: the tests do);  $BEIAN_CONFIG;  --config FILE.
#ifndef PIPELINE_CLI_LOCATIONS_H_
#define PIPELINE_CLI_LOCATIONS_H_

#include <optional>
#include <string>
#include <vector>

#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"

namespace pipeline::cli {

inline constexpr char kSystemConfigDir[] = "/etc/beian";

// The environment variables beian reads (unset = nullopt).
struct Environment {
  std::optional<std::string> data_dir;    // BEIAN_DATA_DIR
  std::optional<std::string> config;      // BEIAN_CONFIG
  std::optional<std::string> sysconfdir;  // BEIAN_SYSCONFDIR
};

// Reads BEIAN_DATA_DIR, BEIAN_CONFIG and BEIAN_SYSCONFDIR.
Environment ReadEnvironment();

// The folder of the running executable (from /proc/self/exe), or "" when unknown.
std::string ExecutableDir();

// The shipped data root (see above). NotFound naming the places tried when none holds
// templates/.
Result<std::string> FindDataDir(const FileSystem& fs, const std::string& data_dir_option,
                                const Environment& env, const std::string& exe_dir);

// The settings files to merge, lowest precedence first (see above). --config and
// $BEIAN_CONFIG must exist; the system file is optional.
Result<std::vector<std::string>> SettingsFiles(const FileSystem& fs, const std::string& data_dir,
                                               const std::string& config_option,
                                               const Environment& env);

}  // namespace pipeline::cli

#endif  // PIPELINE_CLI_LOCATIONS_H_
