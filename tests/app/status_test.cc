// app::StatusOf and app::StatusJson over a real SQLite registry file: the open cases, one case,
// a USCC's cases, an unknown case; and the JSON is what `beian status --json` prints.
#include "pipeline/app/status.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "pipeline/app/decide.h"
#include "tests/app/app_registry.h"

namespace pipeline::app {
namespace {

TEST_F(AppRegistryTest, StatusOfTheOpenCasesOneCaseAndAUscc) {
  struct Row {
    const char* ref;
    StatusResult::Of of;
    const char* json_key;  // the key the JSON holds its cases under ("" = the case itself)
  } rows[] = {
      {"", StatusResult::Of::kOpenCases, "open_cases"},
      {"C2026-0001", StatusResult::Of::kCase, ""},
      {"52220102MJ0A1B2C32", StatusResult::Of::kUscc, "cases"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.ref);
    Result<StatusResult> s = StatusOf(App(), {row.ref, {2026, 12, 1}, std::nullopt});
    ASSERT_OK(s);
    EXPECT_EQ(s->of, row.of);
    ASSERT_EQ(s->cases.size(), 1u);
    const CaseStatus& c = s->cases[0];
    EXPECT_EQ(c.record.case_id, "C2026-0001");
    EXPECT_EQ(c.working_days_in_stage, 4);  // 11-26, 27, 30, 12-01
    EXPECT_NE(c.next.find("beian decide C2026-0001 --stage received"), std::string::npos);
    const nlohmann::json j = StatusJson(*s);
    const nlohmann::json& one = *row.json_key ? j.at(row.json_key).at(0) : j;
    EXPECT_EQ(one.at("case"), "C2026-0001");
    EXPECT_EQ(one.at("stage"), "received");
    EXPECT_EQ(one.at("working_days_in_stage"), 4);
    EXPECT_EQ(one.contains("history"), row.of != StatusResult::Of::kOpenCases);
  }
}

TEST_F(AppRegistryTest, AnUnknownCaseIsNotFound) {
  Result<StatusResult> s = StatusOf(App(), {"C2026-0099", {2026, 12, 1}, std::nullopt});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), StatusCode::kNotFound) << s.error().ToString();
}

TEST_F(AppRegistryTest, AnEndedCaseLeavesTheOpenCases) {
  ASSERT_OK(Decide(App(), {"C2026-0001",
                           "received",
                           "fail",
                           "",
                           "",
                           {{2026, 11, 26}, Date{2026, 12, 1}, "clerk", std::nullopt, {}}}));
  Result<StatusResult> open = StatusOf(App(), {"", {2026, 12, 1}, std::nullopt});
  ASSERT_OK(open);
  EXPECT_TRUE(open->cases.empty());
  EXPECT_EQ(StatusJson(*open), nlohmann::json::parse(R"({"open_cases": []})"));
}

// The JSON the layer gives the workbench is, byte for byte, what the CLI prints.
TEST_F(AppRegistryTest, TheJsonIsWhatTheCliPrints) {
  Result<StatusResult> s = StatusOf(App(), {"C2026-0001", {2026, 12, 1}, std::nullopt});
  ASSERT_OK(s);
  std::string out;
  ASSERT_EQ(testing::RunCommand(testing::BeianBinary() + " status C2026-0001 --json --date " +
                                    "2026-12-01 --registry " + testing::Quote(registry_),
                                &out),
            0)
      << out;
  EXPECT_EQ(out, StatusJson(*s).dump(2) + "\n");
}

}  // namespace
}  // namespace pipeline::app
