// The computed evaluation: sums in tenths, the occupation mean, the score in percent, veto
// items and the pass lines, per occupation and in total.
#include "pipeline/evaluation/evaluation.h"

#include <gtest/gtest.h>

#include "tests/testing/status_matchers.h"

namespace pipeline::evaluation {
namespace {

constexpr const char* kStandard = R"(<standard version="t1" title="测试标准">
  <pass-line total="60" occupation="50"/>
  <opinion-wording name="测试表" veto="否决项">专家组按照测试表评分。</opinion-wording>
  <group id="G1" condition="第六条（三）" title="人员" scope="common">
    <item id="C1" max="6" veto-below="3">部门</item>
    <item id="C2" max="4">人员</item>
  </group>
  <group id="G2" condition="第六条（六）" title="激励" scope="common" applies="employer">
    <item id="E1" max="10">挂钩</item>
  </group>
  <group id="G3" condition="第六条（四）" title="场地" scope="occupation">
    <item id="O1" max="6" veto-below="2">场地</item>
    <item id="O2" max="4">设备</item>
  </group>
</standard>)";

Standard Std() {
  Result<Standard> s = ParseStandard(kStandard, "t.xml");
  EXPECT_OK(s);
  return *s;
}

FilledSheet Sheet(int c1, int c2, std::vector<std::pair<int, int>> occ) {
  FilledSheet f;
  f.common = {{"C1", {c1, ""}}, {"C2", {c2, ""}}};
  int n = 0;
  for (auto [o1, o2] : occ) {
    f.occupations.push_back(
        {{"code" + std::to_string(++n), "职业", "", ""}, {{"O1", {o1, ""}}, {"O2", {o2, ""}}}});
  }
  return f;
}

TEST(EvaluateTest, TotalsMeanPercentAndPassLines) {
  const Standard st = Std();
  // Common 5 + 3.5 = 8.5 of 10; occupations 9 and 4.5 of 10 -> mean 6.8 (6.75 rounded half up);
  // total (8.5 + 6.8) / 20 = 76.5%.
  EvaluationResult r =
      Evaluate(Sheet(50, 35, {{60, 30}, {25, 20}}), st, model::ApplicantType::kSocialOrg);
  EXPECT_EQ(r.common.score_tenths, 85);
  EXPECT_EQ(r.common.max_tenths, 100);
  EXPECT_EQ(r.occupation_mean_tenths, 68);
  EXPECT_EQ(r.percent_tenths, 765);
  EXPECT_TRUE(r.passed);
  ASSERT_EQ(r.occupations.size(), 2u);
  EXPECT_EQ(r.occupations[0].percent_tenths, 900);
  EXPECT_TRUE(r.occupations[0].passed);
  EXPECT_EQ(r.occupations[1].percent_tenths, 450);  // below the occupation line of 50
  EXPECT_FALSE(r.occupations[1].passed);
  nlohmann::json j = EvaluationJson(r, st);
  EXPECT_EQ(j["score_percent"], "76.5");
  EXPECT_EQ(j["occupation_mean"], "6.8");
  EXPECT_EQ(j["computed_result"], "pass");
  EXPECT_EQ(j["occupations"][1]["passed"], false);
}

TEST(EvaluateTest, VetoItemsFailWhateverTheTotal) {
  const Standard st = Std();
  // A common veto item below its line fails the evaluation at 95%.
  EvaluationResult common =
      Evaluate(Sheet(29, 40, {{60, 40}}), st, model::ApplicantType::kSocialOrg);
  EXPECT_TRUE(common.common.vetoed);
  EXPECT_FALSE(common.passed);
  EXPECT_TRUE(common.common.items[0].vetoed);
  // An occupation veto item fails that occupation only.
  EvaluationResult occ =
      Evaluate(Sheet(60, 40, {{15, 40}, {60, 40}}), st, model::ApplicantType::kSocialOrg);
  EXPECT_FALSE(occ.occupations[0].passed);
  EXPECT_TRUE(occ.occupations[0].sheet.vetoed);
  EXPECT_TRUE(occ.occupations[1].passed);
  EXPECT_TRUE(occ.passed);
  // No occupation passing fails the evaluation.
  EvaluationResult none = Evaluate(Sheet(60, 40, {{15, 40}}), st, model::ApplicantType::kSocialOrg);
  EXPECT_FALSE(none.passed);
}

TEST(EvaluateTest, EmployerItemsCountOnlyForEmployers) {
  const Standard st = Std();
  FilledSheet f = Sheet(60, 40, {{60, 40}});
  f.common["E1"] = {0, ""};
  EvaluationResult employer = Evaluate(f, st, model::ApplicantType::kEmployer);
  EXPECT_EQ(employer.common.max_tenths, 200);
  EXPECT_EQ(employer.percent_tenths, 667);  // (10 + 10) / 30
  EvaluationResult social = Evaluate(f, st, model::ApplicantType::kSocialOrg);
  EXPECT_EQ(social.common.max_tenths, 100);
  EXPECT_EQ(social.percent_tenths, 1000);
}

}  // namespace
}  // namespace pipeline::evaluation
