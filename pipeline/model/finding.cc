#include "pipeline/model/finding.h"

namespace pipeline::model {

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kBlocking: return "blocking";
    case Severity::kReview: return "review";
    case Severity::kInfo: return "info";
  }
  return "info";
}

const char* TopicName(Topic t) {
  switch (t) {
    case Topic::kIntake: return "intake";
    case Topic::kMaterials: return "materials";
    case Topic::kForm: return "form";
    case Topic::kOccupations: return "occupations";
    case Topic::kJurisdiction: return "jurisdiction";
    case Topic::kConditions: return "conditions";
  }
  return "intake";
}

std::optional<Topic> TopicFromName(std::string_view name) {
  for (Topic t : {Topic::kIntake, Topic::kMaterials, Topic::kForm, Topic::kOccupations,
                  Topic::kJurisdiction, Topic::kConditions}) {
    if (name == TopicName(t)) return t;
  }
  return std::nullopt;
}

const char* ConsequenceName(Consequence c) {
  switch (c) {
    case Consequence::kCorrect: return "correct";
    case Consequence::kExcludeOccupation: return "exclude_occupation";
    case Consequence::kNotEligible: return "not_eligible";
    case Consequence::kRefer: return "refer";
  }
  return "correct";
}

std::optional<Consequence> ConsequenceFromName(std::string_view name) {
  for (Consequence c : {Consequence::kCorrect, Consequence::kExcludeOccupation,
                        Consequence::kNotEligible, Consequence::kRefer}) {
    if (name == ConsequenceName(c)) return c;
  }
  return std::nullopt;
}

}  // namespace pipeline::model
