#include "pipeline/web/store.h"

#include <algorithm>
#include <chrono>

namespace pipeline::web {

using registry::AsInt;
using registry::AsText;
using registry::Row;
using registry::TxMode;
using registry::Value;

bool OfficeSees(const std::string& office, const std::string& authority) {
  return office == kProvince || office == authority;
}

namespace {

User UserOf(const Row& r) {
  return User{AsText(r[0]), AsText(r[1]),     AsText(r[2]),
              AsText(r[3]), AsInt(r[4]) != 0, AsText(r[5])};
}

constexpr char kUserColumns[] = "name, role, office, password, disabled, created_on";

// The WHERE clause and parameters of a case query (without paging).
// The WHERE of the case list over `cases c` alone: the office, stage, kind and open filters
// (indexes of migration 10), and a search by part of the institution's name, credit code or
// case number (the names through a subquery, so that no query joins every case).
std::string CaseFilter(const CaseQuery& q, bool with_stage, std::vector<Value>* params) {
  std::string where = " WHERE 1 = 1";
  if (q.office != kProvince) {
    where += " AND c.authority = ?";
    params->push_back(q.office);
  }
  if (with_stage && !q.stage.empty()) {
    where += " AND c.stage = ?";
    params->push_back(q.stage);
  }
  if (!q.kind.empty()) {
    where += " AND c.kind = ?";
    params->push_back(q.kind);
  }
  if (q.open_only) {
    where += " AND c.stage NOT IN ('filed', 'referred', 'not_filed', 'withdrawn', 'terminated')";
  }
  if (!q.search.empty()) {
    std::string like = "%";
    for (char ch : q.search) {
      if (ch == '%' || ch == '_' || ch == '\\') like += '\\';
      like += ch;
    }
    like += "%";
    // Credit codes and case numbers are ASCII: a term with Chinese in it can only be part of
    // a name, and then no case is scanned.
    const bool ascii = std::all_of(q.search.begin(), q.search.end(),
                                   [](char ch) { return static_cast<unsigned char>(ch) < 0x80; });
    if (!ascii) {
      where += " AND c.uscc IN (SELECT uscc FROM institutions WHERE name LIKE ? ESCAPE '\\')";
      params->push_back(like);
      return where;
    }
    // A case number is looked up whole (C2026-0008, or 2026-0008 without the letter), never
    // scanned for; credit codes and names match by any part.
    where +=
        " AND (c.uscc IN (SELECT uscc FROM institutions WHERE name LIKE ? ESCAPE '\\' OR "
        "uscc LIKE ? ESCAPE '\\') OR c.case_id IN (?, ?))";
    params->insert(params->end(), {like, like, q.search, "C" + q.search});
  }
  return where;
}

constexpr char kCaseFrom[] = " FROM cases c JOIN institutions i ON i.uscc = c.uscc";

}  // namespace

Status WebStore::AddUser(const User& u) {
  return registry::InTransaction(db_, TxMode::kWrite, [&]() -> Status {
    Result<std::optional<User>> have = FindUser(u.name);
    if (!have) return have.error();
    if (*have) return Status::InvalidArgument("user '" + u.name + "' exists already");
    return db_.Execute(
        "INSERT INTO web_users (name, role, office, password, disabled, created_on) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {u.name, u.role, u.office, u.password, std::int64_t{u.disabled ? 1 : 0}, u.created_on});
  });
}

Status WebStore::ChangeUser(const std::string& sql, const std::vector<Value>& params,
                            const std::string& name) {
  return registry::InTransaction(db_, TxMode::kWrite, [&]() -> Status {
    Result<std::optional<User>> have = FindUser(name);
    if (!have) return have.error();
    if (!*have) return Status::NotFound("no user '" + name + "'");
    return db_.Execute(sql, params);
  });
}

Status WebStore::SetPassword(const std::string& name, const std::string& hash) {
  return ChangeUser("UPDATE web_users SET password = ? WHERE name = ?", {hash, name}, name);
}

Status WebStore::Disable(const std::string& name) {
  PIPELINE_RETURN_IF_ERROR(
      ChangeUser("UPDATE web_users SET disabled = 1 WHERE name = ?", {name}, name));
  return db_.Execute("DELETE FROM web_sessions WHERE user_name = ?", {name});
}

Result<std::vector<User>> WebStore::Users() {
  Result<std::vector<Row>> rows =
      db_.Query(std::string("SELECT ") + kUserColumns + " FROM web_users ORDER BY name");
  if (!rows) return rows.error();
  std::vector<User> out;
  for (const Row& r : *rows) out.push_back(UserOf(r));
  return out;
}

Result<std::optional<User>> WebStore::FindUser(const std::string& name) {
  Result<std::vector<Row>> rows =
      db_.Query(std::string("SELECT ") + kUserColumns + " FROM web_users WHERE name = ?", {name});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<User>();
  return std::optional<User>(UserOf(rows->front()));
}

Result<bool> WebStore::Locked(const std::string& name, const std::string& address,
                              std::int64_t now) {
  Result<std::vector<Row>> rows =
      db_.Query("SELECT locked_until FROM web_login_failures WHERE user_name = ? AND address = ?",
                {name, address});
  if (!rows) return rows.error();
  return !rows->empty() && AsInt(rows->front()[0]) > now;
}

Status WebStore::RecordFailure(const std::string& name, const std::string& address,
                               std::int64_t now, int max, std::int64_t lockout_seconds) {
  return registry::InTransaction(db_, TxMode::kWrite, [&]() -> Status {
    Result<std::vector<Row>> rows =
        db_.Query("SELECT failures FROM web_login_failures WHERE user_name = ? AND address = ?",
                  {name, address});
    if (!rows) return rows.error();
    const std::int64_t failures = rows->empty() ? 1 : AsInt(rows->front()[0]) + 1;
    // The N-th failure locks; after the lockout the count starts again.
    const bool lock = failures >= max;
    const std::int64_t until = lock ? now + lockout_seconds : 0;
    const std::int64_t kept = lock ? 0 : failures;
    if (rows->empty()) {
      return db_.Execute(
          "INSERT INTO web_login_failures (user_name, address, failures, locked_until) "
          "VALUES (?, ?, ?, ?)",
          {name, address, kept, until});
    }
    return db_.Execute(
        "UPDATE web_login_failures SET failures = ?, locked_until = ? "
        "WHERE user_name = ? AND address = ?",
        {kept, until, name, address});
  });
}

Status WebStore::ClearFailures(const std::string& name, const std::string& address) {
  return db_.Execute("DELETE FROM web_login_failures WHERE user_name = ? AND address = ?",
                     {name, address});
}

Status WebStore::Unlock(const std::string& name) {
  return ChangeUser("DELETE FROM web_login_failures WHERE user_name = ?", {name}, name);
}

Status WebStore::CreateSession(const std::string& token_hash, const Session& s) {
  return db_.Execute(
      "INSERT INTO web_sessions (token_hash, user_name, csrf, expires) VALUES (?, ?, ?, ?)",
      {token_hash, s.user_name, s.csrf, s.expires});
}

Result<std::optional<Session>> WebStore::FindSession(const std::string& token_hash,
                                                     std::int64_t now) {
  Result<std::vector<Row>> rows = db_.Query(
      "SELECT s.user_name, s.csrf, s.expires FROM web_sessions s JOIN web_users u "
      "ON u.name = s.user_name WHERE s.token_hash = ? AND s.expires > ? AND u.disabled = 0",
      {token_hash, now});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<Session>();
  const Row& r = rows->front();
  return std::optional<Session>(Session{AsText(r[0]), AsText(r[1]), AsInt(r[2])});
}

Status WebStore::DeleteSession(const std::string& token_hash) {
  return db_.Execute("DELETE FROM web_sessions WHERE token_hash = ?", {token_hash});
}

Result<CasePage> WebStore::Cases(const CaseQuery& q) {
  CasePage page;
  Status s = registry::InTransaction(db_, TxMode::kRead, [&]() -> Status {
    std::vector<Value> params;
    const std::string where = CaseFilter(q, true, &params);
    // A search is one pass over the matches (the total beside each row); a list without one
    // counts through the indexes, which is cheaper than materialising every case.
    const bool search = !q.search.empty();
    std::vector<Value> paged = params;
    paged.push_back(std::int64_t{q.per_page});
    paged.push_back(std::int64_t{(q.page - 1) * q.per_page});
    Result<std::vector<Row>> rows =
        db_.Query(std::string("SELECT c.case_id, i.name, c.uscc, c.kind, c.authority, c.stage, "
                              "c.stage_since, c.opened_on") +
                      (search ? ", COUNT(*) OVER ()" : "") + kCaseFrom + where +
                      " ORDER BY c.case_id LIMIT ? OFFSET ?",
                  paged);
    if (!rows) return rows.error();
    for (const Row& r : *rows) {
      page.rows.push_back(CaseRow{AsText(r[0]), AsText(r[1]), AsText(r[2]), AsText(r[3]),
                                  AsText(r[4]), AsText(r[5]), AsText(r[6]), AsText(r[7])});
    }
    if (search && !rows->empty()) {
      page.total = static_cast<int>(AsInt(rows->front()[8]));
    } else {  // no search, or a page past the last
      Result<std::vector<Row>> count =
          db_.Query(std::string("SELECT COUNT(*) FROM cases c") + where, params);
      if (!count) return count.error();
      page.total = static_cast<int>(AsInt(count->front()[0]));
    }
    Result<std::map<std::string, int>> per_stage = StageCounts(q.office);
    if (!per_stage) return per_stage.error();
    page.per_stage = std::move(*per_stage);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return page;
}

Result<std::map<std::string, int>> WebStore::StageCounts(const std::string& office) {
  const auto now = std::chrono::steady_clock::now();
  auto cached = stage_counts_.find(office);
  if (cached != stage_counts_.end() && now - cached->second.at < kStageCountsFor) {
    return cached->second.counts;
  }
  std::vector<Value> params;
  CaseQuery office_only;
  office_only.office = office;
  const std::string where = CaseFilter(office_only, false, &params);
  Result<std::vector<Row>> rows =
      db_.Query("SELECT c.stage, COUNT(*) FROM cases c" + where + " GROUP BY c.stage", params);
  if (!rows) return rows.error();
  std::map<std::string, int> counts;
  for (const Row& r : *rows) counts[AsText(r[0])] = static_cast<int>(AsInt(r[1]));
  stage_counts_[office] = {now, counts};
  return counts;
}

void WebStore::ForgetStageCounts() { stage_counts_.clear(); }

Result<std::optional<std::string>> WebStore::CaseAuthority(const std::string& case_id) {
  Result<std::vector<Row>> rows =
      db_.Query("SELECT authority FROM cases WHERE case_id = ?", {case_id});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<std::string>();
  return std::optional<std::string>(AsText(rows->front()[0]));
}

namespace {

constexpr char kFileColumns[] =
    "f.file_id, f.case_id, f.version, f.seq, f.path, f.bytes, f.sha256, v.folder";
constexpr char kFileFrom[] =
    " FROM version_files f JOIN dossier_versions v ON v.case_id = f.case_id AND v.version = "
    "f.version";

VersionFile FileOf(const Row& r) {
  return VersionFile{AsText(r[0]),
                     AsText(r[1]),
                     static_cast<int>(AsInt(r[2])),
                     static_cast<int>(AsInt(r[3])),
                     AsText(r[4]),
                     AsInt(r[5]),
                     AsText(r[6]),
                     AsText(r[7])};
}

}  // namespace

Result<std::vector<VersionFile>> WebStore::VersionFiles(const std::string& case_id, int version) {
  Result<std::vector<Row>> rows =
      db_.Query(std::string("SELECT ") + kFileColumns + kFileFrom +
                    " WHERE f.case_id = ? AND f.version = ? ORDER BY f.seq",
                {case_id, std::int64_t{version}});
  if (!rows) return rows.error();
  std::vector<VersionFile> out;
  for (const Row& r : *rows) out.push_back(FileOf(r));
  return out;
}

Status WebStore::AddVersionFiles(const std::vector<VersionFile>& files) {
  if (files.empty()) return Status::Ok();
  return registry::InTransaction(db_, TxMode::kWrite, [&]() -> Status {
    Result<std::vector<Row>> have =
        db_.Query("SELECT COUNT(*) FROM version_files WHERE case_id = ? AND version = ?",
                  {files.front().case_id, std::int64_t{files.front().version}});
    if (!have) return have.error();
    if (!have->empty() && AsInt(have->front().front()) > 0) return Status::Ok();
    for (const VersionFile& f : files) {
      PIPELINE_RETURN_IF_ERROR(db_.Execute(
          "INSERT INTO version_files (file_id, case_id, version, seq, path, bytes, sha256) "
          "VALUES (?, ?, ?, ?, ?, ?, ?)",
          {f.file_id, f.case_id, std::int64_t{f.version}, std::int64_t{f.seq}, f.path, f.bytes,
           f.sha256}));
    }
    return Status::Ok();
  });
}

Result<std::optional<std::string>> WebStore::RefAuthority(const std::string& ref) {
  Result<std::vector<Row>> rows = db_.Query(
      "SELECT authority FROM cases WHERE case_id = ? UNION ALL SELECT c.authority FROM filings f "
      "JOIN cases c ON c.case_id = f.case_id WHERE f.filing_id = ? OR f.filing_number = ?",
      {ref, ref, ref});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<std::string>();
  return std::optional<std::string>(AsText(rows->front().front()));
}

Result<std::optional<VersionFile>> WebStore::FindFile(const std::string& file_id) {
  Result<std::vector<Row>> rows = db_.Query(
      std::string("SELECT ") + kFileColumns + kFileFrom + " WHERE f.file_id = ?", {file_id});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<VersionFile>();
  return std::optional<VersionFile>(FileOf(rows->front()));
}

}  // namespace pipeline::web
