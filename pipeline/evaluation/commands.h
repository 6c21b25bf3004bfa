// The commands of the evaluation stages and the ledger (README "Technical evaluation",
// "Ledger"): scoresheet, evaluate, summarize, ledger. They act on cases of the registry and
// record through its API (Registry::RecordOpinion), so the registry's stage guards apply.
#ifndef PIPELINE_EVALUATION_COMMANDS_H_
#define PIPELINE_EVALUATION_COMMANDS_H_

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "pipeline/cli/options.h"
#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"
#include "pipeline/evaluation/ledger.h"
#include "pipeline/model/report.h"
#include "pipeline/report/messages.h"

namespace pipeline::evaluation {

// True for scoresheet, evaluate, summarize and ledger.
bool IsEvaluationCommand(cli::Command c);

// Runs one of them, printing to `out`. Refusals (wrong stage, a sheet with problems) come back
// as errors whose message the clerk reads.
Status RunEvaluationCommand(const cli::Options& options, FileSystem& fs,
                            const report::MessageCatalog& messages, const std::string& data_dir,
                            std::ostream& out);

// `beian run`'s ledger: OUT/台账.xlsx over the registry when one is chosen for run, else over
// this run's cases (README "Ledger"). Of each case only its ledger row is kept (Add), so a run's
// memory does not grow with its cases' reports.
class RunLedger {
 public:
  // Loads the ledger's wording and settings; `options`, `fs` and `messages` must outlive it.
  static Result<std::unique_ptr<RunLedger>> Open(const cli::Options& options, FileSystem& fs,
                                                 const report::MessageCatalog& messages,
                                                 const std::string& data_dir);
  // Keeps `report`'s row (nothing when the ledger is read from the registry).
  void Add(const model::CaseReport& report);
  // Writes OUT/台账.xlsx.
  Status Write() const;

 private:
  RunLedger(const cli::Options& options, FileSystem& fs, const report::MessageCatalog& messages,
            std::string data_dir);

  const cli::Options& options_;
  FileSystem& fs_;
  const report::MessageCatalog& messages_;
  std::string data_dir_;
  report::MessageCatalog wording_;
  std::string registry_file_;  // empty: no registry, the ledger is rows_
  std::vector<LedgerCase> rows_;
};

}  // namespace pipeline::evaluation

#endif  // PIPELINE_EVALUATION_COMMANDS_H_
