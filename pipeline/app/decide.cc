#include "pipeline/app/decide.h"

#include <utility>

#include "pipeline/app/registry_session.h"

namespace pipeline::app {
namespace {

model::CommandRequest AsOptions(const DecideRequest& r) {
  model::CommandRequest o;
  o.command = model::Command::kDecide;
  o.case_ref = r.case_ref;
  o.stage = r.stage;
  o.result = r.result;
  o.note = r.note;
  o.reason = r.reason;
  o.date = r.date;
  o.today = r.today;
  o.user = r.user;
  o.authority = r.authority;
  o.out_dir = r.out_dir;
  return o;
}

}  // namespace

Result<DecideResult> Decide(const Context& app, const DecideRequest& request) {
  Result<std::unique_ptr<RegistrySession>> session =
      OpenRegistrySession(app, AsOptions(request), registry::OpenFor::kWriting);
  if (!session) return session.error();
  std::optional<registry::Stage> stage = registry::StageFromName(request.stage);
  if (!stage) {
    return Status::InvalidArgument(
        app.messages.Format("registry.refused.bad_stage", {{"stage", request.stage}}));
  }
  Result<registry::Decision> decision = registry::ParseDecision(app.messages, request.result);
  if (!decision) return decision.error();
  registry::Context& ctx = *(*session)->ctx;
  registry::Registry& reg = ctx.registry;
  Result<std::vector<registry::SettledLetter>> letters =
      registry::DecideSettlingLetters(ctx, registry::StageDecisionTerms(ctx), [&]() {
        return reg.Decide(request.case_ref, *stage, *decision, request.note, request.reason,
                          ctx.actor);
      });
  if (!letters) return letters.error();
  DecideResult out{request.case_ref,
                   request.stage,
                   request.result,
                   {},
                   reg.TakeWarnings(),
                   std::move(*letters),
                   {}};
  Result<registry::CaseRecord> c = reg.LoadCase(request.case_ref);
  if (!c) return c.error();
  out.case_id = c->case_id;
  out.new_stage = registry::StageName(c->stage);
  out.next = reg.NextStep(*c);
  return out;
}

}  // namespace pipeline::app
