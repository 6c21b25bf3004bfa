// RuleSettings: what the regulation leaves to the office, read from the `rules` object of
// templates/office.json (docs/user-guide.md "Settings"). Empty by default: no staff minimum above
// zero, a missing 原备案编号 does not block, no credit list. Shipped rules (checklists/rules.xml)
// are never edited to change them.
#ifndef PIPELINE_CROSSCHECK_RULE_SETTINGS_H_
#define PIPELINE_CROSSCHECK_RULE_SETTINGS_H_

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"
#include "pipeline/crosscheck/rules.h"

namespace pipeline::crosscheck {

struct RuleSettings {
  // owner="province" threshold id -> the office's value (only those set).
  std::map<std::string, int, std::less<>> minimums;
  // A missing 原备案编号 (A8-04, A9-04) blocks only when true.
  bool require_original_filing_number = false;
  // Path of the office's credit list (CSV or XLSX), resolved against the settings file's
  // folder; "" = none. `beian --credit-list FILE` overrides it.
  std::string credit_list;
};

// The threshold in force: the office's setting, else rules.xml's value, else none.
// REQUIRES: `id` is a configured threshold. `settings` may be null (no office settings).
std::optional<int> EffectiveThreshold(const RuleSet& rules, const RuleSettings* settings,
                                      std::string_view id);

// Parses the `rules` object (`rules_json` may be null: all defaults). Keys: the owner="province"
// threshold ids (null or a whole number >= 0), require_original_filing_number (true|false),
// credit_list (a path, "" = none); keys starting with "_" are comments; any other key is an
// error naming `file`, so a typo is caught rather than silently ignored.
Result<RuleSettings> RuleSettingsFromJson(const nlohmann::json& rules_json, const RuleSet& rules,
                                          const std::string& file);

// Reads the `rules` object of `office_json` (normally templates/office.json).
Result<RuleSettings> LoadRuleSettings(const FileSystem& fs, const std::string& office_json,
                                      const RuleSet& rules);

// Settings in force for report.json `rule_settings`: each province threshold (value or null)
// with its article, require_original_filing_number and the credit list's file name.
nlohmann::json RuleSettingsJson(const RuleSet& rules, const RuleSettings& settings);

}  // namespace pipeline::crosscheck

#endif  // PIPELINE_CROSSCHECK_RULE_SETTINGS_H_
