#include "pipeline/model/finding.h"

#include <algorithm>

#include "pipeline/core/enum_names.h"

namespace pipeline::model {
namespace {

constexpr EnumName<Severity> kSeverityNames[] = {
    {Severity::kBlocking, "blocking"},
    {Severity::kReview, "review"},
    {Severity::kInfo, "info"},
};

constexpr EnumName<Topic> kTopicNames[] = {
    {Topic::kIntake, "intake"},
    {Topic::kMaterials, "materials"},
    {Topic::kForm, "form"},
    {Topic::kOccupations, "occupations"},
    {Topic::kJurisdiction, "jurisdiction"},
    {Topic::kConditions, "conditions"},
};

constexpr EnumName<Consequence> kConsequenceNames[] = {
    {Consequence::kCorrect, "correct"},
    {Consequence::kExcludeOccupation, "exclude_occupation"},
    {Consequence::kNotEligible, "not_eligible"},
    {Consequence::kRefer, "refer"},
};

}  // namespace

const char* SeverityName(Severity s) { return NameOf(kSeverityNames, s, "info"); }

const char* TopicName(Topic t) { return NameOf(kTopicNames, t, "intake"); }

std::optional<Topic> TopicFromName(std::string_view name) { return ValueOf(kTopicNames, name); }

const char* ConsequenceName(Consequence c) { return NameOf(kConsequenceNames, c, "correct"); }

std::optional<Consequence> ConsequenceFromName(std::string_view name) {
  return ValueOf(kConsequenceNames, name);
}

std::string TechnicalDetail(const Finding& f) {
  for (const auto& [name, value] : f.args) {
    if (name == "detail") return value;
  }
  return "";
}

bool HasSeverity(const std::vector<Finding>& findings, Severity s) {
  return std::any_of(findings.begin(), findings.end(),
                     [s](const Finding& f) { return f.severity == s; });
}

}  // namespace pipeline::model
