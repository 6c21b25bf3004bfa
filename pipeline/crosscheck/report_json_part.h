// The issue-3 part of report.json: institution, jurisdiction, occupations, conditions and the
// extracted fields with provenance. Called by render/report_json (the integrator) on the
// top-level report object. Keys are stable; values are data (Chinese text comes from the form
// and the reference tables, never from code).
#ifndef PIPELINE_CROSSCHECK_REPORT_JSON_PART_H_
#define PIPELINE_CROSSCHECK_REPORT_JSON_PART_H_

#include <nlohmann/json.hpp>

#include "pipeline/crosscheck/rule_settings.h"
#include "pipeline/crosscheck/rules.h"
#include "pipeline/model/report.h"

namespace pipeline::crosscheck {

// Adds "institution", "jurisdiction", "occupations", "conditions" and "fields" to `out`
// (an object). Deterministic: arrays keep model order, objects are key-sorted by nlohmann.
void AppendIssue3Json(const model::CaseReport& report, nlohmann::json& out);

// Adds "rule_defaults": the thresholds marked owner="province" in rules.xml with the value in
// force (the office's setting, or null when none is set), and "rule_settings": every office
// rule setting in force (RuleSettingsJson), so each report says what it was judged against.
void AppendRuleDefaultsJson(const RuleSet& rules, const RuleSettings& settings,
                            nlohmann::json& out);

}  // namespace pipeline::crosscheck

#endif  // PIPELINE_CROSSCHECK_REPORT_JSON_PART_H_
