// The text the CLI prints for the command layer's results (pipeline/app/): `beian status` of
// cases as tables and lines, `beian decide`'s confirmation. Words from the message catalogue.
#ifndef PIPELINE_CLI_CASE_TEXT_H_
#define PIPELINE_CLI_CASE_TEXT_H_

#include <string>

#include "pipeline/app/decide.h"
#include "pipeline/app/status.h"
#include "pipeline/report/messages.h"

namespace pipeline::cli {

// `beian status` without --json: the open cases' table, or per case its line, history table,
// versions, documents and next step.
std::string StatusText(const app::StatusResult& status, const report::MessageCatalog& m);

// `beian decide`: a line per ending letter, the registry's warnings, then "recorded; case X is
// now in stage S; next: ...".
std::string DecideText(const app::DecideResult& decided, const report::MessageCatalog& m);

}  // namespace pipeline::cli

#endif  // PIPELINE_CLI_CASE_TEXT_H_
