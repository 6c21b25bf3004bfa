#include "pipeline/cli/options.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>
#include <vector>

namespace pipeline::cli {
namespace {

Result<Options> Parse(std::vector<const char*> args) {
  args.insert(args.begin(), "beian");
  return ParseOptions(static_cast<int>(args.size()), args.data());
}

TEST(OptionsTest, ParsesRunWithDateAndAuthority) {
  Result<Options> o = Parse({"run", "samples/intake", "--out", "out", "--date", "2026-11-25",
                             "--authority", "220100"});
  ASSERT_TRUE(o) << o.error().ToString();
  EXPECT_EQ(o->command, Command::kRun);
  EXPECT_EQ(o->intake_dir, "samples/intake");
  EXPECT_EQ(o->out_dir, "out");
  ASSERT_TRUE(o->date);
  EXPECT_EQ(o->date->ToIso(), "2026-11-25");
  EXPECT_EQ(o->authority.value_or(""), "220100");
}

TEST(OptionsTest, UsageErrorsAreStatusValues) {
  struct Case {
    std::vector<const char*> args;
    const char* want;
  } cases[] = {
      {{"rnu", "x"}, "unknown command 'rnu'; did you mean 'run'?"},
      {{"run", "x", "--out", "o", "--date", "2025-02-30"},
       "--date: expected YYYY-MM-DD, got '2025-02-30'"},
      {{"check", "x", "--bogus"}, "check: "},
      {{"run", "x"}, "run: "},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.want);
    Result<Options> o = Parse(c.args);
    ASSERT_FALSE(o);
    EXPECT_EQ(o.error().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(o.error().message().rfind(c.want, 0), 0u) << o.error().message();
  }
}

TEST(OptionsTest, RenderTakesSeveralDataFilesAndBatch) {
  Result<Options> o = Parse({"render", "preliminary_opinion", "--data", "a.json", "--data",
                             "b.json", "--out", "dir", "--batch", "3"});
  ASSERT_TRUE(o) << o.error().ToString();
  EXPECT_EQ(o->data_files.size(), 2u);
  EXPECT_EQ(o->batch, 3);
}

TEST(OptionsTest, HelpForACommandIsTheSameEitherWay) {
  for (const char* cmd : {"run", "check", "catalogue", "render", "config", "help", "version"}) {
    SCOPED_TRACE(cmd);
    Result<Options> a = Parse({cmd, "--help"});
    Result<Options> b = Parse({"help", cmd});
    Result<Options> c = Parse({cmd, "-h"});
    ASSERT_TRUE(a && b && c);
    EXPECT_EQ(a->command, Command::kHelp);
    EXPECT_EQ(a->help_topic, cmd);
    EXPECT_EQ(b->help_topic, cmd);
    EXPECT_EQ(c->help_topic, cmd);
  }
  // `run --help` needs no INTAKE or --out.
  Result<Options> o = Parse({"run", "--help"});
  ASSERT_TRUE(o) << o.error().ToString();
  EXPECT_NE(Usage("run").find("usage: beian run INTAKE --out OUT"), std::string::npos);
}

TEST(OptionsTest, UnknownCommandsAndHelpTopicsAreErrors) {
  struct Case {
    std::vector<const char*> args;
    const char* want;
  } cases[] = {
      {{"bogus"}, "unknown command 'bogus'"},
      {{"help", "bogus"}, "unknown help topic 'bogus'"},
      {{"help", "chek"}, "unknown help topic 'chek'; did you mean 'check'?"},
      {{"help", "run", "check"}, "help: expected at most one COMMAND"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.want);
    Result<Options> o = Parse(c.args);
    ASSERT_FALSE(o);
    EXPECT_EQ(o.error().message(), c.want);
  }
}

// Arguments a command does not take are quoted in the order the user typed them.
TEST(OptionsTest, UnexpectedArgumentsKeepTheUsersOrder) {
  Result<Options> o = Parse({"catalogue", "烹调", "--authority", "220100"});
  ASSERT_FALSE(o);
  EXPECT_EQ(o.error().message(), "catalogue: not expected: '--authority' '220100'");
  o = Parse({"run", "in", "--out", "o", "first", "second", "third"});
  ASSERT_FALSE(o);
  EXPECT_EQ(o.error().message(), "run: not expected: 'first' 'second' 'third'");
}

// Every option `beian help COMMAND` lists is accepted by COMMAND, and every option of the
// general help is accepted by some command: usage and parser read the same table.
TEST(OptionsTest, HelpListsExactlyTheOptionsACommandAccepts) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> commands = {
      {"run", {"in", "--out", "o"}},
      {"check", {"d"}},
      {"catalogue", {"q"}},
      {"render", {"t", "--data", "a.json", "--out", "o.pdf"}},
      {"config", {}},
      {"version", {}},
  };
  const std::vector<std::string> all = {"--out",  "--data",      "--batch",  "--json",
                                        "--date", "--authority", "--no-pdf", "--config",
                                        "--data-dir", "--fonts", "--quiet"};
  for (const auto& [cmd, base] : commands) {
    const std::string usage = Usage(cmd);
    for (const std::string& opt : all) {
      SCOPED_TRACE(cmd + " " + opt);
      const std::size_t at = usage.find("\n  " + opt + " ");
      const std::size_t flag = usage.find("\n  " + opt + ",");
      const bool listed = at != std::string::npos || flag != std::string::npos;
      // A value follows the name in the listing unless the option is a flag.
      const std::size_t row = listed ? std::min(at, flag) : 0;
      const std::string line = listed ? usage.substr(row + 3, usage.find('\n', row + 1) - row - 3)
                                      : "";
      const bool takes_value = listed && line.size() > opt.size() && line[opt.size()] == ' ' &&
                               std::isupper(static_cast<unsigned char>(line[opt.size() + 1]));
      std::vector<std::string> words = {cmd};
      words.insert(words.end(), base.begin(), base.end());
      if (opt != "--out" && opt != "--data") {
        words.push_back(opt);
        if (takes_value) words.push_back(opt == "--date" ? "2026-11-25" : opt == "--batch" ? "2" : "v");
      }
      std::vector<const char*> args;
      for (const auto& w : words) args.push_back(w.c_str());
      Result<Options> o = Parse(args);
      if (opt == "--out" || opt == "--data") continue;  // required ones are in `base`
      EXPECT_EQ(static_cast<bool>(o), listed) << usage << (o ? "" : o.error().message());
    }
  }
}

}  // namespace
}  // namespace pipeline::cli
