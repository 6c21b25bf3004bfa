// OUT/.beian-state (pipeline/service/intake_state.h): what was processed survives a crash in
// the middle of a line, and loading compacts the journal.
#include "pipeline/service/intake_state.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "pipeline/core/file_system.h"
#include "pipeline/service/fingerprint.h"
#include "tests/service/service_testing.h"
#include "tests/testing/test_paths.h"

namespace pipeline::service {
namespace {

namespace fs = std::filesystem;

TEST(IntakeStateTest, ATornLastLineIsIgnoredAndLoadingCompacts) {
  const std::string out = testing::MakeTempDir();
  {
    Result<IntakeState> s = IntakeState::Load(out);
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE(s->Record({"JL-0000000001", "甲", "fp1", "done", ""}).ok());
    ASSERT_TRUE(s->Record({"JL-0000000002", "乙", "fp2", "failed", "signal SIGSEGV"}).ok());
    ASSERT_TRUE(s->Record({"JL-0000000001", "甲", "fp3", "done", ""}).ok());
  }
  const std::string path = out + "/" + kStateFileName;
  std::string text = test_util::Slurp(path);
  test_util::WriteFile(path, text + "{\"case\":\"JL-0000000003\",\"dossi");  // killed mid-line
  Result<IntakeState> s = IntakeState::Load(out);
  ASSERT_TRUE(s.ok());
  ASSERT_NE(s->Find("JL-0000000001"), nullptr);
  EXPECT_EQ(s->Find("JL-0000000001")->fingerprint, "fp3");
  EXPECT_EQ(s->Find("JL-0000000002")->reason, "signal SIGSEGV");
  EXPECT_EQ(s->Find("JL-0000000003"), nullptr);
  // The boot line, one line per case, the synced line.
  text = test_util::Slurp(path);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 4) << text;
  EXPECT_EQ(text.rfind("{\"boot\":\"" + BootId() + "\"}\n", 0), 0u) << text;
  EXPECT_TRUE(text.size() > 16 && text.substr(text.size() - 16) == "{\"synced\":true}\n") << text;
}

// Each case's folder is kept; a line from before folders were named means OUT/<case-id>. A
// folder is taken while its case is not superseded, and only for other cases.
TEST(IntakeStateTest, FoldersAreKeptAndOldLinesMeanTheCaseId) {
  const std::string out = testing::MakeTempDir();
  test_util::WriteFile(out + "/" + kStateFileName,
                       "{\"case\":\"JL-0000000001\",\"dossier\":\"甲\",\"fingerprint\":\"fp1\","
                       "\"status\":\"done\"}\n");
  {
    Result<IntakeState> s = IntakeState::Load(out);
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(s->Find("JL-0000000001")->folder(), "JL-0000000001");
    ASSERT_TRUE(
        s->Record({"JL-0000000002", "乙", "fp2", "done", "", "C2026-0001-长春市乙培训学校"}).ok());
  }
  Result<IntakeState> s = IntakeState::Load(out);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->Find("JL-0000000002")->folder(), "C2026-0001-长春市乙培训学校");
  EXPECT_TRUE(s->FolderTaken("C2026-0001-长春市乙培训学校", "JL-0000000003"));
  EXPECT_FALSE(s->FolderTaken("C2026-0001-长春市乙培训学校", "JL-0000000002"));
  fs::create_directories(out + "/C2026-0001-长春市乙培训学校");
  test_util::WriteFile(out + "/C2026-0001-长春市乙培训学校/report.json", "{}");
  ASSERT_TRUE(s->SupersedeMissing({"JL-0000000001"}, "已撤出收件夹").ok());
  EXPECT_TRUE(fs::exists(out + "/已撤出收件夹/C2026-0001-长春市乙培训学校/report.json"));
  EXPECT_FALSE(s->FolderTaken("C2026-0001-长春市乙培训学校", "JL-0000000003"));
}

// After a power cut, a case line neither followed by a synced line nor written under the
// current boot may describe outputs that never reached the disk: its case is unconfirmed.
struct PowerCutCase {
  const char* name;
  std::string journal;      // lines before loading
  const char* status;       // of JL-0000000001 after loading
  const char* fingerprint;  // of JL-0000000001 after loading
};

void PrintTo(const PowerCutCase& c, std::ostream* os) { *os << c.name; }

std::string CaseLine(const std::string& fingerprint) {
  return "{\"case\":\"JL-0000000001\",\"dossier\":\"甲\",\"fingerprint\":\"" + fingerprint +
         "\",\"status\":\"done\"}\n";
}

const std::string kOtherBoot = "{\"boot\":\"00000000-0000-0000-0000-000000000000\"}\n";
const std::string kSynced = "{\"synced\":true}\n";

class PowerCutTest : public ::testing::TestWithParam<PowerCutCase> {};

