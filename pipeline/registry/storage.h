// Storage: the one interface between the case registry and its database. The registry speaks
// portable SQL through it (standard types, ISO text dates, ids it allocates itself, `?`
// placeholders): SqliteStorage (one file, the default) and PostgresStorage (a server several
// offices share) run the same statements (pipeline/registry/open_storage.h picks one).
//
// The storage owns how a transaction begins: Begin(kWrite) takes the write lock at once
// (SQLite: BEGIN IMMEDIATE; PostgreSQL: BEGIN plus a transaction-level advisory lock), so a
// transaction that allocates a number never races another process for it.
#ifndef PIPELINE_REGISTRY_STORAGE_H_
#define PIPELINE_REGISTRY_STORAGE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "pipeline/core/status.h"

namespace pipeline::registry {

// Binary data (SQLite BLOB, PostgreSQL bytea): the issued copies of documents
// (document_files). Kept apart from text so each storage binds and reads it as bytes.
struct Bytes {
  std::string data;
  bool operator==(const Bytes&) const = default;
};

// A SQL value: NULL, an integer, text or bytes.
using Value = std::variant<std::monostate, std::int64_t, std::string, Bytes>;
using Row = std::vector<Value>;

// Text of a value (empty for NULL; decimal for an integer; the bytes themselves for bytes).
std::string AsText(const Value& v);
// Integer of a value (0 for NULL or text that is not a number).
std::int64_t AsInt(const Value& v);

enum class TxMode {
  kRead,   // a consistent snapshot for reading
  kWrite,  // takes the write lock before the first statement
};

class Storage {
 public:
  virtual ~Storage() = default;

  // Begins a transaction; at most one is open at a time.
  virtual Status Begin(TxMode mode) = 0;
  // Whether a transaction is open (Begin without its Commit or Rollback yet).
  virtual bool InTransaction() const = 0;
  virtual Status Commit() = 0;
  // Undoes the open transaction, if any; never fails (an error leaves nothing to undo).
  virtual void Rollback() = 0;

  // Runs one statement with `?` placeholders bound to `params` in order.
  virtual Status Execute(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  // Runs one query and returns every row.
  virtual Result<std::vector<Row>> Query(std::string_view sql,
                                         const std::vector<Value>& params = {}) = 0;

  // Writes a consistent copy of the whole database to `dest` while others may keep writing.
  virtual Status Backup(const std::string& dest) = 0;

  // Where the data lives, for messages ("registry.sqlite"; a server's URI without password).
  virtual const std::string& Location() const = 0;

  // Whether the last failed transaction may succeed when run again from its start (the server
  // aborted it for a serialization failure or a deadlock, or the connection was lost before it
  // committed: PostgresStorage reconnects at the next Begin); SQLite's never do.
  virtual bool Retryable() const { return false; }
  // The tables of the registry in the order they were made (a table after those it refers
  // to): the one catalogue query each dialect writes its own way.
  virtual Result<std::vector<std::string>> Tables() = 0;
  // The column type of binary data, which the dialects name differently (SQLite: BLOB,
  // PostgreSQL: BYTEA): a migration writes `{bytes}` for it (schema.h).
  virtual const char* BytesType() const = 0;
};

// How often InTransaction runs a retryable transaction before it gives up.
inline constexpr int kTransactionAttempts = 5;

// Runs `body` inside one transaction of `mode`: commits when it returns OK, rolls back
// otherwise. Every registry change goes through here, so every change is one transaction.
// Inside a write transaction already open, `body` joins it (its failure fails the whole), so
// several changes can be made one transaction (Registry::Atomically).
// A transaction the storage calls retryable runs again from its start (its body must change
// nothing outside the database, which holds for the registry's bodies).
template <typename F>
Status InTransaction(Storage& db, TxMode mode, F&& body) {
  if (db.InTransaction()) return body();
  for (int attempt = 1;; ++attempt) {
    Status s = db.Begin(mode);
    if (s.ok()) {
      s = body();
      if (s.ok()) {
        s = db.Commit();
      } else {
        db.Rollback();
      }
    }
    if (s.ok() || !db.Retryable() || attempt >= kTransactionAttempts) return s;
  }
}

}  // namespace pipeline::registry

#endif  // PIPELINE_REGISTRY_STORAGE_H_
