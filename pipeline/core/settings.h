// Layered settings: the office's settings are one JSON object, assembled from several files,
// each overriding KEYS of the ones before it (not whole files). Lowest precedence first:
//   shipped defaults (<data>/templates/office.json) -> /etc/beian/office.json -> $BEIAN_CONFIG
//   -> --config FILE
// (which files are consulted is decided by the CLI, pipeline/cli/locations.h). Merging follows
// JSON Merge Patch (RFC 7386): an object merges key by key, recursively; any other value
// (string, number, array) replaces the one below; null removes a key. The layering knows no
// key names, so a key added to office.json needs no code here.
#ifndef PIPELINE_CORE_SETTINGS_H_
#define PIPELINE_CORE_SETTINGS_H_

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"

namespace pipeline {

// One settings file as read (JSON with // comments allowed).
struct SettingsLayer {
  std::string path;       // as given (shown in `beian config` and in errors)
  nlohmann::json values;  // the file's object
};

struct LayeredSettings {
  std::vector<SettingsLayer> layers;                    // lowest precedence first
  nlohmann::json effective = nlohmann::json::object();  // every layer merged
  // JSON pointer of each leaf of `effective` ("/draft", "/limits/max_files") -> path of the
  // layer that set it.
  std::map<std::string, std::string> origin;

  // The effective object after layers [0, n) only (n = 1: the defaults alone).
  nlohmann::json MergedUpTo(std::size_t n) const;
  // The layer path that set the value at `pointer` (or the array holding it), or "".
  std::string OriginOf(const std::string& pointer) const;
};

// The path a string setting names (`pointer`, e.g. "/fonts"), resolved against the folder of
// the file that set it when relative; "" when unset or empty.
std::string PathSetting(const LayeredSettings& settings, const std::string& pointer);

// Reads and merges `paths` (lowest precedence first). A file that cannot be read, or that is
// not a JSON object, is an error naming it (with the byte offset of a syntax error).
Result<LayeredSettings> LoadLayeredSettings(const FileSystem& fs,
                                            const std::vector<std::string>& paths);

// A hash of the effective settings that shaped a run: `sha256:` + 64 hex digits over the
// compact JSON text with sorted keys, keys starting with '_' (comments) left out. It depends on
// the values only, never on where the files live.
std::string SettingsHash(const nlohmann::json& effective);

// One line per leaf: `key = value  (path of the layer)`, in key order, nested keys joined
// with '.', e.g. `draft = false  (/etc/beian/office.json)`. Keys starting with '_' are left out.
std::string DescribeSettings(const LayeredSettings& settings);

}  // namespace pipeline

#endif  // PIPELINE_CORE_SETTINGS_H_
