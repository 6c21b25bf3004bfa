#include "pipeline/app/case_note.h"

#include <utility>

#include "pipeline/app/registry_session.h"

namespace pipeline::app {
namespace {

using Act = Status (registry::Registry::*)(const std::string&, const std::string&,
                                           const registry::Actor&);

Result<registry::Recorded> Record(const Context& app, model::Command command,
                                  const CaseNoteRequest& r, Act act) {
  Result<std::unique_ptr<RegistrySession>> session = OpenRegistrySession(
      app, ActionOptions(command, r.case_ref, r.acting), registry::OpenFor::kWriting);
  if (!session) return session.error();
  registry::Context& ctx = *(*session)->ctx;
  PIPELINE_RETURN_IF_ERROR((ctx.registry.*act)(r.case_ref, r.note, ctx.actor));
  return registry::RecordedCase(ctx.registry, r.case_ref);
}

}  // namespace

Result<registry::Recorded> Withdraw(const Context& app, const CaseNoteRequest& r) {
  return Record(app, model::Command::kWithdraw, r, &registry::Registry::Withdraw);
}

Result<registry::Recorded> Object(const Context& app, const CaseNoteRequest& r) {
  return Record(app, model::Command::kObject, r, &registry::Registry::Object);
}

Result<registry::Recorded> Resolve(const Context& app, const CaseNoteRequest& r) {
  return Record(app, model::Command::kResolve, r, &registry::Registry::Resolve);
}

}  // namespace pipeline::app
