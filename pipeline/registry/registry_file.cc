#include "pipeline/registry/registry_file.h"

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <ostream>

#include "pipeline/core/file_system.h"
#include "pipeline/registry/postgres_storage.h"
#include "pipeline/registry/schema.h"
#include "pipeline/registry/sqlite_storage.h"

namespace pipeline::registry {
namespace {

namespace fs = std::filesystem;

constexpr char kMagic[] = "SQLite format 3";  // and its terminating NUL: 16 bytes

std::uint32_t BigEndian(const unsigned char* p, int n) {
  std::uint32_t v = 0;
  for (int i = 0; i < n; ++i) v = (v << 8) | p[i];
  return v;
}

// Reads the first `n` bytes of `file` through SQLite's own file layer, never through a
// descriptor of our own: closing any other descriptor of a database file drops every POSIX
// lock this process holds on it (SQLite's "how to corrupt" 2.2), which corrupted the registry
// of a web server whose store connection stayed open while a command opened the registry.
// Returns how many bytes were read (short reads leave the rest zero).
std::size_t ReadHeaderBytes(const std::string& file, unsigned char* out, int n) {
  sqlite3* db = nullptr;
  std::size_t got = 0;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_file* f = nullptr;
    if (sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &f) == SQLITE_OK &&
        f != nullptr && f->pMethods != nullptr) {
      sqlite3_int64 size = 0;
      if (f->pMethods->xFileSize(f, &size) == SQLITE_OK) {
        const int want = static_cast<int>(std::min<sqlite3_int64>(size, n));
        if (want > 0 && f->pMethods->xRead(f, out, want, 0) == SQLITE_OK) {
          got = static_cast<std::size_t>(want);
        }
      }
    }
  }
  sqlite3_close(db);
  return got;
}

// What is wrong with the header of `file` ("" when nothing), in the clerk's words.
std::string HeaderProblem(const std::string& file, const report::MessageCatalog& m) {
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(file, ec);
  if (ec) return ec.message();
  if (size == 0) return m.Format("registry.damaged.empty");
  std::array<unsigned char, 100> h{};
  if (ReadHeaderBytes(file, h.data(), static_cast<int>(h.size())) < h.size() ||
      std::memcmp(h.data(), kMagic, sizeof kMagic) != 0) {
    return m.Format("registry.damaged.not_sqlite");
  }
  std::uint32_t page_size = BigEndian(&h[16], 2);
  if (page_size == 1) page_size = 65536;
  if (page_size < 512 || (page_size & (page_size - 1)) != 0) {
    return m.Format("registry.damaged.page_size", {{"size", std::to_string(page_size)}});
  }
  // While the write-ahead log holds pages, the main file's header may lag behind it (a
  // checkpoint in progress); the size is compared only when the log is empty or absent.
  const std::uintmax_t wal = fs::exists(file + "-wal", ec) ? fs::file_size(file + "-wal", ec) : 0;
  const bool count_valid = BigEndian(&h[92], 4) == BigEndian(&h[24], 4);
  const std::uintmax_t pages = BigEndian(&h[28], 4);
  if (wal == 0 && count_valid && (pages * page_size > size || size % page_size != 0)) {
    return m.Format("registry.damaged.truncated", {{"size", std::to_string(size)},
                                                   {"expected", std::to_string(pages * page_size)},
                                                   {"page_size", std::to_string(page_size)},
                                                   {"pages", std::to_string(pages)}});
  }
  return {};
}

// Creates the registry `file` whole: migrated under a temporary name, then linked into place,
// so no process ever finds it half made (an empty file is refused as emptied). When another
// process made it meanwhile, its file stays.
Status CreateRegistry(const std::string& file, const Date& today) {
  std::error_code ec;
  const fs::path parent = fs::path(file).parent_path();
  if (!parent.empty()) fs::create_directories(parent, ec);
  if (ec) return Status::IoError("cannot create the registry folder: " + ec.message(), file);
  const std::string tmp = file + ".new-" + std::to_string(::getpid());
  {
    Result<std::unique_ptr<SqliteStorage>> db = SqliteStorage::Open(tmp, /*create=*/true);
    if (!db) return db.error();
    Status migrated = Migrate(**db, today.ToIso());
    if (!migrated.ok()) {
      db->reset();
      fs::remove(tmp, ec);
      return migrated;
    }
  }  // closed: the log is checkpointed into the file and removed
  const int linked = ::link(tmp.c_str(), file.c_str()) == 0 ? 0 : errno;
  fs::remove(tmp, ec);
  if (linked != 0 && linked != EEXIST) {
    return Status::IoError(std::string("cannot create the registry: ") + std::strerror(linked),
                           file);
  }
  return SyncToDisk(file, parent.empty() ? "." : parent.string());
}

