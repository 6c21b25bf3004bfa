// `beian withdraw`, `beian object` and `beian resolve` (docs/user-guide.md "Case registry"): an
// act on a case that carries only a note, recorded with its guards (Registry::Withdraw: the
// applicant withdraws; Registry::Object, Registry::Resolve: an objection to the 公示 and its
// resolution).
#ifndef PIPELINE_APP_CASE_NOTE_H_
#define PIPELINE_APP_CASE_NOTE_H_

#include <string>

#include "pipeline/app/context.h"
#include "pipeline/app/decide.h"
#include "pipeline/core/status.h"
#include "pipeline/registry/commands.h"

namespace pipeline::app {

struct CaseNoteRequest {
  std::string case_ref;  // the case id
  std::string note;
  Acting acting;  // acting.date: the day it is recorded on
};

// Each records its act and returns the case after it; a refusal (a case in a stage the act does
// not apply to) is InvalidArgument with the clerk's Chinese message.
Result<registry::Recorded> Withdraw(const Context& app, const CaseNoteRequest& request);
Result<registry::Recorded> Object(const Context& app, const CaseNoteRequest& request);
Result<registry::Recorded> Resolve(const Context& app, const CaseNoteRequest& request);

}  // namespace pipeline::app

#endif  // PIPELINE_APP_CASE_NOTE_H_
