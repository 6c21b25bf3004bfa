// The workbench's commands (docs/web.md, docs/web-admin.md): `beian serve` (with --demo) and
// `beian user add|passwd|disable|list|unlock`.
#ifndef PIPELINE_WEB_WEB_COMMAND_H_
#define PIPELINE_WEB_WEB_COMMAND_H_

#include <istream>
#include <ostream>

#include "pipeline/core/date.h"
#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"
#include "pipeline/model/command_request.h"
#include "pipeline/web/commands.h"

namespace pipeline::web {

bool IsWebCommand(model::Command c);

// Runs serve or user. `options` is resolved (data folder, settings layers) as for every
// command; passwords are read from --password-file or `in`; `parse` reads a form's command line
// as the CLI does (commands.h).
Status RunWebCommand(const model::CommandRequest& options, FileSystem& fs, std::istream& in,
                     std::ostream& out, const RequestParser& parse);

// Today in the local time zone (the default of --date).
Date LocalToday();

}  // namespace pipeline::web

#endif  // PIPELINE_WEB_WEB_COMMAND_H_
