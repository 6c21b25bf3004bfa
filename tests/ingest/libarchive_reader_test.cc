// LibarchiveReader (.7z and .rar through libarchive) over the committed fixtures of
// tests/e2e/testdata/make_archive_fixtures.py: listing, reading, and each cap and damage that
// makes it a problem instead of entries.
#include "pipeline/ingest/libarchive_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/testing/test_paths.h"

namespace pipeline::ingest {
namespace {

std::string Bytes(const std::string& relative) {
  std::ifstream in(pipeline::testing::RepoRoot() + "/" + relative, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const char kBoth[] = "tests/e2e/testdata/己-七z与rar压缩包/";
const char kSource[] = "tests/e2e/testdata/甲-查看器能打开的文件/";

TEST(LibarchiveReaderTest, ListsAndReadsA7zAndARar5) {
  for (const auto& [file, format, entry] :
       {std::tuple<std::string, std::string, std::string>{"附件.7z", "7z", "收费标准.pdf"},
        {"附件二.rar", "rar", "管理制度/人员管理制度.pdf"}}) {
    SCOPED_TRACE(file);
    const std::string bytes = Bytes(kBoth + file);
    LibarchiveReader r(bytes, format, Limits{});
    ASSERT_EQ(r.problem(), ZipProblem::kNone) << r.detail();
    ASSERT_EQ(r.names().size(), 10u);
    const auto it = std::find(r.names().begin(), r.names().end(), entry);
    ASSERT_NE(it, r.names().end());
    const std::size_t i = static_cast<std::size_t>(it - r.names().begin());
    EXPECT_TRUE(r.NameFlaggedUtf8(i));
    const std::string original = Bytes(kSource + entry);
    EXPECT_EQ(r.SizeOf(i), original.size());
    Result<std::string> read = r.Read(entry);
    ASSERT_TRUE(read.ok()) << read.error().ToString();
    EXPECT_EQ(*read, original);
    EXPECT_FALSE(r.Read("没有这个文件.pdf").ok());
  }
}

TEST(LibarchiveReaderTest, CapsDamageAndPasswordsAreProblemsNotEntries) {
  const std::string seven = Bytes(std::string(kBoth) + "附件.7z");
  Limits few;
  few.max_zip_entries = 3;
  EXPECT_EQ(LibarchiveReader(seven, "7z", few).problem(), ZipProblem::kTooLarge);
  Limits small;
  small.max_inflated_bytes = 1000;
  EXPECT_EQ(LibarchiveReader(seven, "7z", small).problem(), ZipProblem::kTooLarge);
  Limits tiny_entry;
  tiny_entry.max_entry_bytes = 100;
  LibarchiveReader capped(seven, "7z", tiny_entry);
  ASSERT_EQ(capped.problem(), ZipProblem::kNone);
  EXPECT_FALSE(capped.Read("收费标准.pdf").ok());

  EXPECT_NE(LibarchiveReader(seven.substr(0, seven.size() / 2), "7z", Limits{}).problem(),
            ZipProblem::kNone);
  EXPECT_NE(LibarchiveReader("not an archive at all", "7z", Limits{}).problem(), ZipProblem::kNone);
  EXPECT_NE(LibarchiveReader(seven, "rar", Limits{}).problem(), ZipProblem::kNone)
      << "a .rar is read as RAR only";

  std::string rar = Bytes(std::string(kBoth) + "附件二.rar");
  rar[rar.size() / 2] = static_cast<char>(rar[rar.size() / 2] ^ 0x5a);  // inside a stored file
  LibarchiveReader damaged(rar, "rar", Limits{});
  bool any_failed = damaged.problem() != ZipProblem::kNone;
  for (const std::string& name : damaged.names()) any_failed |= !damaged.Read(name).ok();
  EXPECT_TRUE(any_failed) << "a changed byte fails its CRC32";

  const std::string locked = Bytes("tests/ingest/testdata/archives/加密.7z");
  EXPECT_EQ(LibarchiveReader(locked, "7z", Limits{}).problem(), ZipProblem::kEncrypted);
}

}  // namespace
}  // namespace pipeline::ingest
