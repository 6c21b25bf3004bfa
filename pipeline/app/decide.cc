#include "pipeline/app/decide.h"

#include <functional>
#include <utility>

#include "pipeline/app/registry_session.h"

namespace pipeline::app {
namespace {

// Records `decide` with the letters of the case it ends (`terms`), then what became of the case.
Result<DecideResult> RecordWithLetters(
    registry::Context& ctx, const registry::LetterTerms& terms,
    const std::function<Status(registry::Registry&, const registry::Actor&)>& decide) {
  registry::Registry& reg = ctx.registry;
  Result<std::vector<registry::SettledLetter>> letters =
      registry::DecideSettlingLetters(ctx, terms, [&]() { return decide(reg, ctx.actor); });
  if (!letters) return letters.error();
  Result<registry::Recorded> recorded = registry::RecordedCase(reg, ctx.options.case_ref);
  if (!recorded) return recorded.error();
  return DecideResult{std::move(*recorded), std::move(*letters)};
}

}  // namespace

Result<DecideResult> Decide(const Context& app, const DecideRequest& r) {
  model::CommandRequest o = ActionOptions(model::Command::kDecide, r.case_ref, r.acting);
  o.stage = r.stage;  // StageDecisionTerms reads it
  o.reason = r.reason;
  Result<std::unique_ptr<RegistrySession>> session =
      OpenRegistrySession(app, std::move(o), registry::OpenFor::kWriting);
  if (!session) return session.error();
  std::optional<registry::Stage> stage = registry::StageFromName(r.stage);
  if (!stage) {
    return Status::InvalidArgument(
        app.messages.Format("registry.refused.bad_stage", {{"stage", r.stage}}));
  }
  Result<registry::Decision> decision = registry::ParseDecision(app.messages, r.result);
  if (!decision) return decision.error();
  registry::Context& ctx = *(*session)->ctx;
  return RecordWithLetters(ctx, registry::StageDecisionTerms(ctx),
                           [&](registry::Registry& reg, const registry::Actor& actor) {
                             return reg.Decide(r.case_ref, *stage, *decision, r.note, r.reason,
                                               actor);
                           });
}

Result<DecideResult> Deliberate(const Context& app, const DeliberateRequest& r) {
  model::CommandRequest o = ActionOptions(model::Command::kDeliberate, r.case_ref, r.acting);
  o.reason = r.reason;
  Result<std::unique_ptr<RegistrySession>> session =
      OpenRegistrySession(app, std::move(o), registry::OpenFor::kWriting);
  if (!session) return session.error();
  Result<registry::Decision> decision =
      registry::ParseDecision(app.messages, r.result.empty() ? "pass" : r.result);
  if (!decision) return decision.error();
  registry::Context& ctx = *(*session)->ctx;
  return RecordWithLetters(ctx, registry::StageDecisionTerms(ctx),
                           [&](registry::Registry& reg, const registry::Actor& actor) {
                             return reg.Deliberate(r.case_ref, r.held_on, *decision, r.note,
                                                   r.reason, actor);
                           });
}

}  // namespace pipeline::app
