// What the registry commands share (internal to pipeline/registry).
#ifndef PIPELINE_REGISTRY_COMMAND_CONTEXT_H_
#define PIPELINE_REGISTRY_COMMAND_CONTEXT_H_

#include <ostream>
#include <string>

#include "pipeline/cli/options.h"
#include "pipeline/core/file_system.h"
#include "pipeline/registry/location.h"
#include "pipeline/registry/registry.h"
#include "pipeline/report/messages.h"
#include "pipeline/report/work_calendar.h"

namespace pipeline::registry {

struct Context {
  const cli::Options& options;
  FileSystem& fs;
  const report::MessageCatalog& messages;
  const report::WorkCalendar& calendar;
  Registry& registry;
  Actor actor;
  std::ostream& out;
  RegistrySettings settings;
  std::string data_dir;
  std::string registry_file;
};

// The wording of a code: messages[prefix + code], or the code when there is none.
std::string Word(const report::MessageCatalog& m, const std::string& prefix,
                 const std::string& code);
// Prints "recorded; case X is now in stage S; next: …".
Status Confirm(Context& ctx, const std::string& case_id);

// document_commands.cc
Status PublicizeCommand(Context& ctx);
Status FileCommand(Context& ctx);
Status IssueCommand(Context& ctx);
Status ArchiveVerifyCommand(Context& ctx, bool* problems);
Status DueCommand(Context& ctx);

}  // namespace pipeline::registry

#endif  // PIPELINE_REGISTRY_COMMAND_CONTEXT_H_
