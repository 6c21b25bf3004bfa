// The part of a CaseReport a worker process sends back to the parent (pipeline/service/
// worker_pool.h): what the parent's run-wide steps read (summary table, ledger, registry,
// exit code). It is an internal format between two processes of the same binary (enums as
// numbers), never written to disk; report.json itself travels as its JSON.
#ifndef PIPELINE_SERVICE_REPORT_WIRE_H_
#define PIPELINE_SERVICE_REPORT_WIRE_H_

#include <nlohmann/json.hpp>

#include "pipeline/model/report.h"

namespace pipeline::service {

// The fields listed in report_wire.cc; the rest of the report is left out.
nlohmann::json ReportToWire(const model::CaseReport& r);
// The inverse: a CaseReport with those fields set and the others default.
model::CaseReport ReportFromWire(const nlohmann::json& j);

}  // namespace pipeline::service

#endif  // PIPELINE_SERVICE_REPORT_WIRE_H_