// A name beside `file` that is free: `<file>.replaced-<date>`, else with -2, -3, ...
std::string FreeNameBeside(const std::string& file, const Date& today) {
  const std::string base = file + ".replaced-" + today.ToIso();
  std::string name = base;
  std::error_code ec;
  for (int n = 2; fs::exists(name, ec); ++n) name = base + "-" + std::to_string(n);
  return name;
}

// Opens an existing registry whose SQLITE_CORRUPT / SQLITE_NOTADB errors become the clerk's
// damage message, from the first statement on.
Result<std::unique_ptr<SqliteStorage>> OpenReporting(const std::string& file,
                                                     const report::MessageCatalog& messages) {
  return SqliteStorage::Open(file, /*create=*/false, [file, &messages](const std::string& detail) {
    return DamagedRegistry(file, detail, messages);
  });
}

}  // namespace

Status DamagedRegistry(const std::string& file, const std::string& detail,
                       const report::MessageCatalog& messages) {
  return Status::InvalidData(
      messages.Format("registry.damaged", {{"file", file}, {"detail", detail}}));
}

Status CheckRegistryHeader(const std::string& file, const report::MessageCatalog& messages) {
  const std::string problem = HeaderProblem(file, messages);
  return problem.empty() ? Status::Ok() : DamagedRegistry(file, problem, messages);
}

Result<std::unique_ptr<Registry>> OpenRegistryFile(const std::string& file,
                                                   const report::MessageCatalog& messages,
                                                   const Date& today, RegistryAccess access,
                                                   bool verify) {
  if (file.empty()) return Status::InvalidArgument(messages.Format("registry.none_chosen"));
  std::error_code ec;
  if (!fs::exists(file, ec)) {
    if (access != RegistryAccess::kCreate) {
      return Status::NotFound(messages.Format("registry.missing", {{"file", file}}));
    }
    PIPELINE_RETURN_IF_ERROR(CreateRegistry(file, today));
  }
  PIPELINE_RETURN_IF_ERROR(CheckRegistryHeader(file, messages));
  Result<std::unique_ptr<SqliteStorage>> db = OpenReporting(file, messages);
  if (!db) return db.error();
  if (verify) {
    Result<std::vector<std::string>> problems = (*db)->CheckIntegrity(/*quick=*/true);
    if (!problems) return problems.error();
    if (!problems->empty()) return DamagedRegistry(file, problems->front(), messages);
  }
  return Registry::Open(std::move(*db), messages, today);
}

Result<bool> CheckRegistryCommand(const std::string& file, const report::MessageCatalog& messages,
                                  std::ostream& out) {
  if (file.empty()) return Status::InvalidArgument(messages.Format("registry.none_chosen"));
  std::error_code ec;
  if (!fs::exists(file, ec)) {
    return Status::NotFound(messages.Format("registry.missing", {{"file", file}}));
  }
  Status s = CheckRegistryHeader(file, messages);
  if (s.ok()) {
    // A damaged file may fail as soon as SQLite reads it: that error is the damage report.
    Result<std::unique_ptr<SqliteStorage>> db = OpenReporting(file, messages);
    Result<std::vector<std::string>> problems =
        db ? (*db)->CheckIntegrity(/*quick=*/true) : Result<std::vector<std::string>>(db.error());
    if (!problems) {
      s = problems.error();
    } else if (!problems->empty()) {
      s = DamagedRegistry(file, problems->front(), messages);
    }
  }
  out << (s.ok() ? messages.Format("registry.check.ok", {{"file", file}}) : s.message()) << "\n";
  return s.ok();
}

Status BackupRegistry(Registry& registry, const std::string& dest, bool force,
                      const report::MessageCatalog& messages) {
  std::error_code ec;
  if (fs::exists(dest, ec) && !force) {
    return Status::InvalidArgument(messages.Format("registry.backup.exists", {{"file", dest}}));
  }
  if (auto* sqlite = dynamic_cast<SqliteStorage*>(&registry.storage())) {
    Result<std::vector<std::string>> problems = sqlite->CheckIntegrity(/*quick=*/true);
    if (!problems) return problems.error();
    if (!problems->empty()) return DamagedRegistry(sqlite->Location(), problems->front(), messages);
  }
  const fs::path parent = fs::path(dest).parent_path();
  if (!parent.empty()) fs::create_directories(parent, ec);
  if (ec) return Status::IoError("cannot create the backup folder: " + ec.message(), dest);
  return registry.storage().Backup(dest);
}

