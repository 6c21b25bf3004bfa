#include "pipeline/web/server.h"

#include <httplib.h>
#include <openssl/crypto.h>
#include <unistd.h>

#include <ctime>
#include <deque>
#include <filesystem>
#include <memory>
#include <optional>

#include "pipeline/core/sha256.h"
#include "pipeline/ingest/name_decoding.h"
#include "pipeline/ingest/xlsx_reader.h"
#include "pipeline/report/mask.h"
#include "pipeline/web/files.h"
#include "pipeline/web/lists.h"
#include "pipeline/web/password.h"
#include "pipeline/web/scores.h"
#include "pipeline/web/users.h"

namespace pipeline::web {
namespace {

constexpr char kSessionCookie[] = "beian_session";
constexpr char kLoginCookie[] = "beian_login";  // the login form's CSRF token (double submit)
constexpr char kHtml[] = "text/html; charset=utf-8";
constexpr char kJson[] = "application/json; charset=utf-8";

std::int64_t Now() { return static_cast<std::int64_t>(std::time(nullptr)); }

bool SameToken(const std::string& a, const std::string& b) {
  return !a.empty() && a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string Cookie(const httplib::Request& req, const std::string& name) {
  const std::string header = req.get_header_value("Cookie");
  std::size_t at = 0;
  while (at < header.size()) {
    std::size_t end = header.find(';', at);
    if (end == std::string::npos) end = header.size();
    std::size_t start = header.find_first_not_of(' ', at);
    const std::string part = header.substr(start, end - start);
    const std::size_t eq = part.find('=');
    if (eq != std::string::npos && part.compare(0, eq, name) == 0 && eq == name.size()) {
      return part.substr(eq + 1);
    }
    at = end + 1;
  }
  return {};
}

bool WantsJson(const httplib::Request& req) {
  return req.get_header_value("Accept").find("application/json") != std::string::npos;
}

// A form field, from a urlencoded or a multipart body.
std::string Field(const httplib::Request& req, const std::string& name) {
  if (req.is_multipart_form_data()) {
    return req.has_file(name) ? req.get_file_value(name).content : std::string();
  }
  return req.get_param_value(name);
}

// Every form field's name (both encodings).
std::vector<std::string> FieldNames(const httplib::Request& req) {
  std::vector<std::string> out;
  if (req.is_multipart_form_data()) {
    for (const auto& [name, part] : req.files) out.push_back(name);
  } else {
    for (const auto& [name, value] : req.params) out.push_back(name);
  }
  return out;
}

std::string CookieAttributes(bool secure) {
  return std::string("; Path=/; HttpOnly; SameSite=Strict") + (secure ? "; Secure" : "");
}

struct Who {
  User user;
  Session session;
};

// Session cookies are Secure when the server speaks TLS itself or a TLS proxy forwarded the
// request (X-Forwarded-Proto, docs/nginx-beian.conf).
bool SecureRequest(const httplib::Request& req, bool tls) {
  return tls || req.has_header("X-Forwarded-Proto");
}

class App {
 public:
  App(const ServerParts& parts, const ServerSettings& settings) : p_(parts), s_(settings) {}
  bool Secure(const httplib::Request& req) const {
    return SecureRequest(req, !s_.tls_certificate.empty());
  }

  void Routes(httplib::Server& svr);

 private:
  // The session's user, or the answer for a request without one (303 to /login; 401 JSON).
  std::optional<Who> Authenticate(const httplib::Request& req, httplib::Response& res);
  // The page data every page shares.
  nlohmann::json Common(const Who* who) const;
  void SendPage(httplib::Response& res, int status, const std::string& page, nlohmann::json data,
                const Who* who);
  void SendError(const httplib::Request& req, httplib::Response& res, int status,
                 const std::string& message, const Who* who, const std::string& case_id = {});
  // The case's JSON when the user's office may see it; otherwise the 404 is sent.
  std::optional<nlohmann::json> VisibleCase(const httplib::Request& req, httplib::Response& res,
                                            const Who& who, const std::string& case_id);

  void LoginPage(const httplib::Request& req, httplib::Response& res, int status,
                 const std::string& message);
  void Login(const httplib::Request& req, httplib::Response& res);
  void Logout(const httplib::Request& req, httplib::Response& res);
  void CaseList(const httplib::Request& req, httplib::Response& res);
  void ShowCase(const httplib::Request& req, httplib::Response& res);
  void Scoresheet(const httplib::Request& req, httplib::Response& res);
  // 文书 (GET /cases/{case}/documents/{doc}): the document's facts and the slots its template
  // prints with their text; while it is a draft, a form per slot for the roles that may edit
  // (POST /cases/{case}/edit with back=document returns here) and the draft's preview.
  void DocumentPage(const httplib::Request& req, httplib::Response& res);
  // The draft as it prints now (GET /cases/{case}/documents/{doc}/draft.pdf), rendered afresh
  // with the slots filled so far; 404 once it is no longer a draft.
  void DraftPdf(const httplib::Request& req, httplib::Response& res);
  struct VisibleDocument {
    Who who;
    nlohmann::json doc;  // beian status DOCUMENT --json
  };
  // The document of the route (a case the user's office sees, a document of that case), with
  // the draft rendered into `draft_dir` when given; otherwise the answer (303, 404, 500) is sent.
  std::optional<VisibleDocument> DocumentOf(const httplib::Request& req, httplib::Response& res,
                                            const std::string& draft_dir = {});
  void Action(const httplib::Request& req, httplib::Response& res);
  // 收件: the upload form, and an upload stored, checked and registered.
  void IntakePage(const httplib::Request& req, httplib::Response& res);
  void Intake(const httplib::Request& req, httplib::Response& res,
              const httplib::ContentReader& reader);
  // The user of a 收件 request, when the role allows it and an intake folder is set.
  std::optional<Who> IntakeUser(const httplib::Request& req, httplib::Response& res);
  // Runs the form's command; false when an answer other than 303 was sent.
  bool RunAction(const httplib::Request& req, httplib::Response& res, const Who& who,
                 const nlohmann::json& kase, const std::string& action);

  std::string Label(const std::string& prefix, const std::string& code) const {
    const std::string key = prefix + code;
    if (p_.labels.Has(key)) return p_.labels.Format(key);
    const report::MessageCatalog& m = p_.runner.messages();
    return m.Has(key) ? m.Format(key) : code;
  }
  nlohmann::json CaseView(const nlohmann::json& kase, const Who& who) const;
  // The current version's files as the case page lists them ({files, files_note}); recorded in
  // the registry first when they are not yet (and the folder is still as received).
  nlohmann::json FilesOf(const nlohmann::json& kase, int version);
  // A recorded file of a case the user may see, read and checked; otherwise the 403, 404 or
  // 410 is sent.
  struct LoadedFile {
    Who who;
    VersionFile file;
    std::string bytes;
  };
  std::optional<LoadedFile> LoadFile(const httplib::Request& req, httplib::Response& res);
  // Shows `bytes` as the file named `shown` (decoded): inline, as text, as a zip's index, or
  // as a download.
  void SendFile(const httplib::Request& req, httplib::Response& res, const LoadedFile& f,
                const std::string& shown, const std::string& bytes);
  void ShowFile(const httplib::Request& req, httplib::Response& res);
  // One entry of a recorded zip, by its index in the zip.
  void ShowEntry(const httplib::Request& req, httplib::Response& res);
  // The due list (beian due) of the user's office; the archive verification (beian archive
  // verify), the province's archivists only.
  void DueList(const httplib::Request& req, httplib::Response& res);
  void ArchivePage(const httplib::Request& req, httplib::Response& res, bool verify);
  // 台账 (beian ledger) and 已备案机构 (beian filed --xlsx, as of ?date=): the CLI's workbook,
  // downloaded as written (?xlsx=1, the province: it holds every office's cases) or shown as a
  // table of the rows of the user's office with personal data masked.
  void ListPage(const httplib::Request& req, httplib::Response& res, bool ledger);
  // The workbook `o` writes to `file` (a request folder of its own), read back.
  Result<std::string> ListWorkbook(model::CommandRequest o, bool ledger);
  // The 台账 workbook of the user's office (OfficeLedger: the other offices' cases left out).
  Result<std::string> OfficeLedgerOf(const Who& who);
  // The user when the role may `action`; otherwise the 403 (or the login redirect) is sent.
  std::optional<Who> UserFor(const httplib::Request& req, httplib::Response& res,
                             const std::string& action);
  // The technical evaluation's preview (POST /cases/{case}/scores): the uploaded sheet read and
  // scored as `beian evaluate` would, shown with every problem by cell; a sheet without problems
  // is held (by a random token, for this user and case) for the record form on that page.
  void ScoresPreview(const httplib::Request& req, httplib::Response& res, const Who& who,
                     const nlohmann::json& kase);
  // The held sheet of `token` when it was held for this user and case (taken: used once).
  std::optional<std::string> TakeHeldSheet(const std::string& token, const Who& who,
                                           const std::string& case_id);
  // 管理 (GET /admin): the users the admin's office sees and the effective settings with the
  // file each comes from; POST /admin/users: add, passwd, disable, unlock (ChangeAccount, as
  // `beian user`), 303 back, 409 with the message when refused, 403 another office's user.
  void AdminPage(const httplib::Request& req, httplib::Response& res);
  void AdminUsers(const httplib::Request& req, httplib::Response& res);
  // The server's options for a listing command run by `who`.
  model::CommandRequest ListingOptions(model::Command command, const Who& who) const;

  struct HeldSheet {
    std::string user, case_id, bytes;
  };
  static constexpr std::size_t kMaxHeldSheets = 64;
  static constexpr std::size_t kMaxSheetBytes = std::size_t{16} << 20;

  const ServerParts& p_;
  ServerSettings s_;
  std::mutex held_mu_;
  std::map<std::string, HeldSheet> held_;
  std::deque<std::string> held_order_;  // oldest first: the 65th held drops the oldest
};

std::optional<Who> App::Authenticate(const httplib::Request& req, httplib::Response& res) {
  const std::string token = Cookie(req, kSessionCookie);
  if (!token.empty()) {
    std::lock_guard<std::mutex> lock(p_.store_mu);
    Result<std::optional<Session>> session = p_.store.FindSession(Sha256Hex(token), Now());
    if (session && *session) {
      Result<std::optional<User>> user = p_.store.FindUser((*session)->user_name);
      if (user && *user && !(*user)->disabled) return Who{**user, **session};
    }
  }
  if (WantsJson(req)) {
    res.status = 401;
    res.set_content(R"({"error":"login required"})", kJson);
  } else {
    res.status = 303;
    res.set_header("Location", "/login");
  }
  return std::nullopt;
}

nlohmann::json App::Common(const Who* who) const {
  nlohmann::json j = nlohmann::json::object();
  if (who != nullptr) {
    j["user"] = {{"name", who->user.name},
                 {"role", who->user.role},
                 {"role_label", Label("role.", who->user.role)},
                 {"office", who->user.office}};
    j["csrf"] = who->session.csrf;
    j["can_intake"] = p_.roles.Allows(who->user.role, "intake");
    j["can_due"] = p_.roles.Allows(who->user.role, "due");
    j["can_lists"] = p_.roles.Allows(who->user.role, "lists");
    j["can_admin"] = p_.roles.Allows(who->user.role, "users");
    j["can_archive"] = p_.roles.Allows(who->user.role, "archive") && who->user.office == kProvince;
  }
  j["today"] = p_.today().ToIso();
  return j;
}

void App::SendPage(httplib::Response& res, int status, const std::string& page, nlohmann::json data,
                   const Who* who) {
  nlohmann::json common = Common(who);
  for (auto it = common.begin(); it != common.end(); ++it) {
    if (!data.contains(it.key())) data[it.key()] = it.value();
  }
  Result<std::string> html = p_.views.Page(page, data);
  res.status = html ? status : 500;
  res.set_content(html ? *html : EscapeHtml(html.error().ToString()), kHtml);
}

void App::SendError(const httplib::Request& req, httplib::Response& res, int status,
                    const std::string& message, const Who* who, const std::string& case_id) {
  if (WantsJson(req)) {
    res.status = status;
    res.set_content(nlohmann::json{{"error", message}, {"status", status}}.dump(), kJson);
    return;
  }
  SendPage(res, status, "error",
           {{"status", status},
            {"status_label", Label("status.", std::to_string(status))},
            {"message", message},
            {"case", case_id}},
           who);
}

std::optional<nlohmann::json> App::VisibleCase(const httplib::Request& req, httplib::Response& res,
                                               const Who& who, const std::string& case_id) {
  std::optional<std::string> authority;
  {
    std::lock_guard<std::mutex> lock(p_.store_mu);
    Result<std::optional<std::string>> a = p_.store.CaseAuthority(case_id);
    if (a) authority = *a;
  }
  if (!authority || !OfficeSees(who.user.office, *authority)) {
    SendError(req, res, 404, Label("page.", "not_found"), &who);
    return std::nullopt;
  }
  Result<nlohmann::json> kase = p_.runner.CaseJson(case_id, p_.today());
  if (!kase) {
    SendError(req, res, 500, kase.error().message(), &who);
    return std::nullopt;
  }
  return *kase;
}

void App::LoginPage(const httplib::Request& req, httplib::Response& res, int status,
                    const std::string& message) {
  std::string token = Cookie(req, kLoginCookie);
  if (token.size() != 64) {
    token = RandomToken();
    res.set_header("Set-Cookie",
                   std::string(kLoginCookie) + "=" + token + CookieAttributes(Secure(req)));
  }
  SendPage(res, status, "login", {{"csrf", token}, {"message", message}}, nullptr);
}

void App::Login(const httplib::Request& req, httplib::Response& res) {
  if (!SameToken(Field(req, "csrf"), Cookie(req, kLoginCookie))) {
    SendError(req, res, 403, Label("page.", "bad_csrf"), nullptr);
    return;
  }
  const std::string name = Field(req, "user"), password = Field(req, "password");
  const std::string address = req.remote_addr;
  std::unique_lock<std::mutex> lock(p_.store_mu);
  Result<bool> locked = p_.store.Locked(name, address, Now());
  if (locked && *locked) {
    lock.unlock();
    LoginPage(req, res, 429, Label("page.", "locked"));
    return;
  }
  Result<std::optional<User>> user = p_.store.FindUser(name);
  lock.unlock();
  // Verified outside the lock: Argon2id takes tens of milliseconds on purpose.
  const bool ok =
      user && *user && !(*user)->disabled && VerifyPassword((*user)->password, password);
  lock.lock();
  if (!ok) {
    (void)p_.store.RecordFailure(name, address, Now(), s_.login_max_failures,
                                 std::int64_t{s_.login_lockout_minutes} * 60);
    lock.unlock();
    LoginPage(req, res, 401, Label("page.", "bad_login"));
    return;
  }
  (void)p_.store.ClearFailures(name, address);
  const std::string token = RandomToken();
  const Session session{name, RandomToken(), Now() + std::int64_t{s_.session_minutes} * 60};
  Status s = p_.store.CreateSession(Sha256Hex(token), session);
  lock.unlock();
  if (!s.ok()) {
    SendError(req, res, 500, s.message(), nullptr);
    return;
  }
  res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + token +
                                   "; Max-Age=" + std::to_string(s_.session_minutes * 60) +
                                   CookieAttributes(Secure(req)));
  res.status = 303;
  res.set_header("Location", "/cases");
}

void App::Logout(const httplib::Request& req, httplib::Response& res) {
  std::optional<Who> who = Authenticate(req, res);
  if (!who) return;
  if (!SameToken(Field(req, "csrf"), who->session.csrf)) {
    SendError(req, res, 403, Label("page.", "bad_csrf"), &*who);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(p_.store_mu);
    (void)p_.store.DeleteSession(Sha256Hex(Cookie(req, kSessionCookie)));
  }
  res.set_header("Set-Cookie",
                 std::string(kSessionCookie) + "=; Max-Age=0" + CookieAttributes(Secure(req)));
  res.status = 303;
  res.set_header("Location", "/login");
}

int PageNumber(const std::string& text) {
  if (text.empty() || text.size() > 6 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return 1;
  }
  return std::max(1, std::stoi(text));
}

void App::CaseList(const httplib::Request& req, httplib::Response& res) {
  std::optional<Who> who = Authenticate(req, res);
  if (!who) return;
  CaseQuery q;
  q.office = who->user.office;
  q.stage = req.get_param_value("stage");
  q.kind = req.get_param_value("kind");
  q.search = req.get_param_value("q");
  q.open_only = req.get_param_value("open") == "1";
  q.page = PageNumber(req.get_param_value("page"));
  Result<CasePage> page = [&] {
    std::lock_guard<std::mutex> lock(p_.store_mu);
    return p_.store.Cases(q);
  }();
  if (!page) {
    SendError(req, res, 500, page.error().message(), &*who);
    return;
  }
  nlohmann::json rows = nlohmann::json::array();
  for (const CaseRow& r : page->rows) {
    rows.push_back({{"case", r.case_id},
                    {"institution", r.institution},
                    {"uscc", r.uscc},
                    {"kind", r.kind},
                    {"kind_label", Label("kind.", r.kind)},
                    {"authority", r.authority},
                    {"stage", r.stage},
                    {"stage_label", Label("arg.stage.", r.stage)},
                    {"stage_since", r.stage_since},
                    {"opened_on", r.opened_on}});
  }
  nlohmann::json counts = nlohmann::json::array();
  for (const auto& [stage, n] : page->per_stage) {
    counts.push_back({{"stage", stage},
                      {"stage_label", Label("arg.stage.", stage)},
                      {"count", n},
                      {"selected", stage == q.stage}});
  }
  const int pages = std::max(1, (page->total + q.per_page - 1) / q.per_page);
  if (WantsJson(req)) {
    nlohmann::json per_stage = nlohmann::json::object();
    for (const auto& [stage, n] : page->per_stage) per_stage[stage] = n;
    res.set_content(nlohmann::json{{"cases", rows},
                                   {"total", page->total},
                                   {"page", q.page},
                                   {"pages", pages},
                                   {"per_stage", per_stage}}
                        .dump(),
                    kJson);
    return;
  }
  SendPage(res, 200, "cases",
           {{"cases", rows},
            {"any", !rows.empty()},
            {"total", page->total},
            {"counts", counts},
            {"q", q.search},
            {"stage", q.stage},
            {"page", q.page},
            {"pages", pages},
            {"prev", q.page > 1 ? nlohmann::json(q.page - 1) : nlohmann::json(nullptr)},
            {"next", q.page < pages ? nlohmann::json(q.page + 1) : nlohmann::json(nullptr)}},
           &*who);
}

nlohmann::json App::CaseView(const nlohmann::json& kase, const Who& who) const {
  nlohmann::json v = kase;
  const std::string stage = kase.value("stage", "");
  v["stage_label"] = Label("arg.stage.", stage);
  v["kind_label"] = Label("kind.", kase.value("kind", ""));
  for (nlohmann::json& h : v["history"]) {
    h["action_label"] = Label("registry.action.", h.value("action", ""));
    h["stage_label"] = Label("arg.stage.", h.value("stage", ""));
    h["stage_after_label"] = Label("arg.stage.", h.value("stage_after", ""));
    const std::string result = h.value("result", "");
    h["result_label"] = result.empty() ? "" : Label("arg.result.", result);
  }
  const std::string& role = who.user.role;
  for (nlohmann::json& d : v["documents"]) {
    d["kind_label"] = Label("registry.document.", d.value("kind", ""));
    d["state_label"] = Label("registry.state.", d.value("state", ""));
    const bool draft = d.value("state", "") == "draft";
    d["can_issue"] = draft && p_.roles.Allows(role, "issue");
    d["can_edit"] = draft && p_.roles.Allows(role, "edit");
    d["can_served"] = d.value("state", "") != "issuing" && p_.roles.Allows(role, "served");
    d["can_reissue"] = d.value("state", "") == "issued" && p_.roles.Allows(role, "reissue");
  }
  bool any = false;
  for (const std::string& a : p_.roles.ActionsAt(role, stage)) {
    if (a == "edit" || a == "issue" || a == "served" || a == "reissue") continue;  // per document
    std::string key = a;
    std::replace(key.begin(), key.end(), '.', '_');
    v["can_" + key] = true;
    any = true;
  }
  v["any_action"] = any;
  return v;
}

void App::ShowCase(const httplib::Request& req, httplib::Response& res) {
  std::optional<Who> who = Authenticate(req, res);
  if (!who) return;
  std::optional<nlohmann::json> kase = VisibleCase(req, res, *who, req.matches[1]);
  if (!kase) return;
  if (WantsJson(req)) {
    res.set_content(kase->dump(), kJson);
    return;
  }
  nlohmann::json view = CaseView(*kase, *who);
  if (p_.roles.Allows(who->user.role, "files")) {
    // ?version=N: an earlier version's files; the current one by default.
    const std::string asked = req.get_param_value("version");
    int version = kase->value("version", 0);
    if (!asked.empty() && asked.size() <= 4 &&
        asked.find_first_not_of("0123456789") == std::string::npos) {
      version = std::stoi(asked);
    }
    view.update(FilesOf(*kase, version));
  }
  SendPage(res, 200, "case", {{"c", view}}, &*who);
}

nlohmann::json App::FilesOf(const nlohmann::json& kase, int version) {
  const std::string case_id = kase.value("case", "");
  std::string folder, content_hash;
  nlohmann::json versions = nlohmann::json::array();
  for (const nlohmann::json& v : kase.value("versions", nlohmann::json::array())) {
    const int n = v.value("version", 0);
    versions.push_back(
        {{"n", n}, {"shown", n == version}, {"received_on", v.value("received_on", "")}});
    if (n != version) continue;
    folder = v.value("folder", "");
    content_hash = v.value("content_hash", "");
  }
  if (folder.empty()) {  // no such version
    return {{"files", nlohmann::json::array()},
            {"any_file", false},
            {"files_note", Label("page.", "not_found")},
            {"file_versions", versions}};
  }
  auto recorded = [&]() {
    std::lock_guard<std::mutex> lock(p_.store_mu);
    return p_.store.VersionFiles(case_id, version);
  };
  Result<std::vector<VersionFile>> files = recorded();
  std::string note;
  const std::string dir = VersionFolderPath(s_.intake_dir, folder);
  if (files && files->empty()) {
    std::error_code ec;
    if (dir.empty() || (!std::filesystem::is_directory(dir, ec) && !IsArchiveDossier(dir))) {
      note = Label("page.", "files_absent");
    } else {
      // Hashed outside the lock; a file that differs from the version received is never listed.
      Result<std::optional<std::vector<VersionFile>>> hashed =
          HashVersionFiles(dir, case_id, version, content_hash);
      if (hashed && !*hashed) note = Label("page.", "files_changed");
      if (hashed && *hashed) {
        std::lock_guard<std::mutex> lock(p_.store_mu);
        (void)p_.store.AddVersionFiles(**hashed);
      }
      files = recorded();
    }
  }
  nlohmann::json list = nlohmann::json::array();
  if (files) {
    for (const VersionFile& f : *files) {
      std::string type;
      list.push_back({{"id", f.file_id},
                      {"seq", f.seq},
                      {"path", ingest::DecodeDiskName(f.path).text},
                      {"bytes", f.bytes},
                      {"view_label", Label("page.view.", ViewKind(f.path, &type))}});
    }
  }
  return {{"files", list},
          {"any_file", !list.empty()},
          {"files_note", note},
          {"files_version", version},
          {"file_versions", versions},
          {"several_versions", versions.size() > 1}};
}

// Text as rows of cells (lines split at tabs): shown as a table, since the page escape shows
// a newline or tab as \x0A or \x09.
nlohmann::json TextRows(const std::string& text) {
  nlohmann::json rows = nlohmann::json::array();
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    nlohmann::json cells = nlohmann::json::array();
    std::size_t c = at;
    while (c <= end) {
      std::size_t tab = text.find('\t', c);
      if (tab == std::string::npos || tab > end) tab = end;
      cells.push_back(text.substr(c, tab - c));
      c = tab + 1;
    }
    rows.push_back({{"cells", cells}});
    at = end + 1;
  }
  return rows;
}

std::optional<App::LoadedFile> App::LoadFile(const httplib::Request& req, httplib::Response& res) {
  std::optional<Who> who = UserFor(req, res, "files");
  if (!who) return std::nullopt;
  std::optional<VersionFile> file;
  std::optional<std::string> authority;
  {
    std::lock_guard<std::mutex> lock(p_.store_mu);
    Result<std::optional<VersionFile>> f = p_.store.FindFile(req.matches[1]);
    if (f && *f) {
      file = **f;
      Result<std::optional<std::string>> a = p_.store.CaseAuthority(file->case_id);
      if (a) authority = *a;
    }
  }
  const std::string path = file ? RecordedFilePath(s_.intake_dir, *file) : "";
  if (!file || !authority || !OfficeSees(who->user.office, *authority) || path.empty()) {
    SendError(req, res, 404, Label("page.", "not_found"), &*who);
    return std::nullopt;
  }
  std::optional<std::string> bytes = ReadRecordedFile(path, *file);
  if (!bytes) {
    SendError(req, res, 410, Label("page.", "file_changed"), &*who, file->case_id);
    return std::nullopt;
  }
  return LoadedFile{*who, *file, std::move(*bytes)};
}

void App::SendFile(const httplib::Request& req, httplib::Response& res, const LoadedFile& f,
                   const std::string& shown, const std::string& bytes) {
  std::string type;
  const std::string kind = ViewKind(shown, &type);
  if (kind == "office") {
    Result<std::string> text = OfficeText(bytes, shown, s_.read_limits);
    SendPage(res, 200, "file",
             {{"case", f.file.case_id},
              {"path", shown},
              {"lines", text ? TextRows(*text) : nlohmann::json::array()},
              {"unreadable", !text.ok()}},
             &f.who);
    return;
  }
  if (kind == "archive" && !req.has_param("download")) {
    nlohmann::json entries = nlohmann::json::array();
    for (const ZipEntry& e : ZipEntries(bytes, s_.read_limits)) {
      std::string entry_type;
      entries.push_back({{"index", e.index},
                         {"name", e.name},
                         {"bytes", e.bytes},
                         {"view_label", Label("page.view.", ViewKind(e.name, &entry_type))}});
    }
    SendPage(res, 200, "archive_file",
             {{"case", f.file.case_id},
              {"id", f.file.file_id},
              {"path", shown},
              {"entries", entries},
              {"any", !entries.empty()}},
             &f.who);
    return;
  }
  const bool inline_view = kind == "pdf" || kind == "image";
  res.set_header("Content-Disposition",
                 std::string(inline_view ? "inline" : "attachment") + "; filename*=UTF-8''" +
                     httplib::detail::encode_query_param(shown.substr(shown.rfind('/') + 1)));
  res.set_content(bytes, inline_view ? type : "application/octet-stream");
}

void App::ShowFile(const httplib::Request& req, httplib::Response& res) {
  std::optional<LoadedFile> f = LoadFile(req, res);
  if (f) SendFile(req, res, *f, ingest::DecodeDiskName(f->file.path).text, f->bytes);
}

void App::ShowEntry(const httplib::Request& req, httplib::Response& res) {
  std::optional<LoadedFile> f = LoadFile(req, res);
  if (!f) return;
  std::string type;
  const std::string index = req.matches[2];
  std::optional<std::pair<std::string, std::string>> entry;
  if (ViewKind(f->file.path, &type) == "archive") {
    entry = ReadZipEntry(f->bytes, std::stoul(index), s_.read_limits);
  }
  if (!entry) {
    SendError(req, res, 404, Label("page.", "not_found"), &f->who, f->file.case_id);
    return;
  }
  SendFile(req, res, *f, entry->first, entry->second);
}

std::optional<Who> App::UserFor(const httplib::Request& req, httplib::Response& res,
                                const std::string& action) {
  std::optional<Who> who = Authenticate(req, res);
  if (who && !p_.roles.Allows(who->user.role, action)) {
    SendError(req, res, 403, Label("page.", "forbidden"), &*who);
    return std::nullopt;
  }
  return who;
}

model::CommandRequest App::ListingOptions(model::Command command, const Who& who) const {
  model::CommandRequest o = p_.runner.base();
  o.command = command;
  o.date = p_.today();
  o.user = who.user.name;
  o.quiet = true;
  return o;
}

void App::DueList(const httplib::Request& req, httplib::Response& res) {
  std::optional<Who> who = UserFor(req, res, "due");
  if (!who) return;
  const std::string within = req.get_param_value("within");
  const bool valid = !within.empty() && within.size() <= 4 &&
                     within.find_first_not_of("0123456789") == std::string::npos &&
                     std::stoi(within) >= 1;
  model::CommandRequest o = ListingOptions(model::Command::kDue, *who);
  o.json = true;
  if (valid) o.within_days = std::stoi(within);
  Result<std::string> text = p_.runner.Run(o);
  nlohmann::json due = text ? nlohmann::json::parse(*text, nullptr, false) : nlohmann::json();
  if (!text || due.is_discarded()) {
    SendError(req, res, 500, text ? "due: no JSON" : text.error().message(), &*who);
    return;
  }
  nlohmann::json items = nlohmann::json::array();
  for (nlohmann::json& item : due["items"]) {
    const std::string ref = item.value("ref", "");
    Result<std::optional<std::string>> authority = [&] {
      std::lock_guard<std::mutex> lock(p_.store_mu);
      return p_.store.RefAuthority(ref);
    }();
    if (!authority || !*authority || !OfficeSees(who->user.office, **authority)) continue;
    const std::string basis = item.value("counted_from", "");
    item["kind_label"] = Label("registry.due.", item.value("kind", "")) +
                         (basis.empty() ? "" : Label("registry.due.basis.", basis));
    item["is_case"] = !ref.empty() && ref[0] == 'C';
    items.push_back(item);
  }
  if (WantsJson(req)) {
    res.set_content(
        nlohmann::json{{"from", due["from"]}, {"until", due["until"]}, {"items", items}}.dump(),
        kJson);
    return;
  }
  SendPage(res, 200, "due",
           {{"items", items},
            {"any", !items.empty()},
            {"from", due["from"]},
            {"until", due["until"]},
            {"within", o.within_days}},
           &*who);
}

void App::ArchivePage(const httplib::Request& req, httplib::Response& res, bool verify) {
  std::optional<Who> who = UserFor(req, res, "archive");
  if (!who) return;
  if (who->user.office != kProvince) {  // the archive holds every office's documents
    SendError(req, res, 403, Label("page.", "archive_province"), &*who);
    return;
  }
  if (!verify) {
    SendPage(res, 200, "archive", nlohmann::json::object(), &*who);
    return;
  }
  if (!SameToken(Field(req, "csrf"), who->session.csrf)) {
    SendError(req, res, 403, Label("page.", "bad_csrf"), &*who);
    return;
  }
  model::CommandRequest o = ListingOptions(model::Command::kArchive, *who);
  o.archive_action = "verify";
  bool problems = false;
  Result<std::string> text = p_.runner.Run(o, &problems);
  if (!text) {
    SendError(req, res, 500, text.error().message(), &*who);
    return;
  }
  SendPage(res, 200, "archive",
           {{"verified", true}, {"problems", problems}, {"lines", TextRows(*text)}}, &*who);
}

// A folder of its own for one request's files (an uploaded sheet, a written workbook).
std::string RequestFolder(const std::string& root) {
  const std::string dir = root + "/req-" + RandomToken(8);
  std::filesystem::create_directories(dir);
  return dir;
}

// A list workbook's cell as the page shows it: a date (written as its serial number, which the
// reader returns as 5 digits: no other cell of the two lists is 5 digits alone) as YYYY-MM-DD,
// personal data masked.
std::string ShownCell(const std::string& cell) {
  if (cell.size() == 5 && cell.find_first_not_of("0123456789") == std::string::npos) {
    if (std::optional<std::string> iso = ingest::ExcelSerialToIsoDate(cell)) return *iso;
  }
  return report::MaskPersonalData(cell);
}

Result<std::string> App::ListWorkbook(model::CommandRequest o, bool ledger) {
  const std::string folder = RequestFolder(s_.upload_dir);
  const std::string file = folder + "/list.xlsx";
  (ledger ? o.out_path : o.xlsx_path) = file;
  Result<std::string> out = p_.runner.Run(o);
  Result<std::string> bytes = out ? RealFileSystem().ReadFile(file, std::uint64_t{256} << 20)
                                  : Result<std::string>(out.error());
  std::error_code ec;
  std::filesystem::remove_all(folder, ec);
  return bytes;
}

Result<std::string> App::OfficeLedgerOf(const Who& who) {
  const RealFileSystem fs;
  return OfficeLedger(p_.runner.base().registry_path, p_.runner.base().data_dir, fs,
                      p_.runner.messages(), p_.today(), [&](const std::string& case_id) {
                        std::lock_guard<std::mutex> lock(p_.store_mu);
                        Result<std::optional<std::string>> a = p_.store.CaseAuthority(case_id);
                        return a && *a && OfficeSees(who.user.office, **a);
                      });
}

void App::ListPage(const httplib::Request& req, httplib::Response& res, bool ledger) {
  std::optional<Who> who = UserFor(req, res, "lists");
  if (!who) return;
  model::CommandRequest o =
      ListingOptions(ledger ? model::Command::kLedger : model::Command::kFiled, *who);
  const std::string asked = req.get_param_value("date");
  if (!ledger && !asked.empty()) {
    std::optional<Date> on = ParseIsoDate(asked);
    if (!on) {
      SendError(req, res, 400, p_.labels.Format("page.bad_date", {{"date", asked}}), &*who);
      return;
    }
    o.date = *on;
  }
  const bool download = req.has_param("xlsx");
  const bool whole = who->user.office == kProvince;
  if (!ledger) o.authority = who->user.office;  // beian filed --authority: the office's filings
  Result<std::string> bytes =
      whole || !download || !ledger ? ListWorkbook(o, ledger) : OfficeLedgerOf(*who);
  Result<std::vector<ingest::XlsxRow>> rows =
      bytes ? ingest::ReadXlsxSheet(*bytes, "list.xlsx")
            : Result<std::vector<ingest::XlsxRow>>(bytes.error());
  if (!rows || rows->empty()) {
    SendError(req, res, 500, rows ? "no rows" : rows.error().message(), &*who);
    return;
  }
  const std::string name = Label("page.", ledger ? "list_ledger_file" : "list_filed_file");
  if (download) {
    res.set_header("Content-Disposition", "attachment; filename=\"list.xlsx\"; filename*=UTF-8''" +
                                              httplib::detail::encode_query_param(name));
    res.set_content(*bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    return;
  }
  // The key of a row: the case (台账, column A) or the filing number (已备案机构, column C).
  const std::size_t key = ledger ? 0 : 2;
  nlohmann::json shown = nlohmann::json::array();
  for (std::size_t i = 1; i < rows->size(); ++i) {
    const std::vector<std::string>& cells = (*rows)[i].cells;
    if (cells.size() <= key) continue;
    Result<std::optional<std::string>> authority = [&] {
      std::lock_guard<std::mutex> lock(p_.store_mu);
      return p_.store.RefAuthority(cells[key]);
    }();
    if (!authority || !*authority || !OfficeSees(who->user.office, **authority)) continue;
    nlohmann::json row = nlohmann::json::array();
    for (const std::string& c : cells) row.push_back(ShownCell(c));
    shown.push_back({{"cells", row}, {"case", ledger ? cells[key] : std::string()}});
  }
  SendPage(res, 200, ledger ? "ledger" : "filed",
           {{"header", rows->front().cells},
            {"rows", shown},
            {"any", !shown.empty()},
            {"count", shown.size()},
            {"date", o.date->ToIso()}},
           &*who);
}

void App::AdminPage(const httplib::Request& req, httplib::Response& res) {
  std::optional<Who> who = UserFor(req, res, "users");
  if (!who) return;
  Result<std::vector<User>> users = [&] {
    std::lock_guard<std::mutex> lock(p_.store_mu);
    return p_.store.Users();
  }();
  if (!users) {
    SendError(req, res, 500, users.error().message(), &*who);
    return;
  }
  nlohmann::json rows = nlohmann::json::array();
  for (const User& u : *users) {
    if (!OfficeSees(who->user.office, u.office)) continue;
    rows.push_back({{"name", u.name},
                    {"role_label", Label("role.", u.role)},
                    {"office", u.office},
                    {"disabled", u.disabled},
                    {"created_on", u.created_on},
                    {"self", u.name == who->user.name}});
  }
  nlohmann::json roles = nlohmann::json::array();
  for (const char* r : {"clerk", "reviewer", "archivist", "admin"}) {
    roles.push_back({{"role", r}, {"role_label", Label("role.", r)}});
  }
  SendPage(res, 200, "admin",
           {{"users", rows},
            {"roles", roles},
            {"settings", p_.settings_rows},
            {"office_default", who->user.office}},
           &*who);
}

void App::AdminUsers(const httplib::Request& req, httplib::Response& res) {
  std::optional<Who> who = UserFor(req, res, "users");
  if (!who) return;
  if (!SameToken(Field(req, "csrf"), who->session.csrf)) {
    SendError(req, res, 403, Label("page.", "bad_csrf"), &*who);
    return;
  }
  AccountChange change{Field(req, "action"), Field(req, "name"), Field(req, "role"),
                       Field(req, "office"), Field(req, "password")};
  std::unique_lock<std::mutex> lock(p_.store_mu);
  Result<std::optional<User>> target = p_.store.FindUser(change.name);
  const std::string office =
      change.action == "add" || !target || !*target ? change.office : (*target)->office;
  if (!office.empty() && !OfficeSees(who->user.office, office)) {
    lock.unlock();
    SendError(req, res, 403, Label("page.", "forbidden"), &*who);
    return;
  }
  if (change.action == "disable" && change.name == who->user.name) {
    lock.unlock();
    SendError(req, res, 409, Label("page.", "disable_self"), &*who);
    return;
  }
  Status s = ChangeAccount(p_.store, p_.runner.messages(), change, p_.today());
  lock.unlock();
  if (!s.ok()) {
    SendError(req, res, s.code() == StatusCode::kInvalidArgument ? 409 : 500, s.message(), &*who);
    return;
  }
  res.status = 303;
  res.set_header("Location", "/admin");
}

void App::Scoresheet(const httplib::Request& req, httplib::Response& res) {
  std::optional<Who> who = Authenticate(req, res);
  if (!who) return;
  const std::string case_id = req.matches[1];
  if (!VisibleCase(req, res, *who, case_id)) return;
  if (!p_.roles.Allows(who->user.role, "scoresheet")) {
    SendError(req, res, 403, Label("page.", "forbidden"), &*who, case_id);
    return;
  }
  ActionForm form{"scoresheet", case_id, {}, {}, RequestFolder(s_.upload_dir)};
  Result<model::CommandRequest> o =
      p_.runner.OptionsFor(form, Acting{who->user.name, who->user.office, p_.today()});
  Result<std::string> out = o ? p_.runner.Run(*o) : Result<std::string>(o.error());
  std::error_code ec;
  std::string file, name;
  for (const auto& e : std::filesystem::directory_iterator(form.out_dir, ec)) {
    file = e.path().string();
    name = e.path().filename().string();
  }
  if (!out || file.empty()) {
    std::filesystem::remove_all(form.out_dir, ec);
    SendError(req, res, 409, out ? std::string() : out.error().message(), &*who, case_id);
    return;
  }
  Result<std::string> bytes = RealFileSystem().ReadFile(file, std::uint64_t{64} << 20);
  std::filesystem::remove_all(form.out_dir, ec);
  if (!bytes) {
    SendError(req, res, 500, bytes.error().message(), &*who, case_id);
    return;
  }
  res.set_header("Content-Disposition",
                 "attachment; filename=\"scoresheet.xlsx\"; filename*=UTF-8''" +
                     httplib::detail::encode_query_param(name));
  res.set_content(*bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

std::optional<App::VisibleDocument> App::DocumentOf(const httplib::Request& req,
                                                    httplib::Response& res,
                                                    const std::string& draft_dir) {
  std::optional<Who> who = Authenticate(req, res);
  if (!who) return std::nullopt;
  std::optional<nlohmann::json> kase = VisibleCase(req, res, *who, req.matches[1]);
  if (!kase) return std::nullopt;
  const std::string id = req.matches[2];
  bool found = false;
  for (const nlohmann::json& d : (*kase)["documents"]) found |= d.value("id", "") == id;
  if (!found) {
    SendError(req, res, 404, Label("page.", "not_found"), &*who, req.matches[1]);
    return std::nullopt;
  }
  Result<nlohmann::json> doc = p_.runner.DocumentJson(id, p_.today(), draft_dir);
  if (!doc) {
    SendError(req, res, 500, doc.error().message(), &*who, req.matches[1]);
    return std::nullopt;
  }
  return VisibleDocument{*who, *doc};
}

void App::DocumentPage(const httplib::Request& req, httplib::Response& res) {
  std::optional<VisibleDocument> v = DocumentOf(req, res);
  if (!v) return;
  if (WantsJson(req)) {
    res.set_content(v->doc.dump(), kJson);
    return;
  }
  const nlohmann::json& d = v->doc;
  const bool draft = d.value("state", "") == "draft";
  nlohmann::json slots = nlohmann::json::array();
  for (const nlohmann::json& s : d["slots"]) {
    const std::string name = s.value("name", "");
    const std::string text = s.value("text", "");
    // A choice slot (its template declares the values) is a set of radio buttons.
    nlohmann::json choices = nlohmann::json::array();
    for (const nlohmann::json& value : s.value("choices", nlohmann::json::array())) {
      choices.push_back({{"value", value}, {"checked", value == text}});
    }
    slots.push_back({{"name", name},
                     {"label", p_.labels.Has("slot." + name) ? p_.labels.Format("slot." + name)
                                                             : s.value("label", name)},
                     {"text", text},
                     {"choices", choices},
                     {"is_choice", !choices.empty()},
                     {"blank", text.empty()}});
  }
  const std::string case_id = req.matches[1];
  SendPage(res, 200, "document",
           {{"case", case_id},
            {"id", d.value("document", "")},
            {"kind_label", Label("registry.document.", d.value("kind", ""))},
            {"state_label", Label("registry.state.", d.value("state", ""))},
            {"number", d.value("number", "")},
            {"date", d.value("date", "")},
            {"draft", draft},
            {"can_edit", draft && p_.roles.Allows(v->who.user.role, "edit")},
            {"slots", slots},
            {"any_slot", !slots.empty()}},
           &v->who);
}

void App::DraftPdf(const httplib::Request& req, httplib::Response& res) {
  const std::string folder = RequestFolder(s_.upload_dir);
  std::optional<VisibleDocument> v = DocumentOf(req, res, folder);
  const std::string file = v ? v->doc.value("draft_file", "") : "";
  Result<std::string> bytes = file.empty()
                                  ? Result<std::string>(Status::NotFound(file))
                                  : RealFileSystem().ReadFile(file, std::uint64_t{64} << 20);
  std::error_code ec;
  std::filesystem::remove_all(folder, ec);
  if (!v) return;
  if (!bytes) {
    SendError(req, res, 404, Label("page.", "not_found"), &v->who, req.matches[1]);
    return;
  }
  // Shown in the document page's frame (same origin only); never cached: it changes with edits.
  res.headers.erase("X-Frame-Options");
  res.set_header("X-Frame-Options", "SAMEORIGIN");
  res.set_header("Cache-Control", "no-store");
  res.set_header("Content-Disposition",
                 "inline; filename*=UTF-8''" +
                     httplib::detail::encode_query_param(std::filesystem::path(file).filename()));
  res.set_content(*bytes, "application/pdf");
}

void App::Action(const httplib::Request& req, httplib::Response& res) {
  std::optional<Who> who = Authenticate(req, res);
  if (!who) return;
  const std::string case_id = req.matches[1], action = req.matches[2];
  if (!SameToken(Field(req, "csrf"), who->session.csrf)) {
    SendError(req, res, 403, Label("page.", "bad_csrf"), &*who, case_id);
    return;
  }
  std::optional<nlohmann::json> kase = VisibleCase(req, res, *who, case_id);
  if (!kase) return;
  if (action == "scores") {
    ScoresPreview(req, res, *who, *kase);
    return;
  }
  if (RunAction(req, res, *who, *kase, action)) {
    {
      std::lock_guard<std::mutex> lock(p_.store_mu);
      p_.store.ForgetStageCounts();
    }
    // A slot filled on the document page returns there (RunAction checked the document is
    // this case's).
    const bool back = Field(req, "back") == "document" && action == "edit";
    res.status = 303;
    res.set_header("Location",
                   "/cases/" + case_id + (back ? "/documents/" + Field(req, "document") : ""));
  }
}

bool App::RunAction(const httplib::Request& req, httplib::Response& res, const Who& who,
                    const nlohmann::json& kase, const std::string& action) {
  const std::string case_id = kase.value("case", "");
  ActionForm form{action, case_id, {}, {}, {}};
  const bool per_document =
      action == "issue" || action == "served" || action == "edit" || action == "reissue";
  if (per_document) {  // the document must be one of this case's
    form.target = Field(req, "document");
    bool found = false;
    for (const nlohmann::json& d : kase["documents"]) found |= d.value("id", "") == form.target;
    if (!found) {
      SendError(req, res, 404, Label("page.", "not_found"), &who, case_id);
      return false;
    }
  }
  const std::string permission = action == "decide" ? "decide." + Field(req, "stage") : action;
  if (!p_.roles.Known(permission) || !p_.roles.Allows(who.user.role, permission)) {
    SendError(req, res, 403, Label("page.", "forbidden"), &who, case_id);
    return false;
  }
  for (const std::string& name : FieldNames(req)) {
    if (name == "csrf" || name == "document" || name == "back" ||
        ((name == "scores" || name == "sheet") && action == "evaluate"))
      continue;
    form.fields[name] = Field(req, name);
  }
  std::string folder;
  if (action == "evaluate") {
    std::string sheet = Field(req, "scores");
    if (const std::string token = Field(req, "sheet"); !token.empty()) {
      std::optional<std::string> held = TakeHeldSheet(token, who, case_id);
      if (!held) {
        SendError(req, res, 409, Label("page.", "scores_expired"), &who, case_id);
        return false;
      }
      sheet = std::move(*held);
    }
    folder = RequestFolder(s_.upload_dir);
    form.scores_file = folder + "/scores.xlsx";
    Status w = RealFileSystem().WriteFile(form.scores_file, sheet);
    if (!w.ok()) {
      SendError(req, res, 500, w.message(), &who, case_id);
      return false;
    }
  }
  const CommandRunner::Outcome out =
      p_.runner.Perform(form, Acting{who.user.name, who.user.office, p_.today()});
  if (!folder.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(folder, ec);
  }
  if (!out.request.ok()) {
    SendError(req, res, 400, out.request.message(), &who, case_id);
    return false;
  }
  if (!out.done.ok()) {
    const bool refused = out.done.code() == StatusCode::kInvalidArgument ||
                         out.done.code() == StatusCode::kNotFound ||
                         out.done.code() == StatusCode::kInvalidData;
    SendError(req, res, refused ? 409 : 500, out.done.message(), &who, case_id);
    return false;
  }
  return true;
}

void App::ScoresPreview(const httplib::Request& req, httplib::Response& res, const Who& who,
                        const nlohmann::json& kase) {
  const std::string case_id = kase.value("case", "");
  if (!p_.roles.Allows(who.user.role, "evaluate")) {
    SendError(req, res, 403, Label("page.", "forbidden"), &who, case_id);
    return;
  }
  const std::vector<std::string> here = p_.roles.ActionsAt(who.user.role, kase.value("stage", ""));
  if (std::find(here.begin(), here.end(), "evaluate") == here.end()) {
    SendError(req, res, 409, Label("page.", "scores_stage"), &who, case_id);
    return;
  }
  std::string bytes = Field(req, "scores");
  if (bytes.size() > kMaxSheetBytes) {  // a scoring sheet is tens of KB; held ones stay small
    SendError(req, res, 413, Label("page.", "scores_too_large"), &who, case_id);
    return;
  }
  const std::string name = req.has_file("scores") ? req.get_file_value("scores").filename : "";
  const RealFileSystem fs;
  Result<nlohmann::json> preview =
      PreviewScores(p_.runner.base().registry_path, p_.runner.base().data_dir, fs,
                    p_.runner.messages(), case_id, name, bytes, p_.today());
  if (!preview) {
    SendError(req, res, 500, preview.error().message(), &who, case_id);
    return;
  }
  nlohmann::json data = *preview;
  data["case"] = case_id;
  if (WantsJson(req)) {  // the preview as read, nothing held
    res.status = data.value("ok", false) ? 200 : 422;
    res.set_content(data.dump(), kJson);
    return;
  }
  if (data.value("ok", false)) {
    nlohmann::json& ev = data["evaluation"];
    ev["computed_label"] = Label("arg.result.", ev.value("computed_result", ""));
    for (nlohmann::json& o : ev["occupations"])
      o["has_work_type"] = !o.value("work_type", "").empty();
    const std::string token = RandomToken();
    std::lock_guard<std::mutex> lock(held_mu_);
    held_[token] = HeldSheet{who.user.name, case_id, std::move(bytes)};
    held_order_.push_back(token);
    if (held_order_.size() > kMaxHeldSheets) {
      held_.erase(held_order_.front());
      held_order_.pop_front();
    }
    data["sheet"] = token;
  }
  SendPage(res, data.value("ok", false) ? 200 : 422, "scores", data, &who);
}

std::optional<std::string> App::TakeHeldSheet(const std::string& token, const Who& who,
                                              const std::string& case_id) {
  std::lock_guard<std::mutex> lock(held_mu_);
  auto it = held_.find(token);
  if (it == held_.end() || it->second.user != who.user.name || it->second.case_id != case_id) {
    return std::nullopt;
  }
  std::string bytes = std::move(it->second.bytes);
  held_.erase(it);
  held_order_.erase(std::find(held_order_.begin(), held_order_.end(), token));
  return bytes;
}

std::optional<Who> App::IntakeUser(const httplib::Request& req, httplib::Response& res) {
  std::optional<Who> who = Authenticate(req, res);
  if (!who) return std::nullopt;
  if (!p_.roles.Allows(who->user.role, "intake")) {
    SendError(req, res, 403, Label("page.", "forbidden"), &*who);
    return std::nullopt;
  }
  if (s_.intake_dir.empty()) {
    SendError(req, res, 503, Label("page.", "no_intake"), &*who);
    return std::nullopt;
  }
  return who;
}

void App::IntakePage(const httplib::Request& req, httplib::Response& res) {
  std::optional<Who> who = IntakeUser(req, res);
  if (!who) return;
  SendPage(res, 200, "intake", nlohmann::json::object(), &*who);
}

// The upload's csrf field and files, read as they arrive: a file past max_file_bytes or a
// file past max_files is not kept (the rest of the body is read and dropped), so nothing past
// the limits is held or stored. cpp-httplib's buffered path would refuse more than 1024 parts.
struct UploadBody {
  std::string csrf;
  std::vector<UploadedFile> files;
  std::optional<std::pair<std::string, std::string>> broken;  // {limit, file}
  bool read = true;  // false: the body could not be read (past web_max_upload_bytes, malformed)
};

UploadBody ReadUpload(const httplib::Request& req, const httplib::ContentReader& reader,
                      const UploadLimits& limits, bool keep) {
  UploadBody body;
  if (!req.is_multipart_form_data()) {  // read and dropped
    reader([](const char*, std::size_t) { return true; });
    return body;
  }
  enum class Into { kNothing, kCsrf, kFile } into = Into::kNothing;
  body.read = reader(
      [&](const httplib::MultipartFormData& part) {
        into = Into::kNothing;
        if (body.broken || !keep) return true;  // read and dropped
        if (part.name == "csrf") {
          into = Into::kCsrf;
        } else if (part.name == "files" && body.files.size() >= limits.max_files) {
          body.broken = std::make_pair(std::string("max_files"), std::string());
          body.files.clear();
        } else if (part.name == "files") {
          body.files.push_back({part.filename, {}});
          into = Into::kFile;
        }
        return true;
      },
      [&](const char* data, std::size_t n) {
        if (into == Into::kCsrf && body.csrf.size() + n <= 128) body.csrf.append(data, n);
        if (into != Into::kFile || body.broken) return true;
        std::string& content = body.files.back().content;
        if (content.size() + n > limits.max_file_bytes) {
          body.broken = std::make_pair(std::string("max_file_bytes"), body.files.back().name);
          body.files.clear();
          into = Into::kNothing;
          return true;
        }
        content.append(data, n);
        return true;
      });
  return body;
}

void App::Intake(const httplib::Request& req, httplib::Response& res,
                 const httplib::ContentReader& reader) {
  std::optional<Who> who = IntakeUser(req, res);
  // The body is read in every case (so the connection stays usable), kept only for a clerk.
  UploadBody body = ReadUpload(req, reader, s_.limits, who.has_value());
  if (!who) return;
  if (!body.read) {
    res.set_header("Connection", "close");
    const std::string length = req.get_header_value("Content-Length");
    const bool too_large = !length.empty() && length.size() < 20 &&
                           length.find_first_not_of("0123456789") == std::string::npos &&
                           std::stoull(length) > s_.max_upload_bytes;
    SendError(req, res, too_large ? 413 : 400,
              Label("page.", too_large ? "upload_too_large" : "upload_empty"), &*who);
    return;
  }
  if (!SameToken(body.csrf, who->session.csrf)) {
    SendError(req, res, 403, Label("page.", "bad_csrf"), &*who);
    return;
  }
  if (body.broken) {  // refused before it is stored
    SendError(req, res, 413,
              p_.labels.Format("page.upload_limit." + body.broken->first,
                               {{"file", body.broken->second}}),
              &*who);
    return;
  }
  std::vector<UploadedFile>& files = body.files;
  files.erase(
      std::remove_if(files.begin(), files.end(),
                     [](const UploadedFile& f) { return f.name.empty() && f.content.empty(); }),
      files.end());
  if (files.empty()) {
    SendError(req, res, 400, Label("page.", "upload_empty"), &*who);
    return;
  }
  Result<std::vector<std::string>> paths = CleanUploadNames(files);
  if (!paths) {
    SendError(req, res, 400,
              p_.labels.Format("page.upload_bad_name", {{"file", paths.error().message()}}), &*who);
    return;
  }
  if (auto broken = BreaksLimits(files, *paths, s_.limits)) {
    SendError(req, res, 413,
              p_.labels.Format("page.upload_limit." + broken->first, {{"file", broken->second}}),
              &*who);
    return;
  }
  const std::string today = p_.today().ToIso();
  const std::string folder = UploadFolderName(today, who->user.name);
  Result<std::string> stored = StoreUpload(s_.intake_dir, folder, files, *paths);
  if (!stored) {
    SendError(req, res, 500, stored.error().message(), &*who);
    return;
  }
  Result<nlohmann::json> outcome = CheckAndRegister(s_.intake_run, s_.intake_dir, folder,
                                                    who->user.name, who->user.office, today);
  if (!outcome) {
    SendError(req, res, 500, outcome.error().message(), &*who);
    return;
  }
  std::string case_id = outcome->value("case", "");
  if (!case_id.empty()) {  // a case of another office (its dossier sent here) is not shown
    std::lock_guard<std::mutex> lock(p_.store_mu);
    p_.store.ForgetStageCounts();
    Result<std::optional<std::string>> authority = p_.store.CaseAuthority(case_id);
    if (!authority || !*authority || !OfficeSees(who->user.office, **authority)) {
      case_id.clear();
      (*outcome)["outcome"] = "other_office";
    }
  }
  if (!case_id.empty()) {
    // The files as received are recorded now, before anyone could change them.
    Result<nlohmann::json> kase = p_.runner.CaseJson(case_id, p_.today());
    if (kase) (void)FilesOf(*kase, kase->value("version", 0));
    res.status = 303;
    res.set_header("Location", "/cases/" + case_id);
    return;
  }
  SendPage(res, 200, "intake",
           {{"result",
             {{"folder", folder},
              {"institution", outcome->value("institution", "")},
              {"conclusion", Label("conclusion.", outcome->value("conclusion", ""))},
              {"outcome", Label("page.outcome.", outcome->value("outcome", ""))},
              {"failed", outcome->value("failed", "")}}}},
           &*who);
}

void App::Routes(httplib::Server& svr) {
  svr.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok", "text/plain; charset=utf-8");
  });
  svr.Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.status = 303;
    res.set_header("Location", "/cases");
  });
  svr.Get("/login", [this](const httplib::Request& req, httplib::Response& res) {
    LoginPage(req, res, 200, "");
  });
  svr.Post("/login",
           [this](const httplib::Request& req, httplib::Response& res) { Login(req, res); });
  svr.Post("/logout",
           [this](const httplib::Request& req, httplib::Response& res) { Logout(req, res); });
  svr.Get("/intake",
          [this](const httplib::Request& req, httplib::Response& res) { IntakePage(req, res); });
  svr.Post("/intake", [this](const httplib::Request& req, httplib::Response& res,
                             const httplib::ContentReader& reader) { Intake(req, res, reader); });
  svr.Get(R"(/files/(F[0-9a-f]{24}))",
          [this](const httplib::Request& req, httplib::Response& res) { ShowFile(req, res); });
  svr.Get(R"(/files/(F[0-9a-f]{24})/([0-9]{1,6}))",
          [this](const httplib::Request& req, httplib::Response& res) { ShowEntry(req, res); });
  svr.Get("/admin",
          [this](const httplib::Request& req, httplib::Response& res) { AdminPage(req, res); });
  svr.Post("/admin/users",
           [this](const httplib::Request& req, httplib::Response& res) { AdminUsers(req, res); });
  svr.Get("/due",
          [this](const httplib::Request& req, httplib::Response& res) { DueList(req, res); });
  svr.Get("/ledger", [this](const httplib::Request& req, httplib::Response& res) {
    ListPage(req, res, true);
  });
  svr.Get("/filed", [this](const httplib::Request& req, httplib::Response& res) {
    ListPage(req, res, false);
  });
  svr.Get("/archive", [this](const httplib::Request& req, httplib::Response& res) {
    ArchivePage(req, res, false);
  });
  svr.Post("/archive/verify", [this](const httplib::Request& req, httplib::Response& res) {
    ArchivePage(req, res, true);
  });
  svr.Get("/cases",
          [this](const httplib::Request& req, httplib::Response& res) { CaseList(req, res); });
  svr.Get(R"(/cases/([A-Za-z0-9-]+))",
          [this](const httplib::Request& req, httplib::Response& res) { ShowCase(req, res); });
  svr.Get(R"(/cases/([A-Za-z0-9-]+)/scoresheet)",
          [this](const httplib::Request& req, httplib::Response& res) { Scoresheet(req, res); });
  svr.Get(R"(/cases/([A-Za-z0-9-]+)/documents/(D[0-9]{4}-[0-9]{1,8}))",
          [this](const httplib::Request& req, httplib::Response& res) { DocumentPage(req, res); });
  svr.Get(R"(/cases/([A-Za-z0-9-]+)/documents/(D[0-9]{4}-[0-9]{1,8})/draft\.pdf)",
          [this](const httplib::Request& req, httplib::Response& res) { DraftPdf(req, res); });
  svr.Post(R"(/cases/([A-Za-z0-9-]+)/([a-z]+))",
           [this](const httplib::Request& req, httplib::Response& res) { Action(req, res); });
  svr.Get(R"(/static/([a-z]+\.(css|js)))",
          [this](const httplib::Request& req, httplib::Response& res) {
            auto it = p_.statics.find(req.matches[1]);
            if (it == p_.statics.end()) {
              res.status = 404;
              return;
            }
            res.set_content(it->second, req.matches[2] == "css" ? "text/css; charset=utf-8"
                                                                : "text/javascript; charset=utf-8");
          });
  svr.set_error_handler([this](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 413) {  // past web_max_upload_bytes: refused before anything is read
      res.set_content(Label("page.", "upload_too_large"), "text/plain; charset=utf-8");
      return;
    }
    res.set_content(std::to_string(res.status) + " " + Label("status.", std::to_string(res.status)),
                    "text/plain; charset=utf-8");
  });
}

}  // namespace

