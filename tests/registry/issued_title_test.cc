// The 题名 given at issue (issue 21): each names what its document is about, so no two rows of
// one 归档文件目录 read alike. The wording is the shipped catalogue's.
#include "pipeline/registry/issued_title.h"

#include <gtest/gtest.h>

#include "pipeline/core/file_system.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_paths.h"

namespace pipeline::registry {
namespace {

using nlohmann::json;

report::MessageCatalog TitleTestMessages() {
  RealFileSystem rfs;
  Result<report::MessageCatalog> cat =
      report::MessageCatalog::Load(rfs, testing::RepoRoot() + "/templates/messages.zh-CN.tsv");
  EXPECT_OK(cat);
  return cat ? *cat : report::MessageCatalog{};
}

json TitleTestEntries(
    const std::vector<std::pair<std::string, std::string>>& institutions_and_kinds) {
  json entries = json::array();
  for (const auto& [name, kind] : institutions_and_kinds) {
    entries.push_back({{"institution", name}, {"kind", kind}});
  }
  return entries;
}

TEST(IssuedTitleTest, AReceiptNamesTheInstitutionTheApplicationAndALaterSubmission) {
  const report::MessageCatalog m = TitleTestMessages();
  json data = {{"entries", TitleTestEntries({{"长春市鼎新职业技能培训学校", "initial"}})},
               {"receipt", {{"version", 1}}}};
  EXPECT_EQ(IssuedTitle(m, "receipt", data), "长春市鼎新职业技能培训学校首次申请材料接收回执");
  data["receipt"]["version"] = 2;
  EXPECT_EQ(IssuedTitle(m, "receipt", data),
            "长春市鼎新职业技能培训学校首次申请材料接收回执（第2次提交）");
  data["entries"] = TitleTestEntries({{"长春市鼎新职业技能培训学校", "change"}});
  data["receipt"]["version"] = 1;
  EXPECT_EQ(IssuedTitle(m, "receipt", data), "长春市鼎新职业技能培训学校变更申请材料接收回执");
  data["entries"] = TitleTestEntries({{"长春市鼎新职业技能培训学校", "unknown"}});
  EXPECT_EQ(IssuedTitle(m, "receipt", data), "长春市鼎新职业技能培训学校备案申请材料接收回执");
}

TEST(IssuedTitleTest, APublicityOfSeveralInstitutionsNamesThemOrTheFirstAndTheCount) {
  const report::MessageCatalog m = TitleTestMessages();
  json data = {
      {"entries", TitleTestEntries({{"甲学校", "initial"}, {"乙学校", "change"}, {"甲学校", ""}})},
      {"publicity", {{"start", "2026年9月28日"}, {"end", "2026年10月10日"}}}};
  EXPECT_EQ(IssuedTitle(m, "publicity_notice", data),
            "甲学校、乙学校职业技能等级认定机构备案公示（公示期2026年9月28日至2026年10月10日）");
  data["entries"] =
      TitleTestEntries({{"甲学校", ""}, {"乙学校", ""}, {"丙学校", ""}, {"丁学校", ""}});
  EXPECT_EQ(IssuedTitle(m, "publicity_notice", data),
            "甲学校等4家机构职业技能等级认定机构备案公示（公示期2026年9月28日至2026年10月10日）");
}

TEST(IssuedTitleTest, ASubmissionSaysWhichFilingWhenItsCasesShareOne) {
  const report::MessageCatalog m = TitleTestMessages();
  json data = {{"entries", TitleTestEntries({{"甲学校", "change"}})}};
  EXPECT_EQ(IssuedTitle(m, "submission", data),
            "关于报送甲学校职业技能等级认定机构备案变更材料的报告");
  data["entries"] = TitleTestEntries({{"甲学校", "change"}, {"乙学校", "initial"}});
  EXPECT_EQ(IssuedTitle(m, "submission", data),
            "关于报送甲学校、乙学校职业技能等级认定机构备案材料的报告");
}

TEST(IssuedTitleTest, ALetterDrawnByRunNamesItsReportsInstitution) {
  const report::MessageCatalog m = TitleTestMessages();
  const json data = {{"institution", {{"name", "长春市通达物流有限公司"}}}};
  EXPECT_EQ(IssuedTitle(m, "correction_notice", data), "长春市通达物流有限公司补正材料通知书");
}

}  // namespace
}  // namespace pipeline::registry
