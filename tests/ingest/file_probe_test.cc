#include "pipeline/ingest/file_probe.h"

#include <gtest/gtest.h>

#include "pipeline/core/file_system.h"
#include "pipeline/ingest/pdf_inspect.h"
#include "tests/ingest/ingest_test_util.h"
#include "tests/testing/test_paths.h"

namespace pipeline::ingest {
namespace {

using model::FileFormat;
using model::FileHealth;
using ::pipeline::ingest::testing::PagesPdf;
using ::pipeline::ingest::testing::ReadTestdata;

std::string Bytes(const char* s, std::size_t n) { return std::string(s, n); }

std::string BlankDocx() {
  RealFileSystem fs;
  Result<std::string> r =
      fs.ReadFile(pipeline::testing::RepoRoot() + "/templates/forms/申请表（空白）.docx",
                  FileSystem::kDefaultMaxRead);
  return r ? *r : std::string();
}

const std::string kPdfOk = PagesPdf(1);
const std::string kJpegOk = Bytes("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x02\xFF\xD9", 15);
const std::string kPngOk = Bytes(
    "\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00"
    "\x00\x90wS\xde\x00\x00\x00\x00IEND\xae\x42\x60\x82",
    45);

struct Case {
  const char* name;  // test row
  const char* file;  // file name (extension matters)
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
      {"pdf encrypted", "a.pdf", ReadTestdata("viewers/设有打开密码.pdf"), FileFormat::kPdf,
       FileHealth::kEncrypted},
      {"pdf EncryptMetadata is not encryption", "a.pdf",
       std::string(kPdfOk).insert(9, "<</EncryptMetadata false>>\n"), FileFormat::kPdf,
       FileHealth::kOk},
      {"pdf without pages", "a.pdf", "%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF",
       FileFormat::kPdf, FileHealth::kCorrupt},
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
      {"encrypted package named doc", "旧表.doc", ReadTestdata("viewers/加密申请表.docx"),
       FileFormat::kOther, FileHealth::kEncrypted},
      {"unknown OLE2 file", "旧表.msg", ReadTestdata("viewers/申请报告.doc"), FileFormat::kDoc,
       FileHealth::kWrongFormat},
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

// Files real viewers open (issue 8): fixtures written by qpdf, python zipfile, CPython's test
// images and a hand-made OLE2 writer (tests/ingest/testdata/viewers/make_viewer_fixtures.py).
TEST(IngestFileProbeTest, FilesViewersOpenAreHealthy) {
  struct Row {
    const char* file;      // under testdata/viewers/
    const char* probe_as;  // the name it is probed under (extension matters)
    FileFormat format;
    FileHealth health;
  };
  const Row rows[] = {
      {"仅设所有者密码.pdf", "营业执照.pdf", FileFormat::kPdf, FileHealth::kOk},  // RC4-128, R3
      {"仅设所有者密码AES256.pdf", "营业执照.pdf", FileFormat::kPdf, FileHealth::kOk},  // R6
      {"设有打开密码.pdf", "营业执照.pdf", FileFormat::kPdf, FileHealth::kEncrypted},
      {"设有打开密码AES256.pdf", "营业执照.pdf", FileFormat::kPdf, FileHealth::kEncrypted},
      {"EOF后有多余字节.pdf", "申请报告.pdf", FileFormat::kPdf, FileHealth::kOk},
      {"动态照片.jpg", "场地照片.jpg", FileFormat::kJpeg, FileHealth::kOk},
      {"电子营业执照.ofd", "电子营业执照.ofd", FileFormat::kOfd, FileHealth::kOk},
      {"坏OFD.ofd", "电子营业执照.ofd", FileFormat::kOfd, FileHealth::kCorrupt},
      {"场地照片.tif", "场地照片.tif", FileFormat::kTiff, FileHealth::kOk},
      {"场地照片.tif", "场地照片.TIFF", FileFormat::kTiff, FileHealth::kOk},
      {"场地照片.webp", "场地照片.webp", FileFormat::kWebp, FileHealth::kOk},
      {"场地照片.heic", "场地照片.heic", FileFormat::kHeic, FileHealth::kOk},
      {"申请报告.doc", "申请报告.doc", FileFormat::kDoc, FileHealth::kOk},
      {"申请报告.doc", "申请报告.wps", FileFormat::kDoc, FileHealth::kOk},
      {"人员名单.xls", "人员名单.xls", FileFormat::kXls, FileHealth::kOk},
      {"机构介绍.ppt", "机构介绍.ppt", FileFormat::kPpt, FileHealth::kOk},
      {"人员名单.xls", "人员名单.doc", FileFormat::kXls, FileHealth::kWrongFormat},
      {"申请报告.doc", "申请报告.docx", FileFormat::kDoc, FileHealth::kWrongFormat},
      {"加密申请表.docx", "申请表.docx", FileFormat::kDocx, FileHealth::kEncrypted},
      {"主部件改名.docx", "申请表.docx", FileFormat::kDocx, FileHealth::kOk},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(std::string(r.file) + " as " + r.probe_as);
    const std::string bytes = ReadTestdata(std::string("viewers/") + r.file);
    ASSERT_FALSE(bytes.empty());
    Probe p = ProbeFile(r.probe_as, bytes, Limits());
    EXPECT_EQ(model::FileFormatName(p.format), std::string(model::FileFormatName(r.format)));
    EXPECT_EQ(model::FileHealthName(p.health), std::string(model::FileHealthName(r.health)))
        << p.detail;
  }
}

TEST(IngestFileProbeTest, CutViewerShapesAreStillCaught) {
  const std::string jpeg = ReadTestdata("viewers/动态照片.jpg");
  EXPECT_EQ(ProbeFile("a.jpg", jpeg.substr(0, 300), Limits()).health, FileHealth::kTruncated);
  const std::string tiff = ReadTestdata("viewers/场地照片.tif");
  EXPECT_EQ(ProbeFile("a.tif", tiff.substr(0, 6), Limits()).health, FileHealth::kTruncated);
  const std::string webp = ReadTestdata("viewers/场地照片.webp");
  EXPECT_EQ(ProbeFile("a.webp", webp.substr(0, 100), Limits()).health, FileHealth::kTruncated);
  const std::string pdf = ReadTestdata("viewers/EOF后有多余字节.pdf");
  EXPECT_EQ(ProbeFile("a.pdf", pdf.substr(0, 200), Limits()).health, FileHealth::kTruncated);
  const std::string ofd = ReadTestdata("viewers/电子营业执照.ofd");
  EXPECT_EQ(ProbeFile("a.ofd", ofd.substr(0, ofd.size() / 2), Limits()).health,
            FileHealth::kTruncated);
}

// qpdf decides what opens: the empty user password (RC4 and AES-256), the pages counted.
TEST(IngestPdfInspectTest, EmptyUserPasswordAndPagesAsViewersSeeThem) {
  const PdfInspection owner_only = InspectPdf(ReadTestdata("viewers/仅设所有者密码.pdf"), 100);
  EXPECT_EQ(owner_only.verdict, PdfVerdict::kOpens) << owner_only.detail;
  EXPECT_EQ(owner_only.pages, 1u);
  EXPECT_EQ(InspectPdf(ReadTestdata("viewers/仅设所有者密码AES256.pdf"), 100).verdict,
            PdfVerdict::kOpens);
  EXPECT_EQ(InspectPdf(ReadTestdata("viewers/设有打开密码.pdf"), 100).verdict,
            PdfVerdict::kNeedsPassword);
  EXPECT_EQ(InspectPdf(ReadTestdata("viewers/设有打开密码AES256.pdf"), 100).verdict,
            PdfVerdict::kNeedsPassword);
  const PdfInspection three = InspectPdf(PagesPdf(3), 100);
  EXPECT_EQ(three.verdict, PdfVerdict::kOpens) << three.detail;
  EXPECT_EQ(three.pages, 3u);
  const PdfInspection capped = InspectPdf(PagesPdf(3), 2);
  EXPECT_EQ(capped.verdict, PdfVerdict::kTooManyPages);
  Limits tight;
  tight.max_pdf_pages = 2;
  const Probe too_long = ProbeFile("a.pdf", PagesPdf(3), tight);
  EXPECT_EQ(too_long.health, FileHealth::kTooLarge);
  EXPECT_NE(too_long.detail.find("max_pdf_pages"), std::string::npos) << too_long.detail;
  EXPECT_EQ(ProbeFile("a.pdf", PagesPdf(3), Limits()).pages, 3u);
}

// The two shapes that crashed PoDoFo (issue 22) and other broken /Encrypt dictionaries: qpdf
// ends each in an exception or a page that is no dictionary, so the file is corrupt, and
// nothing is printed.
TEST(IngestPdfInspectTest, HostileShapesAreDamagedNeverACrash) {
  const std::string hostile = pipeline::testing::RepoRoot() + "/tests/ingest/testdata/hostile/";
  RealFileSystem fs;
  for (const char* dossier : {"pdf-aes256-short-entries", "pdf-aes256-nested-dictionaries"}) {
    SCOPED_TRACE(dossier);
    Result<std::string> bytes =
        fs.ReadFile(hostile + dossier + "/宣传册.pdf", FileSystem::kDefaultMaxRead);
    ASSERT_TRUE(bytes.ok());
    ::testing::internal::CaptureStderr();
    const Probe p = ProbeFile("宣传册.pdf", *bytes, Limits());
    EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
    EXPECT_EQ(p.health, FileHealth::kCorrupt) << p.detail;
    EXPECT_FALSE(p.detail.empty());
  }
  const char* shapes[] = {
      "%PDF-1.4\ntrailer<</Encrypt 99999999999999999999999 0 R>>\n%%EOF",
      "%PDF-1.4\ntrailer<</Encrypt 1e999 0 R>>\n%%EOF",
      "%PDF-1.4\n1 0 obj<</Filter/Standard/R 3/O(abc)/U<00>/P 1e300/Length -5>>endobj\n"
      "trailer<</Encrypt 1 0 R/ID[(x)]>>\n%%EOF",
      "%PDF-1.4\ntrailer<</Encrypt<</Filter/Standard/R 2/O(\\",
      "%PDF-1.4\ntrailer<</Encrypt<</Filter/Standard/R 3/O<4142/U[[[[[[[[[[[[[[[[[[[[[[[[>>",
      "%PDF-1.6\ntrailer<</Encrypt 9 0 R/Root 1 0 R>>\n%%EOF",
      ">>>>/Encrypt%%EOF",
      "%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",  // no page tree
  };
  for (const char* s : shapes) {
    SCOPED_TRACE(s);
    EXPECT_NE(InspectPdf(s, 100).verdict, PdfVerdict::kOpens);
    EXPECT_NE(ProbeFile("a.pdf", s, Limits()).health, FileHealth::kOk);
  }
  // A certificate (public-key) handler needs more than a password: not openable here.
  const PdfInspection pubsec =
      InspectPdf(std::string(kPdfOk).insert(kPdfOk.rfind("trailer<<") + 9,
                                            "/Encrypt<</Filter/Adobe.PubSec/V 4/R 4>>"),
                 100);
  EXPECT_EQ(pubsec.verdict, PdfVerdict::kNeedsPassword) << pubsec.detail;
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
  EXPECT_EQ(FormatFromExtension("执照.OFD"), FileFormat::kOfd);
  EXPECT_EQ(FormatFromExtension("照片.tif"), FileFormat::kTiff);
  EXPECT_EQ(FormatFromExtension("照片.HEIC"), FileFormat::kHeic);
  EXPECT_EQ(FormatFromExtension("名单.et"), FileFormat::kXls);
}

TEST(IngestFileProbeTest, SniffFormatTellsDocxFromXlsx) {
  EXPECT_EQ(SniffFormat(BlankDocx(), Limits()), FileFormat::kDocx);
  EXPECT_EQ(SniffFormat(ReadTestdata("health/ok.xlsx"), Limits()), FileFormat::kXlsx);
  EXPECT_EQ(SniffFormat(kPdfOk, Limits()), FileFormat::kPdf);
  EXPECT_EQ(SniffFormat("", Limits()), FileFormat::kOther);
}

}  // namespace
}  // namespace pipeline::ingest
