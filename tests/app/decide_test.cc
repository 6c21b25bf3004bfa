// app::Decide and app::Deliberate over a real SQLite registry file: each step of a case's life
// as a row (the request, what the case's stage is after it, the letters it drew), refusals with
// the registry untouched, and the draft a letter leaves on disk.
#include "pipeline/app/decide.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "pipeline/app/status.h"
#include "tests/app/app_registry.h"

namespace pipeline::app {
namespace {

Acting On(const Date& date) { return {date, Date{2026, 12, 1}, "clerk", std::nullopt, {}}; }

struct Step {
  const char* what;
  DecideRequest request;
  StatusCode code;                   // kOk: recorded
  const char* stage_after;           // the case's stage after the step (also after a refusal)
  std::vector<std::string> letters;  // kinds of the ending letters drawn
  const char* next = "";             // how the next step begins
};

TEST_F(AppRegistryTest, EachDecisionMovesTheCaseAndDrawsTheLettersOfAnEnd) {
  const Date d26{2026, 11, 26}, d27{2026, 11, 27};
  const Step steps[] = {
      {"a stage that is not one",
       {"C2026-0001", "bogus", "pass", "", "", On(d26)},
       StatusCode::kInvalidArgument,
       "received",
       {}},
      {"a result that is not one",
       {"C2026-0001", "received", "maybe", "", "", On(d26)},
       StatusCode::kInvalidArgument,
       "received",
       {}},
      {"a stage the case is not in",
       {"C2026-0001", "technical", "pass", "", "", On(d26)},
       StatusCode::kInvalidArgument,
       "received",
       {}},
      {"dated after today",
       {"C2026-0001", "received", "pass", "", "", On({2026, 12, 2})},
       StatusCode::kInvalidArgument,
       "received",
       {}},
      {"received passes",
       {"C2026-0001", "received", "pass", "", "", On(d26)},
       StatusCode::kOk,
       "preliminary",
       {}},
      {"preliminary fails: the end draws its refusal notice",
       {"C2026-0001", "preliminary", "fail", "", "", On(d27)},
       StatusCode::kOk,
       "not_filed",
       {"refusal_notice"},
       "beian issue D2026-0002"},
      {"a correction away from the end draws nothing",
       {"C2026-0001", "preliminary", "pass", "", "misread", On(d27)},
       StatusCode::kOk,
       "technical",
       {}},
  };
  for (const Step& step : steps) {
    SCOPED_TRACE(step.what);
    Result<DecideResult> r = Decide(App(), step.request);
    if (step.code != StatusCode::kOk) {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.error().code(), step.code) << r.error().ToString();
    } else {
      ASSERT_OK(r);
      EXPECT_EQ(r->recorded.case_id, "C2026-0001");
      EXPECT_EQ(r->recorded.stage, step.stage_after);
      EXPECT_TRUE(r->recorded.next.starts_with(step.next)) << r->recorded.next;
      std::vector<std::string> kinds;
      for (const registry::SettledLetter& l : r->letters) {
        kinds.push_back(l.kind);
        EXPECT_FALSE(l.adopted);  // run made no draft of it (--no-pdf, a passing check)
        EXPECT_TRUE(std::filesystem::exists(l.draft_path)) << l.draft_path;
        EXPECT_EQ(std::filesystem::path(l.draft_path).parent_path(), dir_ + "/drafts");
      }
      EXPECT_EQ(kinds, step.letters);
    }
    Result<StatusResult> s = StatusOf(App(), {"C2026-0001", {2026, 12, 1}, std::nullopt});
    ASSERT_OK(s);
    EXPECT_EQ(registry::StageName(s->cases.at(0).record.stage), std::string(step.stage_after));
  }
}

TEST_F(AppRegistryTest, ADraftGoesToTheRequestsFolderAndTheUserIsRecorded) {
  Acting acting = On({2026, 11, 26});
  acting.out_dir = dir_ + "/letters";
  acting.user = "reviewer";
  ASSERT_OK(Decide(App(), {"C2026-0001", "received", "fail", "incomplete", "", acting}));
  Result<StatusResult> s = StatusOf(App(), {"C2026-0001", {2026, 12, 1}, std::nullopt});
  ASSERT_OK(s);
  const registry::HistoryEntry& last = s->cases.at(0).record.history.back();
  EXPECT_EQ(last.actor, "reviewer");
  EXPECT_EQ(last.note, "incomplete");
  EXPECT_EQ(last.acted_on, "2026-11-26");
  ASSERT_EQ(s->cases.at(0).record.documents.size(), 2u);  // the receipt and the refusal
  const std::string id = s->cases.at(0).record.documents.back().document_id;
  bool found = false;
  for (const auto& e : std::filesystem::directory_iterator(dir_ + "/letters")) {
    found |= e.path().filename().string().starts_with(id + "-");
  }
  EXPECT_TRUE(found) << id;
}

TEST_F(AppRegistryTest, DeliberationIsRefusedOutsideItsStageAndOnlyPassOrFail) {
  DeliberateRequest r{"C2026-0001", {2026, 11, 26}, "", "", "", On({2026, 11, 26})};
  Result<DecideResult> early = Deliberate(App(), r);
  ASSERT_FALSE(early.ok());
  EXPECT_NE(early.error().message().find("C2026-0001"), std::string::npos);
  r.result = "return";
  Result<DecideResult> bad = Deliberate(App(), r);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), StatusCode::kInvalidArgument);
}

TEST_F(AppRegistryTest, AMissingRegistryIsAnErrorAndNoFileIsCreated) {
  std::filesystem::remove(registry_);
  Result<DecideResult> r =
      Decide(App(), {"C2026-0001", "received", "pass", "", "", On({2026, 11, 26})});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("registry.sqlite"), std::string::npos) << r.error().message();
  EXPECT_FALSE(std::filesystem::exists(registry_));
}

}  // namespace
}  // namespace pipeline::app
