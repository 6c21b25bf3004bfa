// The command line's Options as the job's plain JobRequest: the stage commands' values; for
// the actions on the command layer (pipeline/app/: decide, deliberate, withdraw, object,
// resolve, status of cases) a call that builds their requests and prints their results; for the
// other registry and evaluation commands (and run's registry and ledger) the calls that take the
// Options themselves.
#ifndef PIPELINE_CLI_JOB_REQUEST_H_
#define PIPELINE_CLI_JOB_REQUEST_H_

#include "pipeline/cli/options.h"
#include "pipeline/job.h"

namespace pipeline::cli {

// REQUIRES: options.command is neither kHelp nor kVersion (main answers those itself), and
// `options` outlives the request (its calls refer to it).
JobRequest MakeJobRequest(const Options& options);

}  // namespace pipeline::cli

#endif  // PIPELINE_CLI_JOB_REQUEST_H_
