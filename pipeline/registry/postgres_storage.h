// PostgresStorage: the Storage on a PostgreSQL server through libpq (docs/registry-server.md), for
// offices that share one registry. The registry's portable SQL runs unchanged: `?` placeholders
// become `$1`, `$2`, … and every statement is prepared once per connection.
//
// Transactions: a write transaction (Begin(kWrite)) takes one transaction-level advisory lock
// (pg_advisory_xact_lock) before its first statement, the server's twin of SQLite's
// BEGIN IMMEDIATE: writers run one after another, each reading what the one before committed
// (READ COMMITTED, every statement after the lock), so ids and 发文字号 are never given twice and
// never skipped. Read transactions are REPEATABLE READ snapshots and never wait. A statement
// outside a transaction that writes takes the lock too. A transaction that the server aborts
// for a serialization failure or a deadlock is reported as retryable (Storage::Retryable), and
// InTransaction runs it again.
//
// A lost connection (the server restarted or failed over: SQLSTATE 57P01, class 08, or libpq's
// connection gone): the server rolls back whatever transaction was open on it, so nothing is
// half-recorded. A transaction that failed before its COMMIT was sent is retryable; the next
// Begin reconnects, waiting up to kReconnectSeconds for the server to come back. A COMMIT whose
// reply was lost has an unknown outcome: every write transaction takes its transaction id
// (txid_current) with its lock, and after reconnecting Commit asks the server what became of it
// (txid_status): committed is success, aborted is retryable. Only when the server does not come
// back within the window does Commit fail with the outcome unknown (registry.pg.commit_unknown).
#ifndef PIPELINE_REGISTRY_POSTGRES_STORAGE_H_
#define PIPELINE_REGISTRY_POSTGRES_STORAGE_H_

#include <map>
#include <memory>
#include <string>

#include "pipeline/registry/storage.h"
#include "pipeline/report/messages.h"

struct pg_conn;
struct pg_result;

namespace pipeline::registry {

// True for a registry location that names a PostgreSQL server (postgresql:// or postgres://).
bool IsPostgresUri(const std::string& location);

// The URI as it may be shown: scheme, user, host, port, database and the host/service
// parameters, never a password; "" when it does not parse.
std::string DisplayUri(const std::string& uri);

class PostgresStorage : public Storage {
 public:
  // Connects to `uri` (a libpq connection URI). A password inside the URI is refused (it belongs
  // in ~/.pgpass, PGPASSFILE or the service file, where libpq finds it); a server that cannot be
  // reached is an error naming it. Messages in Chinese from `messages`.
  static Result<std::unique_ptr<PostgresStorage>> Open(const std::string& uri,
                                                       const report::MessageCatalog& messages);
  ~PostgresStorage() override;
  PostgresStorage(const PostgresStorage&) = delete;
  PostgresStorage& operator=(const PostgresStorage&) = delete;

  Status Begin(TxMode mode) override;
  bool InTransaction() const override { return in_transaction_; }
  Status Commit() override;
  void Rollback() override;
  Status Execute(std::string_view sql, const std::vector<Value>& params = {}) override;
  Result<std::vector<Row>> Query(std::string_view sql,
                                 const std::vector<Value>& params = {}) override;
  // pg_dump --format=custom of the database to `dest` (written as dest.part, then renamed).
  Status Backup(const std::string& dest) override;
  // Checks that `backup` is a pg_dump archive pg_restore can read (pg_restore --list): "" when
  // it is, else what pg_restore said.
  static std::string BackupProblem(const std::string& backup);
  // Replaces the database's contents with `backup` in one transaction (pg_restore --clean
  // --if-exists --single-transaction --exit-on-error --no-owner): all or nothing.
  Status Restore(const std::string& backup);
  const std::string& Location() const override { return display_; }
  bool Retryable() const override { return retryable_; }
  Result<std::vector<std::string>> Tables() override;
  const char* BytesType() const override { return "BYTEA"; }

  // The advisory lock key every write transaction takes ("beian" in ASCII).
  static constexpr long long kWriteLockKey = 0x626569616eLL;
  // Prepared statements kept per connection, by SQL text (as SqliteStorage).
  static constexpr std::size_t kMaxKeptStatements = 256;
  // How long a lost connection is tried again (every 100 ms) before beian gives up.
  static constexpr int kReconnectSeconds = 30;

 private:
  PostgresStorage(pg_conn* conn, std::string uri, std::string display,
                  const report::MessageCatalog& messages)
      : conn_(conn), uri_(std::move(uri)), display_(std::move(display)), messages_(messages) {}
  // Runs `sql` once without parameters (BEGIN, COMMIT, the lock).
  Status Simple(const std::string& sql);
  Result<std::vector<Row>> Run(std::string_view sql, const std::vector<Value>& params);
  // The name of the prepared statement for `sql`, preparing it when new; "" for a statement run
  // unnamed (past the limit).
  Result<std::string> Prepare(std::string_view sql, int n_params);
  // The error of the failed `r` for `sql`: marks the connection lost (and the transaction
  // retryable) when it is, or the transaction retryable on a serialization failure.
  Status Failure(const pg_result* r, std::string_view sql);
  // Replaces a lost connection with a new one, trying for up to kReconnectSeconds.
  Status Reconnect();
  // After the reply to COMMIT was lost (`why`): reconnects and asks the server whether
  // write_xid_ committed. Ok when it did; a retryable error when it did not; commit_unknown when
  // the server cannot tell within kReconnectSeconds.
  Status ResolveLostCommit(const std::string& why);
  // Reconnects when the connection is lost.
  Status EnsureConnected();
  // registry.pg.connection_lost naming the server.
  Status ConnectionLost(const std::string& why) const;

  pg_conn* conn_;
  std::string uri_;
  std::string display_;
  const report::MessageCatalog& messages_;
  bool in_transaction_ = false;
  bool retryable_ = false;
  // The connection is gone (or the server said it ends it): the next Begin reconnects.
  bool lost_ = false;
  // The transaction id of the open write transaction (txid_current), "" otherwise.
  std::string write_xid_;
  std::map<std::string, std::string, std::less<>> statements_;
};

// The registry's `?` placeholders as PostgreSQL's `$1`, `$2`, … (quoted text left as it is);
// sets *count to the number of placeholders.
std::string NumberPlaceholders(std::string_view sql, int* count);

}  // namespace pipeline::registry

#endif  // PIPELINE_REGISTRY_POSTGRES_STORAGE_H_
