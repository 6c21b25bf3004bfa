#include "pipeline/app/registry_session.h"

#include <utility>

#include "pipeline/registry/location.h"

namespace pipeline::app {

Result<std::unique_ptr<RegistrySession>> OpenRegistrySession(const Context& app,
                                                             model::CommandRequest options,
                                                             registry::OpenFor purpose) {
  auto s = std::make_unique<RegistrySession>();
  s->options = std::move(options);
  s->options.data_dir = app.data_dir;
  s->options.settings_files = app.settings_files;
  s->options.registry_path = app.registry_path;
  s->options.fonts = app.fonts;
  const model::CommandRequest& o = s->options;
  Result<registry::RegistrySettings> settings =
      registry::LoadRegistrySettings(app.fs, registry::SettingsFilesOf(o, app.data_dir));
  if (!settings) return settings.error();
  s->settings = std::move(*settings);
  const std::string file = registry::RegistryFile(o.registry_path, s->settings);
  Result<std::unique_ptr<registry::Registry>> reg =
      registry::OpenRegistryAt(file, app.messages, *o.date, purpose);
  if (!reg) return reg.error();
  s->registry = std::move(*reg);
  s->registry->SetHintOptions(o.registry_path, o.authority.value_or(""));
  const registry::Actor actor{registry::ActingUser(o.user, s->settings), *o.date, o.today};
  s->ctx.emplace(registry::Context{o, app.fs, app.messages, app.calendar, *s->registry, actor,
                                   s->unused_out, s->settings, app.data_dir, file});
  return s;
}

model::CommandRequest ActionOptions(model::Command command, const std::string& case_ref,
                                    const Acting& acting) {
  model::CommandRequest o;
  o.command = command;
  o.case_ref = case_ref;
  o.date = acting.date;
  o.today = acting.today;
  o.user = acting.user;
  o.authority = acting.authority;
  o.out_dir = acting.out_dir;
  return o;
}

}  // namespace pipeline::app
