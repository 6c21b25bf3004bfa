// `beian run --jobs` and `beian watch` through the real binary on real folders (docs/user-guide.md
// "Workers", "Output folder", "Watch mode"): identical outputs for any number of workers, a
// dying worker costing only its dossier, the output-folder lock, whole-case replacement, the
// record of dossiers that left the intake, a full disk, and the watcher's memory.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "pipeline/core/file_system.h"
#include "pipeline/report/case_id.h"
#include "pipeline/service/output_lock.h"
#include "tests/service/service_testing.h"
#include "tests/testing/test_paths.h"

namespace pipeline::service {
namespace {

namespace fs = std::filesystem;
using test_util::Beian;
using test_util::FilesUnder;
using test_util::Quote;
using test_util::SampleIntake;

const char kDate[] = " --date 2026-11-25 --quiet";

std::string CaseDir(const std::string& out, const std::string& folder) {
  return testing::CaseFolder(out, report::CaseIdFor(folder));
}

std::string RunBeian(const std::string& intake, const std::string& out, const std::string& extra,
                     int* rc, const std::string& env = "") {
  std::string text;
  *rc = Beian("run " + Quote(intake) + " --out " + Quote(out) + kDate + " " + extra, &text, env);
  return text;
}

// No temporary file, staging folder or lock is left in `out`.
void ExpectClean(const std::string& out) {
  for (const auto& e : fs::recursive_directory_iterator(out)) {
    const std::string name = e.path().filename().string();
    EXPECT_EQ(name.find(".tmp"), std::string::npos) << e.path();
    EXPECT_NE(name, ".beian-tmp") << e.path();
    EXPECT_NE(name, ".beian.lock") << e.path();
  }
}

// Without and with a case registry (whose check runs in the workers, its records in the parent).
class TwoJobsTest : public ::testing::TestWithParam<bool> {};

TEST_P(TwoJobsTest, GiveTheSameBytesAsOne) {
  const std::string intake = testing::RepoRoot() + "/samples/intake";
  const std::string out1 = testing::MakeTempDir(), out2 = testing::MakeTempDir();
  const std::string registries = testing::MakeTempDir();
  auto registry = [&](const std::string& name) {
    return GetParam() ? " --registry " + Quote(registries + "/" + name) : std::string();
  };
  int rc1 = 0, rc2 = 0;
  const std::string text1 = RunBeian(intake, out1, "--jobs 1" + registry("1.sqlite"), &rc1);
  const std::string text2 = RunBeian(intake, out2, "--jobs 2" + registry("2.sqlite"), &rc2);
  EXPECT_EQ(rc1, 1) << text1;
  EXPECT_EQ(rc2, 1) << text2;
  EXPECT_EQ(text1, text2);
  const auto files1 = FilesUnder(out1), files2 = FilesUnder(out2);
  ASSERT_GT(files1.size(), 37u);
  ASSERT_EQ(files1.size(), files2.size());
  for (const auto& [name, bytes] : files1) {
    ASSERT_TRUE(files2.count(name)) << name;
    EXPECT_TRUE(bytes == files2.at(name)) << name << " differs between --jobs 1 and --jobs 2";
  }
  ExpectClean(out2);
}

INSTANTIATE_TEST_SUITE_P(Registry, TwoJobsTest, ::testing::Bool());

// A worker draws each dossier's 材料接收回执 for the version the registry would give it when
// the worker looks; the parent records in intake order and draws the receipt again when that
// guess was wrong. Here the same application comes twice in one run (a resubmission beside the
// first submission): the second is version 2 whichever worker drew what, and the registry's
// drafts are the same bytes for one worker and for two.
TEST(WorkersTest, ReceiptsDrawnAheadMatchTheRecordedVersions) {
  const std::string intake = SampleIntake({"S01"});
  const fs::path first = *fs::directory_iterator(intake);
  const fs::path again = fs::path(intake) / (first.filename().string() + "-补正");
  fs::copy(first, again, fs::copy_options::recursive);
  test_util::WriteFile(again / "补充说明.txt", "补正材料");
  const std::string tmp = testing::MakeTempDir();
  std::map<std::string, std::string> drafts[2];
  std::vector<std::string> folders[2];
  for (int jobs : {1, 2}) {
    const std::string out = tmp + "/out" + std::to_string(jobs);
    const std::string registry = tmp + "/registry" + std::to_string(jobs) + "/r.sqlite";
    fs::create_directories(fs::path(registry).parent_path());
    int rc = 0;
    const std::string text = RunBeian(
        intake, out, "--jobs " + std::to_string(jobs) + " --registry " + Quote(registry), &rc);
    ASSERT_LE(rc, 1) << text;
    drafts[jobs - 1] = FilesUnder(fs::path(registry).parent_path() / "drafts");
    const std::string report =
        test_util::Slurp(CaseDir(out, again.filename().string()) + "/report.json");
    const nlohmann::json j = nlohmann::json::parse(report);
    EXPECT_EQ(j["registry"]["version"], 2) << report;
    EXPECT_EQ(j["registry"]["outcome"], "new_version") << report;
    EXPECT_EQ(j["case_number"], "C2026-0001") << report;
    EXPECT_EQ(j["case_id"], report::CaseIdFor(again.filename().string())) << report;
    // Case folders named by the registry's case number; the second dossier of the case (later
    // in intake order) with its fingerprint after the name.
    folders[jobs - 1] = test_util::CaseFolders(out);
    const std::string first_folder = "C2026-0001-长春市鼎新职业技能培训学校";
    EXPECT_EQ(
        folders[jobs - 1],
        (std::vector<std::string>{
            first_folder, first_folder + "-" + report::CaseIdFor(again.filename().string())}));
    // Run again, unchanged: the same folders, nothing else.
    RunBeian(intake, out, "--jobs " + std::to_string(jobs) + " --registry " + Quote(registry), &rc);
    EXPECT_EQ(test_util::CaseFolders(out), folders[jobs - 1]);
  }
  EXPECT_EQ(folders[0], folders[1]);
  ASSERT_EQ(drafts[0].size(), 2u);  // one receipt per version
  EXPECT_EQ(drafts[0], drafts[1]);
  int second_versions = 0;
  std::string texts;
  for (const auto& [name, bytes] : drafts[1]) {
    const std::string pdf = tmp + "/receipt.pdf";
    test_util::WriteFile(pdf, bytes);
    std::string text;
    ASSERT_EQ(testing::RunCommand("pdftotext -enc UTF-8 " + Quote(pdf) + " -", &text, false), 0);
    text.erase(std::remove_if(text.begin(), text.end(), [](char c) { return std::isspace(c); }),
               text.end());
    if (text.find("（第2次提交）") != std::string::npos) ++second_versions;
    texts += name + ": " + text + "\n";
  }
  EXPECT_EQ(second_versions, 1) << texts;
}

TEST(WorkersTest, AWorkerThatDiesCostsOnlyItsDossier) {
  const std::string intake = SampleIntake({"S01", "S03", "S07"});
  const std::string out = testing::MakeTempDir();
  const std::string victim = "S03-四平市安居职业培训学校-增加职业";
  int rc = 0;
  const std::string text = RunBeian(intake, out, "--jobs 2", &rc, "BEIAN_FAULT=crash:S03");
  EXPECT_EQ(rc, 2) << text;
  // SIGSEGV; under AddressSanitizer (abort_on_error) its handler turns it into SIGABRT.
  EXPECT_NE(text.find(victim + ": could not be processed: worker signal SIG"), std::string::npos)
      << text;
  const nlohmann::json report =
      nlohmann::json::parse(test_util::Slurp(CaseDir(out, victim) + "/report.json"));
  EXPECT_EQ(report["conclusion"], "review_needed");
  EXPECT_EQ(report["findings"][0]["rule"], "SVC-001");
  EXPECT_NE(report["findings"][0]["message"].get<std::string>().find("未能处理"),
            std::string::npos);
  EXPECT_EQ(report["not_processed"]["reason"].get<std::string>().rfind("signal SIG", 0), 0u);
  EXPECT_EQ(FilesUnder(CaseDir(out, victim)).size(), 1u) << "only report.json expected";
  // The others are processed as usual, and the summary row says no document was drafted.
  EXPECT_TRUE(
      fs::exists(CaseDir(out, "S01-长春鼎新职业技能培训学校-首次申请") + "/审核工作单.pdf"));
  EXPECT_TRUE(
      fs::exists(CaseDir(out, "S07-白城市瑞丰农业科技有限公司-缺件") + "/补正材料通知书.pdf"));
  EXPECT_NE(text.find("需人工复核（未生成文书）"), std::string::npos) << text;
  ExpectClean(out);
}

// A reader that dies on one file (issue 22) costs only that file, in run and in check: the
// worker said which file it was opening, the dossier runs again with that file unreadable, and
// its report asks for a readable copy instead of SVC-001.
TEST(WorkersTest, AReaderThatDiesCostsOnlyItsFile) {
  const std::string intake = SampleIntake({"S01", "S03"});
  const std::string out = testing::MakeTempDir();
  const std::string victim = "S03-四平市安居职业培训学校-增加职业";
  const std::string file = "增加职业（工种）申请报告.pdf";
  const std::string fault = "BEIAN_FAULT=crash_file:" + victim + "/" + file;
  int rc = 0;
  const std::string text = RunBeian(intake, out, "--jobs 2", &rc, fault);
  EXPECT_EQ(rc, 1) << text;  // S03's report now asks for the file: a blocking finding
  EXPECT_EQ(text.find("could not be processed"), std::string::npos) << text;
  const nlohmann::json report =
      nlohmann::json::parse(test_util::Slurp(CaseDir(out, victim) + "/report.json"));
  std::string rules;
  for (const auto& f : report["findings"]) {
    rules += f["rule"].get<std::string>() + " ";
    if (f["rule"] == "ING-031") {
      EXPECT_NE(f["message"].get<std::string>().find("文件“" + file + "”已损坏，无法打开"),
                std::string::npos)
          << f;
    }
  }
  EXPECT_NE(rules.find("ING-031"), std::string::npos) << rules;
  EXPECT_EQ(rules.find("SVC-001"), std::string::npos) << rules;
  EXPECT_TRUE(fs::exists(CaseDir(out, victim) + "/补正材料通知书.pdf"));
  EXPECT_TRUE(fs::exists(CaseDir(out, "S01-长春鼎新职业技能培训学校-首次申请") + "/初评意见.pdf"));
  ExpectClean(out);

  std::string check;
  EXPECT_EQ(Beian("check " + Quote(intake + "/" + victim) + kDate, &check, fault), 1) << check;
  EXPECT_NE(check.find("ING-031 文件“" + file + "”已损坏"), std::string::npos) << check;
  EXPECT_EQ(check.find("SVC-001"), std::string::npos) << check;
}

// A worker ended from outside costs only its dossier: by a limit the operating system enforces
// (RLIMIT_CPU: SIGXCPU), or by --timeout (a dossier stuck in an endless loop).
struct WorkerEnd {
  const char* fault;  // BEIAN_FAULT
  const char* options;
  const char* reason;  // as the run names it
};

class WorkerEndTest : public ::testing::TestWithParam<WorkerEnd> {};

TEST_P(WorkerEndTest, CostsOnlyItsDossier) {
  const std::string intake = SampleIntake({"S01", "S07"});
  const std::string out = testing::MakeTempDir();
  const std::string victim = "S07-白城市瑞丰农业科技有限公司-缺件";
  int rc = 0;
  const std::string text = RunBeian(intake, out, GetParam().options, &rc,
                                    std::string("BEIAN_FAULT=") + GetParam().fault);
  EXPECT_EQ(rc, 2) << text;
  EXPECT_NE(text.find(victim + ": could not be processed: worker " + GetParam().reason),
            std::string::npos)
      << text;
  EXPECT_TRUE(fs::exists(CaseDir(out, "S01-长春鼎新职业技能培训学校-首次申请") + "/初评意见.pdf"));
  const nlohmann::json report =
      nlohmann::json::parse(test_util::Slurp(CaseDir(out, victim) + "/report.json"));
  EXPECT_EQ(report["findings"][0]["rule"], "SVC-001");
  ExpectClean(out);
}

INSTANTIATE_TEST_SUITE_P(Ends, WorkerEndTest,
                         ::testing::Values(WorkerEnd{"cpu:S07", "--jobs 1",
                                                     "signal SIGXCPU (CPU time limit exceeded)"},
                                           WorkerEnd{"hang:S07", "--jobs 2 --timeout 1",
                                                     "timed out after 1 s (killed)"}));

TEST(OutputFolderTest, ASecondProcessIsToldTheFolderIsInUse) {
  const std::string intake = SampleIntake({"S01"});
  const std::string out = testing::MakeTempDir();
  long holder = 0;
  Result<std::unique_ptr<OutputLock>> lock = OutputLock::Acquire(out, &holder);
  ASSERT_TRUE(lock.ok());
  int rc = 0;
  const std::string text = RunBeian(intake, out, "", &rc);
  EXPECT_EQ(rc, 2);
  EXPECT_NE(text.find("正由另一个 beian 进程（进程号 " + std::to_string(::getpid()) + "）使用"),
            std::string::npos)
      << text;
  EXPECT_EQ(test_util::CaseFolders(out).size(), 0u) << "nothing written while locked";
  lock->reset();
  EXPECT_EQ(RunBeian(intake, out, "", &rc).find("进程号"), std::string::npos);
  EXPECT_EQ(rc, 0);
}

// With renameat2(RENAME_EXCHANGE), and as on a file system without it (CIFS, older NFS: the
// no_exchange fault makes the old folder go aside first).
class ReRunTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ReRunTest, ReplacesTheCaseAsAWhole) {
  // 申请材料 is first the dossier with a missing material (补正 notice), then corrected.
  const std::string env = GetParam();
  const std::string intake = SampleIntake({"S07"});
  const std::string out = testing::MakeTempDir();
  const std::string folder = intake + "/申请材料";
  fs::rename(intake + "/S07-白城市瑞丰农业科技有限公司-缺件", folder);
  int rc = 0;
  RunBeian(intake, out, "", &rc);
  ASSERT_EQ(rc, 1);
  const std::string case_dir = CaseDir(out, "申请材料");
  ASSERT_TRUE(fs::exists(case_dir + "/补正材料通知书.pdf"));
  test_util::WriteFile(case_dir + "/手工放入.txt", "stale");
  fs::remove_all(folder);
  fs::copy(testing::RepoRoot() + "/samples/intake/S01-长春鼎新职业技能培训学校-首次申请", folder,
           fs::copy_options::recursive);
  RunBeian(intake, out, "", &rc, env);
  EXPECT_EQ(rc, 0);
  // Another institution now: the case's folder takes its name, and no folder of the case is
  // left under the old one.
  const std::string new_dir = CaseDir(out, "申请材料");
  EXPECT_NE(new_dir, case_dir);
  EXPECT_FALSE(fs::exists(case_dir));
  EXPECT_EQ(test_util::CaseFolders(out).size(), 1u);
  EXPECT_FALSE(fs::exists(new_dir + "/补正材料通知书.pdf")) << "a draft of the earlier outcome";
  EXPECT_FALSE(fs::exists(new_dir + "/手工放入.txt"));
  EXPECT_TRUE(fs::exists(new_dir + "/初评意见.pdf"));
  ExpectClean(out);
}

INSTANTIATE_TEST_SUITE_P(Exchange, ReRunTest, ::testing::Values("", "BEIAN_FAULT=no_exchange:JL-"));

TEST(OutputFolderTest, ARenamedDossierLeavesARecordNotAStaleFolder) {
  const std::string intake = SampleIntake({"S01", "S07"});
  const std::string out = testing::MakeTempDir();
  const std::string old_name = "S07-白城市瑞丰农业科技有限公司-缺件";
  int rc = 0;
  RunBeian(intake, out, "", &rc);
  ASSERT_TRUE(fs::exists(CaseDir(out, old_name)));
  fs::rename(intake + "/" + old_name, intake + "/白城瑞丰-补正后");
  const std::string text = RunBeian(intake, out, "", &rc);
  EXPECT_EQ(rc, 1) << text;
  EXPECT_FALSE(fs::exists(CaseDir(out, old_name)));
  const std::string moved = testing::CaseFolder(out + "/已撤出收件夹", report::CaseIdFor(old_name));
  EXPECT_TRUE(fs::exists(moved + "/report.json"));
  EXPECT_NE(text.find("卷宗“" + old_name + "”已不在收件夹中"), std::string::npos) << text;
  EXPECT_TRUE(fs::exists(CaseDir(out, "白城瑞丰-补正后") + "/report.json"));
  EXPECT_EQ(test_util::CaseFolders(out).size(), 2u);
}

TEST(OutputFolderTest, AFullDiskFailsTheDossierAndKeepsItsOldOutputs) {
  const std::string intake = SampleIntake({"S01", "S07"});
  const std::string out = testing::MakeTempDir();
  int rc = 0;
  RunBeian(intake, out, "", &rc);
  ASSERT_EQ(rc, 1);
  const auto before = FilesUnder(out);
  const std::string name = "S07-白城市瑞丰农业科技有限公司-缺件";
  const std::string id = report::CaseIdFor(name);
  // The injected ENOSPC hits every file of that case (its staging folder carries the id).
  const std::string text = RunBeian(intake, out, "", &rc, "BEIAN_FAULT=enospc:" + id);
  EXPECT_EQ(rc, 2) << text;
  EXPECT_NE(text.find(name + ": " + CaseDir(out, name) + "/"), std::string::npos) << text;
  EXPECT_NE(text.find("No space left on device"), std::string::npos) << text;
  for (const auto& [file, bytes] : before) {
    if (file.rfind(id, 0) != 0) continue;
    EXPECT_TRUE(FilesUnder(out).at(file) == bytes) << file << " changed";
  }
  ExpectClean(out);
  // The ledger beside the cases: no half-written workbook either.
  const std::string ledger_text = RunBeian(intake, out, "", &rc, "BEIAN_FAULT=enospc:台账");
  EXPECT_EQ(rc, 2);
  EXPECT_NE(ledger_text.find("台账.xlsx: write failed: No space left on device"), std::string::npos)
      << ledger_text;
  EXPECT_TRUE(FilesUnder(out).at("台账.xlsx") == before.at("台账.xlsx"));
  ExpectClean(out);
}

TEST(WatchTest, OnceSkipsWhatIsUnchangedAndRetriesAFailureWhenItChanges) {
  const std::string intake = SampleIntake({"S01", "S03"});
  const std::string out = testing::MakeTempDir();
  const std::string watch =
      "watch " + Quote(intake) + " --out " + Quote(out) + " --once --settle 0" + kDate;
  std::string log;
  EXPECT_EQ(Beian(watch, &log, "BEIAN_FAULT=crash:S03"), 2) << log;
  EXPECT_NE(log.find("S01-长春鼎新职业技能培训学校-首次申请 " +
                     report::CaseIdFor("S01-长春鼎新职业技能培训学校-首次申请") + " 通过"),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("未能处理"), std::string::npos) << log;
  // Nothing changed: nothing is processed again, not even the failed dossier.
  EXPECT_EQ(Beian(watch, &log), 0) << log;
  EXPECT_EQ(log, "");
  // The failed dossier changes: it is retried (and now works).
  const std::string form = intake + "/S03-四平市安居职业培训学校-增加职业/申请表.docx";
  fs::last_write_time(form, fs::last_write_time(form) + std::chrono::seconds(5));
  EXPECT_EQ(Beian(watch, &log), 0) << log;
  EXPECT_NE(log.find("S03-四平市安居职业培训学校-增加职业"), std::string::npos) << log;
  EXPECT_EQ(log.find("S01-"), std::string::npos) << log;
  EXPECT_TRUE(fs::exists(CaseDir(out, "S03-四平市安居职业培训学校-增加职业") + "/初评意见.pdf"));
  ExpectClean(out);
}

// A power cut after a pass, before its outputs reached the disk: the machine comes back with a
// new boot id, the journal without the synced line of that pass, and (here) a report.json the
// cut left empty and a draft it lost. The watcher does not trust the pass: it processes the
// dossier again and its folder is whole again.
TEST(WatchTest, APowerCutBeforeThePassWasOnTheDiskProcessesItAgain) {
  const std::string intake = SampleIntake({"S01"});
  const std::string out = testing::MakeTempDir();
  const std::string name = "S01-长春鼎新职业技能培训学校-首次申请";
  const std::string watch =
      "watch " + Quote(intake) + " --out " + Quote(out) + " --once --settle 0" + kDate;
  std::string log;
  ASSERT_EQ(Beian(watch, &log), 0) << log;
  const std::map<std::string, std::string> before = test_util::FilesUnder(CaseDir(out, name));
  const std::string journal = out + "/.beian-state";
  std::string text = test_util::Slurp(journal);
  const std::string boot = "{\"boot\":\"" + BootId() + "\"}";
  const std::string synced = "{\"synced\":true}\n";
  ASSERT_NE(text.find(boot), std::string::npos) << text;
  ASSERT_NE(text.find(synced), std::string::npos) << text;
  // The same journal under the boot before the cut: nothing is processed again.
  text.replace(text.find(boot), boot.size(), "{\"boot\":\"00000000-0000-0000-0000-000000000000\"}");
  test_util::WriteFile(journal, text);
  ASSERT_EQ(Beian(watch, &log), 0) << log;
  EXPECT_EQ(log, "");
  // Without the synced line, and with what the cut did to the case folder.
  text = test_util::Slurp(journal);
  text.replace(text.find(boot), boot.size(), "{\"boot\":\"00000000-0000-0000-0000-000000000000\"}");
  while (text.find(synced) != std::string::npos) text.erase(text.find(synced), synced.size());
  test_util::WriteFile(journal, text);
  test_util::WriteFile(CaseDir(out, name) + "/report.json", "");
  fs::remove(CaseDir(out, name) + "/初评意见.pdf");
  ASSERT_EQ(Beian(watch, &log), 0) << log;
  EXPECT_NE(log.find(name), std::string::npos) << log;
  EXPECT_EQ(test_util::FilesUnder(CaseDir(out, name)), before);
  // Processed and on the disk: the next pass leaves it alone.
  ASSERT_EQ(Beian(watch, &log), 0) << log;
  EXPECT_EQ(log, "");
  ExpectClean(out);
}

TEST(WatchTest, OnceLeavesADossierThatIsStillBeingCopiedForTheNextPass) {
  const std::string intake = SampleIntake({"S01", "S07"});
  const std::string out = testing::MakeTempDir();
  const std::string log = testing::MakeTempDir() + "/watch.log";
  const pid_t pid = test_util::Start(
      {"watch", intake, "--out", out, "--once", "--settle", "2", "--date", "2026-11-25"}, log);
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  const std::string copying = "S07-白城市瑞丰农业科技有限公司-缺件";
  test_util::WriteFile(intake + "/" + copying + "/还在复制.pdf", "%PDF-1.4");
  EXPECT_EQ(test_util::Wait(pid), 0);
  const std::string text = test_util::Slurp(log);
  EXPECT_NE(text.find(copying + " 仍在变动"), std::string::npos) << text;
  EXPECT_FALSE(fs::exists(CaseDir(out, copying)));
  EXPECT_TRUE(fs::exists(CaseDir(out, "S01-长春鼎新职业技能培训学校-首次申请") + "/report.json"));
}

TEST(WatchTest, AChangedDossierIsProcessedAgainAsANewVersion) {
  const std::string intake = SampleIntake({"S07"});
  const std::string out = testing::MakeTempDir();
  const std::string registry = testing::MakeTempDir() + "/registry.sqlite";
  const std::string name = "S07-白城市瑞丰农业科技有限公司-缺件";
  const std::string watch = "watch " + Quote(intake) + " --out " + Quote(out) +
                            " --once --settle 0 --registry " + Quote(registry) + kDate;
  std::string log;
  EXPECT_EQ(Beian(watch, &log), 1) << log;
  const std::string report = CaseDir(out, name) + "/report.json";
  nlohmann::json j = nlohmann::json::parse(test_util::Slurp(report));
  EXPECT_EQ(j["registry"]["outcome"], "new_case");
  EXPECT_EQ(j["registry"]["version"], 1);
  // The applicant hands in one more file: the dossier changes, the case gets version 2.
  fs::copy(
      testing::RepoRoot() + "/samples/intake/S01-长春鼎新职业技能培训学校-首次申请/申请报告.pdf",
      intake + "/" + name + "/补充材料.pdf");
  Beian(watch, &log);
  EXPECT_NE(log.find(name), std::string::npos) << log;
  j = nlohmann::json::parse(test_util::Slurp(report));
  EXPECT_EQ(j["registry"]["outcome"], "new_version");
  EXPECT_EQ(j["registry"]["version"], 2);
  EXPECT_EQ(j["registry"]["case"], "C2026-0001");
  EXPECT_TRUE(fs::exists(out + "/台账.xlsx")) << "the ledger over the registry";
}

TEST(WatchTest, AnIdleWorkerEndedFromOutsideIsReplaced) {
  const std::string intake = SampleIntake({"S01"});
  const std::string out = testing::MakeTempDir();
  const std::string log = testing::MakeTempDir() + "/watch.log";
  const pid_t pid = test_util::Start(
      {"watch", intake, "--out", out, "--settle", "0", "--date", "2026-11-25", "--jobs", "1"}, log);
  ASSERT_TRUE(test_util::WaitFor(
      [&] { return CaseDir(out, "S01-长春鼎新职业技能培训学校-首次申请"); }, 30));
  // The OOM killer picks the idle worker.
  const std::string children = test_util::Slurp("/proc/" + std::to_string(pid) + "/task/" +
                                                std::to_string(pid) + "/children");
  ASSERT_FALSE(children.empty());
  ::kill(static_cast<pid_t>(std::stol(children)), SIGKILL);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const std::string name = "S07-白城市瑞丰农业科技有限公司-缺件";
  fs::copy(testing::RepoRoot() + "/samples/intake/" + name, intake + "/" + name,
           fs::copy_options::recursive);
  EXPECT_TRUE(test_util::WaitFor([&] { return CaseDir(out, name) + "/report.json"; }, 30));
  ::kill(pid, SIGTERM);
  EXPECT_EQ(test_util::Wait(pid), 0) << test_util::Slurp(log);
}

// inotify, and --poll (a CIFS/NFS share, whose changes made elsewhere inotify never sees).
class WatchModeTest : public ::testing::TestWithParam<std::vector<std::string>> {};

TEST_P(WatchModeTest, WatchesTheIntakeAndStopsCleanlyOnSigterm) {
  const std::string intake = SampleIntake({"S01"});
  const std::string out = testing::MakeTempDir();
  const std::string log = testing::MakeTempDir() + "/watch.log";
  const auto before = FilesUnder(intake);
  std::vector<std::string> args = {"watch", intake,   "--out",      out,      "--settle",
                                   "1",     "--date", "2026-11-25", "--jobs", "2"};
  args.insert(args.end(), GetParam().begin(), GetParam().end());
  const pid_t pid = test_util::Start(args, log);
  ASSERT_GT(pid, 0);
  // Present at start-up: processed.
  EXPECT_TRUE(test_util::WaitFor(
      [&] { return CaseDir(out, "S01-长春鼎新职业技能培训学校-首次申请"); }, 30));
  // Dropped in while watching (copied in the way a clerk does: folder first, files after).
  const std::string name = "S07-白城市瑞丰农业科技有限公司-缺件";
  fs::copy(testing::RepoRoot() + "/samples/intake/" + name, intake + "/" + name,
           fs::copy_options::recursive);
  EXPECT_TRUE(test_util::WaitFor([&] { return CaseDir(out, name) + "/补正材料通知书.pdf"; }, 30));
  ::kill(pid, SIGTERM);
  EXPECT_EQ(test_util::Wait(pid), 0);
  const std::string text = test_util::Slurp(log);
  EXPECT_NE(text.find(name + " " + report::CaseIdFor(name) + " 需补正"), std::string::npos) << text;
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2) << "one line per dossier:\n" << text;
  ExpectClean(out);
  // The intake is only read: what was there is as it was, and nothing was added.
  const auto after = FilesUnder(intake);
  for (const auto& [file, bytes] : before) EXPECT_TRUE(after.at(file) == bytes) << file;
  EXPECT_EQ(after.size(),
            before.size() + FilesUnder(testing::RepoRoot() + "/samples/intake/" + name).size());
}

INSTANTIATE_TEST_SUITE_P(Modes, WatchModeTest,
                         ::testing::Values(std::vector<std::string>{},
                                           std::vector<std::string>{"--poll", "1"}));

}  // namespace
}  // namespace pipeline::service
