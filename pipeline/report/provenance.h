// Provenance: what produced a report.json / summary.json and the parameters that shaped it, so
// a report read months later says which beian, which --date, which --authority and which
// settings made it. docs/user-guide.md "Output: report.json" (schema_version, generator,
// parameters).
#ifndef PIPELINE_REPORT_PROVENANCE_H_
#define PIPELINE_REPORT_PROVENANCE_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace pipeline::report {

// The report.json schema. Raised only when a key is renamed or its meaning changes; added keys
// keep it (readers ignore keys they do not know).
inline constexpr int kReportSchemaVersion = 2;

struct Provenance {
  std::string date;                      // --date (or the system date), YYYY-MM-DD
  std::optional<std::string> authority;  // --authority CODE, if given
  // The credit list's file name when it has no kind column (every row read as a serious bad
  // record: summary.json and index.html warn), else "". Not in report.json's parameters.
  std::string credit_list_untyped;
  std::string settings_hash;  // SettingsHash() of the effective settings
};

// Sets `schema_version`, `generator` {name, version} and `parameters` {date, authority (null
// when not given), settings_hash} on `j`.
void AddProvenance(const Provenance& p, nlohmann::json& j);

}  // namespace pipeline::report

#endif  // PIPELINE_REPORT_PROVENANCE_H_
