// Issue 22, archives and GBK names, through the `beian` binary: dossiers whose materials are in
// zips made the way Windows makes them (GBK names without the UTF-8 flag; built byte by byte by
// tests/e2e/testdata/make_archive_fixtures.py), a .7z made by 7-Zip and a RAR 5 (opened through
// libarchive), an empty .7z, and GBK file names on disk (a Windows zip unpacked on Linux, made
// here in a temporary folder); whole dossiers dropped into the intake as one archive each,
// through `run` and `watch --once`.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "pipeline/registry/sqlite_storage.h"
#include "pipeline/report/case_id.h"
#include "tests/service/service_testing.h"
#include "tests/testing/sample_runs.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_paths.h"

namespace pipeline {
namespace {

using nlohmann::json;

json CheckArchived(const std::string& dossier) {
  return testing::RunCheck(dossier, "--date 2026-11-25").report;
}

// files[] by display text.
std::map<std::string, json> FilesByDisplay(const json& report) {
  std::map<std::string, json> out;
  for (const json& f : report["files"]) out[f["display"].get<std::string>()] = f;
  return out;
}

void ExpectEveryRequiredMaterialPresent(const json& r) {
  for (const json& m : r["materials"]) {
    if (m["required"] == true) {
      EXPECT_EQ(m["status"], "present") << m["id"];
    }
  }
}

TEST(ArchivesEndToEndTest, WholeDossierInOneWindowsZip) {
  const json r = CheckArchived("tests/e2e/testdata/丙-整包压缩");
  ASSERT_TRUE(r.is_object());
  EXPECT_EQ(r["completeness"], "complete");
  ExpectEveryRequiredMaterialPresent(r);
  EXPECT_EQ(r["application"]["kind"], "initial");  // the form inside the zip was read
  const std::set<std::string> rules = testing::RuleIds(r);
  for (const char* bad : {"ING-010", "ING-021", "ING-036"}) EXPECT_EQ(rules.count(bad), 0u) << bad;
  EXPECT_EQ(rules.count("ING-008"), 1u);
  const auto files = FilesByDisplay(r);
  const auto form = files.find("申请材料.zip › 申请材料/附件1 申请表.docx");
  ASSERT_NE(form, files.end());
  EXPECT_EQ(form->second["archive"], "申请材料.zip");
  EXPECT_EQ(form->second["entry"], "申请材料/附件1 申请表.docx");
  EXPECT_EQ(form->second["name_encoding"], "gb18030");
  EXPECT_EQ(files.count("申请材料.zip"), 0u);  // the archive gave way to its files
}

TEST(ArchivesEndToEndTest, FormOutsideAttachmentsInZip) {
  const json r = CheckArchived("tests/e2e/testdata/丁-附件压缩包");
  ASSERT_TRUE(r.is_object());
  EXPECT_EQ(r["completeness"], "complete");
  ExpectEveryRequiredMaterialPresent(r);
  const auto files = FilesByDisplay(r);
  const auto licence = files.find("附件.zip › 法人登记证书.pdf");
  ASSERT_NE(licence, files.end());
  EXPECT_EQ(licence->second["name_encoding"], "gb18030");
  // Written with the UTF-8 flag (7-Zip), and a CP437 name from an old DOS tool.
  const auto flagged = files.find("附件.zip › 题库情况说明.doc");
  ASSERT_NE(flagged, files.end());
  EXPECT_EQ(flagged->second["name_encoding"], "utf-8");
  const auto dos = files.find("附件.zip › café menu.txt");
  ASSERT_NE(dos, files.end());
  EXPECT_EQ(dos->second["name_encoding"], "cp437");
  EXPECT_EQ(dos->second["entry"], "café menu.txt");
  const auto loose = files.find("附件1 申请表.docx");
  ASSERT_NE(loose, files.end());
  EXPECT_TRUE(loose->second["archive"].is_null());
  EXPECT_TRUE(loose->second["entry"].is_null());
  // The material's files name the entry; the zip inside the zip is a finding, not opened.
  bool licence_listed = false;
  for (const json& m : r["materials"]) {
    for (const json& f : m["files"]) licence_listed |= f == "附件.zip › 法人登记证书.pdf";
  }
  EXPECT_TRUE(licence_listed);
  bool nested = false;
  for (const json& f : r["findings"]) {
    if (f["rule"] != "ING-009") continue;
    nested = true;
    EXPECT_EQ(f["severity"], "review");
    EXPECT_NE(f["message"].get<std::string>().find("附件.zip › 补充材料.zip"), std::string::npos);
  }
  EXPECT_TRUE(nested);
  EXPECT_EQ(files.count("附件.zip › 补充材料.zip"), 0u);
}

// The attachments split between a .7z and a .rar: both opened, their files read as the
// dossier's own; the materials come out as for the same files loose (甲).
TEST(ArchivesEndToEndTest, SevenZipAndRarAreOpenedAsZipsAre) {
  const json r = CheckArchived("tests/e2e/testdata/己-七z与rar压缩包");
  const json loose = CheckArchived("tests/e2e/testdata/甲-查看器能打开的文件");
  ASSERT_TRUE(r.is_object() && loose.is_object());
  const std::set<std::string> rules = testing::RuleIds(r);
  EXPECT_EQ(rules.count("ING-037"), 0u);
  EXPECT_EQ(rules.count("ING-036"), 0u);
  int opened = 0;
  for (const json& f : r["findings"]) opened += f["rule"] == "ING-008" ? 1 : 0;
  EXPECT_EQ(opened, 2);
  std::map<std::string, std::string> got, want;
  for (const json& m : r["materials"]) got[m["id"]] = m["status"];
  for (const json& m : loose["materials"]) want[m["id"]] = m["status"];
  EXPECT_EQ(got, want);
  const auto files = FilesByDisplay(r);
  const auto rules_file = files.find("附件二.rar › 管理制度/人员管理制度.pdf");
  ASSERT_NE(rules_file, files.end());
  EXPECT_EQ(rules_file->second["archive"], "附件二.rar");
  EXPECT_EQ(rules_file->second["entry"], "管理制度/人员管理制度.pdf");
  EXPECT_EQ(files.count("附件.7z › 收费标准.pdf"), 1u);
  EXPECT_EQ(r["application"]["kind"], loose["application"]["kind"]);
}

// A .7z with no file in it (only the signature header): named and asked for again.
TEST(ArchivesEndToEndTest, AnEmpty7zIsNamedAndAskedForAgain) {
  const json r = CheckArchived("tests/e2e/testdata/戊-七z压缩包");
  ASSERT_TRUE(r.is_object());
  bool named = false;
  for (const json& f : r["findings"]) {
    EXPECT_NE(f["rule"], "ING-036");
    if (f["rule"] != "ING-037") continue;
    named = true;
    const std::string message = f["message"].get<std::string>();
    EXPECT_NE(message.find("附件.7z"), std::string::npos) << message;
    EXPECT_NE(message.find("7z格式"), std::string::npos) << message;
    EXPECT_NE(message.find("zip"), std::string::npos) << message;
  }
  EXPECT_TRUE(named);
}

// A Windows zip unpacked on Linux: names stay GBK bytes on disk. They are decoded for reports
// and matching, and the files are opened by their bytes.
TEST(ArchivesEndToEndTest, GbkNamesOnDiskAreDecodedAndOpened) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(testing::MakeTempDir()) / "己-GBK文件名";
  fs::copy("tests/e2e/testdata/甲-查看器能打开的文件", dir, fs::copy_options::recursive);
  fs::rename(dir / "法人登记证书.pdf",
             dir / "\xB7\xA8\xC8\xCB\xB5\xC7\xBC\xC7\xD6\xA4\xCA\xE9.pdf");
  fs::rename(dir / "法定代表人身份证明.pdf",
             dir / "\xB7\xA8\xB6\xA8\xB4\xFA\xB1\xED\xC8\xCB\xC9\xED\xB7\xDD\xD6\xA4\xC3\xF7.pdf");
  fs::rename(dir / "管理制度", dir / "\xB9\xDC\xC0\xED\xD6\xC6\xB6\xC8");
  const json r = CheckArchived(dir.string());
  ASSERT_TRUE(r.is_object());
  EXPECT_EQ(r["completeness"], "complete");
  ExpectEveryRequiredMaterialPresent(r);
  const std::set<std::string> rules = testing::RuleIds(r);
  for (const char* bad : {"ING-021", "ING-031", "ING-036"}) EXPECT_EQ(rules.count(bad), 0u) << bad;
  const auto files = FilesByDisplay(r);
  ASSERT_EQ(files.count("法人登记证书.pdf"), 1u);
  EXPECT_EQ(files.at("法人登记证书.pdf")["name_encoding"], "gb18030");
  EXPECT_EQ(files.at("法定代表人身份证明.pdf")["name_encoding"], "gb18030");
  ASSERT_EQ(files.count("管理制度/人员管理制度.pdf"), 1u);
  bool licence_listed = false;
  for (const json& m : r["materials"]) {
    if (m["id"] != "M-COM-03") continue;
    for (const json& f : m["files"]) licence_listed |= f == "法人登记证书.pdf";
  }
  EXPECT_TRUE(licence_listed);
}

// An intake folder holding two whole dossiers as one archive each (庚: a Windows zip with GBK
// names, a RAR 5), copied to a temporary intake.
std::string ArchiveIntake() {
  namespace fs = std::filesystem;
  const fs::path intake = fs::path(testing::MakeTempDir()) / "收件箱";
  fs::copy("tests/e2e/testdata/庚-收件目录中的压缩包", intake, fs::copy_options::recursive);
  return intake.string();
}

const char kZipDossier[] = "长春某某职业技能培训学校.zip";
const char kRarDossier[] = "吉林某某培训中心.rar";

std::string RunArgs(const std::string& intake, const std::string& out, int jobs) {
  return "run " + testing::Quote(intake) + " --out " + testing::Quote(out) +
         " --no-pdf --date 2026-11-25 --quiet --jobs " + std::to_string(jobs);
}

std::string WatchOnceArgs(const std::string& intake, const std::string& out) {
  return "watch " + testing::Quote(intake) + " --out " + testing::Quote(out) +
         " --once --settle 0 --no-pdf --date 2026-11-25 --quiet";
}

json ReportIn(const std::string& out, const std::string& archive) {
  return json::parse(
      testing::ReadText(testing::CaseFolder(out, report::CaseIdFor(archive)) + "/report.json"),
      nullptr, false);
}

// An archive dropped directly into the intake is a dossier of its own, named by the archive
// without its extension, its files read from the archive (the intake is never unpacked into or
// changed); run with one or two workers and watch --once give the same bytes.
TEST(ArchivesEndToEndTest, AnArchiveInTheIntakeIsADossierOfItsOwn) {
  using service::test_util::Beian;
  using service::test_util::FilesUnder;
  const std::string intake = ArchiveIntake();
  const auto before = FilesUnder(intake);
  const std::string root = testing::MakeTempDir();
  std::string log;
  const int code = Beian(RunArgs(intake, root + "/一", 1), &log);
  EXPECT_TRUE(code == 0 || code == 1) << code << log;
  EXPECT_EQ(log.find("ING-001"), std::string::npos) << log;

  const json summary = json::parse(testing::ReadText(root + "/一/summary.json"), nullptr, false);
  ASSERT_TRUE(summary.is_object());
  ASSERT_EQ(summary["dossiers"].size(), 2u) << summary;
  std::set<std::string> ids;
  for (const json& row : summary["dossiers"]) ids.insert(row.value("case_id", ""));
  EXPECT_EQ(
      ids, std::set<std::string>({report::CaseIdFor(kZipDossier), report::CaseIdFor(kRarDossier)}));

  const json zip = ReportIn(root + "/一", kZipDossier);
  ASSERT_TRUE(zip.is_object());
  EXPECT_EQ(zip["dossier"], "长春某某职业技能培训学校");
  EXPECT_EQ(zip["completeness"], "complete");
  ExpectEveryRequiredMaterialPresent(zip);
  EXPECT_EQ(zip["application"]["kind"], "initial");  // the form inside the zip was read
  const std::set<std::string> rules = testing::RuleIds(zip);
  for (const char* bad : {"ING-001", "ING-010", "ING-021", "ING-036", "ING-038"}) {
    EXPECT_EQ(rules.count(bad), 0u) << bad;
  }
  const auto files = FilesByDisplay(zip);
  const auto form =
      files.find("长春某某职业技能培训学校.zip › 长春某某职业技能培训学校/附件1 申请表.docx");
  ASSERT_NE(form, files.end());
  EXPECT_EQ(form->second["archive"], "长春某某职业技能培训学校.zip");
  EXPECT_EQ(form->second["entry"], "长春某某职业技能培训学校/附件1 申请表.docx");
  EXPECT_EQ(form->second["name_encoding"], "gb18030");

  const json rar = ReportIn(root + "/一", kRarDossier);
  ASSERT_TRUE(rar.is_object());
  EXPECT_EQ(rar["dossier"], "吉林某某培训中心");
  EXPECT_EQ(rar["completeness"], "complete");
  EXPECT_EQ(FilesByDisplay(rar).count("吉林某某培训中心.rar › 附件1 申请表.docx"), 1u);

  // Two workers, and watch --once: the same bytes.
  EXPECT_EQ(Beian(RunArgs(intake, root + "/二", 2), &log), code) << log;
  EXPECT_EQ(Beian(WatchOnceArgs(intake, root + "/看"), &log), code) << log;
  for (const std::string& other : {root + "/二", root + "/看"}) {
    for (const char* archive : {kZipDossier, kRarDossier}) {
      const std::string id = report::CaseIdFor(archive);
      EXPECT_TRUE(testing::ReadText(testing::CaseFolder(root + "/一", id) + "/report.json") ==
                  testing::ReadText(testing::CaseFolder(other, id) + "/report.json"))
          << other << " " << id;
    }
    EXPECT_TRUE(testing::ReadText(root + "/一/summary.json") ==
                testing::ReadText(other + "/summary.json"))
        << other;
    EXPECT_TRUE(testing::ReadText(root + "/一/index.html") ==
                testing::ReadText(other + "/index.html"))
        << other;
  }
  EXPECT_EQ(FilesUnder(intake), before);  // read, never unpacked into or changed
}

// Issue 22: with a registry, an archive dossier is registered as a folder is: a case version
// recorded under the archive's name with its files hashed from the entries, and a 材料接收回执;
// the same bytes again are the same version; no "unpack it" warning.
TEST(ArchivesEndToEndTest, AnArchiveDossierIsRegisteredWithItsReceipt) {
  using service::test_util::Beian;
  const std::string intake = ArchiveIntake();
  const std::string root = testing::MakeTempDir();
  const std::string db = root + "/registry.sqlite";
  std::string log;
  const std::string args = " --registry " + testing::Quote(db);
  const int code = Beian(RunArgs(intake, root + "/一", 1) + args, &log);
  EXPECT_TRUE(code == 0 || code == 1) << code << log;
  std::map<std::string, json> registered;
  for (const char* archive : {kZipDossier, kRarDossier}) {
    const json r = ReportIn(root + "/一", archive);
    ASSERT_TRUE(r.is_object()) << archive;
    registered[archive] = r["registry"];
    EXPECT_TRUE(r["registry"]["case"].is_string()) << archive << r["registry"];
    EXPECT_TRUE(r["registry"]["receipt"].is_string()) << archive << r["registry"];
  }
  EXPECT_NE(registered[kZipDossier]["version"], registered[kRarDossier]["version"]);
  EXPECT_EQ(log.find("解压"), std::string::npos) << log;
  // The version's folder is the archive's name in the intake, where the workbench finds it.
  {
    auto storage = registry::SqliteStorage::Open(db);
    ASSERT_OK(storage);
    auto rows = (*storage)->Query("SELECT folder FROM dossier_versions ORDER BY folder");
    ASSERT_OK(rows);
    std::set<std::string> folders;
    for (const auto& row : *rows) folders.insert(registry::AsText(row[0]));
    EXPECT_EQ(folders, std::set<std::string>({kZipDossier, kRarDossier}));
  }
  // Run again on the same bytes: the same versions, nothing new received.
  Beian(RunArgs(intake, root + "/二", 1) + args, &log);
  for (const char* archive : {kZipDossier, kRarDossier}) {
    const json r = ReportIn(root + "/二", archive);
    ASSERT_TRUE(r.is_object()) << archive;
    EXPECT_EQ(r["registry"]["outcome"], "unchanged") << archive << r["registry"];
    EXPECT_EQ(r["registry"]["version"], registered[archive]["version"]) << archive;
  }
}

// watch sees an archive dossier change by its bytes: the same size and modification time
// with one byte changed is a changed dossier; an unchanged archive is not processed again.
TEST(ArchivesEndToEndTest, WatchSeesAChangedArchiveByItsBytes) {
  namespace fs = std::filesystem;
  using service::test_util::Beian;
  const std::string intake = ArchiveIntake();
  const std::string out = testing::MakeTempDir() + "/出";
  const std::string zip_id = report::CaseIdFor(kZipDossier);
  const std::string rar_id = report::CaseIdFor(kRarDossier);
  std::string log;
  Beian(WatchOnceArgs(intake, out), &log);
  EXPECT_NE(log.find(zip_id), std::string::npos) << log;
  EXPECT_NE(log.find(rar_id), std::string::npos) << log;
  Beian(WatchOnceArgs(intake, out), &log);
  EXPECT_EQ(log.find(zip_id), std::string::npos) << "processed again unchanged: " << log;
  // The first central header's "version made by" (4 bytes in; the central directory's offset
  // is 6 bytes from the end): the same size and modification time, the zip reads the same.
  const fs::path zip = fs::path(intake) / kZipDossier;
  const auto mtime = fs::last_write_time(zip);
  std::string bytes = testing::ReadText(zip.string());
  ASSERT_GT(bytes.size(), 22u);
  std::size_t central = 0;
  for (std::size_t i = 4; i > 0; --i) {
    central = central * 256 + static_cast<unsigned char>(bytes[bytes.size() - 7 + i]);
  }
  ASSERT_LT(central + 5, bytes.size());
  ASSERT_EQ(bytes.substr(central, 4), std::string("PK\x01\x02"));
  bytes[central + 4] = static_cast<char>(bytes[central + 4] ^ 0x01);
  service::test_util::WriteFile(zip, bytes);
  fs::last_write_time(zip, mtime);
  Beian(WatchOnceArgs(intake, out), &log);
  EXPECT_NE(log.find(zip_id), std::string::npos) << "a changed archive was not seen: " << log;
  EXPECT_EQ(log.find(rar_id), std::string::npos) << log;
  EXPECT_EQ(ReportIn(out, kZipDossier)["completeness"], "complete");
}

// An archive dossier that does not open: one blocking finding naming it and asking for an
// archive that opens, and nothing else read from it; never a crash.
TEST(ArchivesEndToEndTest, AnArchiveDossierThatDoesNotOpenIsNamedAndAskedForAgain) {
  const std::string dir = testing::MakeTempDir();
  service::test_util::WriteFile(dir + "/某学校.zip", "PK\x03\x04 not really a zip");
  const testing::CheckRun run = testing::RunCheck(dir + "/某学校.zip", "--date 2026-11-25");
  EXPECT_EQ(run.exit_code, 1) << run.stdout_text << run.stderr_text;
  const json& r = run.report;
  ASSERT_TRUE(r.is_object()) << run.stdout_text << run.stderr_text;
  EXPECT_EQ(r["dossier"], "某学校");
  bool named = false;
  for (const json& f : r["findings"]) {
    EXPECT_NE(f["rule"], "ING-001");
    if (f["rule"] != "ING-038") continue;
    named = true;
    EXPECT_EQ(f["severity"], "blocking");
    const std::string message = f["message"].get<std::string>();
    EXPECT_NE(message.find("某学校.zip"), std::string::npos) << message;
    EXPECT_NE(message.find("重新提交"), std::string::npos) << message;
  }
  EXPECT_TRUE(named) << r["findings"];
}

// A dossier folder whose own name is GBK bytes (a Windows zip unpacked on Linux), and an
// archive dossier named so: shown decoded in report.json, summary.json and index.html, with
// the case id, watch's state and the opening from the raw bytes.
TEST(ArchivesEndToEndTest, GbkDossierNamesAreDecodedForDisplay) {
  namespace fs = std::filesystem;
  using service::test_util::Beian;
  const fs::path intake = fs::path(testing::MakeTempDir()) / "收件箱";
  fs::create_directories(intake);
  const std::string folder = "\xBC\xAA\xC1\xD6\xC4\xB3\xC4\xB3\xD1\xA7\xD0\xA3";  // 吉林某某学校
  const std::string archive = "\xB0\xD7\xC9\xBD\xC4\xB3\xC4\xB3\xD6\xD0\xD0\xC4.rar";
  fs::copy("tests/e2e/testdata/甲-查看器能打开的文件", intake / folder,
           fs::copy_options::recursive);
  fs::copy(std::string("tests/e2e/testdata/庚-收件目录中的压缩包/") + kRarDossier,
           intake / archive);
  const std::string out = testing::MakeTempDir() + "/出";
  std::string log;
  const int code = Beian(RunArgs(intake.string(), out, 1), &log);
  EXPECT_TRUE(code == 0 || code == 1) << code << log;
  const json r = ReportIn(out, folder);
  ASSERT_TRUE(r.is_object()) << log;
  EXPECT_EQ(r["dossier"], "吉林某某学校");
  EXPECT_EQ(r["case_id"], report::CaseIdFor(folder));  // from the raw bytes
  EXPECT_EQ(r["completeness"], "complete");            // its files were opened
  EXPECT_EQ(testing::RuleIds(r).count("ING-021"), 0u);
  const json a = ReportIn(out, archive);
  ASSERT_TRUE(a.is_object()) << log;
  EXPECT_EQ(a["dossier"], "白山某某中心");
  EXPECT_EQ(a["completeness"], "complete");
  EXPECT_EQ(FilesByDisplay(a).count("白山某某中心.rar › 附件1 申请表.docx"), 1u);
  for (const char* file : {"/summary.json", "/index.html"}) {
    const std::string text = testing::ReadText(out + file);
    EXPECT_NE(text.find("吉林某某学校"), std::string::npos) << file;
    EXPECT_NE(text.find("白山某某中心"), std::string::npos) << file;
    EXPECT_EQ(text.find("\\xBC"), std::string::npos) << file;
    EXPECT_EQ(text.find("\\xB0"), std::string::npos) << file;
  }
  // watch keeps its state by the raw names: a second look processes nothing.
  const std::string watched = testing::MakeTempDir() + "/看";
  Beian(WatchOnceArgs(intake.string(), watched), &log);
  EXPECT_NE(log.find(report::CaseIdFor(folder)), std::string::npos) << log;
  EXPECT_NE(log.find("吉林某某学校"), std::string::npos) << log;
  Beian(WatchOnceArgs(intake.string(), watched), &log);
  EXPECT_EQ(log.find(report::CaseIdFor(folder)), std::string::npos) << log;
  EXPECT_EQ(log.find(report::CaseIdFor(archive)), std::string::npos) << log;
  EXPECT_TRUE(
      testing::ReadText(testing::CaseFolder(out, report::CaseIdFor(folder)) + "/report.json") ==
      testing::ReadText(testing::CaseFolder(watched, report::CaseIdFor(folder)) + "/report.json"));
}

}  // namespace
}  // namespace pipeline

