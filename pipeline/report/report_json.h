// report.json: the machine-readable report of one dossier. Keys are English and stable (later
// issues add keys, never rename them); values are as in the documents (Chinese text for
// messages and names). See README "report.json".
#ifndef PIPELINE_REPORT_REPORT_JSON_H_
#define PIPELINE_REPORT_REPORT_JSON_H_

#include <string>

#include <nlohmann/json.hpp>

#include "pipeline/model/report.h"
#include "pipeline/report/messages.h"

namespace pipeline::report {

// The report as a JSON value; finding messages are worded through `messages`.
nlohmann::json ToJson(const model::CaseReport& report, const MessageCatalog& messages);

// Pretty-printed UTF-8 JSON text with a trailing newline (stable key order).
std::string ToJsonText(const nlohmann::json& j);

}  // namespace pipeline::report

#endif  // PIPELINE_REPORT_REPORT_JSON_H_
