// Issue 22, archives and GBK names, through the `beian` binary: dossiers whose materials are in
// zips made the way Windows makes them (GBK names without the UTF-8 flag; built byte by byte by
// tests/e2e/testdata/make_archive_fixtures.py), a .7z made by 7-Zip and a RAR 5 (opened through
// libarchive), an empty .7z, and GBK file names on disk (a Windows zip unpacked on Linux, made
// here in a temporary folder).
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "tests/testing/sample_runs.h"
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

}  // namespace
}  // namespace pipeline
