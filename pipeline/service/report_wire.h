// A CaseReport as a worker process sends it back to the parent (pipeline/service/
// worker_pool.h), for the parent's steps (registry, summary table, ledger, exit code). It is an
// internal format between two processes of the same binary (enums as numbers), never written
// to disk; report.json itself travels as its JSON.
#ifndef PIPELINE_SERVICE_REPORT_WIRE_H_
#define PIPELINE_SERVICE_REPORT_WIRE_H_

#include <nlohmann/json.hpp>

#include "pipeline/model/report.h"

namespace pipeline::service {

// Every field of the report (and of the structs it holds).
nlohmann::json ReportToWire(const model::CaseReport& r);
// The inverse. Throws nlohmann::json::exception on a malformed value (never, between two
// processes of one binary).
model::CaseReport ReportFromWire(const nlohmann::json& j);

}  // namespace pipeline::service

#endif  // PIPELINE_SERVICE_REPORT_WIRE_H_