TEST_P(PowerCutTest, TrustsOnlyWhatIsKnownToBeOnTheDisk) {
  const std::string out = testing::MakeTempDir();
  test_util::WriteFile(out + "/" + kStateFileName, GetParam().journal);
  Result<IntakeState> s = IntakeState::Load(out);
  ASSERT_TRUE(s.ok());
  ASSERT_NE(s->Find("JL-0000000001"), nullptr);
  EXPECT_EQ(s->Find("JL-0000000001")->status, GetParam().status);
  EXPECT_EQ(s->Find("JL-0000000001")->fingerprint, GetParam().fingerprint);
  EXPECT_EQ(s->Find("JL-0000000001")->dossier, "甲");
  // What was loaded is on the disk now: loading again gives the same.
  Result<IntakeState> again = IntakeState::Load(out);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->Find("JL-0000000001")->status, GetParam().status);
}

INSTANTIATE_TEST_SUITE_P(
    Journals, PowerCutTest,
    ::testing::Values(
        PowerCutCase{"SyncedUnderAnEarlierBoot", kOtherBoot + CaseLine("fp1") + kSynced, "done",
                     "fp1"},
        PowerCutCase{"NotSyncedUnderAnEarlierBoot", kOtherBoot + CaseLine("fp1"), "unconfirmed",
                     ""},
        PowerCutCase{"ALaterLineNotSynced",
                     kOtherBoot + CaseLine("fp1") + kSynced + CaseLine("fp2"), "unconfirmed", ""},
        PowerCutCase{"ZerosAfterTheLastLine",
                     kOtherBoot + CaseLine("fp1") + kSynced + std::string(100, '\0'), "done",
                     "fp1"},
        PowerCutCase{"NotSyncedUnderThisBoot",
                     "{\"boot\":\"" + BootId() + "\"}\n" + CaseLine("fp1") + CaseLine("fp2"),
                     "done", "fp2"},
        PowerCutCase{"WrittenBeforeBootLines", CaseLine("fp1"), "done", "fp1"}),
    [](const ::testing::TestParamInfo<PowerCutCase>& p) { return p.param.name; });

TEST(IntakeStateTest, EachProcessWritesItsBootLineBeforeItsFirstCase) {
  const std::string out = testing::MakeTempDir();
  Result<IntakeState> s = IntakeState::Load(out);  // a new folder: nothing written yet
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(fs::exists(out + "/" + kStateFileName));
  ASSERT_TRUE(s->Record({"JL-0000000001", "甲", "fp1", "done", ""}).ok());
  ASSERT_TRUE(s->Sync().ok());
  ASSERT_TRUE(s->Sync().ok());  // nothing new: no second synced line
  EXPECT_EQ(test_util::Slurp(out + "/" + kStateFileName),
            "{\"boot\":\"" + BootId() + "\"}\n" +
                "{\"case\":\"JL-0000000001\",\"dossier\":\"甲\",\"fingerprint\":\"fp1\","
                "\"status\":\"done\"}\n" +
                kSynced);
}

TEST(IntakeStateTest, CasesWhoseDossierLeftAreMovedAsideOnce) {
  const std::string out = testing::MakeTempDir();
  Result<IntakeState> s = IntakeState::Load(out);
  ASSERT_TRUE(s.ok());
  fs::create_directories(out + "/JL-0000000001");
  test_util::WriteFile(out + "/JL-0000000001/report.json", "{}");
  ASSERT_TRUE(s->Record({"JL-0000000001", "甲", "fp1", "done", ""}).ok());
  ASSERT_TRUE(s->Record({"JL-0000000002", "乙", "fp2", "done", ""}).ok());
  Result<std::vector<CaseState>> gone = s->SupersedeMissing({"JL-0000000002"}, "已撤出收件夹");
  ASSERT_TRUE(gone.ok());
  ASSERT_EQ(gone->size(), 1u);
  EXPECT_EQ(gone->at(0).dossier, "甲");
  EXPECT_TRUE(fs::exists(out + "/已撤出收件夹/JL-0000000001/report.json"));
  EXPECT_FALSE(fs::exists(out + "/JL-0000000001"));
  EXPECT_EQ(s->Find("JL-0000000001")->status, "superseded");
  gone = s->SupersedeMissing({"JL-0000000002"}, "已撤出收件夹");
  ASSERT_TRUE(gone.ok());
  EXPECT_TRUE(gone->empty());
}

TEST(FingerprintTest, ChangesWithAnyEntryAndIgnoresReading) {
  const std::string dir = testing::MakeTempDir() + "/卷宗";
  fs::create_directories(dir + "/人员名单");
  test_util::WriteFile(dir + "/申请表.docx", "a");
  const std::string first = Fingerprint(dir);
  (void)test_util::Slurp(dir + "/申请表.docx");
  EXPECT_EQ(Fingerprint(dir), first);
  test_util::WriteFile(dir + "/人员名单/专家.xlsx", "b");
  const std::string second = Fingerprint(dir);
  EXPECT_NE(second, first);
  test_util::WriteFile(dir + "/人员名单/专家.xlsx", "bb");  // size
  EXPECT_NE(Fingerprint(dir), second);
  fs::create_symlink("/etc", dir + "/链接");  // recorded, never followed
  const std::string with_link = Fingerprint(dir);
  EXPECT_EQ(Fingerprint(dir), with_link);
}

}  // namespace
}  // namespace pipeline::service
