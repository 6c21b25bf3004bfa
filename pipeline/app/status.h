// `beian status` of cases (docs/user-guide.md "Case registry"): the open cases, one case, or
// every case of a USCC, with what the registry computes of each (working days in its stage,
// the next step). The status of a document (D2026-0001) is still registry::RunRegistryCommand's.
#ifndef PIPELINE_APP_STATUS_H_
#define PIPELINE_APP_STATUS_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/app/context.h"
#include "pipeline/core/date.h"
#include "pipeline/core/status.h"
#include "pipeline/registry/registry.h"

namespace pipeline::app {

struct StatusRequest {
  std::string ref;  // a case id, a USCC (all its cases), or "" (the open cases)
  Date today;       // working days in a stage are counted up to it
  std::optional<std::string> authority;  // the office asking (the next step's wording)
};

// One case with what the registry computes of it: its history, versions and documents are in
// `record`.
struct CaseStatus {
  registry::CaseRecord record;
  std::optional<int> working_days_in_stage;  // nullopt: the calendar does not cover them
  std::string next;                          // the next step
};

struct StatusResult {
  enum class Of { kOpenCases, kCase, kUscc } of = Of::kCase;
  std::vector<CaseStatus> cases;
};

// `beian status` of cases (not named Status: that is pipeline::Status). REQUIRES: request.ref is
// not a document id (registry::IsDocumentId). A case that does not
// exist is NotFound with the clerk's message.
Result<StatusResult> StatusOf(const Context& app, const StatusRequest& request);

// The JSON `beian status --json` prints: {"open_cases": [summary...]}, one case's object, or
// {"cases": [...]} for a USCC.
nlohmann::json StatusJson(const StatusResult& status);

}  // namespace pipeline::app

#endif  // PIPELINE_APP_STATUS_H_
