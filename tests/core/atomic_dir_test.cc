// Whole-folder replacement (pipeline/core/atomic_dir.h) and the file writes that go with it.
#include "pipeline/core/atomic_dir.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/core/file_system.h"
#include "tests/testing/test_paths.h"

namespace pipeline {
namespace {

namespace fs = std::filesystem;

void Put(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

std::string Get(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// With renameat2(RENAME_EXCHANGE), and on a file system without it (the old folder renamed
// aside, the new one in, the old one removed): the same result, nothing left beside it.
class ReplaceDirTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    if (GetParam()) ::setenv("BEIAN_FAULT", "no_exchange:案件", 1);
  }
  void TearDown() override { ::unsetenv("BEIAN_FAULT"); }
};

TEST_P(ReplaceDirTest, SwapsTheWholeFolder) {
  const fs::path root = testing::MakeTempDir();
  Put(root / "案件" / "补正材料通知书.pdf", "old draft");
  Put(root / "案件" / "report.json", "{\"old\":1}");
  Put(root / "staged" / "report.json", "{\"new\":1}");
  Put(root / "staged" / "初评意见.pdf", "new draft");
  ASSERT_TRUE(ReplaceDir((root / "staged").string(), (root / "案件").string()).ok());
  EXPECT_FALSE(fs::exists(root / "staged"));
  EXPECT_FALSE(fs::exists(root / "案件" / "补正材料通知书.pdf"));
  EXPECT_EQ(Get(root / "案件" / "report.json"), "{\"new\":1}");
  EXPECT_EQ(Get(root / "案件" / "初评意见.pdf"), "new draft");
  // No folder there yet: a plain rename.
  Put(root / "staged2" / "report.json", "{}");
  ASSERT_TRUE(ReplaceDir((root / "staged2").string(), (root / "新案件").string()).ok());
  EXPECT_EQ(Get(root / "新案件" / "report.json"), "{}");
  std::vector<std::string> left;
  for (const auto& e : fs::directory_iterator(root)) left.push_back(e.path().filename());
  std::sort(left.begin(), left.end());
  EXPECT_EQ(left, (std::vector<std::string>{"新案件", "案件"}));
}

INSTANTIATE_TEST_SUITE_P(Exchange, ReplaceDirTest, ::testing::Values(false, true));

TEST(AtomicDirTest, RemoveTreeNeverFollowsASymlink) {
  const fs::path root = testing::MakeTempDir();
  Put(root / "keep" / "a.txt", "kept");
  Put(root / "gone" / "b.txt", "b");
  fs::create_directory_symlink(root / "keep", root / "gone" / "link");
  ASSERT_TRUE(RemoveTree((root / "gone").string()).ok());
  EXPECT_FALSE(fs::exists(root / "gone"));
  EXPECT_EQ(Get(root / "keep" / "a.txt"), "kept");
  EXPECT_TRUE(RemoveTree((root / "never-was").string()).ok());
}

TEST(AtomicDirTest, AFailedWriteLeavesNeitherHalfAFileNorItsTemporary) {
  const fs::path root = testing::MakeTempDir();
  Put(root / "台账.xlsx", "complete old ledger");
  ::setenv("BEIAN_FAULT", "enospc:台账", 1);
  RealFileSystem disk;
  Status s = disk.WriteFile((root / "台账.xlsx").string(), std::string(1000, 'x'));
  ::unsetenv("BEIAN_FAULT");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.ToString().find("No space left on device"), std::string::npos) << s.ToString();
  EXPECT_EQ(Get(root / "台账.xlsx"), "complete old ledger");
  for (const auto& e : fs::directory_iterator(root)) {
    EXPECT_EQ(e.path().filename(), "台账.xlsx") << "left behind: " << e.path();
  }
  ASSERT_TRUE(disk.WriteFile((root / "台账.xlsx").string(), "new").ok());
  EXPECT_EQ(Get(root / "台账.xlsx"), "new");
}

}  // namespace
}  // namespace pipeline
