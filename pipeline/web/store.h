// WebStore: the workbench's users, sessions and failed logins in the case registry (migration
// 7: web_users, web_sessions, web_login_failures), and the case list it shows (docs/web.md).
// Not thread-safe: the server holds one store behind its lock (server.cc).
#ifndef PIPELINE_WEB_STORE_H_
#define PIPELINE_WEB_STORE_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/registry/storage.h"

namespace pipeline::web {

// The province's code: its users see and act on every office's cases.
inline constexpr char kProvince[] = "220000";

struct User {
  std::string name;
  std::string role;      // clerk | reviewer | archivist | admin
  std::string office;    // authority code
  std::string password;  // Argon2id encoded hash
  bool disabled = false;
  std::string created_on;
};

struct Session {
  std::string user_name;
  std::string csrf;
  std::int64_t expires = 0;  // seconds since the epoch
};

// One row of the case list.
struct CaseRow {
  std::string case_id, institution, uscc, kind, authority, stage, stage_since, opened_on;
};

// What the case list shows: the office's cases (all for the province), filtered and paged.
struct CaseQuery {
  std::string office;
  std::string stage;   // "" = every stage
  std::string kind;    // "" = every kind
  std::string search;  // part of the institution's name or USCC, or a whole case number
  bool open_only = false;
  int page = 1;  // from 1
  int per_page = 50;
};

struct CasePage {
  std::vector<CaseRow> rows;
  int total = 0;                         // rows matching, over every page
  std::map<std::string, int> per_stage;  // the office's cases per stage (no other filter)
};

// One file of a dossier version as received (table version_files, migration 9).
struct VersionFile {
  std::string file_id, case_id;
  int version = 0;
  int seq = 0;
  std::string path;  // relative to the version's folder
  std::int64_t bytes = 0;
  std::string sha256;
  std::string folder;  // the version's folder (dossier_versions.folder); FindFile only
};

// Whether an office's user may see a case of `authority`.
bool OfficeSees(const std::string& office, const std::string& authority);

class WebStore {
 public:
  explicit WebStore(registry::Storage& db) : db_(db) {}

  Status AddUser(const User& user);
  Status SetPassword(const std::string& name, const std::string& hash);
  Status Disable(const std::string& name);
  Result<std::vector<User>> Users();
  Result<std::optional<User>> FindUser(const std::string& name);

  // Failed logins per user and address: locked when `max` failures in a row were recorded
  // and the lockout has not ended.
  Result<bool> Locked(const std::string& name, const std::string& address, std::int64_t now);
  Status RecordFailure(const std::string& name, const std::string& address, std::int64_t now,
                       int max, std::int64_t lockout_seconds);
  Status ClearFailures(const std::string& name, const std::string& address);
  // beian user unlock: every address.
  Status Unlock(const std::string& name);

  // Sessions by the SHA-256 of their token; an expired one is not found.
  Status CreateSession(const std::string& token_hash, const Session& s);
  Result<std::optional<Session>> FindSession(const std::string& token_hash, std::int64_t now);
  Status DeleteSession(const std::string& token_hash);

  Result<CasePage> Cases(const CaseQuery& q);
  // The files recorded for a version, in order (none when not recorded yet).
  Result<std::vector<VersionFile>> VersionFiles(const std::string& case_id, int version);
  // Records a version's files in one transaction, unless some are recorded already.
  Status AddVersionFiles(const std::vector<VersionFile>& files);
  // A file by its id, with its version's folder; nullopt when unknown.
  Result<std::optional<VersionFile>> FindFile(const std::string& file_id);

  // The authority of a case, or of the case a filing was made in (a due list's ref by its
  // filing_id, or a 已备案机构 row by its filing number); nullopt when there is neither.
  Result<std::optional<std::string>> RefAuthority(const std::string& ref);

  // The authority of a case; nullopt when there is no such case.
  Result<std::optional<std::string>> CaseAuthority(const std::string& case_id);

  // The next case list computes its counts per stage afresh (this server changed a case). The
  // counts are otherwise kept for kStageCountsFor: what the CLI or a watcher records elsewhere
  // shows in the counts within seconds, in the list at once.
  void ForgetStageCounts();

 private:
  static constexpr std::chrono::seconds kStageCountsFor{5};
  struct StageCountsAt {
    std::chrono::steady_clock::time_point at;
    std::map<std::string, int> counts;
  };
  // The office's cases per stage (no other filter), kept for kStageCountsFor.
  Result<std::map<std::string, int>> StageCounts(const std::string& office);

  Status ChangeUser(const std::string& sql, const std::vector<registry::Value>& params,
                    const std::string& name);

  registry::Storage& db_;
  std::map<std::string, StageCountsAt> stage_counts_;  // by office
};

}  // namespace pipeline::web

#endif  // PIPELINE_WEB_STORE_H_
