// What the tests of the command layer share: a real SQLite registry file in a temporary folder
// with one case (sample S01, registered by `beian run` through the binary), and the app::Context
// over the shipped data.
#ifndef TESTS_APP_APP_REGISTRY_H_
#define TESTS_APP_APP_REGISTRY_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "pipeline/app/context.h"
#include "pipeline/core/file_system.h"
#include "pipeline/report/messages.h"
#include "pipeline/report/work_calendar.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_paths.h"

namespace pipeline::app {

class AppRegistryTest : public ::testing::Test {
 protected:
  static constexpr const char* kSample = "S01-长春鼎新职业技能培训学校-首次申请";

  void SetUp() override {
    dir_ = testing::MakeTempDir();
    registry_ = dir_ + "/registry.sqlite";
    const std::string intake = dir_ + "/intake";
    std::filesystem::create_directories(intake);
    std::filesystem::copy(testing::RepoRoot() + "/samples/intake/" + kSample,
                          intake + "/" + kSample, std::filesystem::copy_options::recursive);
    std::string out;
    ASSERT_EQ(testing::RunCommand(testing::BeianBinary() + " run " + testing::Quote(intake) +
                                      " --out " + testing::Quote(dir_ + "/out") +
                                      " --no-pdf --quiet --date 2026-11-25 --user clerk" +
                                      " --registry " + testing::Quote(registry_),
                                  &out, /*merge_stderr=*/true),
              0)
        << out;
    Result<report::MessageCatalog> m =
        report::MessageCatalog::Load(fs_, testing::RepoRoot() + "/templates/messages.zh-CN.tsv");
    ASSERT_OK(m);
    messages_ = std::move(*m);
    Result<report::WorkCalendar> cal = report::LoadWorkCalendar(fs_, testing::RepoRoot() + "/data");
    ASSERT_OK(cal);
    calendar_ = std::move(*cal);
  }

  Context App() { return {fs_, messages_, calendar_, testing::RepoRoot(), {}, registry_, {}}; }

  RealFileSystem fs_;
  report::MessageCatalog messages_;
  report::WorkCalendar calendar_;
  std::string dir_, registry_;
};

}  // namespace pipeline::app

#endif  // TESTS_APP_APP_REGISTRY_H_
