// The hostile-input corpus (tests/ingest/testdata/hostile/, made by make_hostile.py, plus the
// symlinks and FIFOs made here) through the real binary: each broken or malicious file ends in
// its clear finding, nothing is expanded or followed, nothing is written outside --out, and no
// run hangs or crashes (each command runs under `timeout`).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "tests/testing/test_paths.h"

namespace pipeline {
namespace {

namespace fs = std::filesystem;

std::string HostileDir() { return testing::RepoRoot() + "/tests/ingest/testdata/hostile"; }

// `beian check DOSSIER --json` under a 60 s timeout; the exit code goes to *rc.
std::string CheckJson(const std::string& dossier, int* rc) {
  std::string out;
  *rc = testing::RunCommand("timeout 60 " + testing::BeianBinary() + " check " +
                                testing::Quote(dossier) + " --json --date 2026-11-25",
                            &out);
  return out;
}

struct HostileCase {
  const char* dossier;
  std::vector<std::string> expected;   // substrings of the report (rule ids, clear messages)
  std::vector<std::string> forbidden;  // what expansion or a leak would put there
};

const HostileCase kCases[] = {
    // Entries named ../../../x and /tmp/x are read in memory only; the form itself is read.
    {"zip-slip", {"\"name\": \"吉林省白桦职业技能培训学校\""}, {"escaped"}},
    // Entities stay unexpanded references: no 10^9 "lol", no /etc/passwd content.
    {"xml-billion-laughs", {"&lol9;"}, {"lollol", "ING-012"}},
    {"xml-external-entity", {"&xxe;"}, {"root:x:0:0", "ING-012"}},
    {"docx-billion-laughs", {"&lol9;"}, {"lollol", "ING-012"}},
    {"docx-external-entity", {"&xxe;"}, {"root:x:0:0", "ING-012"}},
    // 4 GB declared per entry: refused before inflating (文件过大).
    {"zip-huge-declared-size", {"ING-012", "文件过大", "超过大小限制"}, {}},
    // Two word/document.xml entries: which one is "the" form is ambiguous, so neither is used.
    {"zip-duplicate-entry", {"ING-012", "文件已损坏"}, {"冒名顶替职业培训学校"}},
    // The central directory cut off: 文件不完整 / 被截断.
    {"zip-truncated-central-directory", {"ING-012", "文件不完整", "被截断"}, {}},
    // PDFs that crashed PoDoFo (exit 139), read by qpdf now: the brochure is corrupt, the
    // form is read and the dossier checked.
    {"pdf-aes256-short-entries",
     {"ING-031", "文件“宣传册.pdf”已损坏，无法打开，请重新提交",
      "\"name\": \"吉林省白桦职业技能培训学校\""},
     {"SVC-001"}},
    {"pdf-aes256-nested-dictionaries",
     {"ING-031", "文件“宣传册.pdf”已损坏，无法打开，请重新提交",
      "\"name\": \"吉林省白桦职业技能培训学校\""},
     {"SVC-001"}},
};

void PrintTo(const HostileCase& c, std::ostream* os) { *os << c.dossier; }

class HostileCorpusTest : public ::testing::TestWithParam<HostileCase> {};

TEST_P(HostileCorpusTest, EndsInItsClearFinding) {
  const HostileCase& c = GetParam();
  const std::string dossier = HostileDir() + "/" + c.dossier;
  ASSERT_TRUE(fs::is_directory(dossier)) << dossier;
  int rc = -1;
  std::string out = CheckJson(dossier, &rc);
  EXPECT_TRUE(rc == 0 || rc == 1) << c.dossier << " exit " << rc << "\n" << out;
  for (const std::string& want : c.expected) {
    EXPECT_NE(out.find(want), std::string::npos) << c.dossier << ": no " << want << "\n" << out;
  }
  for (const std::string& bad : c.forbidden) {
    EXPECT_EQ(out.find(bad), std::string::npos) << c.dossier << ": has " << bad;
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, HostileCorpusTest, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<HostileCase>& param) {
                           std::string name = param.param.dossier;
                           for (char& ch : name) {
                             if (ch == '-') ch = '_';
                           }
                           return name;
                         });

// The zip-slip entries are never written anywhere: a whole `run` over a copy of the dossier
// leaves no escaped file beside the intake, the output or in /tmp.
TEST(HostileRunTest, ZipSlipEntriesAreNeverWrittenToDisk) {
  const std::string root = testing::MakeTempDir();
  const std::string intake = root + "/a/b/intake";
  fs::create_directories(intake);
  fs::copy(HostileDir() + "/zip-slip", intake + "/zip-slip", fs::copy_options::recursive);
  std::string out;
  int rc = testing::RunCommand("timeout 60 " + testing::BeianBinary() + " run " +
                                   testing::Quote(intake) + " --out " +
                                   testing::Quote(root + "/a/b/out") + " --date 2026-11-25 --quiet",
                               &out);
  EXPECT_TRUE(rc == 0 || rc == 1) << out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    EXPECT_EQ(e.path().filename().string().find("zip-slip-"), std::string::npos) << e.path();
  }
  EXPECT_FALSE(fs::exists("/tmp/zip-slip-absolute.txt"));
}

// Copies of the two hostile-PDF dossiers into `intake`; with `junk`, the brochure is replaced by
// plain junk bytes named .pdf (an ordinary unreadable material) to compare against.
void CopyPdfDossiers(const std::string& intake, bool junk) {
  for (const char* d : {"pdf-aes256-short-entries", "pdf-aes256-nested-dictionaries"}) {
    fs::create_directories(intake);
    fs::copy(HostileDir() + "/" + d, intake + "/" + d, fs::copy_options::recursive);
    if (junk) std::ofstream(intake + "/" + d + "/宣传册.pdf", std::ios::binary) << "junk";
  }
}

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A hostile PDF costs only that file (issue 22): `beian check` prints the dossier's report and
// exits as with any unreadable material (never 139), silently on stderr; `beian run` reviews
// the dossier and drafts its documents (never SVC-001 alone).
TEST(HostileRunTest, HostilePdfCostsOnlyThatFile) {
  const std::string root = testing::MakeTempDir();
  CopyPdfDossiers(root + "/hostile", false);
  CopyPdfDossiers(root + "/junk", true);
  for (const char* d : {"pdf-aes256-short-entries", "pdf-aes256-nested-dictionaries"}) {
    SCOPED_TRACE(d);
    std::string out;
    const std::string check = "timeout 60 " + testing::BeianBinary() + " check ";
    const int junk_rc = testing::RunCommand(
        check + testing::Quote(root + "/junk/" + d) + " --date 2026-11-25", &out);
    const int rc =
        testing::RunCommand(check + testing::Quote(root + "/hostile/" + d) +
                                " --date 2026-11-25 2>" + testing::Quote(root + "/stderr.txt"),
                            &out);
    EXPECT_EQ(rc, junk_rc) << out;
    EXPECT_EQ(rc, 1) << out;
    EXPECT_NE(out.find("ING-031 文件“宣传册.pdf”已损坏，无法打开，请重新提交可以正常打开的PDF文件"),
              std::string::npos)
        << out;
    EXPECT_EQ(ReadAll(root + "/stderr.txt"), "");
  }
  std::string out;
  const std::string run = "timeout 120 " + testing::BeianBinary() + " run ";
  const int junk_rc =
      testing::RunCommand(run + testing::Quote(root + "/junk") + " --out " +
                              testing::Quote(root + "/junk-out") + " --date 2026-11-25 --quiet",
                          &out);
  const int rc =
      testing::RunCommand(run + testing::Quote(root + "/hostile") + " --out " +
                              testing::Quote(root + "/out") + " --date 2026-11-25 --quiet",
                          &out, /*merge_stderr=*/true);
  EXPECT_EQ(rc, junk_rc) << out;
  int reports = 0;
  for (const auto& e : fs::recursive_directory_iterator(root + "/out")) {
    if (e.path().filename() != "report.json") continue;
    ++reports;
    const std::string report = ReadAll(e.path());
    EXPECT_NE(report.find("ING-031"), std::string::npos) << e.path();
    EXPECT_NE(report.find("宣传册.pdf"), std::string::npos) << e.path();
    EXPECT_EQ(report.find("SVC-001"), std::string::npos) << e.path();
    EXPECT_TRUE(fs::exists(e.path().parent_path() / "补正材料通知书.pdf")) << e.path();
  }
  EXPECT_EQ(reports, 2) << out;
}

// A hostile PDF as a required material (the only 法人登记证书): the finding and the 补正
// notice say in plain words what is wrong and what to send; qpdf's exception text stays in
// report.json (`findings[].detail`) and on the worksheet, never in the letter.
TEST(HostileRunTest, HostilePdfIsWordedPlainlyAndItsDetailStaysInside) {
  const std::string root = testing::MakeTempDir();
  const fs::path dossier = fs::path(root) / "in" / "甲";
  fs::create_directories(dossier.parent_path());
  fs::copy(testing::RepoRoot() + "/tests/e2e/testdata/甲-查看器能打开的文件", dossier,
           fs::copy_options::recursive);
  fs::remove(dossier / "法人登记证书（电子证照）.ofd");
  fs::copy_file(HostileDir() + "/pdf-aes256-short-entries/宣传册.pdf", dossier / "法人登记证书.pdf",
                fs::copy_options::overwrite_existing);
  std::string out;
  const int rc = testing::RunCommand(
      "timeout 120 " + testing::BeianBinary() + " run " + testing::Quote(root + "/in") + " --out " +
          testing::Quote(root + "/out") + " --date 2026-11-25 --quiet",
      &out, /*merge_stderr=*/true);
  EXPECT_EQ(rc, 1) << out;
  fs::path case_dir;
  for (const auto& e : fs::directory_iterator(root + "/out")) {
    if (e.is_directory() && e.path().filename().string().rfind("JL-", 0) == 0) case_dir = e.path();
  }
  ASSERT_FALSE(case_dir.empty()) << out;
  const nlohmann::json r = nlohmann::json::parse(ReadAll(case_dir / "report.json"));
  std::string detail;
  bool worded = false;
  for (const nlohmann::json& f : r["findings"]) {
    if (f["message_id"] != "completeness.material_unreadable.corrupt") continue;
    worded = true;
    EXPECT_EQ(f["severity"], "blocking");
    const std::string message = f["message"].get<std::string>();
    EXPECT_NE(message.find("已损坏，无法打开，请重新提交可以正常打开的PDF文件"), std::string::npos)
        << message;
    ASSERT_TRUE(f.contains("detail")) << f;
    detail = f["detail"].get<std::string>();
    EXPECT_EQ(message.find(detail), std::string::npos) << message;
  }
  EXPECT_TRUE(worded) << r["findings"];
  ASSERT_FALSE(detail.empty());
  std::string flat_detail;
  for (char c : detail) {
    if (c != ' ') flat_detail += c;
  }
  const std::string letter = testing::FlatPdfText((case_dir / "补正材料通知书.pdf").string());
  EXPECT_NE(letter.find("无法打开"), std::string::npos) << letter;
  EXPECT_NE(letter.find("能够正常打开"), std::string::npos) << letter;
  EXPECT_EQ(letter.find(flat_detail.substr(0, 12)), std::string::npos) << letter;
  for (const char* jargon : {"qpdf", "exception", "corrupt", "/Encrypt"}) {
    EXPECT_EQ(letter.find(jargon), std::string::npos) << jargon << "\n" << letter;
  }
  const std::string worksheet = testing::FlatPdfText((case_dir / "审核工作单.pdf").string());
  EXPECT_NE(worksheet.find("技术信息"), std::string::npos) << worksheet;
}

// Symlinks (a loop, one to a file outside the dossier) and a FIFO posing as a material are
// reported, never followed or opened: the check finishes instead of looping or blocking.
TEST(HostileRunTest, SymlinksAndSpecialFilesAreNotFollowed) {
  const std::string dossier = testing::MakeTempDir() + "/吉林省白桦职业技能培训学校";
  fs::create_directories(dossier);
  fs::copy_file(HostileDir() + "/xml-external-entity/申请表.xml", dossier + "/申请表.xml");
  fs::create_directory_symlink(".", dossier + "/循环");
  fs::create_symlink("/etc/passwd", dossier + "/营业执照.pdf");
  ASSERT_EQ(::mkfifo((dossier + "/法定代表人身份证.pdf").c_str(), 0600), 0);
  int rc = -1;
  std::string out = CheckJson(dossier, &rc);
  EXPECT_TRUE(rc == 0 || rc == 1) << "exit " << rc << "\n" << out;
  EXPECT_NE(out.find("ING-020"), std::string::npos) << out;  // symlink not followed
  EXPECT_NE(out.find("循环"), std::string::npos);
  EXPECT_NE(out.find("营业执照.pdf"), std::string::npos);
  EXPECT_NE(out.find("ING-005"), std::string::npos) << out;  // special file
  EXPECT_NE(out.find("法定代表人身份证.pdf"), std::string::npos);
  EXPECT_EQ(out.find("root:x:0:0"), std::string::npos);
}

// A dossier folder that is itself a symlink in the intake is refused, not followed.
TEST(HostileRunTest, SymlinkedDossierInIntakeIsRefused) {
  const std::string root = testing::MakeTempDir();
  fs::create_directories(root + "/intake");
  fs::create_directory_symlink(HostileDir() + "/zip-slip", root + "/intake/链接卷宗");
  std::string out;
  int rc = testing::RunCommand("timeout 60 " + testing::BeianBinary() + " run " +
                                   testing::Quote(root + "/intake") + " --out " +
                                   testing::Quote(root + "/out") + " --date 2026-11-25",
                               &out, /*merge_stderr=*/true);
  EXPECT_TRUE(rc == 0 || rc == 1) << out;
  std::string reports;
  for (const auto& e : fs::recursive_directory_iterator(root + "/out")) {
    if (e.path().filename() != "report.json") continue;
    std::ifstream in(e.path(), std::ios::binary);
    reports.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  EXPECT_NE(reports.find("ING-002"), std::string::npos) << out;
}

}  // namespace
}  // namespace pipeline
