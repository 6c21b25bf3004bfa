#include "pipeline/registry/postgres_storage.h"

#include <fcntl.h>
#include <postgresql/libpq-fe.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <thread>

#include "pipeline/core/fault.h"

extern char** environ;

namespace pipeline::registry {
namespace {

// Type oids of the results read as integers (pg_type.h): bool, int8, int2, int4, oid; and of
// those read as bytes: bytea.
constexpr Oid kBoolOid = 16, kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23, kOidOid = 26,
              kByteaOid = 17;

struct ResultHolder {
  PGresult* r = nullptr;
  ~ResultHolder() { PQclear(r); }
};

struct ConninfoHolder {
  PQconninfoOption* o = nullptr;
  ~ConninfoHolder() { PQconninfoFree(o); }
};

std::string Trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// The SQLSTATE classes after which the whole transaction can run again: serialization_failure
// and deadlock_detected.
bool RetryableState(const char* state) {
  return state != nullptr &&
         (std::string_view(state) == "40001" || std::string_view(state) == "40P01");
}

// The SQLSTATEs of a connection the server ended or lost: class 08 (connection_exception),
// admin_shutdown and crash_shutdown (a restart or failover), cannot_connect_now (starting up).
bool ConnectionEndedState(const char* state) {
  if (state == nullptr) return false;
  const std::string_view s(state);
  return s.rfind("08", 0) == 0 || s == "57P01" || s == "57P02" || s == "57P03";
}

// A connection to `uri` with UTF-8 and beian's application name, notices silenced; null with
// *why when the server cannot be reached.
PGconn* ConnectToServer(const std::string& uri, std::string* why) {
  // The URI's own settings first; then UTF-8 and a name the server's activity view shows.
  const char* keys[] = {"dbname", "client_encoding", "application_name", nullptr};
  const char* values[] = {uri.c_str(), "UTF8", "beian", nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    *why = conn != nullptr ? Trimmed(PQerrorMessage(conn)) : "out of memory";
    PQfinish(conn);
    return nullptr;
  }
  // Notices (CREATE TABLE IF NOT EXISTS on an existing table) are not the clerk's business.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  ResultHolder r;
  r.r = PQexec(conn, "SET client_min_messages = warning");
  if (PQresultStatus(r.r) != PGRES_COMMAND_OK) {
    *why = Trimmed(PQerrorMessage(conn));
    PQfinish(conn);
    return nullptr;
  }
  return conn;
}

// The connection lost at a write transaction's COMMIT, injected for the tests (core/fault.h):
// 2 for commit_reply_lost:TEXT (COMMIT sent, its reply lost), 1 for commit_lost:TEXT (lost
// before COMMIT was sent), 0 for none; TEXT in the server's URI, once per value of BEIAN_FAULT.
int InjectedCommitLoss(const std::string& server) {
  static std::string fired;
  const char* env = std::getenv("BEIAN_FAULT");
  if (env == nullptr || fired == env) return 0;
  const int kind = FaultRequested("commit_reply_lost", server) ? 2
                   : FaultRequested("commit_lost", server)     ? 1
                                                               : 0;
  if (kind != 0) fired = env;
  return kind;
}

// Runs a PostgreSQL client program (pg_dump, pg_restore; package postgresql-client-15) with
// `args`, its stdout discarded and its stderr kept in *said (trimmed). True when it exits 0.
bool RunClientTool(std::vector<std::string> args, std::string* said) {
  char err_path[] = "/tmp/beian-pgtool-XXXXXX";
  const int err_fd = ::mkstemp(err_path);
  if (err_fd < 0) {
    *said = std::strerror(errno);
    return false;
  }
  ::unlink(err_path);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, err_fd, 2);
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  if (spawned == 0) {
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  said->clear();
  char buf[4096];
  ssize_t n = 0;
  ::lseek(err_fd, 0, SEEK_SET);
  while ((n = ::read(err_fd, buf, sizeof buf)) > 0 && said->size() < 64 * 1024) {
    said->append(buf, static_cast<std::size_t>(n));
  }
  ::close(err_fd);
  while (!said->empty() && (said->back() == '\n' || said->back() == ' ')) said->pop_back();
  if (spawned != 0) {
    *said =
        "cannot start " + args[0] + " (package postgresql-client-15): " + std::strerror(spawned);
    return false;
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

bool IsPostgresUri(const std::string& location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

std::string DisplayUri(const std::string& uri) {
  ConninfoHolder parsed;
  char* err = nullptr;
  parsed.o = PQconninfoParse(uri.c_str(), &err);
  PQfreemem(err);
  if (parsed.o == nullptr) return "";
  std::map<std::string, std::string> v;
  for (PQconninfoOption* o = parsed.o; o->keyword != nullptr; ++o) {
    if (o->val != nullptr && *o->val != '\0') v[o->keyword] = o->val;
  }
  std::string host = v["host"];
  const bool socket = !host.empty() && host[0] == '/';
  std::string out = "postgresql://";
  if (!v["user"].empty()) out += v["user"] + "@";
  if (!socket) out += host;
  if (!v["port"].empty()) out += ":" + v["port"];
  out += "/" + v["dbname"];
  std::string query;
  for (const char* key : {"host", "service", "sslmode"}) {
    if (v[key].empty() || (std::string_view(key) == "host" && !socket)) continue;
    query += (query.empty() ? "?" : "&") + std::string(key) + "=" + v[key];
  }
  return out + query;
}

std::string NumberPlaceholders(std::string_view sql, int* count) {
  std::string out;
  out.reserve(sql.size() + 16);
  *count = 0;
  char quote = 0;
  for (char c : sql) {
    if (quote != 0) {
      if (c == quote) quote = 0;  // a doubled quote closes and reopens: same result
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '?') {
      out += "$" + std::to_string(++*count);
      continue;
    }
    out += c;
  }
  return out;
}

Result<std::unique_ptr<PostgresStorage>> PostgresStorage::Open(
    const std::string& uri, const report::MessageCatalog& messages) {
  ConninfoHolder parsed;
  char* err = nullptr;
  parsed.o = PQconninfoParse(uri.c_str(), &err);
  if (parsed.o == nullptr) {
    std::string why = err != nullptr ? Trimmed(err) : "out of memory";
    PQfreemem(err);
    return Status::InvalidArgument(messages.Format("registry.pg.bad_uri", {{"why", why}}));
  }
  for (PQconninfoOption* o = parsed.o; o->keyword != nullptr; ++o) {
    if (std::string_view(o->keyword) == "password" && o->val != nullptr && *o->val != '\0') {
      return Status::InvalidArgument(messages.Format("registry.pg.password_in_uri"));
    }
  }
  const std::string display = DisplayUri(uri);
  std::string why;
  PGconn* conn = ConnectToServer(uri, &why);
  if (conn == nullptr) {
    return Status::IoError(
        messages.Format("registry.pg.unreachable", {{"server", display}, {"why", why}}));
  }
  return std::unique_ptr<PostgresStorage>(new PostgresStorage(conn, uri, display, messages));
}

PostgresStorage::~PostgresStorage() {
  if (in_transaction_) Rollback();
  PQfinish(conn_);
}

Status PostgresStorage::Simple(const std::string& sql) {
  Result<std::vector<Row>> r = Run(sql, {});
  return r.status();
}

Status PostgresStorage::ConnectionLost(const std::string& why) const {
  return Status::IoError(
      messages_.Format("registry.pg.connection_lost", {{"server", display_}, {"why", why}}));
}

Status PostgresStorage::Reconnect() {
  PQfinish(conn_);
  conn_ = nullptr;
  statements_.clear();  // prepared statements die with their connection
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(kReconnectSeconds);
  std::string why;
  while ((conn_ = ConnectToServer(uri_, &why)) == nullptr) {
    // Refused while the server restarts (no socket, "the database system is starting up"):
    // tried again until it is back or the window has passed.
    if (std::chrono::steady_clock::now() >= deadline) {
      return Status::IoError(
          messages_.Format("registry.pg.unreachable", {{"server", display_}, {"why", why}}));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  lost_ = false;
  return Status::Ok();
}

Status PostgresStorage::EnsureConnected() {
  if (lost_ || PQstatus(conn_) != CONNECTION_OK) return Reconnect();
  return Status::Ok();
}

Status PostgresStorage::Begin(TxMode mode) {
  assert(!in_transaction_ && "nested registry transaction");
  retryable_ = false;
  write_xid_.clear();
  // After a lost connection (a server restart): a new one, before anything of this transaction.
  PIPELINE_RETURN_IF_ERROR(EnsureConnected());
  if (mode == TxMode::kRead) {
    PIPELINE_RETURN_IF_ERROR(Simple("BEGIN ISOLATION LEVEL REPEATABLE READ"));
    in_transaction_ = true;
    return Status::Ok();
  }
  PIPELINE_RETURN_IF_ERROR(Simple("BEGIN ISOLATION LEVEL READ COMMITTED"));
  in_transaction_ = true;
  // The lock, and the transaction's id for asking what became of it should the reply to its
  // COMMIT be lost (ResolveLostCommit).
  Result<std::vector<Row>> lock = Run(
      "SELECT pg_advisory_xact_lock(" + std::to_string(kWriteLockKey) + "), txid_current()", {});
  if (!lock || lock->size() != 1 || lock->front().size() != 2) {
    Rollback();
    return lock ? Status::Internal("the write lock returned no transaction id") : lock.status();
  }
  write_xid_ = AsText(lock->front()[1]);
  return Status::Ok();
}

Status PostgresStorage::Commit() {
  if (lost_) {
    // Lost before COMMIT was sent: the server rolled the transaction back. Run it again.
    const std::string why = Trimmed(PQerrorMessage(conn_));
    Rollback();
    retryable_ = true;
    return ConnectionLost(why);
  }
  if (const int lose = write_xid_.empty() ? 0 : InjectedCommitLoss(display_); lose != 0) {
    if (lose == 2 && PQsendQuery(conn_, "COMMIT") == 1) {
      while (PQflush(conn_) == 1) {
      }
    }
    PQfinish(conn_);
    conn_ = nullptr;
    lost_ = true;
    in_transaction_ = false;
    return ResolveLostCommit("(injected)");
  }
  ResultHolder r;
  r.r = PQexec(conn_, "COMMIT");
  if (PQresultStatus(r.r) == PGRES_COMMAND_OK) {
    in_transaction_ = false;
    write_xid_.clear();
    return Status::Ok();
  }
  Status s = Failure(r.r, "COMMIT");
  if (!lost_) {
    Rollback();
    return s;
  }
  // The connection went while COMMIT was on its way: the server may have committed or not. A
  // read transaction wrote nothing and runs again (Failure made it retryable); a write
  // transaction asks the server (it never guesses: a retry after a commit would record twice,
  // a success after a rollback would report what did not happen).
  in_transaction_ = false;
  if (write_xid_.empty()) return s;
  return ResolveLostCommit(Trimmed(PQerrorMessage(conn_)));
}

Status PostgresStorage::ResolveLostCommit(const std::string& why) {
  const std::string xid = write_xid_;
  write_xid_.clear();
  retryable_ = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(kReconnectSeconds);
  if (Reconnect().ok()) {
    for (;;) {
      Result<std::vector<Row>> status = Run("SELECT txid_status(?)", {xid});
      const std::string outcome =
          status && status->size() == 1 ? AsText(status->front()[0]) : std::string();
      if (outcome == "committed") return Status::Ok();
      if (outcome == "aborted") {
        retryable_ = true;
        return ConnectionLost(why);
      }
      // "in progress": the old connection's server process has not ended yet (a network
      // drop); it ends within the window or the outcome stays unknown.
      if (outcome != "in progress" || std::chrono::steady_clock::now() >= deadline) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  retryable_ = false;
  return Status::IoError(
      messages_.Format("registry.pg.commit_unknown",
                       {{"server", display_}, {"seconds", std::to_string(kReconnectSeconds)}}));
}

void PostgresStorage::Rollback() {
  if (!in_transaction_) return;
  // On a lost connection there is nothing to undo: the server rolled the transaction back.
  if (!lost_) PQclear(PQexec(conn_, "ROLLBACK"));
  in_transaction_ = false;
  write_xid_.clear();
}

Status PostgresStorage::Execute(std::string_view sql, const std::vector<Value>& params) {
  return Query(sql, params).status();
}

Result<std::vector<Row>> PostgresStorage::Query(std::string_view sql,
                                                const std::vector<Value>& params) {
  if (in_transaction_) return Run(sql, params);
  // A statement on its own: a read runs as it is (once more on a new connection when the old
  // one was lost: a read changes nothing); a write is a write transaction of its own, which
  // takes the write lock (it never slips between another writer's read and write) and is
  // retried as every transaction is.
  std::string_view head = sql.substr(0, sql.find_first_of(" \n"));
  if (head == "SELECT" || head == "select" || head == "WITH") {
    PIPELINE_RETURN_IF_ERROR(EnsureConnected());
    Result<std::vector<Row>> rows = Run(sql, params);
    if (rows || !lost_) return rows;
    PIPELINE_RETURN_IF_ERROR(Reconnect());
    return Run(sql, params);
  }
  Result<std::vector<Row>> rows = std::vector<Row>{};
  Status s = registry::InTransaction(*this, TxMode::kWrite, [&]() -> Status {
    rows = Run(sql, params);
    return rows.status();
  });
  if (!s.ok()) return s;
  return rows;
}

Status PostgresStorage::Failure(const pg_result* r, std::string_view sql) {
  const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
  if (PQstatus(conn_) != CONNECTION_OK || ConnectionEndedState(state)) {
    // The server ended the connection (or it broke): it rolls back the open transaction, so
    // whatever ran on it is undone and the whole transaction may run again on a new one (a
    // lost COMMIT is Commit's to resolve).
    lost_ = true;
    retryable_ = true;
    std::string why = r != nullptr ? Trimmed(PQresultErrorMessage(r)) : "";
    if (why.empty()) why = Trimmed(PQerrorMessage(conn_));
    return ConnectionLost(why);
  }
  retryable_ = RetryableState(state);
  return Status::IoError("`" + std::string(sql) + "` failed: " + Trimmed(PQresultErrorMessage(r)),
                         display_);
}

Result<std::string> PostgresStorage::Prepare(std::string_view sql, int n_params) {
  auto found = statements_.find(sql);
  if (found != statements_.end()) return found->second;
  if (statements_.size() >= kMaxKeptStatements) return std::string();
  int count = 0;
  const std::string text = NumberPlaceholders(sql, &count);
  if (count != n_params) {
    return Status::Internal("wrong parameter count for `" + std::string(sql) + "`");
  }
  std::string name = "s" + std::to_string(statements_.size() + 1);
  ResultHolder r;
  r.r = PQprepare(conn_, name.c_str(), text.c_str(), count, nullptr);
  if (PQresultStatus(r.r) != PGRES_COMMAND_OK) return Failure(r.r, sql);
  statements_.emplace(std::string(sql), name);
  return name;
}

Result<std::vector<Row>> PostgresStorage::Run(std::string_view sql,
                                              const std::vector<Value>& params) {
  // Parameters as text (the server infers each one's type from where it stands, as SQLite
  // takes any value anywhere); NULL as a null pointer; bytes in binary format (a bytea's binary
  // form is its bytes), with their length.
  std::vector<std::string> texts(params.size());
  std::vector<const char*> values(params.size());
  std::vector<int> lengths(params.size(), 0), formats(params.size(), 0);
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (const auto* b = std::get_if<Bytes>(&params[i])) {
      values[i] = b->data.data();
      lengths[i] = static_cast<int>(b->data.size());
      formats[i] = 1;
      continue;
    }
    texts[i] = AsText(params[i]);
    values[i] = std::holds_alternative<std::monostate>(params[i]) ? nullptr : texts[i].c_str();
  }
  const int n = static_cast<int>(params.size());
  ResultHolder r;
  if (params.empty() && sql.find('?') == std::string_view::npos &&
      (sql.rfind("BEGIN", 0) == 0 || sql == "COMMIT" || sql.rfind("SET ", 0) == 0 ||
       sql.rfind("SELECT pg_advisory", 0) == 0)) {
    r.r = PQexec(conn_, std::string(sql).c_str());
  } else {
    Result<std::string> name = Prepare(sql, n);
    if (!name) return name.error();
    if (name->empty()) {
      int count = 0;
      const std::string text = NumberPlaceholders(sql, &count);
      r.r = PQexecParams(conn_, text.c_str(), n, nullptr, values.data(), lengths.data(),
                         formats.data(), 0);
    } else {
      r.r =
          PQexecPrepared(conn_, name->c_str(), n, values.data(), lengths.data(), formats.data(), 0);
    }
  }
  const ExecStatusType st = PQresultStatus(r.r);
  if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) return Failure(r.r, sql);
  std::vector<Row> rows;
  const int n_rows = PQntuples(r.r), n_cols = PQnfields(r.r);
  rows.reserve(static_cast<std::size_t>(n_rows));
  for (int i = 0; i < n_rows; ++i) {
    Row row;
    row.reserve(static_cast<std::size_t>(n_cols));
    for (int c = 0; c < n_cols; ++c) {
      if (PQgetisnull(r.r, i, c) != 0) {
        row.emplace_back(std::monostate{});
        continue;
      }
      const char* text = PQgetvalue(r.r, i, c);
      const Oid type = PQftype(r.r, c);
      if (type == kBoolOid) {
        row.emplace_back(std::int64_t{*text == 't' ? 1 : 0});
      } else if (type == kInt8Oid || type == kInt2Oid || type == kInt4Oid || type == kOidOid) {
        std::int64_t v = 0;
        std::from_chars(text, text + PQgetlength(r.r, i, c), v);
        row.emplace_back(v);
      } else if (type == kByteaOid) {  // text form: \x and hex digits
        std::size_t size = 0;
        unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &size);
        if (raw == nullptr) return Status::IoError("out of memory reading bytea", display_);
        row.emplace_back(Bytes{std::string(reinterpret_cast<const char*>(raw), size)});
        PQfreemem(raw);
      } else {
        row.emplace_back(std::string(text, static_cast<std::size_t>(PQgetlength(r.r, i, c))));
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<std::vector<std::string>> PostgresStorage::Tables() {
  // A table's oid grows with the order tables were made in.
  Result<std::vector<Row>> rows =
      Run("SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
          "ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = current_schema() "
          "ORDER BY c.oid",
          {});
  if (!rows) return rows.error();
  std::vector<std::string> out;
  for (const Row& r : *rows) out.push_back(AsText(r[0]));
  return out;
}

Status PostgresStorage::Backup(const std::string& dest) {
  const std::string tmp = dest + ".part";
  std::error_code ec;
  std::filesystem::remove(tmp, ec);
  // pg_dump finds the password where libpq does; the URI holds none (Open refuses one).
  std::string said;
  if (!RunClientTool({"pg_dump", "--format=custom", "--file=" + tmp, "--dbname=" + uri_}, &said)) {
    std::filesystem::remove(tmp, ec);
    return Status::IoError("pg_dump of " + display_ + " failed: " + said, dest);
  }
  if (std::string problem = BackupProblem(tmp); !problem.empty()) {  // the copy reads back
    std::filesystem::remove(tmp, ec);
    return Status::IoError("the dump of " + display_ + " does not read back: " + problem, dest);
  }
  std::filesystem::rename(tmp, dest, ec);
  if (ec) return Status::IoError("cannot rename the backup into place: " + ec.message(), dest);
  return Status::Ok();
}

std::string PostgresStorage::BackupProblem(const std::string& backup) {
  std::string said;
  if (RunClientTool({"pg_restore", "--list", backup}, &said)) return "";
  return said.empty() ? "pg_restore --list failed" : said;
}

Status PostgresStorage::Restore(const std::string& backup) {
  std::string said;
  if (!RunClientTool({"pg_restore", "--clean", "--if-exists", "--single-transaction",
                      "--exit-on-error", "--no-owner", "--dbname=" + uri_, backup},
                     &said)) {
    return Status::IoError("pg_restore into " + display_ + " failed (nothing changed): " + said,
                           backup);
  }
  return Status::Ok();
}

}  // namespace pipeline::registry
