// The registry's versioned schema. Each migration is a list of portable SQL statements (with
// one placeholder, `{bytes}`, for the type of binary data) that takes the schema from version
// N-1 to N; schema_version records every version applied. A new column or table is a new
// migration appended to the list, never an edit of an old one.
#ifndef PIPELINE_REGISTRY_SCHEMA_H_
#define PIPELINE_REGISTRY_SCHEMA_H_

#include <string>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/registry/storage.h"

namespace pipeline::registry {

struct Migration {
  int version;
  const char* description;
  std::vector<const char*> statements;
};

// Every migration in order (versions 1, 2, ...).
const std::vector<Migration>& Migrations();

// The version this beian writes (the last migration's).
int CurrentSchemaVersion();

// A migration's statement as `db` runs it: `{bytes}` becomes the dialect's type of binary data
// (Storage::BytesType: BLOB, BYTEA); everything else is portable SQL as written.
std::string MigrationSql(const Storage& db, const char* statement);

// The version recorded in `db` (0 for an empty database; creates schema_version when absent).
Result<int> SchemaVersion(Storage& db);
// The same, reading only (0 when there is no schema_version).
Result<int> ReadSchemaVersion(Storage& db);

// Applies the missing migrations in one write transaction, recording each in schema_version
// with `today` (ISO). A database newer than this beian is refused, never touched.
Status Migrate(Storage& db, const std::string& today);

}  // namespace pipeline::registry

#endif  // PIPELINE_REGISTRY_SCHEMA_H_
