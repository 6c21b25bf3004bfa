// SqliteStorage: the embedded Storage on one SQLite file (WAL journal, busy timeout), the
// default registry (README "Case registry").
#ifndef PIPELINE_REGISTRY_SQLITE_STORAGE_H_
#define PIPELINE_REGISTRY_SQLITE_STORAGE_H_

#include <memory>
#include <string>

#include "pipeline/registry/storage.h"

struct sqlite3;

namespace pipeline::registry {

class SqliteStorage : public Storage {
 public:
  // Opens (creating when absent, with its folder) the database file `path` in WAL mode with a
  // busy timeout, so two processes on one file wait for each other instead of failing.
  static Result<std::unique_ptr<SqliteStorage>> Open(const std::string& path);
  ~SqliteStorage() override;
  SqliteStorage(const SqliteStorage&) = delete;
  SqliteStorage& operator=(const SqliteStorage&) = delete;

  Status Begin(TxMode mode) override;
  bool InTransaction() const override { return in_transaction_; }
  Status Commit() override;
  void Rollback() override;
  Status Execute(std::string_view sql, const std::vector<Value>& params = {}) override;
  Result<std::vector<Row>> Query(std::string_view sql,
                                 const std::vector<Value>& params = {}) override;
  Status Backup(const std::string& dest) override;
  const std::string& Location() const override { return path_; }

  // How long a statement waits for another process's lock before failing.
  static constexpr int kBusyTimeoutMs = 30000;

 private:
  SqliteStorage(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  Status Error(const std::string& what) const;

  sqlite3* db_;
  std::string path_;
  bool in_transaction_ = false;
};

}  // namespace pipeline::registry

#endif  // PIPELINE_REGISTRY_SQLITE_STORAGE_H_
