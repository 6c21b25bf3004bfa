// The issued copies in the registry (issue 25, item 3) through the `beian` binary, on a SQLite
// file and on a PostgreSQL database alike: `issue` stores the PDF/A bytes with the document;
// `archive export DIR` writes the DA/T 22 folder and catalogue from them (the same bytes as the
// archive folder; refuses a folder that is not empty unless --force; the same registry gives the
// same bytes); `archive verify` checks the registry's copies and a folder against the registry;
// a registry from before the copies were kept (schema 10) migrates, verifies, and `archive
// import` stores its documents' copies from the archive folder; `registry migrate` carries the
// copies onto the server.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "pipeline/core/sha256.h"
#include "pipeline/registry/fault.h"
#include "pipeline/registry/schema.h"
#include "tests/testing/registry_db.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_paths.h"

namespace pipeline::registry {
namespace {

namespace fs = std::filesystem;

std::string FileBytes(const std::string& path) { return testing::ReadText(path); }

// Every file under `root` (relative path -> bytes).
std::map<std::string, std::string> FolderTree(const std::string& root) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file()) out[fs::relative(e.path(), root).string()] = FileBytes(e.path());
  }
  return out;
}

std::vector<std::string> FileNames(const std::map<std::string, std::string>& tree) {
  std::vector<std::string> out;
  for (const auto& [name, bytes] : tree) out.push_back(name);
  return out;
}

// Sample S01 at 长春 (220100) taken to a filing at the province; the 公示 (D2026-0002, 长春's
// 长人社认备〔2026〕1号) and the 备案通知 (D2026-0003, 吉人社认备〔2026〕1号) issued into the
// archive folder `archive` of the office's settings.
class ArchiveCommandTest : public ::testing::TestWithParam<testing::Backend> {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir();
    registry_ = testing::NewRegistryLocation(GetParam());
    ASSERT_FALSE(registry_.empty());
    data_ = dir_ + "/data-root";
    archive_ = dir_ + "/archive";
    const std::string sample = "S01-长春鼎新职业技能培训学校-首次申请";
    fs::create_directories(dir_ + "/intake");
    fs::copy(testing::RepoRoot() + "/samples/intake/" + sample, dir_ + "/intake/" + sample,
             fs::copy_options::recursive);
    testing::MakeOfficeDataRoot(
        data_,
        {{"doc_number_format",
          {{"220100", "长人社认备〔{year}〕{n}号"}, {"default", "吉人社认备〔{year}〕{n}号"}}},
         {"filing_number_format", "吉认备〔{year}〕{n}号"},
         {"archive", archive_},
         {"allow_fallback_fonts", true}});
  }
  int Beian(const std::string& args, std::string* out, const std::string& env = "") {
    return testing::RunCommand(env + " XDG_DATA_HOME=" + testing::Quote(dir_ + "/xdg") + " " +
                                   testing::BeianBinary() + " " + args + " --registry " +
                                   testing::Quote(registry_) + " --user 李四 --data-dir " +
                                   testing::Quote(data_),
                               out, /*merge_stderr=*/true);
  }
  void Ok(const std::string& args) {
    std::string out;
    ASSERT_EQ(Beian(args, &out), 0) << args << "\n" << out;
  }
  void IssueTwo() {
    std::string out;
    ASSERT_EQ(Beian("run " + testing::Quote(dir_ + "/intake") + " --out " +
                        testing::Quote(dir_ + "/out") + " --no-pdf --quiet --date 2026-09-20",
                    &out),
              0)
        << out;
    for (const char* stage : {"received", "preliminary", "technical", "comprehensive"}) {
      Ok(std::string("decide C2026-0001 --stage ") + stage + " --result pass --date 2026-09-21");
    }
    Ok("deliberate C2026-0001 --date 2026-09-22 --note 厅务会 --today 2026-09-22");
    Ok("publicize C2026-0001 --start 2026-09-25 --date 2026-09-25 --authority 220100");
    Ok("issue D2026-0002 --date 2026-09-25");
    Ok("file C2026-0001 --authority 220000 --date 2026-10-12");
    Ok("issue D2026-0003 --date 2026-10-13");
  }
  // document id -> the copy the registry holds.
  std::map<std::string, std::string> StoredCopies() {
    std::map<std::string, std::string> out;
    auto db = testing::OpenRegistryStorage(registry_);
    if (!db) return out;
    Result<std::vector<Row>> rows =
        db->Query("SELECT document_id, content FROM document_files ORDER BY document_id");
    EXPECT_OK(rows);
    if (!rows) return out;
    for (const Row& r : *rows) {
      EXPECT_TRUE(std::holds_alternative<Bytes>(r[1])) << AsText(r[0]);
      out[AsText(r[0])] = AsText(r[1]);
    }
    return out;
  }
  std::string Column(const std::string& sql) {
    auto db = testing::OpenRegistryStorage(registry_);
    Result<std::vector<Row>> rows = db->Query(sql);
    EXPECT_OK(rows);
    return rows && !rows->empty() ? AsText(rows->front()[0]) : "";
  }
  // The registry as an older beian left it: schema 10, no copies kept.
  void BackToSchemaTen() {
    auto db = testing::OpenRegistryStorage(registry_);
    ASSERT_TRUE(db);
    ASSERT_OK(db->Execute("DROP TABLE document_files"));
    ASSERT_OK(db->Execute("DELETE FROM schema_version WHERE version = 11"));
  }
  std::string dir_, registry_, data_, archive_;
};

