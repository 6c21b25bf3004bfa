#include "pipeline/registry/sqlite_storage.h"

#include <sqlite3.h>
#include <unistd.h>

#include <charconv>
#include <filesystem>
#include <system_error>

namespace pipeline::registry {

std::string AsText(const Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const auto* b = std::get_if<Bytes>(&v)) return b->data;
  return {};
}

std::int64_t AsInt(const Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (const auto* s = std::get_if<std::string>(&v)) {
    std::int64_t out = 0;
    std::from_chars(s->data(), s->data() + s->size(), out);
    return out;
  }
  return 0;
}

namespace {

// On every path out of Query: a kept statement is reset (ending its read of the database) and
// its parameters cleared for the next use; any other is finalized.
struct Statement {
  sqlite3_stmt* stmt = nullptr;
  bool kept = false;
  ~Statement() {
    if (!kept) {
      sqlite3_finalize(stmt);
      return;
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
  }
};

}  // namespace

Result<std::unique_ptr<SqliteStorage>> SqliteStorage::Open(
    const std::string& path, bool create,
    std::function<Status(const std::string& detail)> on_damage) {
  std::error_code ec;
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (create && !parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec) return Status::IoError("cannot create the registry folder: " + ec.message(), path);
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db,
                           SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0), nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Status::IoError("cannot open the registry: " + msg, path);
  }
  std::unique_ptr<SqliteStorage> s(new SqliteStorage(db, path));
  s->on_damage_ = std::move(on_damage);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  // WAL lets readers go on while one process writes; synchronous=FULL makes a commit durable
  // before beian reports it done. foreign_keys enforces the REFERENCES clauses.
  PIPELINE_RETURN_IF_ERROR(s->UseWal());
  for (const char* pragma : {"PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
    Result<std::vector<Row>> r = s->Query(pragma);
    if (!r) return r.error();
  }
  return s;
}

// Switching a new file to WAL needs an exclusive lock, and SQLite answers "database is locked"
// at once, without waiting, when another process opening the same new registry holds a shared
// lock meanwhile (two `beian run` started together). The switch is retried until the busy
// timeout; by then the other process has usually made the file WAL, which lasts.
Status SqliteStorage::UseWal() {
  constexpr int kPauseMs = 10;
  for (int waited = 0;; waited += kPauseMs) {
    Result<std::vector<Row>> r = Query("PRAGMA journal_mode=WAL");
    if (r) return Status::Ok();
    if (sqlite3_errcode(db_) != SQLITE_BUSY || waited >= kBusyTimeoutMs) return r.error();
    ::usleep(kPauseMs * 1000);
  }
}

