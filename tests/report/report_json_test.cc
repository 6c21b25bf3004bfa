#include "pipeline/report/report_json.h"

#include <gtest/gtest.h>

#include "pipeline/core/file_system.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_paths.h"

namespace pipeline::report {
namespace {

MessageCatalog Shipped() {
  RealFileSystem fs;
  Result<MessageCatalog> cat =
      MessageCatalog::Load(fs, testing::RepoRoot() + "/templates/messages.zh-CN.tsv");
  EXPECT_TRUE(cat) << cat.status().ToString();
  return cat ? std::move(*cat) : MessageCatalog();
}

TEST(LevelsTextTest, RangesAndLists) {
  MessageCatalog m = Shipped();
  struct Case {
    std::vector<int> levels;
    const char* want;
  } cases[] = {
      {{}, ""},
      {{3}, "三级"},
      {{3, 4, 5}, "五级至三级"},
      {{5, 4, 3}, "五级至三级"},
      {{1, 2}, "二级至一级"},
      {{1, 3}, "三级、一级"},
      {{4, 4}, "四级"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.want);
    EXPECT_EQ(LevelsText(c.levels, m), c.want);
  }
}

TEST(ReportJsonTest, StableKeysAndWordedFindings) {
  MessageCatalog m = Shipped();
  model::CaseReport r;
  r.dossier = "长春市甲学校";
  r.case_id = "JL-0000000001";
  r.application.kind.value = model::ApplicationKind::kRenewal;
  r.application.applicant_type.value = model::ApplicantType::kSocialOrg;
  model::MaterialResult mat;
  mat.id = "M-COM-03";
  mat.name = "法人登记证书或营业执照";
  mat.status = model::MaterialStatus::kMissing;
  r.materials = {mat};
  model::Finding f;
  f.rule_id = "M-COM-03";
  f.severity = model::Severity::kBlocking;
  f.message = "completeness.material_missing";
  f.args = {{"material", mat.name}, {"article", "第六条（一）"}, {"id", mat.id}};
  f.evidence = {{"", ""}};
  r.findings = {f};
  r.conclusion = model::Conclusion::kCorrectionsNeeded;
  nlohmann::json j = ToJson(r, m);
  EXPECT_EQ(j["application"]["kind"], "renewal");
  EXPECT_EQ(j["application"]["applicant_type"], "social_org");
  EXPECT_EQ(j["materials"][0]["status"], "missing");
  EXPECT_EQ(j["findings"][0]["severity"], "blocking");
  EXPECT_EQ(j["findings"][0]["rule"], "M-COM-03");
  EXPECT_NE(j["findings"][0]["message"].get<std::string>().find("法人登记证书或营业执照"),
            std::string::npos);
  EXPECT_EQ(j["conclusion"], "corrections_needed");
  std::string text = ToJsonText(j);
  EXPECT_EQ(text.back(), '\n');
  EXPECT_EQ(text, ToJsonText(ToJson(r, m)));  // deterministic
}

// The registry's part is added to the text a worker wrote: the same bytes as writing the whole
// object, wherever the key falls (first, between, last), whatever the values hold.
TEST(ReportJsonTest, MemberInsertedIntoTextGivesTheSameBytesAsTheWholeObject) {
  using nlohmann::json;
  const json registry = {{"case", "C2026-0001"},
                         {"version", 2},
                         {"receipt", {"a", "b"}},
                         {"filing", nullptr},
                         {"note", "含\"引号\": 与\n换行"}};
  const json bases[] = {
      json::object(),
      {{"application", {{"kind", "new"}}}, {"findings", json::array()}, {"zzz", 1}},
      {{"a", {{"nested", {{"registry", 1}}}}}, {"b", {1, 2, {{"x", "  \"y"}}}}},
      {{"registry_check", {{"x", 1}}}, {"rules", json::array({json::object()})}},
      {{"key \" with quote", 1}, {"q", "}"}},
  };
  for (const json& base : bases) {
    for (const json& value : {registry, json("text"), json(3), json::array()}) {
      SCOPED_TRACE(base.dump() + " + " + value.dump());
      std::string text = ToJsonText(base);
      InsertMemberText(&text, "registry", value);
      json whole = base;
      whole["registry"] = value;
      EXPECT_EQ(text, ToJsonText(whole));
    }
  }
}

}  // namespace
}  // namespace pipeline::report

namespace pipeline::report {
namespace {

TEST(LocationTextTest, FormLocationsInWords) {
  MessageCatalog m = Shipped();
  struct Case {
    const char* location;
    const char* want;
  } cases[] = {
      {"T1R13C4", "表1第13行第4列"},
      {"T2R3", "表2第3行"},
      {"P5", "第5段"},
      {"T1R1C1/T1R3C2", "表1第1行第1列中的表1第3行第2列"},
      {"/application/institution_name", "/application/institution_name"},
      {"", ""},
      {"page 2", "page 2"},
      {"T1R2C3x", "T1R2C3x"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.location);
    EXPECT_EQ(LocationText(c.location, m), c.want);
  }
}

}  // namespace
}  // namespace pipeline::report
