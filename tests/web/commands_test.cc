// web::CommandRunner::DecisionFor: a decide or deliberate form read into the command layer's
// request, with the server's today and the acting user; a form the CLI would refuse is refused
// with the CLI's own words for the same options.
#include "pipeline/web/commands.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "pipeline/cli/options.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_paths.h"

namespace pipeline::web {
namespace {

class DecisionFormTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<report::MessageCatalog> m =
        report::MessageCatalog::Load(fs_, testing::RepoRoot() + "/templates/messages.zh-CN.tsv");
    ASSERT_OK(m);
    messages_ = std::move(*m);
  }
  CommandRunner Runner() {
    return CommandRunner(model::CommandRequest{}, fs_, messages_, report::WorkCalendar{},
                         [](const std::vector<std::string>&) -> Result<model::CommandRequest> {
                           return Status::Internal("no command line for a decision");
                         });
  }
  // The CLI's refusal of the same command line, in the clerk's words.
  std::string CliError(const ActionForm& form) {
    std::vector<std::string> args = {"beian", form.command, form.target};
    for (const auto& [name, value] : form.fields) {
      if (!value.empty()) args.insert(args.end(), {"--" + name, value});
    }
    std::vector<const char*> argv;
    for (const std::string& a : args) argv.push_back(a.c_str());
    Result<cli::Options> o = cli::ParseOptions(
        static_cast<int>(argv.size()), argv.data(),
        [this](const std::string& key, const std::vector<std::pair<std::string, std::string>>& a) {
          return messages_.Format(key, a);
        });
    return o ? std::string() : o.error().message();
  }
  RealFileSystem fs_;
  report::MessageCatalog messages_;
  const Acting who_{"reviewer", "220000", {2026, 12, 1}};
};

TEST_F(DecisionFormTest, AFormTheCliWouldRefuseIsRefusedInTheCliWords) {
  const std::vector<ActionForm> forms = {
      {"decide", "C2026-0001", {{"result", "pass"}}, {}, {}},
      {"decide", "C2026-0001", {{"stage", "received"}, {"result", ""}}, {}, {}},
      {"decide", "C2026-0001", {{"stage", "received"}, {"result", "pass"}, {"slot", "x"}}, {}, {}},
      {"decide",
       "C2026-0001",
       {{"stage", "received"}, {"result", "pass"}, {"date", "2026-13-01"}},
       {},
       {}},
      {"deliberate", "C2026-0001", {{"result", "pass"}}, {}, {}},
      {"deliberate", "C2026-0001", {{"date", "yesterday"}}, {}, {}},
  };
  for (const ActionForm& form : forms) {
    const std::string cli = CliError(form);
    SCOPED_TRACE(cli);
    ASSERT_FALSE(cli.empty());
    Result<CommandRunner::Decision> d = Runner().DecisionFor(form, who_);
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.error().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(d.error().message(), cli);
  }
}

TEST_F(DecisionFormTest, TheServersTodayAndTheSessionsUserAct) {
  ActionForm decide{"decide", "C2026-0001", {{"stage", "received"}, {"result", "fail"}}, {}, {}};
  decide.fields["note"] = "incomplete";
  Result<CommandRunner::Decision> d = Runner().DecisionFor(decide, who_);
  ASSERT_OK(d);
  const app::DecideRequest& r = std::get<app::DecideRequest>(*d);
  EXPECT_EQ(r.case_ref, "C2026-0001");
  EXPECT_EQ(r.stage, "received");
  EXPECT_EQ(r.result, "fail");
  EXPECT_EQ(r.note, "incomplete");
  EXPECT_EQ(r.acting.date, (Date{2026, 12, 1}));  // no date: the server's today
  EXPECT_EQ(r.acting.today, (Date{2026, 12, 1}));
  EXPECT_EQ(r.acting.user, "reviewer");
  EXPECT_FALSE(r.acting.authority.has_value());  // decide takes no --authority

  ActionForm deliberate{"deliberate", "C2026-0001", {{"date", "2026-11-20"}}, {}, {}};
  Result<CommandRunner::Decision> e = Runner().DecisionFor(deliberate, who_);
  ASSERT_OK(e);
  const app::DeliberateRequest& held = std::get<app::DeliberateRequest>(*e);
  EXPECT_EQ(held.held_on, (Date{2026, 11, 20}));
  EXPECT_EQ(held.acting.date, (Date{2026, 12, 1}));
  EXPECT_EQ(held.result, "");  // pass, as the CLI's default
}

}  // namespace
}  // namespace pipeline::web