namespace pipeline {
namespace {

using nlohmann::json;

// One stored entry `name` holding `data`, with general-purpose `flags` (bit 0: encrypted), as
// a zip: local header, data, central header, end record. Built byte by byte so that the test
// needs no zip tool; CRC-32 computed here.
std::string StoredZip(const std::string& name, const std::string& data, unsigned flags) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (char c : data) {
    crc ^= static_cast<std::uint8_t>(c);
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  crc ^= 0xFFFFFFFFu;
  auto le = [](std::string& out, std::uint32_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFFu));
  };
  const auto size = static_cast<std::uint32_t>(data.size());
  const auto name_size = static_cast<std::uint32_t>(name.size());
  std::string z = "PK\x03\x04";
  le(z, 20, 2), le(z, flags, 2), le(z, 0, 2), le(z, 0, 4), le(z, crc, 4), le(z, size, 4);
  le(z, size, 4), le(z, name_size, 2), le(z, 0, 2);
  z += name + data;
  const auto central = static_cast<std::uint32_t>(z.size());
  z += "PK\x01\x02";
  le(z, 20, 2), le(z, 20, 2), le(z, flags, 2), le(z, 0, 2), le(z, 0, 4), le(z, crc, 4);
  le(z, size, 4), le(z, size, 4), le(z, name_size, 2), le(z, 0, 2), le(z, 0, 2), le(z, 0, 2);
  le(z, 0, 2), le(z, 0, 4);  // extra, comment, disk; internal and external attributes
  le(z, 0, 4);               // the local header's offset
  z += name;
  const auto central_size = static_cast<std::uint32_t>(z.size()) - central;
  z += "PK\x05\x06";
  le(z, 0, 4), le(z, 1, 2), le(z, 1, 2), le(z, central_size, 4), le(z, central, 4), le(z, 0, 2);
  return z;
}