const char kNoticeFile[] = "220000/2026/吉人社认备〔2026〕1号.pdf";
const char kPublicityFile[] = "220100/2026/长人社认备〔2026〕1号.pdf";

TEST_P(ArchiveCommandTest, IssuedCopiesLiveInTheRegistryAndExportAsTheArchiveFolder) {
  IssueTwo();
  // The issued copies are in the registry, byte for byte the archive folder's files, with the
  // SHA-256 recorded at issue; no draft is kept (the receipt D2026-0001 is one).
  const std::map<std::string, std::string> stored = StoredCopies();
  ASSERT_EQ(FileNames(stored), (std::vector<std::string>{"D2026-0002", "D2026-0003"}));
  EXPECT_TRUE(stored.at("D2026-0003") == FileBytes(archive_ + "/" + kNoticeFile));
  EXPECT_TRUE(stored.at("D2026-0002") == FileBytes(archive_ + "/" + kPublicityFile));
  EXPECT_EQ(stored.at("D2026-0003").rfind("%PDF-", 0), 0u);
  EXPECT_EQ(Sha256Hex(stored.at("D2026-0003")),
            Column("SELECT sha256 FROM documents WHERE document_id = 'D2026-0003'"));

  // Export: the same layout, files and 归档文件目录 as the archive folder.
  std::string out;
  const std::string exported = dir_ + "/export/archive-2026";
  ASSERT_EQ(Beian("archive export " + testing::Quote(exported) + " --date 2026-10-20", &out), 0)
      << out;
  EXPECT_NE(out.find("导出2件已签发文书"), std::string::npos) << out;
  const std::map<std::string, std::string> tree = FolderTree(exported);
  EXPECT_EQ(FileNames(tree), FileNames(FolderTree(archive_)));
  EXPECT_TRUE(tree == FolderTree(archive_)) << "the export is the archive folder, byte for byte";
  EXPECT_NE(tree.count("220000/2026/归档文件目录.csv"), 0u);
  EXPECT_NE(tree.count("220100/2026/归档文件目录.xlsx"), 0u);
  EXPECT_NE(tree.at("220000/2026/归档文件目录.csv").find("吉人社认备〔2026〕1号"),
            std::string::npos);
  for (const auto& e : fs::directory_iterator(dir_ + "/export")) {
    EXPECT_EQ(e.path().filename(), "archive-2026") << "no staging folder left behind";
  }
  // A folder named relative to the working folder, with a trailing slash.
  ASSERT_EQ(Beian("archive export relative/", &out, "cd " + testing::Quote(dir_) + " &&"), 0)
      << out;
  EXPECT_TRUE(FolderTree(dir_ + "/relative") == tree);
  // The same registry, another day: the same bytes.
  ASSERT_EQ(Beian("archive export " + testing::Quote(dir_ + "/again") + " --date 2027-03-01", &out),
            0)
      << out;
  EXPECT_TRUE(FolderTree(dir_ + "/again") == tree);
  ASSERT_EQ(Beian("archive verify " + testing::Quote(exported), &out), 0) << out;
  EXPECT_NE(out.find("登记簿及归档目录 " + exported + "：2件已签发文书，均完好"), std::string::npos)
      << out;

  // A folder that is not empty is refused, untouched; --force replaces it; an empty one is taken.
  { std::ofstream(exported + "/mine.txt") << "x"; }
  EXPECT_EQ(Beian("archive export " + testing::Quote(exported), &out), 2) << out;
  EXPECT_NE(out.find("不是空目录"), std::string::npos) << out;
  EXPECT_NE(out.find("--force"), std::string::npos) << out;
  EXPECT_TRUE(fs::exists(exported + "/mine.txt"));
  // Killed before the rename: the folder is the old one, whole.
  EXPECT_EQ(Beian("archive export --force " + testing::Quote(exported), &out,
                  "BEIAN_FAULT=before_final_rename"),
            kFaultExitCode)
      << out;
  EXPECT_TRUE(fs::exists(exported + "/mine.txt"));
  EXPECT_TRUE(fs::exists(exported + "/" + kNoticeFile));
  ASSERT_EQ(Beian("archive export --force " + testing::Quote(exported), &out), 0) << out;
  EXPECT_FALSE(fs::exists(exported + "/mine.txt"));
  EXPECT_TRUE(FolderTree(exported) == tree);
  fs::create_directories(dir_ + "/empty");
  ASSERT_EQ(Beian("archive export " + testing::Quote(dir_ + "/empty"), &out), 0) << out;
  EXPECT_EQ(Beian("archive export", &out), 2) << "DIR is required";
  EXPECT_NE(out.find("DIR"), std::string::npos) << out;

  // A byte altered in the export: verify names the file and the document.
  {
    std::string bytes = FileBytes(exported + "/" + kNoticeFile);
    bytes[bytes.size() / 2] ^= 0x01;
    std::ofstream(exported + "/" + kNoticeFile, std::ios::binary) << bytes;
  }
  EXPECT_EQ(Beian("archive verify " + testing::Quote(exported), &out), 1) << out;
  EXPECT_NE(out.find(std::string("已被改动：") + kNoticeFile + "（文书D2026-0003）"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("发现1处问题"), std::string::npos) << out;
  EXPECT_EQ(Beian("archive verify " + testing::Quote(dir_ + "/nowhere"), &out), 2) << out;
  EXPECT_NE(out.find(dir_ + "/nowhere"), std::string::npos) << out;

  // A byte altered in the registry: verify names the document (the archive folder is intact);
  // export leaves it out and says so.
  {
    std::string bytes = stored.at("D2026-0002");
    bytes[bytes.size() / 2] ^= 0x01;
    auto db = testing::OpenRegistryStorage(registry_);
    ASSERT_TRUE(db);
    ASSERT_OK(db->Execute("UPDATE document_files SET content = ? WHERE document_id = ?",
                          {Bytes{bytes}, std::string("D2026-0002")}));
  }
  EXPECT_EQ(Beian("archive verify", &out), 1) << out;
  EXPECT_NE(out.find("登记簿中的签发件已被改动：文书D2026-0002"), std::string::npos) << out;
  EXPECT_EQ(out.find("D2026-0003"), std::string::npos) << out;
  EXPECT_EQ(Beian("archive export " + testing::Quote(dir_ + "/partial"), &out), 1) << out;
  EXPECT_NE(out.find("登记簿中的签发件已被改动：文书D2026-0002"), std::string::npos) << out;
  EXPECT_FALSE(fs::exists(dir_ + "/partial/" + kPublicityFile));
  EXPECT_TRUE(fs::exists(dir_ + "/partial/" + kNoticeFile));
}

// A registry written before the copies were kept (schema 10): the next writing command adds
// the table; verify lists its documents as only in the folder (not a problem: the folder's
// files still match); export leaves them out, naming them; `archive import` stores each file
// whose SHA-256 is the one recorded at issue and names the others; then export is whole.
TEST_P(ArchiveCommandTest, DocumentsIssuedBeforeTheMigrationAreImportedFromTheFolder) {
  IssueTwo();
  BackToSchemaTen();
  std::string out;
  EXPECT_NE(Beian("withdraw C2026-9999", &out), 0) << out;  // a writing command migrates
  EXPECT_EQ(Column("SELECT MAX(version) FROM schema_version"),
            std::to_string(CurrentSchemaVersion()));
  EXPECT_TRUE(StoredCopies().empty());
  ASSERT_EQ(Beian("archive verify", &out), 0) << out;
  EXPECT_NE(out.find("仅在归档目录中：文书D2026-0002"), std::string::npos) << out;
  EXPECT_NE(out.find("仅在归档目录中：文书D2026-0003"), std::string::npos) << out;
  EXPECT_NE(out.find("beian archive import"), std::string::npos) << out;
  EXPECT_NE(out.find("2件已签发文书，均完好"), std::string::npos) << out;
  EXPECT_EQ(Beian("archive export " + testing::Quote(dir_ + "/export"), &out), 1) << out;
  EXPECT_NE(out.find("未导出：文书D2026-0003"), std::string::npos) << out;
  EXPECT_NE(out.find("2件未导出"), std::string::npos) << out;

  // The 公示's file is away: only the 备案通知 is stored; the 公示 is named.
  fs::rename(archive_ + "/" + kPublicityFile, dir_ + "/publicity.pdf");
  EXPECT_EQ(Beian("archive import", &out), 1) << out;
  EXPECT_NE(out.find(std::string("缺失：") + kPublicityFile + "（文书D2026-0002）"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("将1件签发件存入登记簿（1件无法存入）"), std::string::npos) << out;
  EXPECT_EQ(FileNames(StoredCopies()), std::vector<std::string>{"D2026-0003"});
  // An altered file is never stored.
  {
    std::string bytes = FileBytes(dir_ + "/publicity.pdf");
    bytes[bytes.size() / 2] ^= 0x01;
    std::ofstream(archive_ + "/" + kPublicityFile, std::ios::binary) << bytes;
  }
  EXPECT_EQ(Beian("archive import", &out), 1) << out;
  EXPECT_NE(out.find(std::string("已被改动：") + kPublicityFile), std::string::npos) << out;
  EXPECT_EQ(StoredCopies().size(), 1u);
  fs::rename(dir_ + "/publicity.pdf", archive_ + "/" + kPublicityFile);
  ASSERT_EQ(Beian("archive import", &out), 0) << out;
  EXPECT_NE(out.find("将1件签发件存入登记簿（0件无法存入）"), std::string::npos) << out;

  ASSERT_EQ(Beian("archive verify", &out), 0) << out;
  EXPECT_EQ(out.find("仅在归档目录中"), std::string::npos) << out;
  ASSERT_EQ(Beian("archive export --force " + testing::Quote(dir_ + "/export"), &out), 0) << out;
  EXPECT_TRUE(FolderTree(dir_ + "/export") == FolderTree(archive_));
}

INSTANTIATE_BOTH_BACKENDS(ArchiveCommandTest);

// `registry migrate` carries the issued copies from a SQLite file onto the server (checked
// table by table, bytes included); the server then exports the same archive and verifies the
// office's folder.
class PostgresArchiveTest : public ArchiveCommandTest {};

TEST_P(PostgresArchiveTest, IssuedCopiesMoveWithRegistryMigrate) {
  IssueTwo();
  const std::string uri = testing::NewPostgresDatabase();
  ASSERT_FALSE(uri.empty());
  std::string out;
  ASSERT_EQ(Beian("registry migrate --to " + testing::Quote(uri), &out), 0) << out;
  EXPECT_NE(out.find("document_files\t2\t"), std::string::npos) << out;
  registry_ = uri;
  EXPECT_EQ(FileNames(StoredCopies()), (std::vector<std::string>{"D2026-0002", "D2026-0003"}));
  ASSERT_EQ(Beian("archive verify " + testing::Quote(archive_), &out), 0) << out;
  EXPECT_NE(out.find("2件已签发文书，均完好"), std::string::npos) << out;
  ASSERT_EQ(Beian("archive export " + testing::Quote(dir_ + "/from-server"), &out), 0) << out;
  EXPECT_TRUE(FolderTree(dir_ + "/from-server") == FolderTree(archive_));
}

// The source is a SQLite file (the parameter); named Postgres/ as it needs the server (ctest's
// fixture `postgres`).
INSTANTIATE_TEST_SUITE_P(Postgres, PostgresArchiveTest,
                         ::testing::Values(::pipeline::testing::Backend::kSqlite));

}  // namespace
}  // namespace pipeline::registry
