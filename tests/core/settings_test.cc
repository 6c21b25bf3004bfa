#include "pipeline/core/settings.h"

#include <gtest/gtest.h>

#include "tests/testing/fake_file_system.h"
#include "tests/testing/status_matchers.h"

namespace pipeline {
namespace {

using nlohmann::json;

TEST(SettingsTest, LaterLayersOverrideKeysNotFiles) {
  testing::FakeFileSystem fs;
  fs.AddFile(
      "/share/office.json",
      R"({"_comment": "defaults", "draft": true, "copy_to": "", "limits": {"files": 10, "depth": 8},
                 "list": [1, 2]})");
  fs.AddFile("/etc/beian/office.json",
             "// the office\n{\"draft\": false, \"limits\": {\"files\": 20}}");
  fs.AddFile("/home/x.json", R"({"copy_to": "省厅", "list": [3], "limits": {"depth": null}})");
  Result<LayeredSettings> s =
      LoadLayeredSettings(fs, {"/share/office.json", "/etc/beian/office.json", "/home/x.json"});
  ASSERT_OK(s);
  EXPECT_EQ(s->effective, json::parse(R"({"_comment": "defaults", "draft": false, "copy_to": "省厅",
                            "limits": {"files": 20}, "list": [3]})"));
  EXPECT_EQ(s->OriginOf("/draft"), "/etc/beian/office.json");
  EXPECT_EQ(s->OriginOf("/limits/files"), "/etc/beian/office.json");
  EXPECT_EQ(s->OriginOf("/limits/depth"), "");  // removed by null
  EXPECT_EQ(s->OriginOf("/copy_to"), "/home/x.json");
  EXPECT_EQ(s->OriginOf("/list/0"), "/home/x.json");
  EXPECT_EQ(s->MergedUpTo(1)["draft"], true);
  EXPECT_EQ(PathSetting(*s, "/copy_to"), "/home/省厅");  // relative to /home/x.json
  EXPECT_EQ(PathSetting(*s, "/limits/files"), "");       // not a string
  EXPECT_EQ(PathSetting(*s, "/nothing"), "");
  EXPECT_EQ(DescribeSettings(*s),
            "copy_to = \"省厅\"  (/home/x.json)\n"
            "draft = false  (/etc/beian/office.json)\n"
            "limits.files = 20  (/etc/beian/office.json)\n"
            "list.0 = 3  (/home/x.json)\n");
}

TEST(SettingsTest, BadFilesAreErrorsNamingTheFile) {
  testing::FakeFileSystem fs;
  fs.AddFile("/a.json", R"({"draft": true})");
  fs.AddFile("/broken.json", R"({"draft": tru})");
  fs.AddFile("/array.json", "[1]");
  struct Case {
    const char* path;
    const char* want;
  } cases[] = {
      {"/broken.json", "/broken.json: not valid JSON at byte"},
      {"/array.json", "/array.json: settings must be a JSON object"},
      {"/missing.json", "/missing.json"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.path);
    Result<LayeredSettings> s = LoadLayeredSettings(fs, {"/a.json", c.path});
    ASSERT_FALSE(s);
    EXPECT_NE(s.error().ToString().find(c.want), std::string::npos) << s.error().ToString();
  }
}

// The hash depends on values only: not on comments, key order or where the files are.
TEST(SettingsTest, HashDependsOnValuesOnly) {
  const std::string a = SettingsHash(json::parse(R"({"_comment": "x", "a": 1, "b": "二"})"));
  EXPECT_EQ(a.rfind("sha256:", 0), 0u);
  EXPECT_EQ(a.size(), 7u + 64u);
  EXPECT_EQ(a, SettingsHash(json::parse(R"({"b": "二", "a": 1})")));
  EXPECT_NE(a, SettingsHash(json::parse(R"({"b": "二", "a": 2})")));
}

}  // namespace
}  // namespace pipeline
