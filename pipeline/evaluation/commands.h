// The commands of the evaluation stages and the ledger (README "Technical evaluation",
// "Ledger"): scoresheet, evaluate, summarize, ledger. They act on cases of the registry and
// record through its API (Registry::RecordOpinion), so the registry's stage guards apply.
#ifndef PIPELINE_EVALUATION_COMMANDS_H_
#define PIPELINE_EVALUATION_COMMANDS_H_

#include <ostream>
#include <string>

#include "pipeline/cli/options.h"
#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"
#include "pipeline/report/messages.h"

namespace pipeline::evaluation {

// True for scoresheet, evaluate, summarize and ledger.
bool IsEvaluationCommand(cli::Command c);

// Runs one of them, printing to `out`. Refusals (wrong stage, a sheet with problems) come back
// as errors whose message the clerk reads.
Status RunEvaluationCommand(const cli::Options& options, FileSystem& fs,
                            const report::MessageCatalog& messages, const std::string& data_dir,
                            std::ostream& out);

}  // namespace pipeline::evaluation

#endif  // PIPELINE_EVALUATION_COMMANDS_H_
