// The workbench's HTTP server (beian serve; docs/web.md): cpp-httplib with TCP_NODELAY and a
// thread pool, every route checking session, CSRF token, office and role on the server side.
// Routes (a stable interface, docs/web-admin.md):
//   GET  /healthz                      ok, without a session
//   GET  /login, POST /login           fields user, password, csrf
//   POST /logout                       field csrf
//   GET  /cases                        the office's cases (HTML, or JSON with Accept:
//   application/json) GET  /cases/{case}                 the case page (HTML or JSON) GET
//   /cases/{case}/scoresheet      the technical evaluation's scoring sheet (.xlsx) POST
//   /cases/{case}/{action}        an action, fields named as the CLI's options: 303 to the
//                                      case page; 403 missing/wrong token or role; 404 another
//                                      office's case; 409 with the CLI's message when refused
//   GET  /cases/{case}/documents/{doc}  a document: its slots (forms while a draft) and preview
//   GET  /cases/{case}/documents/{doc}/draft.pdf  the draft as it prints now
//   GET  /admin, POST /admin/users     users and the effective settings (admin)
//   GET  /intake, POST /intake          收件 (multipart, file fields `files`)
//   GET  /files/{id}                   one file of a dossier version, by its id (410 changed)
//   GET  /static/{name}                the stylesheet and script (by name, from memory)
#ifndef PIPELINE_WEB_SERVER_H_
#define PIPELINE_WEB_SERVER_H_

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "pipeline/core/date.h"
#include "pipeline/core/status.h"
#include "pipeline/ingest/limits.h"
#include "pipeline/report/messages.h"
#include "pipeline/web/commands.h"
#include "pipeline/web/intake.h"
#include "pipeline/web/roles.h"
#include "pipeline/web/store.h"
#include "pipeline/web/views.h"

namespace pipeline::web {

// The settings of the server (office settings keys, docs/user-guide.md "Settings";
// docs/web-admin.md).
struct ServerSettings {
  int session_minutes = 480;       // session_minutes
  int login_max_failures = 10;     // login_max_failures
  int login_lockout_minutes = 15;  // login_lockout_minutes
  int threads = 64;                // web_threads: at least the expected keep-alive connections
  std::string upload_dir;          // where uploaded scoring sheets are kept while read
  std::string intake_dir;          // web_intake: where 收件 stores dossiers (empty: no 收件)
  std::size_t max_upload_bytes = std::size_t{64} << 20;  // web_max_upload_bytes: one request
  UploadLimits limits;         // the intake limits (docs/user-guide.md "Settings: limits")
  ingest::Limits read_limits;  // the same limits, for reading an Office file's text
  IntakeRun intake_run;        // how `beian run` is started for an upload
  // web_tls_certificate / web_tls_key: PEM files; both set = the server speaks HTTPS itself
  // (session cookies then Secure), neither = plain HTTP (behind a TLS proxy, or on loopback).
  std::string tls_certificate;
  std::string tls_key;
};

// What the server uses; all must outlive it.
struct ServerParts {
  CommandRunner& runner;
  WebStore& store;
  std::mutex& store_mu;  // the store's storage is one connection
  const Views& views;
  const RoleTable& roles;
  const report::MessageCatalog& labels;        // templates/web/labels.zh-CN.tsv
  std::map<std::string, std::string> statics;  // name -> content (templates/web/static/)
  std::function<Date()> today;
  // The effective settings for the admin page: [{key, value, origin}] (beian config).
  nlohmann::json settings_rows = nlohmann::json::array();
};

// Listens on host:port (HTTPS when the settings give a certificate) and serves until stopped;
// `ready` is called with the port once bound. A certificate and key that do not load (not
// PEM, not a pair) are an error naming both files, before anything listens.
Status Serve(const ServerParts& parts, const ServerSettings& settings, const std::string& host,
             int port, const std::function<void(int)>& ready);

}  // namespace pipeline::web

#endif  // PIPELINE_WEB_SERVER_H_
