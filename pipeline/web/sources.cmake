# The workbench in the browser (beian serve, beian user): its own library, as it alone needs
# cpp-httplib, libargon2 and mustache (docs/web-admin.md).
list(APPEND WEB_SOURCES
  pipeline/web/commands.cc
  pipeline/web/files.cc
  pipeline/web/intake.cc
  pipeline/web/lists.cc
  pipeline/web/password.cc
  pipeline/web/roles.cc
  pipeline/web/scores.cc
  pipeline/web/server.cc
  pipeline/web/store.cc
  pipeline/web/users.cc
  pipeline/web/views.cc
  pipeline/web/web_command.cc
)
