#include "pipeline/cli/locations.h"

#include <gtest/gtest.h>

#include "tests/testing/fake_file_system.h"
#include "tests/testing/status_matchers.h"

namespace pipeline::cli {
namespace {

TEST(LocationsTest, DataDirFromOptionEnvironmentOrNextToTheProgram) {
  testing::FakeFileSystem fs;
  fs.AddFile("/usr/share/beian/templates/messages.zh-CN.tsv", "");
  fs.AddFile("/src/build/share/beian/templates/messages.zh-CN.tsv", "");
  struct Case {
    std::string option;
    std::optional<std::string> env;
    std::string exe_dir;
    std::string want;  // "" = error
  } cases[] = {
      {"/d", "/e", "/usr/bin", "/d"},
      {"", "/e", "/usr/bin", "/e"},
      {"", "", "/usr/bin", "/usr/share/beian"},  // installed; BEIAN_DATA_DIR="" = unset
      {"", std::nullopt, "/src/build", "/src/build/share/beian"},  // build folder
      {"", std::nullopt, "/opt/elsewhere", ""},
      {"", std::nullopt, "", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.exe_dir + " " + c.option);
    Environment env;
    env.data_dir = c.env;
    Result<std::string> dir = FindDataDir(fs, c.option, env, c.exe_dir);
    if (c.want.empty()) {
      ASSERT_FALSE(dir);
      EXPECT_NE(dir.error().message().find("--data-dir"), std::string::npos);
    } else {
      ASSERT_OK(dir);
      EXPECT_EQ(*dir, c.want);
    }
  }
}

TEST(LocationsTest, SettingsFilesInPrecedenceOrder) {
  testing::FakeFileSystem fs;
  fs.AddFile("/etc/beian/office.json", "{}");
  fs.AddFile("/tmp/sys/office.json", "{}");
  fs.AddFile("/home/env.json", "{}");
  fs.AddFile("/home/opt.json", "{}");
  const std::string shipped = "/share/templates/office.json";
  struct Case {
    std::optional<std::string> sysconfdir;
    std::optional<std::string> config_env;
    std::string config_option;
    std::vector<std::string> want;  // empty = error
  } cases[] = {
      {std::nullopt, std::nullopt, "", {shipped, "/etc/beian/office.json"}},
      {"", std::nullopt, "", {shipped}},  // BEIAN_SYSCONFDIR="" skips /etc (the tests)
      {"/tmp/sys",
       "/home/env.json",
       "/home/opt.json",
       {shipped, "/tmp/sys/office.json", "/home/env.json", "/home/opt.json"}},
      {"/nowhere", std::nullopt, "", {shipped}},  // no system file: fine
      {"", "/home/missing.json", "", {}},
      {"", std::nullopt, "/home/missing.json", {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.config_option + " " + c.config_env.value_or("-"));
    Environment env;
    env.sysconfdir = c.sysconfdir;
    env.config = c.config_env;
    Result<std::vector<std::string>> files = SettingsFiles(fs, "/share", c.config_option, env);
    if (c.want.empty()) {
      ASSERT_FALSE(files);
      EXPECT_NE(files.error().ToString().find("/home/missing.json"), std::string::npos);
    } else {
      ASSERT_OK(files);
      EXPECT_EQ(*files, c.want);
    }
  }
}

}  // namespace
}  // namespace pipeline::cli
