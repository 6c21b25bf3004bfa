// End-to-end checks of `beian run` / `beian check` through the real binary: the same code path
// a clerk uses. Per-sample expected outcomes live in tests/e2e/.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/testing/test_paths.h"

namespace pipeline {
namespace {

namespace fs = std::filesystem;

// path -> (size, mtime, content) of every file below `root` (symlinks recorded, not followed).
std::map<std::string, std::string> Snapshot(const std::string& root) {
  std::map<std::string, std::string> out;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
       ++it) {
    struct stat st {};
    ::lstat(it->path().c_str(), &st);
    std::string key = it->path().string();
    std::ostringstream v;
    v << st.st_mode << ':' << st.st_size << ':' << st.st_mtim.tv_sec << '.' << st.st_mtim.tv_nsec;
    if (it->is_regular_file() && !it->is_symlink()) {
      std::ifstream in(it->path(), std::ios::binary);
      v << ':' << in.rdbuf();
    }
    out[key] = v.str();
  }
  return out;
}

TEST(RunCommandTest, SamplesRunIsDeterministicAndLeavesIntakeUntouched) {
  const std::string intake = testing::RepoRoot() + "/samples/intake";
  ASSERT_TRUE(fs::is_directory(intake));
  auto before = Snapshot(intake);
  std::string out1 = testing::MakeTempDir(), out2 = testing::MakeTempDir();
  std::string stdout1, stdout2;
  const std::string cmd = testing::BeianBinary() + " run " + testing::Quote(intake) +
                          " --date 2026-11-25 --quiet --out ";
  int rc1 = testing::RunCommand(cmd + testing::Quote(out1), &stdout1);
  int rc2 = testing::RunCommand(cmd + testing::Quote(out2), &stdout2);
  // Samples include dossiers with blocking findings, so the run ends with exit code 1.
  EXPECT_EQ(rc1, 1) << stdout1;
  EXPECT_EQ(rc2, 1);
  EXPECT_EQ(stdout1, stdout2);
  EXPECT_EQ(Snapshot(intake), before) << "the intake folder was modified";

  std::map<std::string, std::string> files1, files2;
  for (const auto& e : fs::recursive_directory_iterator(out1)) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    files1[fs::relative(e.path(), out1).string()] = s.str();
  }
  for (const auto& e : fs::recursive_directory_iterator(out2)) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    files2[fs::relative(e.path(), out2).string()] = s.str();
  }
  ASSERT_FALSE(files1.empty());
  ASSERT_EQ(files1.size(), files2.size());
  for (const auto& [name, bytes] : files1) {
    SCOPED_TRACE(name);
    EXPECT_TRUE(bytes == files2[name]) << "output differs between two runs";
  }
  // One report per intake entry.
  std::size_t entries = 0, reports = 0;
  for (const auto& e : fs::directory_iterator(intake)) {
    (void)e;
    ++entries;
  }
  for (const auto& [name, _] : files1) {
    if (fs::path(name).filename() == "report.json") ++reports;
  }
  EXPECT_GE(reports, entries - 3);  // hidden entries (.DS_Store etc.) are skipped
}

TEST(RunCommandTest, OutputInsideTheIntakeIsRefused) {
  const std::string intake = testing::MakeTempDir() + "/收件";
  fs::create_directories(intake + "/甲单位");
  std::string out;
  int rc = testing::RunCommand(testing::BeianBinary() + " run '" + intake + "' --out '" + intake +
                                   "/输出' --date 2026-11-25",
                               &out, /*merge_stderr=*/true);
  EXPECT_EQ(rc, 2);
  EXPECT_NE(out.find("must not be inside the intake folder"), std::string::npos) << out;
  EXPECT_FALSE(fs::exists(intake + "/输出"));
}

TEST(RunCommandTest, MissingIntakeIsAnOperationalErrorNamingThePath) {
  std::string out;
  int rc = testing::RunCommand(testing::BeianBinary() + " run /nonexistent/收件 --out " +
                                   testing::MakeTempDir() + " --date 2026-11-25",
                               &out, /*merge_stderr=*/true);
  EXPECT_EQ(rc, 2);
  EXPECT_NE(out.find("/nonexistent/收件"), std::string::npos) << out;
}

TEST(RunCommandTest, CheckPrintsJsonAndWritesNothing) {
  const std::string intake = testing::RepoRoot() + "/samples/intake";
  ASSERT_TRUE(fs::is_directory(intake));
  std::string first;
  for (const auto& e : fs::directory_iterator(intake)) {
    if (e.is_directory()) {
      first = e.path().string();
      break;
    }
  }
  ASSERT_FALSE(first.empty());
  auto before = Snapshot(intake);
  std::string out;
  int rc = testing::RunCommand(
      testing::BeianBinary() + " check " + testing::Quote(first) + " --json --date 2026-11-25",
      &out);
  EXPECT_TRUE(rc == 0 || rc == 1) << rc;
  EXPECT_EQ(out.rfind("{", 0), 0u) << out;
  EXPECT_NE(out.find("\"case_id\""), std::string::npos);
  EXPECT_EQ(Snapshot(intake), before);
}

}  // namespace
}  // namespace pipeline

