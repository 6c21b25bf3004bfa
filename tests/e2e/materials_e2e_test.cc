// Issue 8, materials half, through the `beian` binary: whole dossiers committed under
// tests/e2e/testdata/ (files written by qpdf, python zipfile, CPython's test images and a
// hand-made OLE2 writer, see tests/ingest/testdata/viewers/make_viewer_fixtures.py) and one
// built at test time just over the 5,000-file probing cap.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "tests/testing/sample_runs.h"
#include "tests/testing/test_paths.h"

namespace pipeline {
namespace {

using nlohmann::json;
using testing::MakeTempDir;

json Check(const std::string& dossier, int* exit_code = nullptr) {
  testing::CheckRun run = testing::RunCheck(dossier, "--date 2026-11-25");
  if (exit_code != nullptr) *exit_code = run.exit_code;
  return std::move(run.report);
}

const json* MaterialOf(const json& report, const std::string& id) {
  for (const json& m : report["materials"]) {
    if (m["id"] == id) return &m;
  }
  return nullptr;
}

TEST(MaterialsEndToEndTest, FilesViewersOpenMakeACompleteDossier) {
  const json r = Check("tests/e2e/testdata/甲-查看器能打开的文件");
  ASSERT_TRUE(r.is_object());
  EXPECT_EQ(r["completeness"], "complete");
  for (const json& m : r["materials"]) {
    if (m["required"] == true) {
      EXPECT_EQ(m["status"], "present") << m["id"];
    }
  }
  // Owner-password PDFs (RC4 and AES-256), bytes after %%EOF, OFD, TIFF, WebP, a motion
  // photo and legacy .xls/.doc are all healthy: no health finding names them.
  const std::set<std::string> rules = testing::RuleIds(r);
  for (const char* bad : {"ING-030", "ING-031", "ING-032", "ING-033", "ING-036", "ING-010"}) {
    EXPECT_EQ(rules.count(bad), 0u) << bad;
  }
  // A real user password is still "encrypted", and only a note beside the sound photo.
  std::set<std::string> encrypted;
  for (const json& f : r["findings"]) {
    if (f["rule"] == "ING-034") encrypted.insert(f["evidence"][0]["file"].get<std::string>());
    if (f["rule"] == "M-COM-10") {
      EXPECT_EQ(f["severity"], "review");
      EXPECT_EQ(f["message_id"], "completeness.material_extra_unreadable.encrypted");
    }
  }
  EXPECT_EQ(encrypted, std::set<std::string>{"视频监控设施情况.pdf"});
  // Outline-numbered folder as context, the form found as `附件1 申请表.docx`.
  const json* staff = MaterialOf(r, "M-COM-07");
  ASSERT_NE(staff, nullptr);
  EXPECT_EQ((*staff)["files"].size(), 3u);
  EXPECT_EQ(r["application"]["kind"], "initial");
}

TEST(MaterialsEndToEndTest, DoubledExtensionFormWinsOverTheBlankTemplate) {
  const json r = Check("tests/e2e/testdata/乙-申请表命名与空白表");
  ASSERT_TRUE(r.is_object());
  EXPECT_EQ(r["completeness"], "complete");
  EXPECT_EQ(r["application"]["kind"], "initial");
  bool noted = false;
  for (const json& f : r["findings"]) {
    EXPECT_NE(f["rule"], "ING-011");
    if (f["rule"] == "ING-017") {
      noted = true;
      EXPECT_EQ(f["severity"], "info");
      EXPECT_NE(f["message"].get<std::string>().find("申请表.docx.docx"), std::string::npos);
    }
  }
  EXPECT_TRUE(noted);
}

// Just over the probing cap, with the management rules sorting after 5,010 photos: they are
// listed by name and shown as "to be checked", never silently "missing".
TEST(MaterialsEndToEndTest, JustOverTheFileCapNothingIsDroppedAsMissing) {
  namespace fs = std::filesystem;
  const fs::path dossier = fs::path(MakeTempDir()) / "丙-文件过多";
  fs::copy("samples/intake/S01-长春鼎新职业技能培训学校-首次申请", dossier,
           fs::copy_options::recursive);
  fs::create_directories(dossier / "场地照片");
  const std::string jpeg("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x02\xFF\xD9", 15);
  for (int i = 0; i < 5010; ++i) {
    std::ofstream(dossier / "场地照片" / (std::to_string(10000 + i) + ".jpg"), std::ios::binary)
        << jpeg;
  }
  int rc = 0;
  const json r = Check(dossier.string(), &rc);
  ASSERT_TRUE(r.is_object());
  for (const json& m : r["materials"]) {
    EXPECT_NE(m["status"], "missing") << m["id"];
  }
  const json* rules = MaterialOf(r, "M-COM-12");
  ASSERT_NE(rules, nullptr);
  EXPECT_EQ((*rules)["status"], "uncertain");
  EXPECT_EQ((*rules)["files"], json::array({"管理制度/管理运行制度.pdf"}));
  bool limit = false;
  for (const json& f : r["findings"]) {
    if (f["message_id"] == "ingest.probe_limit") {
      limit = true;
      EXPECT_EQ(f["rule"], "ING-006");
      const std::string text = f["message"].get<std::string>();
      EXPECT_NE(text.find("丙-文件过多"), std::string::npos) << text;
      EXPECT_NE(text.find("5000"), std::string::npos) << text;
    }
  }
  EXPECT_TRUE(limit);
  // Every file is in the report: the photos no material claims are listed, not dropped.
  EXPECT_EQ(r["unmatched_files"].size(), 5011u);  // 5,010 photos + 机构宣传册.pdf
  EXPECT_EQ(r["completeness"], "complete");       // uncertain is a review item, not a demand
  EXPECT_EQ(rc, 0);
}

// A PDF of `pages` empty A4 pages, its cross-reference table exact.
std::string PdfOfPages(int pages) {
  std::vector<std::string> objects = {"<< /Type /Catalog /Pages 2 0 R >>"};
  std::string kids;
  for (int i = 0; i < pages; ++i) kids += std::to_string(3 + i) + " 0 R ";
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages) + " >>");
  for (int i = 0; i < pages; ++i) {
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>");
  }
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t offset : offsets) {
    std::string number = std::to_string(offset);
    pdf += std::string(10 - number.size(), '0') + number + " 00000 n \n";
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// report.json files[] carries `pages` for every PDF that opens (qpdf's page count), and none
// for a PDF that does not open or a file that is no PDF.
TEST(MaterialsEndToEndTest, EveryPdfThatOpensHasItsPageCount) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(MakeTempDir()) / "甲-页数";
  fs::copy("tests/e2e/testdata/甲-查看器能打开的文件", dir, fs::copy_options::recursive);
  std::ofstream(dir / "补充说明.pdf", std::ios::binary) << PdfOfPages(3);
  std::ofstream(dir / "宣传册.pdf", std::ios::binary) << "%PDF-1.4 junk %%EOF";
  const json r = Check(dir.string());
  ASSERT_TRUE(r.is_object());
  std::map<std::string, json> files;
  for (const json& f : r["files"]) files[f["display"].get<std::string>()] = f;
  ASSERT_EQ(files.count("补充说明.pdf"), 1u);
  EXPECT_EQ(files["补充说明.pdf"]["pages"], 3);
  EXPECT_EQ(files["法人登记证书.pdf"]["pages"], 1);
  EXPECT_FALSE(files["宣传册.pdf"].contains("pages")) << files["宣传册.pdf"];
  EXPECT_FALSE(files["附件1 申请表.docx"].contains("pages"));
}

}  // namespace
}  // namespace pipeline