SqliteStorage::~SqliteStorage() {
  if (in_transaction_) Rollback();
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

Status SqliteStorage::Error(const std::string& what) {
  const int code = sqlite3_errcode(db_) & 0xff;
  std::string message = sqlite3_errmsg(db_);
  if ((code != SQLITE_CORRUPT && code != SQLITE_NOTADB) || !on_damage_ || reporting_damage_) {
    return Status::IoError(what + ": " + message, path_);
  }
  // The file is damaged: say what SQLite's quick check finds, once.
  reporting_damage_ = true;
  if (in_transaction_) Rollback();
  Result<std::vector<std::string>> found = CheckIntegrity(/*quick=*/true);
  reporting_damage_ = false;
  if (found && !found->empty()) message = found->front();
  return on_damage_(message);
}

Result<std::vector<std::string>> SqliteStorage::CheckIntegrity(bool quick) {
  // Up to 20 problems; "ok" alone means none.
  Result<std::vector<Row>> rows =
      Query(quick ? "PRAGMA quick_check(20)" : "PRAGMA integrity_check(20)");
  if (!rows) return rows.error();
  std::vector<std::string> problems;
  for (const Row& r : *rows) {
    if (!r.empty() && AsText(r[0]) != "ok") problems.push_back(AsText(r[0]));
  }
  return problems;
}

Status SqliteStorage::Begin(TxMode mode) {
  assert(!in_transaction_ && "nested registry transaction");
  PIPELINE_RETURN_IF_ERROR(Execute(mode == TxMode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN"));
  in_transaction_ = true;
  return Status::Ok();
}

Status SqliteStorage::Commit() {
  Status s = Execute("COMMIT");
  if (!s.ok()) {
    Rollback();
    return s;
  }
  in_transaction_ = false;
  return Status::Ok();
}

void SqliteStorage::Rollback() {
  if (!in_transaction_) return;
  sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  in_transaction_ = false;
}

Status SqliteStorage::Execute(std::string_view sql, const std::vector<Value>& params) {
  Result<std::vector<Row>> r = Query(sql, params);
  return r.status();
}

Result<sqlite3_stmt*> SqliteStorage::Prepare(std::string_view sql, bool* kept) {
  auto found = statements_.find(sql);
  *kept = found != statements_.end();
  if (*kept) return found->second;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &stmt, nullptr) != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return Error("cannot prepare `" + std::string(sql) + "`");
  }
  // An empty text (only a comment) prepares to no statement; nothing to keep.
  if (stmt != nullptr && statements_.size() < kMaxKeptStatements) {
    statements_.emplace(std::string(sql), stmt);
    *kept = true;
  }
  return stmt;
}

Result<std::vector<Row>> SqliteStorage::Query(std::string_view sql,
                                              const std::vector<Value>& params) {
  Statement st;
  Result<sqlite3_stmt*> prepared = Prepare(sql, &st.kept);
  if (!prepared) return prepared.error();
  st.stmt = *prepared;
  if (static_cast<std::size_t>(sqlite3_bind_parameter_count(st.stmt)) != params.size()) {
    return Status::Internal("wrong parameter count for `" + std::string(sql) + "`");
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    const int index = static_cast<int>(i + 1);
    int rc = SQLITE_OK;
    if (const auto* s = std::get_if<std::string>(&params[i])) {
      rc = sqlite3_bind_text(st.stmt, index, s->data(), static_cast<int>(s->size()),
                             SQLITE_TRANSIENT);
    } else if (const auto* n = std::get_if<std::int64_t>(&params[i])) {
      rc = sqlite3_bind_int64(st.stmt, index, *n);
    } else if (const auto* b = std::get_if<Bytes>(&params[i])) {
      rc = sqlite3_bind_blob64(st.stmt, index, b->data.data(),
                               static_cast<sqlite3_uint64>(b->data.size()), SQLITE_TRANSIENT);
    } else {
      rc = sqlite3_bind_null(st.stmt, index);
    }
    if (rc != SQLITE_OK) return Error("cannot bind a parameter");
  }
  std::vector<Row> rows;
  for (;;) {
    int rc = sqlite3_step(st.stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) return Error("`" + std::string(sql) + "` failed");
    Row row;
    const int n = sqlite3_column_count(st.stmt);
    for (int c = 0; c < n; ++c) {
      switch (sqlite3_column_type(st.stmt, c)) {
        case SQLITE_NULL:
          row.emplace_back(std::monostate{});
          break;
        case SQLITE_INTEGER:
          row.emplace_back(std::int64_t{sqlite3_column_int64(st.stmt, c)});
          break;
        case SQLITE_BLOB: {
          const auto* blob = static_cast<const char*>(sqlite3_column_blob(st.stmt, c));
          const auto size = static_cast<std::size_t>(sqlite3_column_bytes(st.stmt, c));
          row.emplace_back(Bytes{std::string(blob != nullptr ? blob : "", size)});
          break;
        }
        default: {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st.stmt, c));
          row.emplace_back(std::string(text != nullptr ? text : "",
                                       static_cast<std::size_t>(sqlite3_column_bytes(st.stmt, c))));
        }
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<std::vector<std::string>> SqliteStorage::Tables() {
  Result<std::vector<Row>> rows =
      Query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid");
  if (!rows) return rows.error();
  std::vector<std::string> out;
  for (const Row& r : *rows) out.push_back(AsText(r[0]));
  return out;
}

Status SqliteStorage::Backup(const std::string& dest) {
  // Written to a temporary name and renamed, so an interrupted backup never leaves a
  // half-written file under the requested name.
  const std::string tmp = dest + ".part";
  std::error_code ec;
  std::filesystem::remove(tmp, ec);
  sqlite3* out = nullptr;
  if (sqlite3_open_v2(tmp.c_str(), &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    std::string msg = out != nullptr ? sqlite3_errmsg(out) : "out of memory";
    sqlite3_close(out);
    return Status::IoError("cannot create the backup: " + msg, dest);
  }
  sqlite3_backup* b = sqlite3_backup_init(out, "main", db_, "main");
  int rc = SQLITE_ERROR;
  if (b != nullptr) {
    // -1: copy every page in one step; the source is read-locked only for the step.
    do {
      rc = sqlite3_backup_step(b, -1);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
  }
  std::string msg = sqlite3_errmsg(out);
  if (rc == SQLITE_DONE) {
    // The copy is checked as a restore would read it: SQLite's full integrity check.
    Result<std::unique_ptr<SqliteStorage>> copy = Open(tmp, /*create=*/false);
    Result<std::vector<std::string>> problems =
        copy ? (*copy)->CheckIntegrity(/*quick=*/false)
             : Result<std::vector<std::string>>(copy.error());
    if (!problems) {
      rc = SQLITE_CORRUPT;
      msg = problems.error().message();
    } else if (!problems->empty()) {
      rc = SQLITE_CORRUPT;
      msg = "integrity_check: " + problems->front();
    }
  }
  sqlite3_close(out);
  if (rc != SQLITE_DONE) {
    std::filesystem::remove(tmp, ec);
    std::filesystem::remove(tmp + "-wal", ec);
    std::filesystem::remove(tmp + "-shm", ec);
    return Status::IoError("backup failed: " + msg, dest);
  }
  std::filesystem::rename(tmp, dest, ec);
  if (ec) return Status::IoError("cannot rename the backup into place: " + ec.message(), dest);
  return Status::Ok();
}

}  // namespace pipeline::registry
