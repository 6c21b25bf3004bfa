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
