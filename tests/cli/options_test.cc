#include "pipeline/cli/options.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "tests/testing/test_paths.h"

namespace pipeline::cli {
namespace {

Result<Options> Parse(std::vector<const char*> args) {
  args.insert(args.begin(), "beian");
  return ParseOptions(static_cast<int>(args.size()), args.data());
}

TEST(OptionsTest, ParsesRunWithDateAndAuthority) {
  Result<Options> o = Parse(
      {"run", "samples/intake", "--out", "out", "--date", "2026-11-25", "--authority", "220100"});
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

TEST(OptionsTest, EvaluationCommandsTakeTheirOptions) {
  Result<Options> e = Parse({"evaluate", "C2026-0001", "--scores", "评分表.xlsx", "--result",
                             "合格", "--note", "意见", "--out", "d"});
  ASSERT_TRUE(e) << e.error().ToString();
  EXPECT_EQ(e->command, Command::kEvaluate);
  EXPECT_EQ(e->scores_file, "评分表.xlsx");
  EXPECT_EQ(e->result, "合格");
  EXPECT_FALSE(Parse({"evaluate", "C2026-0001", "--result", "合格"}));  // --scores required
  EXPECT_FALSE(Parse({"summarize", "C2026-0001"}));                     // --result required
  EXPECT_FALSE(Parse({"scoresheet", "C2026-0001"}));                    // --out required
  Result<Options> l = Parse({"ledger", "--out", "台账.xlsx"});
  ASSERT_TRUE(l) << l.error().ToString();
  EXPECT_EQ(l->command, Command::kLedger);
  EXPECT_EQ(l->out_path, "台账.xlsx");
}

TEST(OptionsTest, UsageEndsWithTheExitCodes) {
  EXPECT_NE(Usage().find("exit codes"), std::string::npos);
  EXPECT_NE(Usage("archive").find("exit codes"), std::string::npos);
}

// Every command of the table: its options build (no name twice), `--help` and `help COMMAND`
// agree, and an option it does not take is a usage error, not a crash.
TEST(OptionsTest, EveryCommandParsesFromTheTable) {
  for (const std::string& cmd : CommandNames()) {
    SCOPED_TRACE(cmd);
    Result<Options> a = Parse({cmd.c_str(), "--help"});
    Result<Options> b = Parse({"help", cmd.c_str()});
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->help_topic, cmd);
    EXPECT_EQ(b->help_topic, cmd);
    EXPECT_EQ(Usage(cmd).rfind("usage: beian " + cmd, 0), 0u) << Usage(cmd);
    if (cmd == "help" || cmd == "version") continue;
    Result<Options> bad = Parse({cmd.c_str(), "--no-such-option"});
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().message().rfind(cmd + ": ", 0), 0u) << bad.error().message();
  }
}

TEST(OptionsTest, TerminateAndEditNeedExactlyOneChoice) {
  EXPECT_FALSE(Parse({"terminate", "C1"}));
  EXPECT_FALSE(Parse({"terminate", "C1", "--voluntary", "--ordered"}));
  Result<Options> t = Parse({"terminate", "C1", "--ordered", "--reason", "r"});
  ASSERT_TRUE(t) << t.error().ToString();
  EXPECT_TRUE(t->ordered);
  EXPECT_FALSE(Parse({"edit", "D1", "--slot", "note"}));
  EXPECT_FALSE(Parse({"edit", "D1", "--slot", "note", "--text", "t", "--file", "f"}));
  EXPECT_TRUE(Parse({"edit", "D1", "--slot", "note", "--text", "t"}));
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
  ASSERT_FALSE(o);  // an option the command does not take is named first
  EXPECT_EQ(o.error().message(), "catalogue: unknown option '--authority'");
  o = Parse({"decide", "C1", "--stage", "received", "--resutl", "pass"});
  ASSERT_FALSE(o);
  EXPECT_EQ(o.error().message(), "decide: unknown option '--resutl'; did you mean '--result'?");
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
  const std::vector<std::string> all = {"--out",      "--data",      "--batch",  "--json",
                                        "--date",     "--authority", "--no-pdf", "--config",
                                        "--data-dir", "--fonts",     "--quiet"};
  for (const auto& [cmd, base] : commands) {
    const std::string usage = Usage(cmd);
    for (const std::string& opt : all) {
      SCOPED_TRACE(cmd + " " + opt);
      const std::size_t at = usage.find("\n  " + opt + " ");
      const std::size_t flag = usage.find("\n  " + opt + ",");
      const bool listed = at != std::string::npos || flag != std::string::npos;
      // A value follows the name in the listing unless the option is a flag.
      const std::size_t row = listed ? std::min(at, flag) : 0;
      const std::string line =
          listed ? usage.substr(row + 3, usage.find('\n', row + 1) - row - 3) : "";
      const bool takes_value = listed && line.size() > opt.size() && line[opt.size()] == ' ' &&
                               std::isupper(static_cast<unsigned char>(line[opt.size() + 1]));
      std::vector<std::string> words = {cmd};
      words.insert(words.end(), base.begin(), base.end());
      if (opt != "--out" && opt != "--data") {
        words.push_back(opt);
        if (takes_value)
          words.push_back(opt == "--date" ? "2026-11-25" : opt == "--batch" ? "2" : "v");
      }
      std::vector<const char*> args;
      for (const auto& w : words) args.push_back(w.c_str());
      Result<Options> o = Parse(args);
      if (opt == "--out" || opt == "--data") continue;  // required ones are in `base`
      EXPECT_EQ(static_cast<bool>(o), listed) << usage << (o ? "" : o.error().message());
    }
  }
}

// The user guide's CLI reference is the synopsis of every command, in the table's order, as
// `beian help COMMAND` prints it: a command added to the table without the guide (or the
// reverse) fails here.
TEST(OptionsTest, UserGuideCliReferenceIsTheTablesSynopses) {
  std::ifstream in(testing::RepoRoot() + "/docs/user-guide.md");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string readme = ss.str();
  const std::size_t section = readme.find("\n## CLI reference\n");
  ASSERT_NE(section, std::string::npos);
  const std::size_t begin = readme.find("```\n", section);
  ASSERT_NE(begin, std::string::npos);
  const std::size_t end = readme.find("```\n", begin + 4);
  ASSERT_NE(end, std::string::npos);
  const std::string block = readme.substr(begin + 4, end - begin - 4);
  std::string want;
  for (const std::string& cmd : CommandNames()) {
    const std::string usage = Usage(cmd);
    want += usage.substr(7, usage.find('\n') - 7) + "\n";  // after "usage: "
  }
  EXPECT_EQ(block, want) << "docs/user-guide.md \"CLI reference\" should read:\n" << want;
}

}  // namespace
}  // namespace pipeline::cli
