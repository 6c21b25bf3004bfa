#include "pipeline/registry/location.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "pipeline/core/settings.h"

namespace pipeline::registry {
namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr ? std::string(v) : std::string();
}

}  // namespace

Result<RegistrySettings> LoadRegistrySettings(const FileSystem& fs, const std::string& path) {
  Result<std::string> text = fs.ReadFile(path);
  if (!text) return text.error();
  nlohmann::json j = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  return RegistrySettingsFromJson(j, path);
}

Result<RegistrySettings> LoadRegistrySettings(const FileSystem& fs,
                                              const std::vector<std::string>& files) {
  Result<LayeredSettings> layered = LoadLayeredSettings(fs, files);
  if (!layered) return layered.error();
  return RegistrySettingsFromJson(layered->effective, files.empty() ? "" : files.back());
}

std::vector<std::string> SettingsFilesOf(const model::CommandRequest& options,
                                         const std::string& data_dir) {
  if (!options.settings_files.empty()) return options.settings_files;
  return {JoinPath(data_dir, "templates/office.json")};
}

namespace {

// A JSON object of strings as a map; errors name the key and the file.
Status StringMap(const nlohmann::json& v, const char* key, const std::string& path,
                 std::map<std::string, std::string>* out) {
  if (!v.is_object())
    return Status::InvalidData(std::string("\"") + key + "\" must be an object", path);
  for (auto it = v.begin(); it != v.end(); ++it) {
    if (!it.value().is_string()) {
      return Status::InvalidData(std::string("\"") + key + "\"." + it.key() + " must be a string",
                                 path);
    }
    (*out)[it.key()] = it.value().get<std::string>();
  }
  return Status::Ok();
}

// archive_retention (a string: the default; an object: per kind, "default" for the others) and
// archive_retention_codes.
Status ReadArchiveSettings(const nlohmann::json& j, const std::string& path, RegistrySettings* s) {
  if (j.contains("archive_retention")) {
    const nlohmann::json& v = j["archive_retention"];
    if (v.is_string()) {
      s->archive_retention = v.get<std::string>();
    } else {
      PIPELINE_RETURN_IF_ERROR(
          StringMap(v, "archive_retention", path, &s->archive_retention_by_kind));
      auto d = s->archive_retention_by_kind.find("default");
      if (d != s->archive_retention_by_kind.end()) {
        s->archive_retention = d->second;
        s->archive_retention_by_kind.erase(d);
      }
    }
  }
  if (j.contains("archive_retention_codes")) {
    PIPELINE_RETURN_IF_ERROR(StringMap(j["archive_retention_codes"], "archive_retention_codes",
                                       path, &s->archive_retention_codes));
  }
  return Status::Ok();
}

}  // namespace

Result<RegistrySettings> RegistrySettingsFromJson(const nlohmann::json& j,
                                                  const std::string& path) {
  if (j.is_discarded() || !j.is_object()) return Status::InvalidData("not a JSON object", path);
  RegistrySettings s;
  for (auto [key, field] :
       {std::pair{"registry", &s.registry}, std::pair{"user", &s.user},
        std::pair{"publicity_contact", &s.publicity_contact},
        std::pair{"objection_office", &s.objection_office},
        std::pair{"objection_address", &s.objection_address},
        std::pair{"objection_phone", &s.objection_phone},
        std::pair{"objection_email", &s.objection_email}, std::pair{"archive", &s.archive},
        std::pair{"archive_fonds", &s.archive_fonds},
        std::pair{"archive_classification", &s.archive_classification},
        std::pair{"icc_profile", &s.icc_profile},
        std::pair{"filing_number_format", &s.filing_number_format},
        std::pair{"receipt_handler", &s.receipt_handler},
        std::pair{"filing_validity_start", &s.filing_validity_start},
        std::pair{"renewal_validity_start", &s.renewal_validity_start}}) {
    if (!j.contains(key)) continue;
    if (!j[key].is_string()) {
      return Status::InvalidData(std::string("\"") + key + "\" must be a string", path);
    }
    *field = j[key].get<std::string>();
  }
  PIPELINE_RETURN_IF_ERROR(ReadArchiveSettings(j, path, &s));
  if (j.contains("doc_number_format")) {
    PIPELINE_RETURN_IF_ERROR(
        report::ParseDocNumberFormats(j["doc_number_format"], path, &s.doc_number_format));
  }
  if (j.contains("receipt_number_format")) {
    PIPELINE_RETURN_IF_ERROR(report::ParseDocNumberFormats(
        j["receipt_number_format"], path, &s.receipt_number_format, "receipt_number_format"));
  }
  if (j.contains("publicity_working_days")) {
    const auto& v = j["publicity_working_days"];
    if (!v.is_number_integer() || v.get<int>() < 5 || v.get<int>() > 60) {
      return Status::InvalidData(
          "\"publicity_working_days\" must be a whole number from 5 (Art. 7 item 5) to 60", path);
    }
    s.publicity_working_days = v.get<int>();
  }
  if (j.contains("publicity_count_start_day")) {
    if (!j["publicity_count_start_day"].is_boolean()) {
      return Status::InvalidData("\"publicity_count_start_day\" must be true or false", path);
    }
    s.publicity_count_start_day = j["publicity_count_start_day"].get<bool>();
  }
  if (s.filing_validity_start != "doc_date" && s.filing_validity_start != "file_date") {
    return Status::InvalidData("\"filing_validity_start\" must be \"doc_date\" or \"file_date\"",
                               path);
  }
  if (s.renewal_validity_start != "old_end" && s.renewal_validity_start != "doc_date") {
    return Status::InvalidData("\"renewal_validity_start\" must be \"old_end\" or \"doc_date\"",
                               path);
  }
  return s;
}

std::string RegistryFile(const std::string& flag, const RegistrySettings& settings) {
  if (!flag.empty()) return flag;
  if (std::string env = Env("BEIAN_REGISTRY"); !env.empty()) return env;
  return settings.registry;
}

std::string DefaultRegistryFile() {
  std::string base = Env("XDG_DATA_HOME");
  if (base.empty()) base = Env("HOME") + "/.local/share";
  return base + "/beian/registry.sqlite";
}

std::string ActingUser(const std::string& flag, const RegistrySettings& settings) {
  if (!flag.empty()) return flag;
  if (!settings.user.empty()) return settings.user;
  if (const passwd* pw = getpwuid(geteuid()); pw != nullptr && pw->pw_name != nullptr) {
    return pw->pw_name;
  }
  if (std::string env = Env("USER"); !env.empty()) return env;
  return "uid" + std::to_string(geteuid());
}

}  // namespace pipeline::registry
