#include "pipeline/model/report.h"

#include "pipeline/core/enum_names.h"

namespace pipeline::model {
namespace {

constexpr EnumName<MaterialStatus> kMaterialStatusNames[] = {
    {MaterialStatus::kPresent, "present"},
    {MaterialStatus::kMissing, "missing"},
    {MaterialStatus::kUnreadable, "unreadable"},
    {MaterialStatus::kUncertain, "uncertain"},
};

constexpr EnumName<Conclusion> kConclusionNames[] = {
    {Conclusion::kPass, "pass"},
    {Conclusion::kComplete, "complete"},
    {Conclusion::kCorrectionsNeeded, "corrections_needed"},
    {Conclusion::kNotEligible, "not_eligible"},
    {Conclusion::kReviewNeeded, "review_needed"},
    {Conclusion::kReferred, "referred"},
};

}  // namespace

const char* MaterialStatusName(MaterialStatus s) {
  return NameOf(kMaterialStatusNames, s, "missing");
}

const char* ConclusionName(Conclusion c) { return NameOf(kConclusionNames, c, "review_needed"); }

}  // namespace pipeline::model
