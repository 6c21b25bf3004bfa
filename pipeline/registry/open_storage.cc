#include "pipeline/registry/open_storage.h"

#include "pipeline/core/file_system.h"
#include "pipeline/registry/location.h"
#include "pipeline/registry/postgres_storage.h"
#include "pipeline/registry/schema.h"
#include "pipeline/registry/sqlite_storage.h"

namespace pipeline::registry {

Result<std::unique_ptr<Storage>> OpenStorage(const std::string& location,
                                             const report::MessageCatalog& messages) {
  if (IsPostgresUri(location)) {
    Result<std::unique_ptr<PostgresStorage>> db = PostgresStorage::Open(location, messages);
    if (!db) return db.error();
    return std::unique_ptr<Storage>(std::move(*db));
  }
  Result<std::unique_ptr<SqliteStorage>> db = SqliteStorage::Open(location);
  if (!db) return db.error();
  return std::unique_ptr<Storage>(std::move(*db));
}

Result<std::unique_ptr<Registry>> OpenRegistryAt(const std::string& location,
                                                 const report::MessageCatalog& messages,
                                                 const Date& today, OpenFor purpose,
                                                 RegistryAccess access, bool verify) {
  if (!IsPostgresUri(location)) {
    return OpenRegistryFile(location, messages, today, access, verify);
  }
  Result<std::unique_ptr<Storage>> db = OpenStorage(location, messages);
  if (!db) return db.error();
  return Registry::Open(std::move(*db), messages, today, purpose == OpenFor::kWriting);
}

std::string RegistryHome(const std::string& location) {
  if (IsPostgresUri(location)) return DirName(DefaultRegistryFile());
  const std::string dir = DirName(location);
  return dir.empty() ? "." : dir;
}

}  // namespace pipeline::registry
