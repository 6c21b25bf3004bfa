#include "pipeline/registry/sqlite_storage.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/testing/registry_db.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_paths.h"

namespace pipeline::registry {
namespace {

std::vector<std::string> Column(const Result<std::vector<Row>>& rows) {
  std::vector<std::string> out;
  if (rows) {
    for (const Row& r : *rows) out.push_back(AsText(r[0]));
  }
  return out;
}

// A statement is prepared once and kept: the same text with other parameters gives the rows for
// those parameters, and nothing of the last use (bindings, an open read) carries over.
TEST(SqliteStorageTest, KeptStatementsGiveEachUseItsOwnParameters) {
  auto db = testing::OpenRegistryFile(testing::MakeTempDir() + "/registry.sqlite");
  ASSERT_TRUE(db);
  ASSERT_OK(db->Execute("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)"));
  const char* insert = "INSERT INTO t (k, v) VALUES (?, ?)";
  ASSERT_OK(db->Execute(insert, {std::string("甲"), std::int64_t{1}}));
  ASSERT_OK(db->Execute(insert, {std::string("乙"), std::int64_t{2}}));
  ASSERT_OK(db->Execute(insert, {std::string("丙"), std::monostate{}}));
  const std::size_t kept = db->kept_statements();
  const char* select = "SELECT k FROM t WHERE v >= ? ORDER BY v";
  EXPECT_EQ(Column(db->Query(select, {std::int64_t{1}})), (std::vector<std::string>{"甲", "乙"}));
  EXPECT_EQ(Column(db->Query(select, {std::int64_t{2}})), (std::vector<std::string>{"乙"}));
  EXPECT_EQ(db->kept_statements(), kept + 1);  // the SELECT, once
  // A statement stopped by an error (a duplicate key) works again at its next use.
  EXPECT_FALSE(db->Execute(insert, {std::string("甲"), std::int64_t{9}}).ok());
  ASSERT_OK(db->Execute(insert, {std::string("丁"), std::int64_t{4}}));
  EXPECT_EQ(Column(db->Query(select, {std::int64_t{3}})), (std::vector<std::string>{"丁"}));
  // A kept statement is reset after each use, ending its read: a row that another connection
  // commits afterwards is seen (an unfinished read would keep showing the older snapshot).
  auto other = testing::OpenRegistryFile(db->Location());
  ASSERT_TRUE(other);
  ASSERT_OK(other->Begin(TxMode::kWrite));
  ASSERT_OK(other->Execute(insert, {std::string("戊"), std::int64_t{5}}));
  ASSERT_OK(other->Commit());
  EXPECT_EQ(Column(db->Query(select, {std::int64_t{5}})), (std::vector<std::string>{"戊"}));
}

// A kept statement follows a change of the schema (a migration), here made by another
// connection, as a newly prepared one would.
TEST(SqliteStorageTest, KeptStatementsFollowSchemaChanges) {
  auto db = testing::OpenRegistryFile(testing::MakeTempDir() + "/registry.sqlite");
  ASSERT_TRUE(db);
  ASSERT_OK(db->Execute("CREATE TABLE t (a TEXT)"));
  ASSERT_OK(db->Execute("INSERT INTO t VALUES ('x')"));
  const char* select = "SELECT * FROM t";
  Result<std::vector<Row>> before = db->Query(select);
  ASSERT_OK(before);
  EXPECT_EQ((*before)[0].size(), 1u);
  auto other = testing::OpenRegistryFile(db->Location());
  ASSERT_TRUE(other);
  ASSERT_OK(other->Execute("ALTER TABLE t ADD COLUMN b TEXT DEFAULT 'y'"));
  Result<std::vector<Row>> after = db->Query(select);
  ASSERT_OK(after);
  ASSERT_EQ((*after)[0].size(), 2u);
  EXPECT_EQ(AsText((*after)[0][1]), "y");
}

// Past the limit, statements are prepared for one use and still give their rows.
TEST(SqliteStorageTest, TextsPastTheLimitAreNotKeptButRun) {
  auto db = testing::OpenRegistryFile(testing::MakeTempDir() + "/registry.sqlite");
  ASSERT_TRUE(db);
  for (std::size_t i = 0; i < SqliteStorage::kMaxKeptStatements + 10; ++i) {
    Result<std::vector<Row>> r = db->Query("SELECT " + std::to_string(i));
    ASSERT_OK(r);
    EXPECT_EQ(AsInt((*r)[0][0]), static_cast<std::int64_t>(i));
  }
  EXPECT_EQ(db->kept_statements(), SqliteStorage::kMaxKeptStatements);
  EXPECT_FALSE(db->Query("SELEC nothing").ok());
}

}  // namespace
}  // namespace pipeline::registry