Status RestoreRegistry(const std::string& file, const std::string& backup, const Date& today,
                       const report::MessageCatalog& messages, std::ostream& out) {
  if (file.empty()) return Status::InvalidArgument(messages.Format("registry.none_chosen"));
  std::error_code ec;
  auto refuse = [&](const std::string& detail) {
    return Status::InvalidData(
        messages.Format("registry.restore.bad_backup", {{"file", backup}, {"detail", detail}}));
  };
  if (!fs::exists(backup, ec)) return refuse(messages.Format("registry.damaged.absent"));
  if (std::string problem = HeaderProblem(backup, messages); !problem.empty()) {
    return refuse(problem);
  }
  // The backup is checked on a copy: opening it must not change it (WAL mode writes).
  const std::string part = file + ".restore-part";
  fs::remove(part, ec);
  fs::copy_file(backup, part, ec);
  if (ec) return Status::IoError("cannot copy the backup: " + ec.message(), backup);
  std::string problem;
  {
    Result<std::unique_ptr<SqliteStorage>> db = SqliteStorage::Open(part, /*create=*/false);
    Result<std::vector<std::string>> problems =
        db ? (*db)->CheckIntegrity(/*quick=*/false) : Result<std::vector<std::string>>(db.error());
    if (!problems) problem = problems.error().message();
    if (problems && !problems->empty()) problem = problems->front();
  }  // closed before it is removed or moved
  if (!problem.empty()) {
    for (const char* side : {"", "-wal", "-shm"}) fs::remove(part + side, ec);
    return refuse(problem);
  }
  const fs::path parent = fs::path(file).parent_path();
  PIPELINE_RETURN_IF_ERROR(SyncToDisk(part, parent.empty() ? "." : parent.string()));
  std::string kept;
  if (fs::exists(file, ec)) {
    kept = FreeNameBeside(file, today);
    fs::rename(file, kept, ec);
    if (ec) return Status::IoError("cannot keep the current registry: " + ec.message(), file);
    for (const char* side : {"-wal", "-shm"}) {
      if (fs::exists(file + side, ec)) fs::rename(file + side, kept + side, ec);
    }
  }
  fs::rename(part, file, ec);
  if (ec) return Status::IoError("cannot put the backup in place: " + ec.message(), file);
  PIPELINE_RETURN_IF_ERROR(SyncToDisk(file, parent.empty() ? "." : parent.string()));
  out << (kept.empty()
              ? messages.Format("registry.restore.done_new", {{"file", file}, {"backup", backup}})
              : messages.Format("registry.restore.done",
                                {{"file", file}, {"backup", backup}, {"kept", kept}}))
      << "\n";
  return Status::Ok();
}

Result<bool> CheckServerRegistry(const std::string& uri, const report::MessageCatalog& messages,
                                 std::ostream& out) {
  Result<std::unique_ptr<PostgresStorage>> db = PostgresStorage::Open(uri, messages);
  if (!db) return db.error();
  Result<int> version = ReadSchemaVersion(**db);
  if (!version) return version.error();
  const bool sound = *version == CurrentSchemaVersion();
  out << messages.Format(sound ? "registry.check.ok_server" : "registry.check.old_server",
                         {{"server", (*db)->Location()},
                          {"version", std::to_string(*version)},
                          {"current", std::to_string(CurrentSchemaVersion())}})
      << "\n";
  return sound;
}

Status RestoreServerRegistry(const std::string& uri, const std::string& backup, const Date& today,
                             const report::MessageCatalog& messages, std::ostream& out) {
  std::error_code ec;
  auto refuse = [&](const std::string& detail) {
    return Status::InvalidData(
        messages.Format("registry.restore.bad_backup", {{"file", backup}, {"detail", detail}}));
  };
  if (!fs::exists(backup, ec)) return refuse(messages.Format("registry.damaged.absent"));
  if (std::string problem = PostgresStorage::BackupProblem(backup); !problem.empty()) {
    return refuse(problem);
  }
  Result<std::unique_ptr<PostgresStorage>> db = PostgresStorage::Open(uri, messages);
  if (!db) return db.error();
  const fs::path folder = fs::absolute(backup).parent_path();
  const std::string base = (folder / ("registry-before-restore-" + today.ToIso())).string();
  std::string kept = base + ".dump";
  for (int n = 2; fs::exists(kept, ec); ++n) kept = base + "-" + std::to_string(n) + ".dump";
  PIPELINE_RETURN_IF_ERROR((*db)->Backup(kept));
  PIPELINE_RETURN_IF_ERROR((*db)->Restore(backup));
  out << messages.Format("registry.restore.done_server",
                         {{"server", (*db)->Location()}, {"backup", backup}, {"kept", kept}})
      << "\n";
  return Status::Ok();
}

}  // namespace pipeline::registry
