#include "pipeline/registry/postgres_storage.h"

#include <fcntl.h>
#include <postgresql/libpq-fe.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>

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
  // The URI's own settings first; then UTF-8 and a name the server's activity view shows.
  const char* keys[] = {"dbname", "client_encoding", "application_name", nullptr};
  const char* values[] = {uri.c_str(), "UTF8", "beian", nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    std::string why = conn != nullptr ? Trimmed(PQerrorMessage(conn)) : "out of memory";
    PQfinish(conn);
    return Status::IoError(
        messages.Format("registry.pg.unreachable", {{"server", display}, {"why", why}}));
  }
  std::unique_ptr<PostgresStorage> s(new PostgresStorage(conn, uri, display, messages));
  // Notices (CREATE TABLE IF NOT EXISTS on an existing table) are not the clerk's business.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  PIPELINE_RETURN_IF_ERROR(s->Simple("SET client_min_messages = warning"));
  return s;
}

PostgresStorage::~PostgresStorage() {
  if (in_transaction_) Rollback();
  PQfinish(conn_);
}

Status PostgresStorage::Simple(const std::string& sql) {
  Result<std::vector<Row>> r = Run(sql, {});
  return r.status();
}

Status PostgresStorage::Begin(TxMode mode) {
  assert(!in_transaction_ && "nested registry transaction");
  retryable_ = false;
  if (mode == TxMode::kRead) {
    PIPELINE_RETURN_IF_ERROR(Simple("BEGIN ISOLATION LEVEL REPEATABLE READ"));
    in_transaction_ = true;
    return Status::Ok();
  }
  PIPELINE_RETURN_IF_ERROR(Simple("BEGIN ISOLATION LEVEL READ COMMITTED"));
  in_transaction_ = true;
  Status lock = Simple("SELECT pg_advisory_xact_lock(" + std::to_string(kWriteLockKey) + ")");
  if (!lock.ok()) Rollback();
  return lock;
}

Status PostgresStorage::Commit() {
  Status s = Simple("COMMIT");
  if (!s.ok()) {
    Rollback();
    return s;
  }
  in_transaction_ = false;
  return Status::Ok();
}

void PostgresStorage::Rollback() {
  if (!in_transaction_) return;
  PQclear(PQexec(conn_, "ROLLBACK"));
  in_transaction_ = false;
}

Status PostgresStorage::Execute(std::string_view sql, const std::vector<Value>& params) {
  return Query(sql, params).status();
}

Result<std::vector<Row>> PostgresStorage::Query(std::string_view sql,
                                                const std::vector<Value>& params) {
  if (in_transaction_) return Run(sql, params);
  // A statement on its own: a read runs as it is; a write takes the write lock like a write
  // transaction, so it never slips between another writer's read and write.
  std::string_view head = sql.substr(0, sql.find_first_of(" \n"));
  if (head == "SELECT" || head == "select" || head == "WITH") return Run(sql, params);
  PIPELINE_RETURN_IF_ERROR(Begin(TxMode::kWrite));
  Result<std::vector<Row>> rows = Run(sql, params);
  if (!rows) {
    Rollback();
    return rows;
  }
  PIPELINE_RETURN_IF_ERROR(Commit());
  return rows;
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
  if (PQresultStatus(r.r) != PGRES_COMMAND_OK) {
    retryable_ = RetryableState(PQresultErrorField(r.r, PG_DIAG_SQLSTATE));
    return Status::IoError(
        "cannot prepare `" + std::string(sql) + "`: " + Trimmed(PQresultErrorMessage(r.r)),
        display_);
  }
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
  if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
    retryable_ = RetryableState(PQresultErrorField(r.r, PG_DIAG_SQLSTATE));
    if (PQstatus(conn_) != CONNECTION_OK) {
      return Status::IoError(
          messages_.Format("registry.pg.unreachable",
                           {{"server", display_}, {"why", Trimmed(PQerrorMessage(conn_))}}));
    }
    return Status::IoError(
        "`" + std::string(sql) + "` failed: " + Trimmed(PQresultErrorMessage(r.r)), display_);
  }
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
