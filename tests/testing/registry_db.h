// Opening a registry in a test, on either back end: a SQLite file, or a database of its own on
// the test run's PostgreSQL server (tests/testing/postgres_db.h). The registry suites run once
// per back end: INSTANTIATE_BOTH_BACKENDS(Suite) makes Sqlite/Suite.* and Postgres/Suite.*
// (ctest runs the second kind with the server fixture).
#ifndef TESTS_TESTING_REGISTRY_DB_H_
#define TESTS_TESTING_REGISTRY_DB_H_

#include <memory>
#include <string>

#include "pipeline/registry/open_storage.h"
#include "pipeline/registry/sqlite_storage.h"
#include "tests/registry/repo_messages.h"
#include "tests/testing/postgres_db.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_paths.h"

namespace pipeline::testing {

enum class Backend { kSqlite, kPostgres };

// A new, empty registry: `registry.sqlite` in a new folder, or a new database's URI.
inline std::string NewRegistryLocation(Backend b) {
  return b == Backend::kSqlite ? MakeTempDir() + "/registry.sqlite" : NewPostgresDatabase();
}

// The storage at `location` (either kind), or null after a test failure naming why.
inline std::unique_ptr<registry::Storage> OpenRegistryStorage(const std::string& location) {
  Result<std::unique_ptr<registry::Storage>> db =
      registry::OpenStorage(location, registry::RepoMessages());
  EXPECT_OK(db);
  return db ? std::move(*db) : nullptr;
}

inline std::unique_ptr<registry::SqliteStorage> OpenRegistryFile(const std::string& path) {
  Result<std::unique_ptr<registry::SqliteStorage>> db = registry::SqliteStorage::Open(path);
  EXPECT_OK(db);
  return db ? std::move(*db) : nullptr;
}

}  // namespace pipeline::testing

#define INSTANTIATE_BOTH_BACKENDS(suite)                                              \
  INSTANTIATE_TEST_SUITE_P(Sqlite, suite,                                             \
                           ::testing::Values(::pipeline::testing::Backend::kSqlite)); \
  INSTANTIATE_TEST_SUITE_P(Postgres, suite,                                           \
                           ::testing::Values(::pipeline::testing::Backend::kPostgres))

#endif  // TESTS_TESTING_REGISTRY_DB_H_
