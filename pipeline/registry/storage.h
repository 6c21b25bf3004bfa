// Storage: the one interface between the case registry and its database. The registry speaks
// portable SQL through it (standard types, ISO text dates, ids it allocates itself, `?`
// placeholders), so a PostgreSQL implementation can replace SQLite later without touching
// pipeline/registry/registry.cc.
//
// The storage owns how a transaction begins: Begin(kWrite) takes the write lock at once
// (SQLite: BEGIN IMMEDIATE; PostgreSQL: BEGIN plus a lock on the row or table written), so a
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

// A SQL value: NULL, an integer or text.
using Value = std::variant<std::monostate, std::int64_t, std::string>;
using Row = std::vector<Value>;

// Text of a value (empty for NULL; decimal for an integer).
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

  // Where the data lives, for messages ("registry.sqlite").
  virtual const std::string& Location() const = 0;
};

// Runs `body` inside one transaction of `mode`: commits when it returns OK, rolls back
// otherwise. Every registry change goes through here, so every change is one transaction.
// Inside a write transaction already open, `body` joins it (its failure fails the whole), so
// several changes can be made one transaction (Registry::Atomically).
template <typename F>
Status InTransaction(Storage& db, TxMode mode, F&& body) {
  if (db.InTransaction()) return body();
  PIPELINE_RETURN_IF_ERROR(db.Begin(mode));
  Status s = body();
  if (!s.ok()) {
    db.Rollback();
    return s;
  }
  return db.Commit();
}

}  // namespace pipeline::registry

#endif  // PIPELINE_REGISTRY_STORAGE_H_
