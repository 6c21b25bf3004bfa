#include "pipeline/model/eligibility.h"

#include "pipeline/core/enum_names.h"

namespace pipeline::model {
namespace {

constexpr EnumName<JurisdictionBasis> kJurisdictionBasisNames[] = {
    {JurisdictionBasis::kUnresolved, "unresolved"},
    {JurisdictionBasis::kAffiliation, "affiliation"},
    {JurisdictionBasis::kRegion, "region"},
    {JurisdictionBasis::kCreditCode, "credit_code"},
};

constexpr EnumName<ConditionState> kConditionStateNames[] = {
    {ConditionState::kMet, "met"},
    {ConditionState::kNotMet, "not_met"},
    {ConditionState::kReview, "review"},
    {ConditionState::kPending, "pending"},
    {ConditionState::kNotApplicable, "not_applicable"},
};

}  // namespace

const char* JurisdictionBasisName(JurisdictionBasis b) {
  return NameOf(kJurisdictionBasisNames, b, "unresolved");
}

const char* ConditionStateName(ConditionState s) {
  return NameOf(kConditionStateNames, s, "review");
}

}  // namespace pipeline::model
