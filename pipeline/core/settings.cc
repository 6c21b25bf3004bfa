#include "pipeline/core/settings.h"

#include <algorithm>
#include <cstdio>

#include "pipeline/core/sha256.h"

namespace pipeline {
namespace {

using nlohmann::json;

bool IsComment(const std::string& key) { return !key.empty() && key[0] == '_'; }

std::string EscapePointerToken(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

// Records `path` as the origin of every leaf under `prefix` in `patch`; a null removes the
// origins it deletes.
void RecordOrigins(const json& patch, const std::string& prefix, const std::string& path,
                   std::map<std::string, std::string>& origin) {
  for (const auto& [key, value] : patch.items()) {
    const std::string pointer = prefix + "/" + EscapePointerToken(key);
    // Whatever was below this key is replaced unless both sides are objects.
    if (!value.is_object()) {
      auto it = origin.lower_bound(pointer + "/");
      while (it != origin.end() && it->first.rfind(pointer + "/", 0) == 0) it = origin.erase(it);
    }
    if (value.is_null()) {
      origin.erase(pointer);
    } else if (value.is_object() && !value.empty()) {
      origin.erase(pointer);
      RecordOrigins(value, pointer, path, origin);
    } else {
      origin[pointer] = path;
    }
  }
}

json WithoutComments(const json& j) {
  if (!j.is_object()) return j;
  json out = json::object();
  for (const auto& [key, value] : j.items()) {
    if (!IsComment(key)) out[key] = WithoutComments(value);
  }
  return out;
}

}  // namespace

json LayeredSettings::MergedUpTo(std::size_t n) const {
  json merged = json::object();
  for (std::size_t i = 0; i < n && i < layers.size(); ++i) merged.merge_patch(layers[i].values);
  return merged;
}

std::string LayeredSettings::OriginOf(const std::string& pointer) const {
  // An array element's origin is the layer that set the whole array.
  for (std::string p = pointer; !p.empty(); p = p.substr(0, p.rfind('/'))) {
    auto it = origin.find(p);
    if (it != origin.end()) return it->second;
  }
  return "";
}

std::string PathSetting(const LayeredSettings& settings, const std::string& pointer) {
  const json::json_pointer ptr(pointer);
  if (!settings.effective.contains(ptr)) return "";
  const json& value = settings.effective.at(ptr);
  if (!value.is_string() || value.get<std::string>().empty()) return "";
  const std::string path = value.get<std::string>();
  if (path[0] == '/') return path;
  return JoinPath(DirName(settings.OriginOf(pointer)), path);
}

Result<LayeredSettings> LoadLayeredSettings(const FileSystem& fs,
                                            const std::vector<std::string>& paths) {
  LayeredSettings s;
  for (const std::string& path : paths) {
    Result<std::string> text = fs.ReadFile(path, FileSystem::kDefaultMaxRead);
    if (!text) return text.error().WithContext("settings");
    json j;
    try {
      j = json::parse(*text, nullptr, /*allow_exceptions=*/true, /*ignore_comments=*/true);
    } catch (const json::parse_error& e) {
      return Status::InvalidData("not valid JSON at byte " + std::to_string(e.byte), path);
    }
    if (!j.is_object()) return Status::InvalidData("settings must be a JSON object", path);
    s.effective.merge_patch(j);
    RecordOrigins(j, "", path, s.origin);
    s.layers.push_back({path, std::move(j)});
  }
  return s;
}

std::string SettingsHash(const json& effective) {
  return "sha256:" +
         Sha256Hex(WithoutComments(effective).dump(-1, ' ', false, json::error_handler_t::replace));
}

std::string DescribeSettings(const LayeredSettings& settings) {
  const json flat = WithoutComments(settings.effective).flatten();
  std::string out;
  for (const auto& [pointer, value] : flat.items()) {
    std::string key = pointer.substr(1);  // "/limits/max_files" -> "limits.max_files"
    std::replace(key.begin(), key.end(), '/', '.');
    out += key + " = " + value.dump(-1, ' ', false, json::error_handler_t::replace) + "  (" +
           settings.OriginOf(pointer) + ")\n";
  }
  return out;
}

}  // namespace pipeline
