#include "pipeline/registry/schema.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "pipeline/registry/sqlite_storage.h"
#include "tests/testing/registry_db.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_paths.h"

namespace pipeline::registry {
namespace {

std::vector<std::string> Tables(Storage& db) {
  Result<std::vector<std::string>> tables = db.Tables();
  EXPECT_OK(tables);
  std::vector<std::string> out = tables ? *tables : std::vector<std::string>{};
  std::sort(out.begin(), out.end());
  return out;
}

// The schema tests run on a SQLite file and a PostgreSQL database alike.
class RegistrySchemaTest : public ::testing::TestWithParam<testing::Backend> {
 protected:
  void SetUp() override {
    file_ = testing::NewRegistryLocation(GetParam());
    ASSERT_FALSE(file_.empty());
  }
  std::unique_ptr<Storage> Open() { return testing::OpenRegistryStorage(file_); }
  std::string file_;
};

TEST_P(RegistrySchemaTest, FreshDatabaseGetsEveryTableAndItsVersion) {
  auto db = Open();
  ASSERT_TRUE(db);
  EXPECT_EQ(*SchemaVersion(*db), 0);
  ASSERT_OK(Migrate(*db, "2026-11-25"));
  EXPECT_EQ(*SchemaVersion(*db), CurrentSchemaVersion());
  EXPECT_EQ(Tables(*db),
            (std::vector<std::string>{
                "cases",         "document_cases",   "document_files",     "document_slots",
                "documents",     "dossier_versions", "evaluation_scores",  "filing_occupations",
                "filings",       "id_counters",      "institutions",       "number_sequences",
                "objections",    "occupations",      "publicities",        "schema_version",
                "stage_history", "version_files",    "web_login_failures", "web_sessions",
                "web_users"}));
  // Made in an order where every table comes after those it refers to (registry migrate).
  Result<std::vector<std::string>> made = db->Tables();
  ASSERT_OK(made);
  auto at = [&](const char* t) { return std::find(made->begin(), made->end(), t) - made->begin(); };
  EXPECT_LT(at("institutions"), at("cases"));
  EXPECT_LT(at("cases"), at("dossier_versions"));
  EXPECT_LT(at("dossier_versions"), at("occupations"));
  EXPECT_LT(at("documents"), at("document_cases"));
  EXPECT_LT(at("filings"), at("filing_occupations"));
}

TEST(RegistrySchemaSqliteTest, NewFileIsMadeInItsFolderInWalMode) {
  const std::string file = testing::MakeTempDir() + "/sub/dir/registry.sqlite";
  auto db = testing::OpenRegistryFile(file);  // the folder is created
  ASSERT_TRUE(db);
  ASSERT_OK(Migrate(*db, "2026-11-25"));
  Result<std::vector<Row>> mode = db->Query("PRAGMA journal_mode");
  ASSERT_OK(mode);
  EXPECT_EQ(AsText((*mode)[0][0]), "wal");
}

// The lookups made for every case (LoadCase, the ledger over the registry) use an index, so
// that recording or listing N cases does not take time growing with N squared.
TEST(RegistrySchemaSqliteTest, ACasesDocumentsAreFoundByIndexNotByScan) {
  auto db = testing::OpenRegistryFile(testing::MakeTempDir() + "/registry.sqlite");
  ASSERT_TRUE(db);
  ASSERT_OK(Migrate(*db, "2026-11-25"));
  Result<std::vector<Row>> plan = db->Query(
      "EXPLAIN QUERY PLAN SELECT d.document_id FROM documents d "
      "JOIN document_cases dc ON dc.document_id = d.document_id WHERE dc.case_id = ? "
      "ORDER BY d.document_id",
      {std::string("C2026-0001")});
  ASSERT_OK(plan);
  std::string text;
  for (const Row& r : *plan) text += AsText(r.back()) + "\n";
  EXPECT_NE(text.find("SEARCH dc USING INDEX document_cases_by_case"), std::string::npos) << text;
  EXPECT_EQ(text.find("SCAN"), std::string::npos) << text;
}

TEST_P(RegistrySchemaTest, MigratingTwiceChangesNothing) {
  auto db = Open();
  ASSERT_OK(Migrate(*db, "2026-11-25"));
  ASSERT_OK(
      db->Execute("INSERT INTO institutions (uscc, name, first_seen, last_seen) "
                  "VALUES ('X', 'n', '2026-11-25', '2026-11-25')"));
  db.reset();
  db = Open();
  ASSERT_OK(Migrate(*db, "2026-11-26"));
  Result<std::vector<Row>> rows = db->Query("SELECT version, applied_on FROM schema_version");
  ASSERT_OK(rows);
  ASSERT_EQ(rows->size(), static_cast<std::size_t>(CurrentSchemaVersion()));
  EXPECT_EQ(AsText((*rows)[0][1]), "2026-11-25");
  EXPECT_EQ(db->Query("SELECT uscc FROM institutions")->size(), 1u);
}

// A registry written by an older beian (schema 1) is migrated in place and keeps its data.
TEST_P(RegistrySchemaTest, VersionOneDatabaseMigratesKeepingItsRows) {
  auto db = Open();
  ASSERT_OK(SchemaVersion(*db));
  for (const char* sql : Migrations().front().statements) ASSERT_OK(db->Execute(sql));
  ASSERT_OK(
      db->Execute("INSERT INTO schema_version (version, description, applied_on) "
                  "VALUES (1, 'v1', '2026-01-01')"));
  ASSERT_OK(
      db->Execute("INSERT INTO documents (document_id, kind, authority, state, created_on, "
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

// A filing made before the filed record was kept (schema 4) gets its occupations from the
// case that filed them; its 注册地址 etc. stay unknown (NULL), so they are never compared.
TEST_P(RegistrySchemaTest, VersionFourFilingGetsItsOccupationsCarriedOver) {
  auto db = Open();
  ASSERT_OK(SchemaVersion(*db));
  for (const Migration& m : Migrations()) {
    if (m.version > 4) break;
    for (const char* sql : m.statements) ASSERT_OK(db->Execute(sql));
    ASSERT_OK(
        db->Execute("INSERT INTO schema_version (version, description, applied_on) "
                    "VALUES (?, 'old', '2026-01-01')",
                    {std::int64_t{m.version}}));
  }
  for (const char* sql : {
           "INSERT INTO institutions VALUES ('U1', '机构', '2026-01-01', '2026-01-01')",
           "INSERT INTO cases VALUES ('C2026-0001', 'U1', 'initial', '220000', 'filed', "
           "'2026-01-05', '2026-01-01', 2)",
           "INSERT INTO dossier_versions (case_id, version, content_hash, folder, received_on, "
           "conclusion, report_id, recorded_by) VALUES ('C2026-0001', 1, 'h1', 'a', "
           "'2026-01-01', 'pass', 'r', 'u'), ('C2026-0001', 2, 'h2', 'b', '2026-01-02', 'pass', "
           "'r', 'u')",
           "INSERT INTO occupations (case_id, version, seq, code, name, work_type, levels, "
           "state, reason) VALUES ('C2026-0001', 1, 1, '4-01-01-01', '旧版', '', '5', "
           "'requested', ''), ('C2026-0001', 2, 1, '4-10-01-05', '养老护理员', '', '3,4', "
           "'filed', ''), ('C2026-0001', 2, 2, '4-10-01-06', '家政服务员', '', '5', "
           "'excluded', 'x')",
           "INSERT INTO filings (filing_id, uscc, case_id, filing_number, valid_from, "
           "valid_until, state) VALUES ('F2026-0001', 'U1', 'C2026-0001', 'F2026-0001', "
           "'2026-01-05', '2029-01-04', 'active')",
       }) {
    ASSERT_OK(db->Execute(sql));
  }
  ASSERT_OK(Migrate(*db, "2026-11-25"));
  Result<std::vector<Row>> occ =
      db->Query("SELECT filing_id, code, levels FROM filing_occupations ORDER BY seq");
  ASSERT_OK(occ);
  ASSERT_EQ(occ->size(), 1u);  // the filed one of the current version only
  EXPECT_EQ(AsText((*occ)[0][1]), "4-10-01-05");
  EXPECT_EQ(AsText((*occ)[0][2]), "3,4");
  Result<std::vector<Row>> el = db->Query("SELECT registered_address FROM filings");
  ASSERT_OK(el);
  EXPECT_TRUE(std::holds_alternative<std::monostate>((*el)[0][0]));
}

// The issued copies' column (migration 11, `{bytes}`: BLOB or BYTEA) keeps any bytes exactly,
// NUL and bytes that are not UTF-8 included, read back as bytes, never as text.
TEST_P(RegistrySchemaTest, BinaryContentRoundTripsByteForByte) {
  auto db = Open();
  ASSERT_OK(Migrate(*db, "2026-11-25"));
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  all += std::string("\0%PDF\xff\xfe", 7) + all;
  ASSERT_OK(
      db->Execute("INSERT INTO documents (document_id, kind, authority, state, created_on, "
                  "created_by) VALUES ('D2026-0001', 'filing_notice', '220000', 'issued', "
                  "'2026-11-25', 'u')"));
  ASSERT_OK(db->Execute("INSERT INTO document_files (document_id, content) VALUES (?, ?)",
                        {std::string("D2026-0001"), Bytes{all}}));
  Result<std::vector<Row>> rows = db->Query("SELECT content, LENGTH(content) FROM document_files");
  ASSERT_OK(rows);
  ASSERT_EQ(rows->size(), 1u);
  ASSERT_TRUE(std::holds_alternative<Bytes>((*rows)[0][0]));
  EXPECT_TRUE(std::get<Bytes>((*rows)[0][0]).data == all);
  EXPECT_EQ(AsInt((*rows)[0][1]), static_cast<std::int64_t>(all.size()));
  EXPECT_NE(MigrationSql(*db, "x {bytes} y").find(db->BytesType()), std::string::npos);
}

TEST_P(RegistrySchemaTest, NewerDatabaseIsRefusedUntouched) {
  auto db = Open();
  ASSERT_OK(Migrate(*db, "2026-11-25"));
  ASSERT_OK(db->Execute(
      "INSERT INTO schema_version (version, description, applied_on) VALUES (?, 'future', 'x')",
      {std::int64_t{CurrentSchemaVersion() + 1}}));
  Status s = Migrate(*db, "2026-11-25");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.ToString().find("newer than this beian"), std::string::npos) << s.ToString();
  EXPECT_NE(s.ToString().find(db->Location()), std::string::npos);
}

TEST_P(RegistrySchemaTest, FailedMigrationLeavesNothingBehind) {
  // A half-applied migration would leave tables without their version row; the transaction
  // prevents it. Simulate with a table that makes migration 1 fail part-way.
  auto db = Open();
  ASSERT_OK(db->Execute("CREATE TABLE filings (x INTEGER)"));
  EXPECT_FALSE(Migrate(*db, "2026-11-25").ok());
  EXPECT_EQ(*SchemaVersion(*db), 0);
  EXPECT_EQ(Tables(*db), (std::vector<std::string>{"filings", "schema_version"}));
}

// The SQL runs on SQLite and PostgreSQL: nothing only one of them understands may appear in the
// registry's statements (each storage's own dialect, in sqlite_storage.cc and
// postgres_storage.cc, excepted). Every statement also runs on both in the suites above.
TEST(RegistrySchemaSqliteTest, RegistrySqlIsPortable) {
  const std::regex forbidden(
      // SQLite only
      R"re(INSERT OR|REPLACE INTO|AUTOINCREMENT|datetime\(|strftime\(|julianday\(|date\('now|rowid|IFNULL\(|GLOB |\bLIMIT -1|GROUP_CONCAT|)re"
      // PostgreSQL only
      R"re(::[a-z]|\bILIKE\b|\bRETURNING\b|ON CONFLICT|\bSERIAL\b|\bBIGSERIAL\b|\$[0-9]|\bNOW\(\)|STRING_AGG|\bFOR UPDATE\b|\bBOOLEAN\b|\bBYTEA\b|GENERATED ALWAYS|PRAGMA)re",
      std::regex::icase);
  std::size_t files = 0;
  for (const auto& e :
       std::filesystem::directory_iterator(testing::RepoRoot() + "/pipeline/registry")) {
    const std::string name = e.path().filename().string();
    if (e.path().extension() != ".cc" || name == "sqlite_storage.cc" ||
        name == "postgres_storage.cc") {
      continue;
    }
    ++files;
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    // The statements are the file's string literals, adjacent ones joined as C++ joins them.
    const std::string text = ss.str();
    const std::regex literal(R"re("((?:[^"\\\n]|\\.)*)")re");
    std::string sql;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), literal);
         it != std::sregex_iterator(); ++it) {
      sql += (*it)[1].str();
    }
    std::smatch m;
    EXPECT_FALSE(std::regex_search(sql, m, forbidden)) << name << ": " << m.str();
    EXPECT_EQ(sql.find("PRAGMA"), std::string::npos) << name;
  }
  EXPECT_GE(files, 3u);
}

INSTANTIATE_BOTH_BACKENDS(RegistrySchemaTest);

}  // namespace
}  // namespace pipeline::registry