namespace pipeline {
namespace {

TEST(CatalogueCommandTest, PrintsMatchesWithGroupAndStandards) {
  std::string out;
  int rc = testing::RunCommand(testing::BeianBinary() + " catalogue 中式烹调", &out);
  EXPECT_EQ(rc, 0);
  EXPECT_NE(out.find("4-03-02-01  中式烹调师  第四大类"), std::string::npos) << out;
  EXPECT_NE(out.find("人社厅发〔2018〕145号"), std::string::npos) << out;
  rc = testing::RunCommand(testing::BeianBinary() + " catalogue 2-07-11-03", &out);
  EXPECT_EQ(rc, 0);
  EXPECT_NE(out.find("不能申请备案"), std::string::npos) << out;
  rc = testing::RunCommand(testing::BeianBinary() + " catalogue 9-99-99", &out);
  EXPECT_EQ(rc, 1);
  EXPECT_NE(out.find("9-99-99"), std::string::npos) << out;
}

TEST(CheckCommandTest, SummaryWordsSeveritiesInChinese) {
  std::string out;
  int rc = testing::RunCommand(testing::BeianBinary() + " check '" + testing::RepoRoot() +
                                   "/samples/intake/B02-空文件夹' --date 2026-11-25",
                               &out);
  EXPECT_EQ(rc, 1);
  EXPECT_NE(out.find("[须补正] ING-003"), std::string::npos) << out;
}

}  // namespace
}  // namespace pipeline

namespace pipeline {
namespace {

// A dossier whose text no configured font can draw (here a Thai letter, a private-use
// character and a control character in the institution name) is still drafted: the characters
// are drawn as 〓 and a review finding names them. The other dossier is untouched.
TEST(RunCommandTest, UndrawableCharacterIsDrawnAsGetaAndNamed) {
  const std::string samples = testing::RepoRoot() + "/samples/intake/";
  std::string xml_sample, docx_sample;
  for (const auto& e : fs::directory_iterator(samples)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("S09-", 0) == 0) xml_sample = name;
    if (name.rfind("S01-", 0) == 0) docx_sample = name;
  }
  ASSERT_FALSE(xml_sample.empty());
  ASSERT_FALSE(docx_sample.empty());
  const std::string intake = testing::MakeTempDir() + "/收件";
  fs::create_directories(intake);
  fs::copy(samples + xml_sample, intake + "/甲-泰文名称", fs::copy_options::recursive);
  fs::copy(samples + docx_sample, intake + "/乙-正常", fs::copy_options::recursive);
  {
    const std::string form = intake + "/甲-泰文名称/申请表.xml";
    std::ifstream in(form);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    const std::string tag = "<institution_name>";
    text.insert(text.find(tag) + tag.size(), "\u0E01\uE000&#x7;");
    std::ofstream(form, std::ios::trunc) << text;
  }
  const std::string out = testing::MakeTempDir();
  std::string output;
  int rc = testing::RunCommand(testing::BeianBinary() + " run '" + intake + "' --out '" + out +
                                   "' --date 2026-11-25 --quiet",
                               &output, /*merge_stderr=*/true);
  EXPECT_NE(rc, 2) << output;
  EXPECT_EQ(output.find("未生成文书"), std::string::npos) << output;
  std::size_t reports = 0, pdfs = 0;
  std::string glyph_findings;
  for (const auto& e : fs::recursive_directory_iterator(out)) {
    if (e.path().extension() == ".pdf") ++pdfs;
    if (e.path().filename() != "report.json") continue;
    ++reports;
    std::ifstream in(e.path());
    nlohmann::json j = nlohmann::json::parse(in);
    for (const auto& f : j["findings"]) {
      if (f["rule"] == "REN-001")
        glyph_findings +=
            j["dossier"].get<std::string>() + ": " + f["message"].get<std::string>() + "\n";
    }
  }
  EXPECT_EQ(reports, 2u);
  EXPECT_GE(pdfs, 2u);  // 甲 is drafted too (with 〓), as is 乙
  EXPECT_NE(glyph_findings.find("甲-泰文名称"), std::string::npos) << glyph_findings;
  EXPECT_NE(glyph_findings.find("U+0E01"), std::string::npos) << glyph_findings;
  EXPECT_NE(glyph_findings.find("U+E000"), std::string::npos) << glyph_findings;
  EXPECT_EQ(glyph_findings.find("乙-正常"), std::string::npos) << glyph_findings;
}

// A dossier whose draft cannot be drawn at all (here: the configured font file is gone) still
// gets its report; its summary row and the log say it has no draft, and the run exits 2.
TEST(RunCommandTest, DossierWithoutDraftIsShownInTheSummary) {
  const std::string samples = testing::RepoRoot() + "/samples/intake/";
  std::string docx_sample;
  for (const auto& e : fs::directory_iterator(samples)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("S01-", 0) == 0) docx_sample = name;
  }
  const std::string intake = testing::MakeTempDir() + "/收件";
  fs::create_directories(intake);
  fs::copy(samples + docx_sample, intake + "/乙-正常", fs::copy_options::recursive);
  const std::string fonts = testing::MakeTempDir() + "/fonts.xml";
  std::ofstream(fonts) << "<fonts><font role=\"body\" path=\"/nonexistent/仿宋.ttf\"/></fonts>\n";
  const std::string out = testing::MakeTempDir();
  std::string output;
  int rc = testing::RunCommand(testing::BeianBinary() + " run '" + intake + "' --out '" + out +
                                   "' --date 2026-11-25 --quiet --fonts '" + fonts + "'",
                               &output, /*merge_stderr=*/true);
  EXPECT_EQ(rc, 2) << output;
  EXPECT_NE(output.find("（未生成文书）"), std::string::npos) << output;
  EXPECT_NE(output.find("乙-正常"), std::string::npos) << output;
  std::size_t reports = 0;
  for (const auto& e : fs::recursive_directory_iterator(out)) {
    if (e.path().filename() == "report.json") ++reports;
  }
  EXPECT_EQ(reports, 1u);
}

}  // namespace
}  // namespace pipeline
