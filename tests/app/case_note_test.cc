// app::Withdraw, app::Object and app::Resolve over a real SQLite registry file: an objection or
// its resolution outside a 公示 is refused and records nothing; a withdrawal ends the case.
#include "pipeline/app/case_note.h"

#include <gtest/gtest.h>

#include "pipeline/app/status.h"
#include "tests/app/app_registry.h"

namespace pipeline::app {
namespace {

TEST_F(AppRegistryTest, NotesOnACaseOutsideTheirStageAreRefusedAndAWithdrawalEndsIt) {
  using Act = Result<registry::Recorded> (*)(const Context&, const CaseNoteRequest&);
  const struct {
    const char* what;
    Act act;
    bool recorded;
    const char* stage_after;
  } steps[] = {
      {"an objection outside a publicity", &Object, false, "received"},
      {"a resolution outside a publicity", &Resolve, false, "received"},
      {"the applicant withdraws", &Withdraw, true, "withdrawn"},
      {"a withdrawn case cannot be withdrawn again", &Withdraw, false, "withdrawn"},
  };
  const Acting acting{{2026, 11, 26}, Date{2026, 12, 1}, "clerk", std::nullopt, {}};
  for (const auto& step : steps) {
    SCOPED_TRACE(step.what);
    Result<registry::Recorded> r = step.act(App(), {"C2026-0001", "by letter", acting});
    ASSERT_EQ(r.ok(), step.recorded) << (r.ok() ? "" : r.error().ToString());
    if (r.ok()) {
      EXPECT_EQ(r->stage, step.stage_after);
    } else {
      EXPECT_EQ(r.error().code(), StatusCode::kInvalidArgument);
    }
    Result<StatusResult> s = StatusOf(App(), {"C2026-0001", {2026, 12, 1}, std::nullopt});
    ASSERT_OK(s);
    EXPECT_EQ(registry::StageName(s->cases.at(0).record.stage), std::string(step.stage_after));
  }
}

}  // namespace
}  // namespace pipeline::app
