// The commands of the evaluation stages and the ledger (docs/user-guide.md "Technical evaluation",
// "Ledger"): scoresheet, evaluate, summarize, ledger. They act on cases of the registry and
// record through its API (Registry::RecordOpinion), so the registry's stage guards apply.
#ifndef PIPELINE_EVALUATION_COMMANDS_H_
#define PIPELINE_EVALUATION_COMMANDS_H_

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"
#include "pipeline/evaluation/ledger.h"
#include "pipeline/model/command_request.h"
#include "pipeline/model/report.h"
#include "pipeline/report/messages.h"

namespace pipeline::evaluation {

// True for scoresheet, evaluate, summarize and ledger.
bool IsEvaluationCommand(model::Command c);

// Runs one of them, printing to `out`. Refusals (wrong stage, a sheet with problems) come back
// as errors whose message the clerk reads.
Status RunEvaluationCommand(const model::CommandRequest& options, FileSystem& fs,
                            const report::MessageCatalog& messages, const std::string& data_dir,
                            std::ostream& out);

// `beian run`'s ledger: OUT/台账.xlsx over the registry when one is chosen for run, else over
// this run's cases (docs/user-guide.md "Ledger"). Of each case the run keeps only its ledger row
// (RowOf), in its spool file on disk, and gives the rows back one at a time when the ledger is
// written, so a run's memory does not grow with its cases.
class RunLedger {
 public:
  // Loads the ledger's wording and settings; `options`, `fs` and `messages` must outlive it.
  static Result<std::unique_ptr<RunLedger>> Open(const model::CommandRequest& options,
                                                 FileSystem& fs,
                                                 const report::MessageCatalog& messages,
                                                 const std::string& data_dir);
  // `report`'s row, as LedgerCaseToJson (null when the ledger is read from the registry).
  nlohmann::json RowOf(const model::CaseReport& report) const;
  // Writes OUT/台账.xlsx: from the registry when one is chosen, else from the rows `next`
  // gives one at a time (RowOf's JSON, in order; false when there are no more).
  Status Write(const std::function<bool(nlohmann::json*)>& next) const;

 private:
  RunLedger(const model::CommandRequest& options, FileSystem& fs,
            const report::MessageCatalog& messages, std::string data_dir);

  const model::CommandRequest& options_;
  FileSystem& fs_;
  const report::MessageCatalog& messages_;
  std::string data_dir_;
  report::MessageCatalog wording_;
  std::string registry_file_;  // empty: no registry, the ledger is the run's rows
};

}  // namespace pipeline::evaluation

#endif  // PIPELINE_EVALUATION_COMMANDS_H_
