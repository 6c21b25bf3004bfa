#include "pipeline/registry/stages.h"

#include <gtest/gtest.h>

namespace pipeline::registry {
namespace {

using model::ApplicationKind;

TEST(StagesTest, NamesRoundTrip) {
  for (Stage s : {Stage::kReceived, Stage::kPreliminary, Stage::kTechnical, Stage::kComprehensive,
                  Stage::kDeliberation, Stage::kPublicity, Stage::kFiled, Stage::kReturned,
                  Stage::kReferred, Stage::kNotFiled, Stage::kWithdrawn, Stage::kTerminated}) {
    EXPECT_EQ(StageFromName(StageName(s)), s) << StageName(s);
  }
  EXPECT_FALSE(StageFromName("初评"));
  EXPECT_EQ(DecisionFromName("return"), Decision::kReturn);
  EXPECT_FALSE(DecisionFromName("ok"));
}

TEST(StagesTest, PathsPerKind) {
  using V = std::vector<Stage>;
  EXPECT_EQ(PathFor(ApplicationKind::kRenewal),
            (V{Stage::kReceived, Stage::kPreliminary, Stage::kFiled}));
  EXPECT_EQ(PathFor(ApplicationKind::kTermination),
            (V{Stage::kReceived, Stage::kPreliminary, Stage::kTerminated}));
  for (ApplicationKind k :
       {ApplicationKind::kInitial, ApplicationKind::kAddOccupation, ApplicationKind::kChange}) {
    EXPECT_EQ(PathFor(k),
              (V{Stage::kReceived, Stage::kPreliminary, Stage::kTechnical, Stage::kComprehensive,
                 Stage::kDeliberation, Stage::kPublicity, Stage::kFiled}));
  }
}

TEST(StagesTest, WhereADecisionLeads) {
  struct Case {
    ApplicationKind kind;
    Stage stage;
    Decision decision;
    std::optional<Stage> after;
  } cases[] = {
      {ApplicationKind::kInitial, Stage::kReceived, Decision::kPass, Stage::kPreliminary},
      {ApplicationKind::kInitial, Stage::kPreliminary, Decision::kPass, Stage::kTechnical},
      {ApplicationKind::kInitial, Stage::kTechnical, Decision::kPass, Stage::kComprehensive},
      {ApplicationKind::kInitial, Stage::kComprehensive, Decision::kPass, Stage::kDeliberation},
      {ApplicationKind::kInitial, Stage::kDeliberation, Decision::kPass, Stage::kPublicity},
      // reaching filed takes `beian file`: the case waits where it is
      {ApplicationKind::kRenewal, Stage::kPreliminary, Decision::kPass, Stage::kPreliminary},
      {ApplicationKind::kTermination, Stage::kPreliminary, Decision::kPass, Stage::kPreliminary},
      {ApplicationKind::kInitial, Stage::kTechnical, Decision::kFail, Stage::kNotFiled},
      {ApplicationKind::kInitial, Stage::kPreliminary, Decision::kReturn, Stage::kReturned},
      {ApplicationKind::kInitial, Stage::kReceived, Decision::kRefer, Stage::kReferred},
      {ApplicationKind::kInitial, Stage::kTechnical, Decision::kReturn, std::nullopt},
      {ApplicationKind::kInitial, Stage::kComprehensive, Decision::kRefer, std::nullopt},
      {ApplicationKind::kInitial, Stage::kFiled, Decision::kPass, std::nullopt},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(StageName(c.stage)) + " " + DecisionName(c.decision));
    EXPECT_EQ(StageAfterDecision(c.kind, c.stage, c.decision), c.after);
  }
}

TEST(StagesTest, ReturnedStaysOpenOtherEndingsClose) {
  EXPECT_FALSE(IsClosed(Stage::kReturned));
  EXPECT_FALSE(IsClosed(Stage::kPublicity));
  for (Stage s :
       {Stage::kFiled, Stage::kReferred, Stage::kNotFiled, Stage::kWithdrawn, Stage::kTerminated}) {
    EXPECT_TRUE(IsClosed(s)) << StageName(s);
  }
}

}  // namespace
}  // namespace pipeline::registry
