// OUT/.beian-state (pipeline/service/intake_state.h): what was processed survives a crash in
// the middle of a line, and loading compacts the journal.
#include "pipeline/service/intake_state.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

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
  text = test_util::Slurp(path);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2) << text;
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
