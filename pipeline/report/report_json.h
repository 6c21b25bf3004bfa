// report.json: the machine-readable report of one dossier. Keys are English and stable (later
// issues add keys, never rename them); values are as in the documents (Chinese text for
// messages and names). See docs/user-guide.md "report.json".
#ifndef PIPELINE_REPORT_REPORT_JSON_H_
#define PIPELINE_REPORT_REPORT_JSON_H_

#include <nlohmann/json.hpp>
#include <string>

#include "pipeline/model/report.h"
#include "pipeline/report/messages.h"

namespace pipeline::report {

// The case's report as a JSON value, one serializer over the whole CaseReport: materials and
// completeness, findings (worded through `messages`), conclusion, pending checks, documents,
// institution, jurisdiction, occupations (with levels_text, e.g. `五级至三级`, and the worded
// exclusion_reason), conditions (with `reasons`, the worded findings of their rules) and the
// extracted fields with their sources. The job adds what is not the case's own: the rule
// settings it was judged against, the provenance and the registry check.
nlohmann::json ToJson(const model::CaseReport& report, const MessageCatalog& messages);

// A form location (`T2R3C4`, `T2R3`, `P5`, nested `T1R1C1/T1R3C2`) in words from the message
// catalogue (location.*), e.g. `表2第3行第4列`; XML paths and anything else unchanged.
std::string LocationText(const std::string& location, const MessageCatalog& messages);

// Why an occupation is excluded, worded (its exclusion_reason key with name, code and major
// group); "" when it is not excluded.
std::string ExclusionReasonText(const model::OccupationResult& o, const MessageCatalog& messages);

// Levels 1..5 as text: a contiguous run as a range (level.range), otherwise a list
// (level.separator); e.g. {3,4,5} -> `五级至三级`, {1,3} -> `三级、一级`. Empty for none.
std::string LevelsText(const std::vector<int>& levels, const MessageCatalog& messages);

// Pretty-printed UTF-8 JSON text with a trailing newline (stable key order).
std::string ToJsonText(const nlohmann::json& j);
// Adds the member `key` (absent from the object) to `text`, an object as ToJsonText wrote it,
// giving the same bytes as ToJsonText of the object with that member: the parent of a run
// adds the registry's part to the report.json text a worker made without parsing it again.
void InsertMemberText(std::string* text, const std::string& key, const nlohmann::json& value);

}  // namespace pipeline::report

#endif  // PIPELINE_REPORT_REPORT_JSON_H_
