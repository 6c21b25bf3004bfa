// An open registry for one action of the command layer (internal to pipeline/app): the
// registry's settings, the registry, and the registry::Context its shared helpers (letters,
// drafts) still take. That context reads a model::CommandRequest, which the session fills from
// the action's own request; it goes when the document commands move onto the layer (issue 23).
#ifndef PIPELINE_APP_REGISTRY_SESSION_H_
#define PIPELINE_APP_REGISTRY_SESSION_H_

#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include "pipeline/app/context.h"
#include "pipeline/app/decide.h"
#include "pipeline/core/status.h"
#include "pipeline/model/command_request.h"
#include "pipeline/registry/command_context.h"
#include "pipeline/registry/open_storage.h"

namespace pipeline::app {

struct RegistrySession {
  model::CommandRequest options;  // the action's values as registry::Context reads them
  std::ostringstream unused_out;  // registry::Context's printer; the layer's actions print none
  registry::RegistrySettings settings;
  std::unique_ptr<registry::Registry> registry;
  std::optional<registry::Context> ctx;
};

// Opens the registry of `app` for an action acting on `date` (with its last allowed day
// `today`) as `user`, with the values of `options` (case, stage, authority, ...); the context's
// data folder, settings layers, registry and fonts are filled in from `app`.
Result<std::unique_ptr<RegistrySession>> OpenRegistrySession(const Context& app,
                                                             model::CommandRequest options,
                                                             registry::OpenFor purpose);

// The values of an action on case `case_ref` by `acting`, as registry::Context reads them.
model::CommandRequest ActionOptions(model::Command command, const std::string& case_ref,
                                    const Acting& acting);

}  // namespace pipeline::app

#endif  // PIPELINE_APP_REGISTRY_SESSION_H_
