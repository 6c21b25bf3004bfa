// SqliteStorage: the embedded Storage on one SQLite file (WAL journal, busy timeout), the
// default registry (docs/user-guide.md "Case registry").
#ifndef PIPELINE_REGISTRY_SQLITE_STORAGE_H_
#define PIPELINE_REGISTRY_SQLITE_STORAGE_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/registry/storage.h"

struct sqlite3;
struct sqlite3_stmt;

namespace pipeline::registry {

class SqliteStorage : public Storage {
 public:
  // Opens the database file `path` in WAL mode with a busy timeout, so two processes on one
  // file wait for each other instead of failing. `create`: an absent file is created (with its
  // folder); otherwise an absent file is an error (beian's commands go through
  // OpenRegistryFile, pipeline/registry/registry_file.h, which checks the file first).
  // `on_damage`: see SetDamageReport (set before the first statement runs).
  static Result<std::unique_ptr<SqliteStorage>> Open(
      const std::string& path, bool create = true,
      std::function<Status(const std::string& detail)> on_damage = {});
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
  Result<std::vector<std::string>> Tables() override;
  const char* BytesType() const override { return "BLOB"; }

  // SQLite's own check of the whole file: `PRAGMA quick_check` (quick) or `integrity_check`.
  // Returns the problems it lists (empty: the file is sound).
  Result<std::vector<std::string>> CheckIntegrity(bool quick);
  // What a SQLITE_CORRUPT or SQLITE_NOTADB error becomes: `on_damage(detail)` gives the error
  // (the clerk's message naming the file and the restore command); detail is the first problem
  // quick_check finds, else SQLite's message. Unset: an IoError with SQLite's message.
  void SetDamageReport(std::function<Status(const std::string& detail)> on_damage) {
    on_damage_ = std::move(on_damage);
  }
  // How long a statement waits for another process's lock before failing.
  static constexpr int kBusyTimeoutMs = 30000;
  // Prepared statements kept for reuse, by SQL text (the registry's statements are constants;
  // parsing them again for every dossier was ~4 % of a run's CPU). A text past the limit is
  // prepared for its one use.
  static constexpr std::size_t kMaxKeptStatements = 256;
  std::size_t kept_statements() const { return statements_.size(); }

 private:
  SqliteStorage(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  Status Error(const std::string& what);
  Status UseWal();  // journal_mode=WAL, retried while another process holds the new file
  // The statement for `sql`: a kept one (reset after its last use), else newly prepared and kept
  // when there is room. `*kept` says which; a statement not kept is the caller's to finalize.
  Result<sqlite3_stmt*> Prepare(std::string_view sql, bool* kept);

  sqlite3* db_;
  std::string path_;
  bool in_transaction_ = false;
  std::map<std::string, sqlite3_stmt*, std::less<>> statements_;
  std::function<Status(const std::string&)> on_damage_;
  bool reporting_damage_ = false;  // inside Error's quick_check: no second report
};

}  // namespace pipeline::registry

#endif  // PIPELINE_REGISTRY_SQLITE_STORAGE_H_
