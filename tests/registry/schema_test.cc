#include "pipeline/registry/schema.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "pipeline/registry/sqlite_storage.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_paths.h"

namespace pipeline::registry {
namespace {

std::unique_ptr<SqliteStorage> OpenDb(const std::string& path) {
  Result<std::unique_ptr<SqliteStorage>> db = SqliteStorage::Open(path);
  EXPECT_OK(db);
  return db ? std::move(*db) : nullptr;
}

std::vector<std::string> Tables(Storage& db) {
  Result<std::vector<Row>> rows =
      db.Query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  std::vector<std::string> out;
  if (rows) {
    for (const Row& r : *rows) out.push_back(AsText(r[0]));
  }
  return out;
}

TEST(RegistrySchemaTest, FreshDatabaseGetsEveryTableAndItsVersion) {
  const std::string file = testing::MakeTempDir() + "/sub/dir/registry.sqlite";
  auto db = OpenDb(file);  // the folder is created
  ASSERT_TRUE(db);
  EXPECT_EQ(*SchemaVersion(*db), 0);
  ASSERT_OK(Migrate(*db, "2026-11-25"));
  EXPECT_EQ(*SchemaVersion(*db), CurrentSchemaVersion());
  EXPECT_EQ(Tables(*db),
            (std::vector<std::string>{"cases", "document_cases", "document_slots", "documents",
                                      "dossier_versions", "evaluation_scores",
                                      "filing_occupations", "filings", "id_counters", "institutions", "number_sequences",
                                      "objections", "occupations", "publicities",
                                      "schema_version", "stage_history"}));
  Result<std::vector<Row>> mode = db->Query("PRAGMA journal_mode");
  ASSERT_OK(mode);
  EXPECT_EQ(AsText((*mode)[0][0]), "wal");
}

TEST(RegistrySchemaTest, MigratingTwiceChangesNothing) {
  const std::string file = testing::MakeTempDir() + "/registry.sqlite";
  auto db = OpenDb(file);
  ASSERT_OK(Migrate(*db, "2026-11-25"));
  ASSERT_OK(db->Execute("INSERT INTO institutions (uscc, name, first_seen, last_seen) "
                        "VALUES ('X', 'n', '2026-11-25', '2026-11-25')"));
  db.reset();
  db = OpenDb(file);
  ASSERT_OK(Migrate(*db, "2026-11-26"));
  Result<std::vector<Row>> rows = db->Query("SELECT version, applied_on FROM schema_version");
  ASSERT_OK(rows);
  ASSERT_EQ(rows->size(), static_cast<std::size_t>(CurrentSchemaVersion()));
  EXPECT_EQ(AsText((*rows)[0][1]), "2026-11-25");
  EXPECT_EQ(db->Query("SELECT uscc FROM institutions")->size(), 1u);
}

// A registry written by an older beian (schema 1) is migrated in place and keeps its data.
TEST(RegistrySchemaTest, VersionOneDatabaseMigratesKeepingItsRows) {
  const std::string file = testing::MakeTempDir() + "/registry.sqlite";
  auto db = OpenDb(file);
  ASSERT_OK(SchemaVersion(*db));
  for (const char* sql : Migrations().front().statements) ASSERT_OK(db->Execute(sql));
  ASSERT_OK(db->Execute("INSERT INTO schema_version (version, description, applied_on) "
                        "VALUES (1, 'v1', '2026-01-01')"));
  ASSERT_OK(db->Execute("INSERT INTO documents (document_id, kind, authority, state, created_on, "
                        "created_by) VALUES ('D2026-0001', 'publicity_notice', '220100', "
                        "'draft', '2026-01-01', 'u')"));
  ASSERT_OK(Migrate(*db, "2026-11-25"));
  EXPECT_EQ(*SchemaVersion(*db), CurrentSchemaVersion());
  Result<std::vector<Row>> rows = db->Query("SELECT document_id, data_json FROM documents");
  ASSERT_OK(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(AsText((*rows)[0][0]), "D2026-0001");
  EXPECT_TRUE(std::holds_alternative<std::monostate>((*rows)[0][1]));  // the new column
}

TEST(RegistrySchemaTest, NewerDatabaseIsRefusedUntouched) {
  const std::string file = testing::MakeTempDir() + "/registry.sqlite";
  auto db = OpenDb(file);
  ASSERT_OK(Migrate(*db, "2026-11-25"));
  ASSERT_OK(db->Execute(
      "INSERT INTO schema_version (version, description, applied_on) VALUES (?, 'future', 'x')",
      {std::int64_t{CurrentSchemaVersion() + 1}}));
  Status s = Migrate(*db, "2026-11-25");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.ToString().find("newer than this beian"), std::string::npos) << s.ToString();
  EXPECT_NE(s.ToString().find(file), std::string::npos);
}

TEST(RegistrySchemaTest, FailedMigrationLeavesNothingBehind) {
  // A half-applied migration would leave tables without their version row; the transaction
  // prevents it. Simulate with a table that makes migration 1 fail part-way.
  const std::string file = testing::MakeTempDir() + "/registry.sqlite";
  auto db = OpenDb(file);
  ASSERT_OK(db->Execute("CREATE TABLE filings (x INTEGER)"));
  EXPECT_FALSE(Migrate(*db, "2026-11-25").ok());
  EXPECT_EQ(*SchemaVersion(*db), 0);
  EXPECT_EQ(Tables(*db), (std::vector<std::string>{"filings", "schema_version"}));
}

// The SQL must later run on PostgreSQL: nothing only SQLite understands may appear in the
// registry's statements (the PRAGMAs of the SQLite storage itself excepted).
TEST(RegistrySchemaTest, RegistrySqlIsPortable) {
  const std::regex forbidden(
      R"re(INSERT OR|REPLACE INTO|AUTOINCREMENT|datetime\(|strftime\(|julianday\(|date\('now|rowid|IFNULL\(|GLOB |\bLIMIT -1)re",
      std::regex::icase);
  std::size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(testing::RepoRoot() +
                                                           "/pipeline/registry")) {
    if (e.path().extension() != ".cc" || e.path().filename() == "sqlite_storage.cc") continue;
    ++files;
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    std::smatch m;
    EXPECT_FALSE(std::regex_search(text, m, forbidden))
        << e.path().filename() << ": " << m.str();
    EXPECT_EQ(text.find("PRAGMA"), std::string::npos) << e.path().filename();
  }
  EXPECT_GE(files, 3u);
}

}  // namespace
}  // namespace pipeline::registry
