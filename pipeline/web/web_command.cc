#include "pipeline/web/web_command.h"

#include <unistd.h>

#include <array>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <memory>
#include <mutex>

#include "pipeline/core/settings.h"
#include "pipeline/ingest/limits.h"
#include "pipeline/registry/location.h"
#include "pipeline/registry/open_storage.h"
#include "pipeline/registry/schema.h"
#include "pipeline/report/messages.h"
#include "pipeline/report/work_calendar.h"
#include "pipeline/web/intake.h"
#include "pipeline/web/password.h"
#include "pipeline/web/server.h"
#include "pipeline/web/users.h"

namespace pipeline::web {
namespace {

// The registry file of serve and user: the registry commands' whole lookup chain.
Result<std::string> RegistryPath(const model::CommandRequest& o, const FileSystem& fs) {
  Result<registry::RegistrySettings> settings =
      registry::LoadRegistrySettings(fs, registry::SettingsFilesOf(o, o.data_dir));
  if (!settings) return settings.error();
  return registry::RegistryFile(o.registry_path, *settings);
}

// The clerk-facing messages (templates/messages.zh-CN.tsv of the data folder).
Result<report::MessageCatalog> LoadMessages(const model::CommandRequest& o, const FileSystem& fs) {
  return report::MessageCatalog::Load(fs, JoinPath(o.data_dir, "templates/messages.zh-CN.tsv"));
}

// The registry of serve and user, a SQLite file or a PostgreSQL server (docs/registry-server.md),
// with its schema brought up to date (the workbench's own tables among them).
Result<std::unique_ptr<registry::Storage>> OpenStore(const std::string& location, const Date& today,
                                                     const report::MessageCatalog& messages) {
  PIPELINE_ASSIGN_OR_RETURN(std::unique_ptr<registry::Storage> db,
                            registry::OpenStorage(location, messages));
  PIPELINE_RETURN_IF_ERROR(registry::Migrate(*db, today.ToIso()));
  return db;
}

// The password of `user add` and `user passwd`: the first line of --password-file or stdin.
Result<std::string> ReadPassword(const model::CommandRequest& o, const FileSystem& fs,
                                 std::istream& in) {
  std::string password;
  if (!o.password_file.empty()) {
    Result<std::string> text = fs.ReadFile(o.password_file, 4096);
    if (!text) return text.error();
    password = text->substr(0, text->find('\n'));
  } else {
    std::getline(in, password);
  }
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

Status UserCommand(const model::CommandRequest& o, FileSystem& fs, std::istream& in,
                   std::ostream& out) {
  Result<std::string> file = RegistryPath(o, fs);
  if (!file) return file.error();
  PIPELINE_ASSIGN_OR_RETURN(report::MessageCatalog messages, LoadMessages(o, fs));
  Result<std::unique_ptr<registry::Storage>> db = OpenStore(*file, *o.date, messages);
  if (!db) return db.error();
  WebStore store(**db);
  if (o.user_action == "list") {
    Result<std::vector<User>> users = store.Users();
    if (!users) return users.error();
    for (const User& u : *users) {
      out << u.name << "\t" << u.role << "\t" << u.office << "\t"
          << (u.disabled ? "disabled" : "active") << "\n";
    }
    return Status::Ok();
  }
  AccountChange change{o.user_action, o.user_name, o.role, o.office, {}};
  if (o.user_action == "add" || o.user_action == "passwd") {
    PIPELINE_ASSIGN_OR_RETURN(change.password, ReadPassword(o, fs, in));
  }
  return ChangeAccount(store, messages, change, *o.date);
}

// Each leaf of the effective settings with the file that set it (beian config).
nlohmann::json SettingsRows(const LayeredSettings& settings) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& [pointer, origin] : settings.origin) {
    const nlohmann::json& value = settings.effective.at(nlohmann::json::json_pointer(pointer));
    rows.push_back({{"key", pointer.substr(1)},
                    {"value", value.is_string() ? value.get<std::string>() : value.dump()},
                    {"origin", origin}});
  }
  return rows;
}

int SettingInt(const nlohmann::json& settings, const char* key, int fallback) {
  auto it = settings.find(key);
  return it != settings.end() && it->is_number_integer() ? it->get<int>() : fallback;
}

// The program itself, run as a child (never fork() in a threaded server: this runs before).
Status RunDemoSelf(const std::vector<std::string>& args) {
  Result<int> rc = RunSelf(args);
  if (!rc) return Status::IoError("cannot start beian run for the demo");
  if (*rc > 1) return Status::Internal("beian run of the demo samples failed");
  return Status::Ok();
}

// --demo: a fresh registry in a temporary folder, the bundled samples run into it, and one
// user per role (at the province, and a clerk each at 长春 and 吉林市) with printed passwords.
Status PrepareDemo(model::CommandRequest& o, FileSystem& fs, std::ostream& out) {
  std::string pattern = (std::filesystem::temp_directory_path() / "beian-demo-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) return Status::IoError("cannot make a demo folder");
  const std::string dir = pattern;
  o.registry_path = dir + "/registry.sqlite";
  o.settings_files.push_back(JoinPath(o.data_dir, "templates/web/demo.json"));
  o.config = o.settings_files.back();
  // The samples are copied into the demo's intake folder, where 收件 stores uploads too.
  o.intake_dir = dir + "/intake";
  std::error_code ec;
  std::filesystem::copy(
      JoinPath(o.data_dir, "samples/intake"), o.intake_dir,
      std::filesystem::copy_options::recursive | std::filesystem::copy_options::copy_symlinks, ec);
  if (ec) return Status::IoError("cannot copy the samples to " + o.intake_dir);
  PIPELINE_RETURN_IF_ERROR(
      RunDemoSelf({"beian", "run", o.intake_dir, "--out", dir + "/out", "--registry",
                   o.registry_path, "--config", o.config, "--data-dir", o.data_dir, "--date",
                   o.date->ToIso(), "--no-pdf", "--quiet", "--user", "demo"}));
  PIPELINE_ASSIGN_OR_RETURN(report::MessageCatalog messages, LoadMessages(o, fs));
  Result<std::unique_ptr<registry::Storage>> db = OpenStore(o.registry_path, *o.date, messages);
  if (!db) return db.error();
  WebStore store(**db);
  out << "demo registry: " << o.registry_path << "\ndemo intake: " << o.intake_dir
      << "\nusers (name, role, office, password):\n";
  const std::vector<std::array<std::string, 3>> users = {
      {"clerk", "clerk", kProvince},         {"reviewer", "reviewer", kProvince},
      {"archivist", "archivist", kProvince}, {"admin", "admin", kProvince},
      {"clerk-220100", "clerk", "220100"},   {"clerk-220200", "clerk", "220200"}};
  for (const auto& [name, role, office] : users) {
    const std::string password = RandomToken(6);
    PIPELINE_RETURN_IF_ERROR(
        ChangeAccount(store, messages, {"add", name, role, office, password}, *o.date));
    out << "  " << name << "\t" << role << "\t" << office << "\t" << password << "\n";
  }
  (void)fs;
  return Status::Ok();
}

Result<std::map<std::string, std::string>> LoadStatics(const FileSystem& fs,
                                                       const std::string& dir) {
  std::map<std::string, std::string> out;
  for (const char* name : {"app.css", "app.js"}) {
    Result<std::string> text = fs.ReadFile(JoinPath(dir, name), 1 << 20);
    if (!text) return text.error();
    out[name] = *text;
  }
  return out;
}

// 收件: the intake folder (web_intake; the demo's own), the upload cap, the intake limits and
// how `beian run` is started for an upload.
Status IntakeSettings(const model::CommandRequest& o, const LayeredSettings& settings,
                      ServerSettings* ss) {
  const nlohmann::json& eff = settings.effective;
  ss->intake_dir = o.demo ? o.intake_dir : PathSetting(settings, "/web_intake");
  auto cap = eff.find("web_max_upload_bytes");
  if (cap != eff.end() && cap->is_number_unsigned()) ss->max_upload_bytes = cap->get<std::size_t>();
  Result<ingest::Limits> limits = ingest::ParseLimits(eff.dump(), "settings");
  if (!limits) return limits.error();
  ss->limits = UploadLimits{limits->max_file_bytes, limits->max_files, limits->max_depth};
  ss->read_limits = *limits;
  ss->intake_run =
      IntakeRun{o.registry_path, o.config, o.data_dir, o.fonts, ss->upload_dir, o.demo};
  if (!ss->intake_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(ss->intake_dir, ec);
    if (!std::filesystem::is_directory(ss->intake_dir)) {
      return Status::IoError("web_intake: not a folder", ss->intake_dir);
    }
  }
  return Status::Ok();
}

// web_tls_certificate and web_tls_key (relative to the settings file that sets them): both or
// neither, each a file that can be read.
Status TlsSettings(const LayeredSettings& settings, const FileSystem& fs, ServerSettings* ss) {
  ss->tls_certificate = PathSetting(settings, "/web_tls_certificate");
  ss->tls_key = PathSetting(settings, "/web_tls_key");
  if (ss->tls_certificate.empty() != ss->tls_key.empty()) {
    return Status::InvalidArgument(
        "web_tls_certificate and web_tls_key: set both (HTTPS) or neither (HTTP)");
  }
  for (const std::string& file : {ss->tls_certificate, ss->tls_key}) {
    if (file.empty()) continue;
    Result<std::string> bytes = fs.ReadFile(file, 1 << 20);
    if (!bytes) return bytes.error().WithContext("web_tls_certificate / web_tls_key");
  }
  return Status::Ok();
}

Status ServeCommand(model::CommandRequest o, FileSystem& fs, std::ostream& out,
                    const RequestParser& parse) {
  if (o.demo) PIPELINE_RETURN_IF_ERROR(PrepareDemo(o, fs, out));
  Result<std::string> file = RegistryPath(o, fs);
  if (!file) return file.error();
  o.registry_path = *file;
  Result<report::MessageCatalog> messages = LoadMessages(o, fs);
  if (!messages) return messages.error();
  // The store keeps a reference to its messages; the runner below takes `messages` over.
  const report::MessageCatalog store_messages = *messages;
  Result<std::unique_ptr<registry::Storage>> db = OpenStore(*file, *o.date, store_messages);
  if (!db) return db.error();
  const std::string web = JoinPath(o.data_dir, "templates/web");
  Result<LayeredSettings> settings = LoadLayeredSettings(fs, o.settings_files);
  Result<report::MessageCatalog> labels =
      report::MessageCatalog::Load(fs, JoinPath(web, "labels.zh-CN.tsv"));
  Result<report::WorkCalendar> calendar =
      report::LoadWorkCalendar(fs, JoinPath(o.data_dir, "data"));
  Result<Views> views = Views::Load(fs, web);
  Result<RoleTable> roles = RoleTable::Load(fs, JoinPath(web, "roles.tsv"));
  Result<std::map<std::string, std::string>> statics = LoadStatics(fs, JoinPath(web, "static"));
  for (const Status& s :
       {settings.ok() ? Status::Ok() : settings.error(),
        messages.ok() ? Status::Ok() : messages.error(),
        labels.ok() ? Status::Ok() : labels.error(),
        calendar.ok() ? Status::Ok() : calendar.error(), views.ok() ? Status::Ok() : views.error(),
        roles.ok() ? Status::Ok() : roles.error(), statics.ok() ? Status::Ok() : statics.error()}) {
    if (!s.ok()) return s;
  }
  const nlohmann::json& eff = settings->effective;
  ServerSettings ss;
  ss.session_minutes = SettingInt(eff, "session_minutes", ss.session_minutes);
  ss.login_max_failures = SettingInt(eff, "login_max_failures", ss.login_max_failures);
  ss.login_lockout_minutes = SettingInt(eff, "login_lockout_minutes", ss.login_lockout_minutes);
  ss.threads = SettingInt(eff, "web_threads", ss.threads);
  ss.upload_dir = JoinPath(registry::RegistryHome(*file), "web-spool");
  std::filesystem::create_directories(ss.upload_dir);
  PIPELINE_RETURN_IF_ERROR(IntakeSettings(o, *settings, &ss));
  PIPELINE_RETURN_IF_ERROR(TlsSettings(*settings, fs, &ss));
  CommandRunner runner(o, fs, std::move(*messages), std::move(*calendar), parse);
  WebStore store(**db);
  std::mutex store_mu;
  const bool fixed_date = o.date_given;
  const Date given = *o.date;
  ServerParts parts{
      runner, store, store_mu, *views, *roles, *labels, std::move(*statics), [fixed_date, given] {
        return fixed_date ? given : LocalToday();
      }};
  parts.settings_rows = SettingsRows(*settings);
  const std::size_t colon = o.listen.rfind(':');
  const std::string host = colon == std::string::npos ? o.listen : o.listen.substr(0, colon);
  const std::string port_text = colon == std::string::npos ? "" : o.listen.substr(colon + 1);
  if (port_text.empty() || port_text.size() > 5 ||
      port_text.find_first_not_of("0123456789") != std::string::npos) {
    return Status::InvalidArgument("serve: --listen expects HOST:PORT, got '" + o.listen + "'");
  }
  const std::string scheme = ss.tls_certificate.empty() ? "http" : "https";
  return Serve(parts, ss, host, std::stoi(port_text), [&out, &host, &scheme](int port) {
    out << "beian serve: " << scheme << "://" << host << ":" << port << "/" << std::endl;
  });
}

}  // namespace

bool IsWebCommand(model::Command c) {
  return c == model::Command::kServe || c == model::Command::kUser;
}

Status RunWebCommand(const model::CommandRequest& options, FileSystem& fs, std::istream& in,
                     std::ostream& out, const RequestParser& parse) {
  if (options.command == model::Command::kUser) return UserCommand(options, fs, in, out);
  return ServeCommand(options, fs, out, parse);
}

Date LocalToday() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return Date{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

}  // namespace pipeline::web
