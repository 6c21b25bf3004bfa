#include "pipeline/core/file_system.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "tests/testing/fake_file_system.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_paths.h"

namespace pipeline {
namespace {

TEST(RealFileSystemTest, ListsChineseNamesSortedAndDoesNotFollowSymlinks) {
  std::string dir = testing::MakeTempDir();
  RealFileSystem fs;
  ASSERT_OK(fs.WriteFile(dir + "/吉林/申请表.docx", "x"));
  ASSERT_OK(fs.WriteFile(dir + "/吉林/附件一.pdf", "yy"));
  ASSERT_EQ(::symlink("/etc/passwd", (dir + "/吉林/link.pdf").c_str()), 0);
  Result<std::vector<DirEntry>> entries = fs.ListDir(dir + "/吉林");
  ASSERT_OK(entries);
  ASSERT_EQ(entries->size(), 3u);
  EXPECT_EQ((*entries)[0].name, "link.pdf");
  EXPECT_EQ((*entries)[0].type, EntryType::kSymlink);
  EXPECT_EQ((*entries)[1].name, "申请表.docx");
  EXPECT_EQ((*entries)[2].size, 2u);
  Result<std::string> link = fs.ReadFile(dir + "/吉林/link.pdf", 100);
  EXPECT_FALSE(link);
  EXPECT_EQ(link.error().code(), StatusCode::kUnsupported);
}

TEST(RealFileSystemTest, ReadRefusesFilesOverTheCap) {
  std::string dir = testing::MakeTempDir();
  RealFileSystem fs;
  ASSERT_OK(fs.WriteFile(dir + "/big.bin", std::string(100, 'a')));
  EXPECT_FALSE(fs.ReadFile(dir + "/big.bin", 10));
  EXPECT_EQ(fs.ReadFile(dir + "/missing", 10).error().ToString(), dir + "/missing: no such file");
}

// What can be checked without cutting the power: the calls reach the disk's file system and
// say which file they could not sync.
TEST(RealFileSystemTest, SyncsAFileWithItsNewFoldersAndNamesWhatIsMissing) {
  const std::string dir = testing::MakeTempDir();
  RealFileSystem fs;
  ASSERT_OK(fs.WriteFile(dir + "/归档/2026/吉人社备〔2026〕1号.pdf", "%PDF"));
  EXPECT_OK(SyncToDisk(dir + "/归档/2026/吉人社备〔2026〕1号.pdf", dir + "/归档/"));
  EXPECT_OK(SyncToDisk(dir + "/归档/2026", dir + "/归档/2026"));
  EXPECT_OK(SyncFileSystem(dir));
  Status missing = SyncToDisk(dir + "/归档/2027/缺.pdf", dir);
  EXPECT_EQ(missing.ToString(), dir + "/归档/2027/缺.pdf: No such file or directory");
  EXPECT_EQ(SyncFileSystem(dir + "/无此文件夹").ToString(),
            dir + "/无此文件夹: No such file or directory");
}

TEST(RealFileSystemTest, BootIdIsTheKernelsWhenItSaysOne) {
  std::ifstream in("/proc/sys/kernel/random/boot_id");
  std::string kernel;
  std::getline(in, kernel);
  EXPECT_EQ(BootId(), kernel);
  if (!kernel.empty()) {
    EXPECT_EQ(BootId().size(), 36u);
  }
}

TEST(FakeFileSystemTest, ListsImpliedDirectories) {
  testing::FakeFileSystem fs;
  fs.AddFile("in/甲/申请表.xml", "<a/>");
  fs.AddFile("in/乙.txt", "x");
  Result<std::vector<DirEntry>> entries = fs.ListDir("in");
  ASSERT_OK(entries);
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].name, "乙.txt");  // U+4E59 sorts before U+7532 by bytes
  EXPECT_EQ((*entries)[0].type, EntryType::kFile);
  EXPECT_EQ((*entries)[1].name, "甲");
  EXPECT_EQ((*entries)[1].type, EntryType::kDirectory);
}

TEST(PathTest, SameOrInsideComparesWholeComponents) {
  EXPECT_TRUE(IsSameOrInside("/a/b", "/a/b"));
  EXPECT_TRUE(IsSameOrInside("/a/b/c", "/a/b"));
  EXPECT_FALSE(IsSameOrInside("/a/bc", "/a/b"));
  EXPECT_FALSE(IsSameOrInside("/a", "/a/b"));
}

TEST(RealFileSystemTest, CanonicalResolvesDotsAndMissingTails) {
  std::string dir = testing::MakeTempDir();
  RealFileSystem fs;
  ASSERT_OK(fs.MakeDirs(dir + "/收件/甲"));
  Result<std::string> c = fs.Canonical(dir + "/收件/甲/../甲/新/输出");
  ASSERT_OK(c);
  Result<std::string> base = fs.Canonical(dir);
  ASSERT_OK(base);
  EXPECT_EQ(*c, *base + "/收件/甲/新/输出");
}

TEST(PathTest, JoinBaseAndDirName) {
  EXPECT_EQ(JoinPath("a/", "b"), "a/b");
  EXPECT_EQ(BaseName("a/b/申请表.docx"), "申请表.docx");
  EXPECT_EQ(DirName("a/b/c.pdf"), "a/b");
  EXPECT_EQ(DirName("c.pdf"), "");
}

}  // namespace
}  // namespace pipeline
