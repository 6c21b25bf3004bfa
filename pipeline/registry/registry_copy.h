// Copying a whole registry into another (beian registry migrate --to, docs/registry-server.md):
// a SQLite file onto a PostgreSQL server, table by table, then checked row for row.
#ifndef PIPELINE_REGISTRY_REGISTRY_COPY_H_
#define PIPELINE_REGISTRY_REGISTRY_COPY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/registry/storage.h"

namespace pipeline::registry {

// One table as copied: its rows and the SHA-256 of its rows (each row's values with their
// types, rows sorted), equal on both sides.
struct TableCopy {
  std::string table;
  std::int64_t rows = 0;
  std::string sha256;
};

// The rows and SHA-256 of `table` in `db` (as TableCopy).
Result<TableCopy> TableDigest(Storage& db, const std::string& table);

// Copies every table of `from` (whose schema is current) into `to`, whose schema must be the
// same (Migrate it first): in one transaction on each side, tables in the order they were made
// (references before the tables that refer to them), then compares the counts and SHA-256s of
// every table on both sides; any difference fails the copy and leaves `to` as it was. A target
// that holds rows already is refused (InvalidArgument with `refusal`) unless `replace`: then its
// rows are deleted first, in the same transaction.
Result<std::vector<TableCopy>> CopyRegistry(Storage& from, Storage& to, bool replace,
                                            const std::string& refusal);

}  // namespace pipeline::registry

#endif  // PIPELINE_REGISTRY_REGISTRY_COPY_H_
