// Opening a registry file in a test: the storage, or null after a test failure naming why.
#ifndef TESTS_TESTING_REGISTRY_DB_H_
#define TESTS_TESTING_REGISTRY_DB_H_

#include <memory>
#include <string>

#include "pipeline/registry/sqlite_storage.h"
#include "tests/testing/status_matchers.h"

namespace pipeline::testing {

inline std::unique_ptr<registry::SqliteStorage> OpenRegistryFile(const std::string& path) {
  Result<std::unique_ptr<registry::SqliteStorage>> db = registry::SqliteStorage::Open(path);
  EXPECT_OK(db);
  return db ? std::move(*db) : nullptr;
}

}  // namespace pipeline::testing

#endif  // TESTS_TESTING_REGISTRY_DB_H_