Status Serve(const ServerParts& parts, const ServerSettings& settings, const std::string& host,
             int port, const std::function<void(int)>& ready) {
  const bool tls = !settings.tls_certificate.empty();
  std::unique_ptr<httplib::Server> server =
      tls ? std::make_unique<httplib::SSLServer>(settings.tls_certificate.c_str(),
                                                 settings.tls_key.c_str())
          : std::make_unique<httplib::Server>();
  if (!server->is_valid()) {
    return Status::InvalidData(
        "web_tls_certificate / web_tls_key: not a PEM certificate and its "
        "private key (" +
        settings.tls_certificate + ", " + settings.tls_key + ")");
  }
  httplib::Server& svr = *server;
  App app(parts, settings);
  app.Routes(svr);
  svr.set_tcp_nodelay(true);  // without it, ~44 ms per keep-alive request (Nagle + delayed ACK)
  const std::size_t threads = static_cast<std::size_t>(std::max(4, settings.threads));
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  svr.set_payload_max_length(settings.max_upload_bytes);
  svr.set_keep_alive_timeout(30);
  svr.set_default_headers({{"Content-Security-Policy", "default-src 'self'"},
                           {"X-Frame-Options", "DENY"},
                           {"X-Content-Type-Options", "nosniff"},
                           {"Referrer-Policy", "same-origin"},
                           {"Cache-Control", "no-store"}});
  const int bound =
      port == 0 ? svr.bind_to_any_port(host) : (svr.bind_to_port(host, port) ? port : -1);
  if (bound < 0) {
    return Status::IoError("cannot listen on " + host + ":" + std::to_string(port));
  }
  ready(bound);
  if (!svr.listen_after_bind()) return Status::IoError("the server stopped with an error");
  return Status::Ok();
}

}  // namespace pipeline::web
