#include "pipeline/cli/options.h"

#include <gtest/gtest.h>

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

TEST(OptionsTest, NoArgumentsMeansHelp) {
  Result<Options> o = Parse({});
  ASSERT_TRUE(o);
  EXPECT_EQ(o->command, Command::kHelp);
  EXPECT_NE(Usage().find("exit codes"), std::string::npos);
}

}  // namespace
}  // namespace pipeline::cli
