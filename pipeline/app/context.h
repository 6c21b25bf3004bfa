// The command layer (docs/developer-guide.md "The layers"): every user action on it is one
// function over its own small request struct and this shared context, returning a typed result
// that a front end (cli/, web/) prints or renders. The actions on the layer today: decide and
// deliberate (decide.h), withdraw, object and resolve (case_note.h), the status of cases
// (status.h); the others still take a model::CommandRequest (registry/commands.h,
// evaluation/commands.h, job.h).
#ifndef PIPELINE_APP_CONTEXT_H_
#define PIPELINE_APP_CONTEXT_H_

#include <string>
#include <vector>

#include "pipeline/core/file_system.h"
#include "pipeline/report/messages.h"
#include "pipeline/report/work_calendar.h"

namespace pipeline::app {

// What the actions share: where the data, the settings and the registry are, and what the
// front end loaded once. References stay the front end's.
struct Context {
  FileSystem& fs;
  const report::MessageCatalog& messages;
  const report::WorkCalendar& calendar;
  std::string data_dir;                     // root with templates/, checklists/, data/
  std::vector<std::string> settings_files;  // settings layers, lowest first ({}: office.json)
  std::string registry_path;                // --registry ("": $BEIAN_REGISTRY, then settings)
  std::string fonts;                        // font configuration ("": templates/fonts.xml)
};

}  // namespace pipeline::app

#endif  // PIPELINE_APP_CONTEXT_H_
