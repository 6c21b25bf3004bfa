// Every message key that code or data can emit has wording in templates/messages.zh-CN.tsv.
// Keys are found where they are written: string literals "<stage>.<key>" in pipeline/ sources
// and message="..." attributes in checklists/; keys built at run time are covered by the
// stage's MessageIds() (e.g. completeness::MessageIds()).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "pipeline/completeness/completeness.h"
#include "pipeline/core/file_system.h"
#include "pipeline/model/dossier.h"
#include "pipeline/model/form.h"
#include "pipeline/report/messages.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_paths.h"

namespace pipeline::report {
namespace {

namespace fs = std::filesystem;

TEST(MessageCoverageTest, EveryKeyInCodeAndChecklistsHasWording) {
  RealFileSystem rfs;
  Result<MessageCatalog> cat =
      MessageCatalog::Load(rfs, testing::RepoRoot() + "/templates/messages.zh-CN.tsv");
  ASSERT_OK(cat);
  std::set<std::string> used;
  // ASCII-only patterns, so std::regex over bytes is fine here.
  const std::regex literal(R"re("((?:ingest|extract|completeness|crosscheck)\.[a-z_.]+[a-z_])")re");
  const std::regex attribute(R"re(message="([a-z_.]+)")re");
  std::size_t sources = 0;
  for (const auto& e : fs::recursive_directory_iterator(testing::RepoRoot() + "/pipeline")) {
    if (e.path().extension() != ".cc" && e.path().extension() != ".h") continue;
    ++sources;
    std::string text = testing::ReadText(e.path());
    for (std::sregex_iterator it(text.begin(), text.end(), literal), end; it != end; ++it) {
      used.insert((*it)[1]);
    }
  }
  for (const auto& e : fs::recursive_directory_iterator(testing::RepoRoot() + "/checklists")) {
    if (e.path().extension() != ".xml") continue;
    std::string text = testing::ReadText(e.path());
    for (std::sregex_iterator it(text.begin(), text.end(), attribute), end; it != end; ++it) {
      used.insert((*it)[1]);
    }
  }
  for (const std::string& k : completeness::MessageIds()) used.insert(k);
  ASSERT_GT(sources, 20u);
  ASSERT_GT(used.size(), 40u);  // the scan found the keys, not nothing
  for (const std::string& key : used) {
    // A literal ending in '.' is a prefix completed at run time (covered by MessageIds()).
    EXPECT_TRUE(cat->Has(key)) << "no wording for message key " << key;
  }
}

// Codes that findings pass as arguments are worded too (arg.<name>.<value>), so a clerk never
// reads "institution_name" or "truncated" inside a Chinese sentence.
TEST(MessageCoverageTest, CodeArgumentsHaveWording) {
  RealFileSystem rfs;
  Result<MessageCatalog> cat =
      MessageCatalog::Load(rfs, testing::RepoRoot() + "/templates/messages.zh-CN.tsv");
  ASSERT_OK(cat);
  for (model::FormField f : model::AllFormFields()) {
    EXPECT_TRUE(cat->Has(std::string("arg.field.") + model::FormFieldName(f)))
        << model::FormFieldName(f);
  }
  for (auto h : {model::FileHealth::kOk, model::FileHealth::kEmpty, model::FileHealth::kCorrupt,
                 model::FileHealth::kTruncated, model::FileHealth::kWrongFormat,
                 model::FileHealth::kEncrypted, model::FileHealth::kTooLarge,
                 model::FileHealth::kUnsupported}) {
    EXPECT_TRUE(cat->Has(std::string("arg.health.") + model::FileHealthName(h)))
        << model::FileHealthName(h);
  }
  EXPECT_EQ(
      cat->Format("ingest.walk_limit", {{"file", "a/b"}, {"limit", "max_depth"}, {"value", "8"}})
          .find("max_depth"),
      std::string::npos);
}

}  // namespace
}  // namespace pipeline::report
