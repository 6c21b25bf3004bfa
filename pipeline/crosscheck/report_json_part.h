// The rule settings part of report.json: what the case was judged against (rules.xml thresholds
// and the office's rule settings), which is not part of the case's model. Keys are stable.
#ifndef PIPELINE_CROSSCHECK_REPORT_JSON_PART_H_
#define PIPELINE_CROSSCHECK_REPORT_JSON_PART_H_

#include <nlohmann/json.hpp>

#include "pipeline/crosscheck/rule_settings.h"
#include "pipeline/crosscheck/rules.h"

namespace pipeline::crosscheck {

// Adds "rule_defaults": the thresholds marked owner="province" in rules.xml with the value in
// force (the office's setting, or null when none is set), and "rule_settings": every office
// rule setting in force (RuleSettingsJson), so each report says what it was judged against.
void AppendRuleDefaultsJson(const RuleSet& rules, const RuleSettings& settings,
                            nlohmann::json& out);

}  // namespace pipeline::crosscheck

#endif  // PIPELINE_CROSSCHECK_REPORT_JSON_PART_H_
