// FileWriter: a file streamed to a temporary and renamed into place whole; nothing is left when
// it is not committed or the disk is full.
#include "pipeline/core/file_writer.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "pipeline/core/file_system.h"
#include "tests/testing/test_paths.h"

namespace pipeline {
namespace {

namespace fs = std::filesystem;

std::size_t Entries(const std::string& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

TEST(FileWriterTest, PiecesLargeAndSmallBecomeTheFileOnlyWhenCommitted) {
  const std::string dir = testing::MakeTempDir() + "/汇总";
  const std::string path = dir + "/summary.json";
  Result<std::unique_ptr<FileWriter>> w = FileWriter::Open(path);
  ASSERT_TRUE(w.ok()) << w.error().ToString();
  const std::string big(200000, 'x');
  (*w)->Write("head,");
  (*w)->Write(big);
  (*w)->Write(",tail");
  EXPECT_FALSE(fs::exists(path)) << "visible before it is whole";
  ASSERT_TRUE((*w)->Commit().ok());
  EXPECT_EQ(testing::ReadText(path), "head," + big + ",tail");
  EXPECT_EQ(Entries(dir), 1u) << "a temporary left behind";
}

TEST(FileWriterTest, AnUncommittedWriterLeavesTheOldFileAndNoTemporary) {
  const std::string dir = testing::MakeTempDir();
  const std::string path = dir + "/index.html";
  { std::ofstream(path) << "old"; }
  {
    Result<std::unique_ptr<FileWriter>> w = FileWriter::Open(path);
    ASSERT_TRUE(w.ok());
    (*w)->Write("new");
  }
  EXPECT_EQ(testing::ReadText(path), "old");
  EXPECT_EQ(Entries(dir), 1u);
}

TEST(FileWriterTest, AFullDiskIsAnErrorNamingTheFileAndLeavesTheOldOne) {
  const std::string dir = testing::MakeTempDir();
  const std::string path = dir + "/index.html";
  { std::ofstream(path) << "old"; }
  ::setenv("BEIAN_FAULT", "enospc:index.html", 1);
  Result<std::unique_ptr<FileWriter>> w = FileWriter::Open(path);
  ASSERT_TRUE(w.ok());
  (*w)->Write("new");
  const Status s = (*w)->Commit();
  ::unsetenv("BEIAN_FAULT");
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.ToString().find(path), std::string::npos) << s.ToString();
  EXPECT_NE(s.ToString().find("No space left"), std::string::npos) << s.ToString();
  EXPECT_EQ(testing::ReadText(path), "old");
  EXPECT_EQ(Entries(dir), 1u);
}

}  // namespace
}  // namespace pipeline
