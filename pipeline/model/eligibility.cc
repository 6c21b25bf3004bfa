#include "pipeline/model/eligibility.h"

namespace pipeline::model {

const char* JurisdictionBasisName(JurisdictionBasis b) {
  switch (b) {
    case JurisdictionBasis::kUnresolved: return "unresolved";
    case JurisdictionBasis::kAffiliation: return "affiliation";
    case JurisdictionBasis::kRegion: return "region";
    case JurisdictionBasis::kCreditCode: return "credit_code";
  }
  return "unresolved";
}

const char* ConditionStateName(ConditionState s) {
  switch (s) {
    case ConditionState::kMet: return "met";
    case ConditionState::kNotMet: return "not_met";
    case ConditionState::kReview: return "review";
    case ConditionState::kPending: return "pending";
    case ConditionState::kNotApplicable: return "not_applicable";
  }
  return "review";
}

}  // namespace pipeline::model
