// The registry's findings on a dossier (pipeline/registry/record_check.h), table-driven on
// hand-made reports and registry facts: Art. 8 comparison with the filed record, Art. 9 against
// the registry's expiry, an earlier termination.
#include "pipeline/registry/record_check.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "tests/registry/repo_messages.h"

namespace pipeline::registry {
namespace {

using model::ApplicationKind;

const report::MessageCatalog& Messages() { return RepoMessages(); }

template <typename T>
model::Sourced<T> Given(T value) {
  model::Sourced<T> s;
  s.value = value;
  s.present = s.parsed = true;
  return s;
}

model::Sourced<std::string> Text(const std::string& v) {
  model::Sourced<std::string> s = Given(v);
  s.raw = v;
  return s;
}

// A dossier of `kind` as its form gives it: 注册地址 A, 法定代表人 张三, one site, one occupation.
model::CaseReport Report(ApplicationKind kind) {
  model::CaseReport r;
  r.application.kind = Given(kind);
  r.application.registered_address = Text("吉林省长春市朝阳区前进大街1号");
  r.application.legal_representative = Text("张三");
  r.application.exam_sites.push_back(Text("吉林省长春市朝阳区前进大街1号"));
  model::OccupationResult o;
  o.requested.code = "4-10-01-05";
  o.requested.name = "养老护理员";
  o.requested.levels = {3, 4, 5};
  r.occupations.push_back(o);
  model::ConditionResult art9;
  art9.id = "art9";
  art9.state = model::ConditionState::kNotMet;
  art9.rule_ids = {"A9-03"};
  r.conditions.push_back(art9);
  return r;
}

// The filed record that matches Report() exactly, valid until 2029-10-11.
RegistryFacts Facts(const Date& received = {2029, 6, 1}) {
  FiledRecord rec;
  rec.filing = {"F2026-0001", "U", "C2026-0001", "", "2026-10-12", "2029-10-11", "active", ""};
  rec.elements_known = true;
  rec.elements = {"吉林省长春市朝阳区前进大街1号", "张三", {"吉林省长春市朝阳区前进大街1号"}};
  rec.occupations = {{"4-10-01-05", "养老护理员", "", "3,4,5", "filed", ""}};
  return {rec, false, received};
}

std::vector<std::string> Rules(const RecordCheck& c) {
  std::vector<std::string> out;
  for (const model::Finding& f : c.findings) out.push_back(f.rule_id);
  std::sort(out.begin(), out.end());
  return out;
}

TEST(RecordCheckTest, ChangeDossierComparedElementByElement) {
  struct Case {
    const char* name;
    void (*edit)(model::CaseReport&);
    std::vector<std::string> rules;
  } cases[] = {
      {"nothing differs", [](model::CaseReport&) {}, {}},
      {"undeclared address",
       [](model::CaseReport& r) { r.application.registered_address = Text("新地址9号"); },
       {"REG-001"}},
      {"declared address",
       [](model::CaseReport& r) {
         r.application.registered_address = Text("新地址9号");
         r.application.changes.push_back({model::ChangedElement::kRegisteredAddress,
                                          "注册地址",
                                          "吉林省长春市朝阳区前进大街1号",
                                          "新地址9号",
                                          {}});
       },
       {}},
      {"declared with a wrong 变更前",
       [](model::CaseReport& r) {
         r.application.legal_representative = Text("李四");
         r.application.changes.push_back(
             {model::ChangedElement::kLegalRepresentative, "法定代表人", "王五", "李四", {}});
       },
       {"REG-002"}},
      {"undeclared levels",
       [](model::CaseReport& r) {
         r.occupations[0].requested.levels = {2, 3, 4, 5};
       },
       {"REG-001"}},
      {"a site written with other spacing is the same",
       [](model::CaseReport& r) {
         r.application.exam_sites = {Text("吉林省长春市朝阳区 前进大街1号")};
       },
       {}},
      {"undeclared site and legal representative",
       [](model::CaseReport& r) {
         r.application.exam_sites.push_back(Text("吉林省长春市南关区2号"));
         r.application.legal_representative = Text("李四");
       },
       {"REG-001", "REG-001"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    model::CaseReport r = Report(ApplicationKind::kChange);
    c.edit(r);
    RecordCheck check = CheckAgainstRegistry(r, Facts(), Messages());
    EXPECT_EQ(Rules(check), c.rules);
    EXPECT_EQ(check.comparison.size(), 4u);
    for (const model::Finding& f : check.findings) {
      EXPECT_TRUE(Messages().Has(f.message)) << f.message;
    }
  }
}

TEST(RecordCheckTest, UndeclaredChangeIsBlockingAndListedAsSuch) {
  model::CaseReport r = Report(ApplicationKind::kChange);
  r.application.registered_address = Text("新地址9号");
  RecordCheck check = CheckAgainstRegistry(r, Facts(), Messages());
  ASSERT_EQ(check.findings.size(), 1u);
  EXPECT_EQ(check.findings[0].severity, model::Severity::kBlocking);
  EXPECT_EQ(check.findings[0].consequence, model::Consequence::kCorrect);
  nlohmann::json j = RecordCheckJson(check);
  EXPECT_EQ(j["comparison"][0]["element"], "registered_address");
  EXPECT_EQ(j["comparison"][0]["status"], "undeclared");
  EXPECT_EQ(j["comparison"][1]["status"], "same");
  // The occupations are worded, never raw level numbers.
  EXPECT_NE(j["comparison"][3]["filed"].get<std::string>().find("养老护理员"), std::string::npos);
  EXPECT_EQ(j["comparison"][3]["filed"].get<std::string>().find("3,4,5"), std::string::npos);
}

TEST(RecordCheckTest, RenewalAgainstTheRegistryExpiry) {
  struct Case {
    Date received;
    std::vector<std::string> rules;
    model::ConditionState art9;
  } cases[] = {
      {{2029, 7, 11}, {}, model::ConditionState::kMet},  // exactly three months before
      {{2029, 7, 12}, {"REG-005"}, model::ConditionState::kReview},
      {{2029, 10, 11}, {"REG-005"}, model::ConditionState::kReview},
      {{2029, 10, 12}, {"REG-004"}, model::ConditionState::kNotMet},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.received.ToIso());
    model::CaseReport r = Report(ApplicationKind::kRenewal);
    model::Finding form_based;
    form_based.rule_id = "A9-03";
    r.findings.push_back(form_based);
    RecordCheck check = CheckAgainstRegistry(r, Facts(c.received), Messages());
    EXPECT_EQ(Rules(check), c.rules);
    EXPECT_EQ(*check.renewal_deadline, "2029-07-11");
    ApplyRecordCheck(check, &r);
    // The form-based timing finding is replaced by the registry's.
    EXPECT_TRUE(std::none_of(r.findings.begin(), r.findings.end(),
                             [](const model::Finding& f) { return f.rule_id == "A9-03"; }));
    EXPECT_EQ(r.conditions[0].state, c.art9);
  }
}

TEST(RecordCheckTest, RenewalFormDateThatDisagreesWithTheRegistryIsNoted) {
  model::CaseReport r = Report(ApplicationKind::kRenewal);
  r.application.filing_valid_until = Given(Date{2030, 6, 30});
  EXPECT_EQ(Rules(CheckAgainstRegistry(r, Facts(), Messages())),
            std::vector<std::string>{"REG-006"});
  r.application.legal_representative = Text("李四");  // not a change application: review
  EXPECT_EQ(Rules(CheckAgainstRegistry(r, Facts(), Messages())),
            (std::vector<std::string>{"REG-003", "REG-006"}));
}

TEST(RecordCheckTest, OriginalFilingNumberIsComparedWhenTheRegistryNumberedTheFiling) {
  model::CaseReport r = Report(ApplicationKind::kChange);
  r.application.filing_number = Text("吉认备〔2026〕2号");
  RegistryFacts facts = Facts();
  EXPECT_TRUE(Rules(CheckAgainstRegistry(r, facts, Messages())).empty())
      << "no 备案编号 in the registry: nothing to compare";
  facts.record->filing.filing_number = "吉认备〔2026〕1号";
  EXPECT_EQ(Rules(CheckAgainstRegistry(r, facts, Messages())), std::vector<std::string>{"REG-009"});
  r.application.filing_number = Text("吉认备〔2026〕1号");
  EXPECT_TRUE(Rules(CheckAgainstRegistry(r, facts, Messages())).empty());
}

TEST(RecordCheckTest, NoFilingAndEarlierTermination) {
  RegistryFacts none;
  none.received = {2026, 11, 2};
  EXPECT_EQ(Rules(CheckAgainstRegistry(Report(ApplicationKind::kChange), none, Messages())),
            std::vector<std::string>{"REG-007"});
  EXPECT_TRUE(
      Rules(CheckAgainstRegistry(Report(ApplicationKind::kInitial), none, Messages())).empty());
  none.terminated = true;
  RecordCheck check = CheckAgainstRegistry(Report(ApplicationKind::kInitial), none, Messages());
  EXPECT_EQ(Rules(check), std::vector<std::string>{"REG-008"});
  EXPECT_EQ(check.findings[0].severity, model::Severity::kReview);
}

}  // namespace
}  // namespace pipeline::registry
