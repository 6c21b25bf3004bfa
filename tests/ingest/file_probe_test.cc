#include "pipeline/ingest/file_probe.h"

#include <gtest/gtest.h>

#include "pipeline/core/file_system.h"
#include "tests/ingest/ingest_test_util.h"
#include "tests/testing/test_paths.h"

namespace pipeline::ingest {
namespace {

using model::FileFormat;
using model::FileHealth;
using ::pipeline::ingest::testing::ReadTestdata;

std::string Bytes(const char* s, std::size_t n) { return std::string(s, n); }

std::string BlankDocx() {
  RealFileSystem fs;
  Result<std::string> r = fs.ReadFile(
      pipeline::testing::RepoRoot() + "/templates/forms/申请表（空白）.docx",
      FileSystem::kDefaultMaxRead);
  return r ? *r : std::string();
}

const std::string kPdfOk = "%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
const std::string kJpegOk = Bytes("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x02\xFF\xD9", 15);
const std::string kPngOk =
    Bytes("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00"
          "\x00\x90wS\xde\x00\x00\x00\x00IEND\xae\x42\x60\x82",
          45);

struct Case {
  const char* name;     // test row
  const char* file;     // file name (extension matters)
  std::string bytes;
  FileFormat format;
  FileHealth health;
};

TEST(IngestFileProbeTest, EachBadInputKindHasItsHealth) {
  const std::string docx = BlankDocx();
  ASSERT_FALSE(docx.empty());
  const std::string xlsx = ReadTestdata("health/ok.xlsx");
  const Case cases[] = {
      // Empty files keep the format their extension promises.
      {"empty pdf", "营业执照.pdf", "", FileFormat::kPdf, FileHealth::kEmpty},
      {"empty docx", "申请表.docx", "", FileFormat::kDocx, FileHealth::kEmpty},
      // PDF
      {"pdf ok", "营业执照.pdf", kPdfOk, FileFormat::kPdf, FileHealth::kOk},
      {"pdf upper-case extension", "SCAN.PDF", kPdfOk, FileFormat::kPdf, FileHealth::kOk},
      {"pdf truncated", "营业执照.pdf", kPdfOk.substr(0, 20), FileFormat::kPdf,
       FileHealth::kTruncated},
      {"pdf encrypted", "a.pdf", "%PDF-1.6\ntrailer<</Encrypt 9 0 R/Root 1 0 R>>\n%%EOF",
       FileFormat::kPdf, FileHealth::kEncrypted},
      {"pdf EncryptMetadata is not encryption", "a.pdf",
       "%PDF-1.6\n<</EncryptMetadata false>>\n%%EOF", FileFormat::kPdf, FileHealth::kOk},
      {"pdf without header", "a.pdf", "hello world", FileFormat::kPdf, FileHealth::kCorrupt},
      // Images
      {"jpeg ok", "照片.jpg", kJpegOk, FileFormat::kJpeg, FileHealth::kOk},
      {"jpeg .jpeg ok", "照片.JPEG", kJpegOk, FileFormat::kJpeg, FileHealth::kOk},
      {"jpeg truncated", "照片.jpg", kJpegOk.substr(0, 10), FileFormat::kJpeg,
       FileHealth::kTruncated},
      {"png ok", "图.png", kPngOk, FileFormat::kPng, FileHealth::kOk},
      {"png truncated", "图.png", kPngOk.substr(0, 33), FileFormat::kPng, FileHealth::kTruncated},
      {"png without IHDR", "图.png", Bytes("\x89PNG\r\n\x1a\n\x00\x00\x00\x00XXXX", 16),
       FileFormat::kPng, FileHealth::kCorrupt},
      {"jpeg garbage", "照片.jpg", "not an image", FileFormat::kJpeg, FileHealth::kCorrupt},
      // Extension and content disagree.
      {"jpeg named pdf", "营业执照.pdf", kJpegOk, FileFormat::kJpeg, FileHealth::kWrongFormat},
      {"pdf named jpg", "照片.jpg", kPdfOk, FileFormat::kPdf, FileHealth::kWrongFormat},
      {"pdf without extension", "营业执照", kPdfOk, FileFormat::kPdf, FileHealth::kWrongFormat},
      {"xlsx named docx", "申请表.docx", xlsx, FileFormat::kXlsx, FileHealth::kWrongFormat},
      {"docx named pdf", "a.pdf", docx, FileFormat::kDocx, FileHealth::kWrongFormat},
      // OOXML
      {"docx ok", "申请表.docx", docx, FileFormat::kDocx, FileHealth::kOk},
      {"xlsx ok", "名单.xlsx", xlsx, FileFormat::kXlsx, FileHealth::kOk},
      {"docx not a zip", "申请表.docx", "This is plain text.", FileFormat::kDocx,
       FileHealth::kCorrupt},
      {"docx truncated", "申请表.docx", docx.substr(0, docx.size() / 2), FileFormat::kDocx,
       FileHealth::kTruncated},
      {"docx encrypted (OLE2)", "申请表.docx", ReadTestdata("health/encrypted.docx"),
       FileFormat::kDocx, FileHealth::kEncrypted},
      {"docx zip bomb", "申请表.docx", ReadTestdata("health/bomb.docx"), FileFormat::kDocx,
       FileHealth::kTooLarge},
      // XML
      {"xml ok", "申请表.xml", "<?xml version=\"1.0\"?><application/>", FileFormat::kXml,
       FileHealth::kOk},
      {"xml malformed", "申请表.xml", "<application><x></application>", FileFormat::kXml,
       FileHealth::kCorrupt},
      {"xml not xml", "申请表.xml", "hello", FileFormat::kXml, FileHealth::kCorrupt},
      // Formats no checklist accepts.
      {"exe", "setup.exe", "MZ\x90", FileFormat::kOther, FileHealth::kUnsupported},
      {"legacy doc", "旧表.doc", ReadTestdata("health/encrypted.docx"), FileFormat::kOther,
       FileHealth::kUnsupported},
      {"plain zip", "材料.zip", xlsx.substr(0, 0) + docx, FileFormat::kDocx,
       FileHealth::kWrongFormat},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Probe p = ProbeFile(c.file, c.bytes, Limits());
    EXPECT_EQ(model::FileFormatName(p.format), std::string(model::FileFormatName(c.format)));
    EXPECT_EQ(model::FileHealthName(p.health), std::string(model::FileHealthName(c.health)))
        << p.detail;
    if (c.health != FileHealth::kOk) {
      EXPECT_FALSE(p.detail.empty());
    }
  }
}

TEST(IngestFileProbeTest, ZipBombDetailNamesTheRatioCap) {
  Probe p = ProbeFile("申请表.docx", ReadTestdata("health/bomb.docx"), Limits());
  EXPECT_EQ(p.health, FileHealth::kTooLarge);
  EXPECT_NE(p.detail.find("word/document.xml compression ratio"), std::string::npos) << p.detail;
}

TEST(IngestFileProbeTest, InflatedSizeCapAppliesBelowTheRatio) {
  Limits tight;
  tight.max_entry_bytes = 1000;  // the blank form's document.xml is larger
  Probe p = ProbeFile("申请表.docx", BlankDocx(), tight);
  EXPECT_EQ(p.health, FileHealth::kTooLarge) << p.detail;
  Limits total;
  total.max_inflated_bytes = 1000;
  EXPECT_EQ(ProbeFile("申请表.docx", BlankDocx(), total).health, FileHealth::kTooLarge);
}

TEST(IngestFileProbeTest, FormatFromExtension) {
  EXPECT_EQ(FormatFromExtension("a/b/营业执照.PDF"), FileFormat::kPdf);
  EXPECT_EQ(FormatFromExtension("x.jpeg"), FileFormat::kJpeg);
  EXPECT_EQ(FormatFromExtension(".pdf"), FileFormat::kOther);  // hidden file, no extension
  EXPECT_EQ(FormatFromExtension("noext"), FileFormat::kOther);
  EXPECT_EQ(FormatFromExtension("dir.pdf/file"), FileFormat::kOther);
}

TEST(IngestFileProbeTest, SniffFormatTellsDocxFromXlsx) {
  EXPECT_EQ(SniffFormat(BlankDocx(), Limits()), FileFormat::kDocx);
  EXPECT_EQ(SniffFormat(ReadTestdata("health/ok.xlsx"), Limits()), FileFormat::kXlsx);
  EXPECT_EQ(SniffFormat(kPdfOk, Limits()), FileFormat::kPdf);
  EXPECT_EQ(SniffFormat("", Limits()), FileFormat::kOther);
}

}  // namespace
}  // namespace pipeline::ingest
