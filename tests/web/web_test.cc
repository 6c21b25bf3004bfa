// The workbench's parts below HTTP (pipeline/web/): the escape of every page value, the shipped
// role table, passwords, the lockout and sessions in a real registry file. The server itself is
// tested through the binary over HTTP (tests/web/web_security_test.py) and in a browser
// (tests/browser/workbench_test.py).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "pipeline/core/file_system.h"
#include "pipeline/registry/run_recorder.h"
#include "pipeline/registry/schema.h"
#include "pipeline/web/files.h"
#include "pipeline/web/intake.h"
#include "pipeline/web/password.h"
#include "pipeline/web/roles.h"
#include "pipeline/web/store.h"
#include "pipeline/web/views.h"
#include "tests/testing/registry_db.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_paths.h"

namespace pipeline::web {
namespace {

TEST(WebEscapeTest, MarkupQuotesAndControlCharacters) {
  EXPECT_EQ(EscapeHtml("<script>\"'`&"), "&lt;script&gt;&quot;&#39;&#96;&amp;");
  EXPECT_EQ(EscapeHtml("a\x1b[31mb"), "a\\x1B[31mb");
  EXPECT_EQ(EscapeHtml("x\xe2\x80\xaey"), "x\\u202Ey");  // RIGHT-TO-LEFT OVERRIDE
}

TEST(WebRolesTest, ShippedTable) {
  RealFileSystem fs;
  Result<RoleTable> t = RoleTable::Load(fs, testing::RepoRoot() + "/templates/web/roles.tsv");
  ASSERT_TRUE(t) << t.error().ToString();
  EXPECT_TRUE(t->Allows("clerk", "decide.received"));
  EXPECT_FALSE(t->Allows("clerk", "issue"));
  EXPECT_TRUE(t->Allows("clerk", "intake"));
  EXPECT_FALSE(t->Allows("reviewer", "intake"));
  EXPECT_TRUE(t->Allows("archivist", "issue"));
  EXPECT_FALSE(t->Allows("reviewer", "decide.received"));
  EXPECT_FALSE(t->Allows("admin", "decide.preliminary"));
  EXPECT_EQ(t->ActionsAt("reviewer", "technical"),
            (std::vector<std::string>{"decide.technical", "scoresheet", "evaluate", "edit"}));
}

TEST(WebIntakeTest, NamesAreCleanedAndConfined) {
  EXPECT_EQ(CleanUploadName("dir/sub/a.docx"), "dir/sub/a.docx");
  EXPECT_EQ(CleanUploadName("/etc//./passwd"), "etc/passwd");
  EXPECT_EQ(CleanUploadName("C:\\x\\y.pdf"), "C:/x/y.pdf");
  EXPECT_EQ(CleanUploadName("a/../b.pdf"), std::nullopt);
  EXPECT_EQ(CleanUploadName("..\\b.pdf"), std::nullopt);
  EXPECT_EQ(CleanUploadName("a\nb.pdf"), std::nullopt);
  EXPECT_EQ(CleanUploadName("/./"), std::nullopt);
  // A picked folder: its own name is dropped; otherwise names are kept.
  Result<std::vector<std::string>> picked =
      CleanUploadNames({{"R05/a.docx", ""}, {"R05/sub/b.pdf", ""}});
  ASSERT_TRUE(picked);
  EXPECT_EQ(*picked, (std::vector<std::string>{"a.docx", "sub/b.pdf"}));
  Result<std::vector<std::string>> loose = CleanUploadNames({{"R05/a.docx", ""}, {"b.pdf", ""}});
  ASSERT_TRUE(loose);
  EXPECT_EQ(*loose, (std::vector<std::string>{"R05/a.docx", "b.pdf"}));
  Result<std::vector<std::string>> twice = CleanUploadNames({{"a.pdf", ""}, {"/a.pdf", ""}});
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().message(), "a.pdf");
}

TEST(WebIntakeTest, LimitsBeforeStoring) {
  UploadLimits limits{4, 2, 1};
  EXPECT_EQ(BreaksLimits({{"a", "1234"}}, {"a"}, limits), std::nullopt);
  EXPECT_EQ(BreaksLimits({{"a", "12345"}}, {"a"}, limits),
            std::make_pair(std::string("max_file_bytes"), std::string("a")));
  EXPECT_EQ(BreaksLimits({{"a", ""}, {"b", ""}, {"c", ""}}, {"a", "b", "c"}, limits)->first,
            "max_files");
  EXPECT_EQ(BreaksLimits({{"x", ""}}, {"d/e/x"}, limits)->first, "max_folder_depth");
}

TEST(WebFilesTest, HowEachFileIsShown) {
  std::string type;
  EXPECT_EQ(ViewKind("a/申请报告.PDF", &type), "pdf");
  EXPECT_EQ(type, "application/pdf");
  EXPECT_EQ(ViewKind("照片.JPG", &type), "image");
  EXPECT_EQ(type, "image/jpeg");
  EXPECT_EQ(ViewKind("申请表.docx", &type), "office");
  EXPECT_EQ(ViewKind("附件.zip", &type), "archive");
  EXPECT_EQ(ViewKind("页面.html", &type), "download");  // never rendered by the browser
  EXPECT_EQ(ViewKind("图.svg", &type), "download");
  EXPECT_EQ(ViewKind("dir.pdf/x", &type), "download");
}

TEST(WebFilesTest, RecordedPathsStayInTheIntake) {
  VersionFile f{"F1", "C2026-0001", 1, 1, "sub/a.pdf", 1, "", "R05"};
  EXPECT_EQ(RecordedFilePath("/in", f), "/in/R05/sub/a.pdf");
  for (const char* folder : {"..", "a/b", "", "/etc"}) {
    f.folder = folder;
    EXPECT_EQ(RecordedFilePath("/in", f), "") << folder;
  }
  f.folder = "R05";
  for (const char* path : {"../x", "/etc/passwd", "a/../../x", "a//b"}) {
    f.path = path;
    EXPECT_EQ(RecordedFilePath("/in", f), "") << path;
  }
  EXPECT_EQ(RecordedFilePath("", VersionFile{"F1", "C", 1, 1, "a", 1, "", "R05"}), "");
}

TEST(WebFilesTest, FilesAreRecordedOnlyAsReceivedAndServedOnlyUnchanged) {
  const std::string dir = testing::MakeTempDir() + "/R05";
  std::filesystem::create_directories(dir + "/sub");
  RealFileSystem fs;
  ASSERT_OK(fs.WriteFile(dir + "/申请报告.pdf", "%PDF-1.4 a"));
  ASSERT_OK(fs.WriteFile(dir + "/sub/b.pdf", "%PDF-1.4 b"));
  Result<std::string> received = registry::DossierContentHash(fs, dir);
  ASSERT_OK(received);
  Result<std::optional<std::vector<VersionFile>>> files =
      HashVersionFiles(dir, "C2026-0001", 1, *received);
  ASSERT_OK(files);
  ASSERT_TRUE(*files);
  ASSERT_EQ((*files)->size(), 2u);
  VersionFile f = (*files)->front();
  EXPECT_EQ(f.path, "sub/b.pdf");
  EXPECT_EQ(f.bytes, 10);
  EXPECT_EQ(f.file_id.size(), 25u);
  EXPECT_NE(f.file_id, (*files)->back().file_id);
  f.folder = "R05";
  const std::string intake = dir.substr(0, dir.size() - 4);
  EXPECT_EQ(ReadRecordedFile(RecordedFilePath(intake, f), f), "%PDF-1.4 b");
  ASSERT_OK(fs.WriteFile(dir + "/sub/b.pdf", "%PDF-1.4 c"));  // same size, other bytes
  EXPECT_EQ(ReadRecordedFile(RecordedFilePath(intake, f), f), std::nullopt);
  // The folder no longer holds what was received: nothing is recorded.
  files = HashVersionFiles(dir, "C2026-0001", 1, *received);
  ASSERT_OK(files);
  EXPECT_FALSE(*files);
}

// Issue 22: a dossier sent as one archive is recorded by its entries; the viewer serves an
// entry's bytes from the archive (nothing is unpacked) and refuses once the archive changed.
TEST(WebFilesTest, FilesOfAnArchiveDossierAreServedFromTheArchive) {
  const std::string intake = testing::MakeTempDir();
  const std::string zip = intake + "/长春某某职业技能培训学校.zip";
  std::filesystem::copy_file(
      testing::RepoRoot() +
          "/tests/e2e/testdata/庚-收件目录中的压缩包/长春某某职业技能培训学校.zip",
      zip);
  RealFileSystem fs;
  Result<std::string> received = registry::DossierContentHash(fs, zip);
  ASSERT_OK(received);
  Result<std::optional<std::vector<VersionFile>>> files =
      HashVersionFiles(zip, "C2026-0001", 1, *received);
  ASSERT_OK(files);
  ASSERT_TRUE(*files);
  const auto form = std::find_if((*files)->begin(), (*files)->end(), [](const VersionFile& f) {
    return f.path == "长春某某职业技能培训学校/附件1 申请表.docx";  // the GBK name, decoded
  });
  ASSERT_NE(form, (*files)->end());
  VersionFile f = *form;
  f.folder = "长春某某职业技能培训学校.zip";
  const std::string path = RecordedFilePath(intake, f);
  ASSERT_EQ(path, zip + "/" + f.path);
  const std::optional<std::string> bytes = ReadRecordedFile(path, f);
  ASSERT_TRUE(bytes);
  EXPECT_EQ(static_cast<std::int64_t>(bytes->size()), f.bytes);
  EXPECT_EQ(bytes->substr(0, 2), "PK");  // the .docx itself
  VersionFile other = f;
  other.sha256 = std::string(64, '0');  // recorded with other bytes: not served
  EXPECT_EQ(ReadRecordedFile(path, other), std::nullopt);
  ASSERT_OK(fs.WriteFile(zip, "PK\x05\x06 cut"));  // the archive changed since it was received
  EXPECT_EQ(ReadRecordedFile(path, f), std::nullopt);
  files = HashVersionFiles(zip, "C2026-0001", 1, *received);
  EXPECT_FALSE(files.ok() && *files);
}

TEST(WebFilesTest, OfficeTextOfTheSampleForm) {
  RealFileSystem fs;
  const std::string form =
      testing::RepoRoot() + "/samples/intake/R05-吉林省现代职业技能评价中心-省属机构/申请表.docx";
  Result<std::string> bytes = fs.ReadFile(form, 1 << 20);
  ASSERT_OK(bytes);
  Result<std::string> text = OfficeText(*bytes, "申请表.docx", ingest::Limits());
  ASSERT_OK(text);
  EXPECT_NE(text->find("统一社会信用代码\t12220000MB0C2D7E4J"), std::string::npos) << *text;
  EXPECT_FALSE(OfficeText("not a zip", "x.docx", ingest::Limits()).ok());
  ingest::Limits tiny;
  tiny.max_form_bytes = 100;
  EXPECT_FALSE(OfficeText(*bytes, "申请表.docx", tiny).ok());
}

TEST(WebRolesTest, UnknownRoleNamesTheLine) {
  const std::string dir = testing::MakeTempDir();
  RealFileSystem fs;
  ASSERT_TRUE(fs.WriteFile(dir + "/roles.tsv", "action\tstages\troles\nissue\t*\tboss\n").ok());
  Result<RoleTable> t = RoleTable::Load(fs, dir + "/roles.tsv");
  ASSERT_FALSE(t);
  EXPECT_NE(t.error().ToString().find("roles.tsv:2"), std::string::npos) << t.error().ToString();
}

TEST(WebPasswordTest, Argon2idWithTheParameters) {
  Result<std::string> h = HashPassword("correct horse");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << *h;
  EXPECT_TRUE(VerifyPassword(*h, "correct horse"));
  EXPECT_FALSE(VerifyPassword(*h, "correct horsf"));
  EXPECT_NE(*HashPassword("correct horse"), *h);  // salted
  EXPECT_EQ(RandomToken().size(), 64u);
}

TEST(WebStoreTest, LockoutAfterMaxFailuresPerUserAndAddress) {
  auto db = testing::OpenRegistryFile(testing::MakeTempDir() + "/registry.sqlite");
  ASSERT_TRUE(registry::Migrate(*db, "2026-09-21").ok());
  WebStore store(*db);
  ASSERT_TRUE(store.AddUser({"wang", "clerk", "220100", "x", false, "2026-09-21"}).ok());
  for (int i = 0; i < 2; ++i) ASSERT_TRUE(store.RecordFailure("wang", "a", 100, 3, 60).ok());
  EXPECT_FALSE(*store.Locked("wang", "a", 100));
  ASSERT_TRUE(store.RecordFailure("wang", "a", 100, 3, 60).ok());
  EXPECT_TRUE(*store.Locked("wang", "a", 159));
  EXPECT_FALSE(*store.Locked("wang", "b", 159));  // another address
  EXPECT_FALSE(*store.Locked("wang", "a", 160));  // the lockout ended
  ASSERT_TRUE(store.RecordFailure("wang", "a", 100, 3, 60).ok());
  ASSERT_TRUE(store.RecordFailure("wang", "a", 100, 3, 60).ok());
  ASSERT_TRUE(store.RecordFailure("wang", "a", 100, 3, 60).ok());
  ASSERT_TRUE(store.Unlock("wang").ok());
  EXPECT_FALSE(*store.Locked("wang", "a", 101));
}

TEST(WebStoreTest, SessionsExpireAndEndWithTheUser) {
  auto db = testing::OpenRegistryFile(testing::MakeTempDir() + "/registry.sqlite");
  ASSERT_TRUE(registry::Migrate(*db, "2026-09-21").ok());
  WebStore store(*db);
  ASSERT_TRUE(store.AddUser({"li", "reviewer", "220000", "x", false, "2026-09-21"}).ok());
  EXPECT_FALSE(store.AddUser({"li", "clerk", "220000", "x", false, "2026-09-21"}).ok());
  ASSERT_TRUE(store.CreateSession("h", {"li", "c", 200}).ok());
  EXPECT_TRUE(store.FindSession("h", 199)->has_value());
  EXPECT_FALSE(store.FindSession("h", 200)->has_value());
  ASSERT_TRUE(store.Disable("li").ok());
  EXPECT_FALSE(store.FindSession("h", 100)->has_value());
  EXPECT_TRUE(OfficeSees("220000", "220200"));
  EXPECT_FALSE(OfficeSees("220100", "220200"));
}

}  // namespace
}  // namespace pipeline::web