// The ING-037 messages of `r`, by file named.
std::vector<std::string> UnreadArchiveMessages(const json& r) {
  std::vector<std::string> out;
  for (const json& f : r["findings"]) {
    EXPECT_NE(f["rule"], "ING-036") << f;  // a zip is not an "unsupported file type"
    if (f["rule"] == "ING-037") out.push_back(f["message"].get<std::string>());
  }
  return out;
}

// Issue 22: a zip whose structure is sound (its health probe finds nothing wrong) but which the
// reader does not open for files, a password on an entry or nothing but folders in it, was
// reported as an "unsupported file type, send PDF or Office files" (ING-036), or not at all as
// a dossier of its own. It is named, with what it lacks and what to send (ING-037).
TEST(ArchivesEndToEndTest, AZipThatGivesNoFileIsNamedWithWhatToSend) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(testing::MakeTempDir()) / "某学校";
  fs::copy("tests/e2e/testdata/甲-查看器能打开的文件", dir, fs::copy_options::recursive);
  service::test_util::WriteFile(dir / "附件.zip", StoredZip("营业执照.pdf", "ciphertext", 1));
  service::test_util::WriteFile(dir / "附件二.zip", StoredZip("附件二/", "", 0));
  const json r = CheckArchived(dir.string());
  ASSERT_TRUE(r.is_object());
  const std::vector<std::string> messages = UnreadArchiveMessages(r);
  ASSERT_EQ(messages.size(), 2u) << r["findings"];
  const std::string both = messages[0] + messages[1];
  for (const char* part : {"附件.zip”设有密码", "附件二.zip”中没有可审查的文件", "zip压缩包"}) {
    EXPECT_NE(both.find(part), std::string::npos) << part << ": " << both;
  }
  for (const json& f : r["findings"]) {
    if (f["rule"] == "ING-037") {
      EXPECT_EQ(f["severity"], "review");
    }
  }

  // The same encrypted zip sent as the whole dossier: ING-037 says why, ING-038 blocks.
  const std::string intake = testing::MakeTempDir();
  service::test_util::WriteFile(intake + "/某学校.zip", StoredZip("申请表.docx", "x", 1));
  const testing::CheckRun run = testing::RunCheck(intake + "/某学校.zip", "--date 2026-11-25");
  ASSERT_TRUE(run.report.is_object()) << run.stdout_text << run.stderr_text;
  const std::vector<std::string> whole = UnreadArchiveMessages(run.report);
  ASSERT_EQ(whole.size(), 1u) << run.report["findings"];
  EXPECT_NE(whole[0].find("某学校.zip”设有密码"), std::string::npos) << whole[0];
  EXPECT_EQ(testing::RuleIds(run.report).count("ING-038"), 1u);
}

}  // namespace
}  // namespace pipeline
