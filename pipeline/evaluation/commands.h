// The commands of the evaluation stages and the ledger (README "Technical evaluation",
// "Ledger"): scoresheet, evaluate, summarize, ledger. They act on cases of the registry and
// record through its API (Registry::RecordOpinion), so the registry's stage guards apply.
#ifndef PIPELINE_EVALUATION_COMMANDS_H_
#define PIPELINE_EVALUATION_COMMANDS_H_

#include <ostream>
#include <string>
#include <vector>

#include "pipeline/cli/options.h"
#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"
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
// this run's reports (README "Ledger").
Status WriteRunLedger(const cli::Options& options, FileSystem& fs,
                      const report::MessageCatalog& messages, const std::string& data_dir,
                      const std::vector<model::CaseReport>& reports);

}  // namespace pipeline::evaluation

#endif  // PIPELINE_EVALUATION_COMMANDS_H_
