// Where the registry file is and who is acting (docs/user-guide.md "Case registry").
//   file: --registry FILE -> $BEIAN_REGISTRY -> settings "registry" (no other fallback);
//   user: --user -> settings "user" -> the login name.
// The settings are the optional keys "registry" and "user" of the office settings (templates/
// office.json under the layers of docs/user-guide.md "Settings").
#ifndef PIPELINE_REGISTRY_LOCATION_H_
#define PIPELINE_REGISTRY_LOCATION_H_

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"
#include "pipeline/model/command_request.h"
#include "pipeline/report/document_data.h"

namespace pipeline::registry {

struct RegistrySettings {
  std::string registry;  // settings "registry": the file or server URI, "" when unset
  std::string user;      // settings "user", "" when unset
  // 公示 (Art. 7(五): 不少于5个工作日): its length in working days (never below 5), and whether
  // the first day counts (the regulation does not say; default no, as 民法典 第二百零一条).
  int publicity_working_days = 5;
  bool publicity_count_start_day = false;
  std::string publicity_contact;  // a further contact line printed in the 公示 (`` = none)
  // Where objections to a 公示 go (the regulation names none): the receiving office, its
  // address, telephone and e-mail; each a blank to fill in while unset.
  std::string objection_office, objection_address, objection_phone, objection_email;
  // 发文字号 of issued documents, with {year} and {n}: e.g. `吉人社鉴备〔{year}〕{n}号`, or per
  // authority code (report::DocNumberFormats). Empty by default: issue refuses a document of
  // an authority that has none until the office sets it.
  report::DocNumberFormats doc_number_format;
  std::string archive;      // archive root ("" = `archive/` beside the registry file)
  std::string icc_profile;  // sRGB ICC profile for PDF/A ("" = kDefaultIccProfile)
  // The archive catalogue (归档文件目录, DA/T 22-2015). 保管期限 per document kind (`receipt`,
  // `filing_notice`, …; "default" for the others; a plain string in the file sets the default):
  // 永久, 定期30年, 定期10年, `` = blank. The regulation says nothing; the office decides.
  std::string archive_retention;                                 // the default
  std::map<std::string, std::string> archive_retention_by_kind;  // kind -> 保管期限
  std::string archive_fonds;  // 全宗号 of the 档号 (`` = a visible blank)
  std::map<std::string, std::string> archive_retention_codes;  // 保管期限 -> code (永久 -> Y)
  std::string archive_classification;  // 密级 printed for every document (`` = blank)
  // The 保管期限 of a document of `kind`.
  const std::string& RetentionFor(const std::string& kind) const {
    auto it = archive_retention_by_kind.find(kind);
    return it == archive_retention_by_kind.end() ? archive_retention : it->second;
  }
  // 备案编号 of a new filing, with {year} and {n} (a per-year sequence): e.g. `吉认备{year}{n}`.
  // Empty by default: the notice leaves the number blank, to be filled in by hand.
  std::string filing_number_format;
  // Number of an issued 材料接收回执, with {year} and {n} of the receipts' own sequence per
  // authority and year (e.g. `吉人社认收〔{year}〕{n}号`); it takes no 发文字号. One string, or an
  // object keyed by authority code as doc_number_format is (offices on one registry must not
  // print the same number). Empty by default: the receipt shows a blank number and `beian
  // issue` refuses it until set.
  report::DocNumberFormats receipt_number_format;
  // 经办人 printed on an issued receipt (a visible blank while unset).
  std::string receipt_handler;
  // When the three years of a new filing start (the regulation says only 「三年」): `doc_date`,
  // the 备案通知's 成文日期 (default; an issue later than `file` moves the start to the issued
  // date), or "file_date", the day `beian file` was run.
  std::string filing_validity_start = "doc_date";
  // How a renewal extends the validity: "old_end" (default: three years on from the day after
  // the old end) or `doc_date` (three years from the 续期备案通知's 成文日期).
  std::string renewal_validity_start = "old_end";
};

// Reads the optional registry keys of the office settings file `path` (docs/user-guide.md "Case
// registry"); a key of the wrong type is an error naming the file and key.
Result<RegistrySettings> LoadRegistrySettings(const FileSystem& fs, const std::string& path);

// The same over the layered settings files (docs/user-guide.md "Settings";
// pipeline/core/settings.h).
Result<RegistrySettings> LoadRegistrySettings(const FileSystem& fs,
                                              const std::vector<std::string>& files);
Result<RegistrySettings> RegistrySettingsFromJson(const nlohmann::json& j, const std::string& path);

// The settings files of this run: the CLI's layers (options.settings_files), or the shipped
// templates/office.json when none were resolved.
std::vector<std::string> SettingsFilesOf(const model::CommandRequest& options,
                                         const std::string& data_dir);

// The registry file: --registry, else $BEIAN_REGISTRY, else the setting "registry"; "" when
// none is chosen (`beian run` then records nothing; the registry commands refuse).
std::string RegistryFile(const std::string& flag, const RegistrySettings& settings);
// The XDG default: $XDG_DATA_HOME/beian/registry.sqlite.
std::string DefaultRegistryFile();

// The user recorded with every action.
std::string ActingUser(const std::string& flag, const RegistrySettings& settings);

}  // namespace pipeline::registry

#endif  // PIPELINE_REGISTRY_LOCATION_H_
