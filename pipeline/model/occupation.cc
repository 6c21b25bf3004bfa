#include "pipeline/model/occupation.h"

#include "pipeline/core/enum_names.h"

namespace pipeline::model {
namespace {

constexpr EnumName<OccupationStatus> kOccupationStatusNames[] = {
    {OccupationStatus::kOk, "ok"},
    {OccupationStatus::kUnknownCode, "unknown_code"},
    {OccupationStatus::kNameMismatch, "name_mismatch"},
    {OccupationStatus::kIneligibleGroup, "ineligible_group"},
    {OccupationStatus::kNoNationalStandard, "no_national_standard"},
    {OccupationStatus::kInvalidLevel, "invalid_level"},
};

}  // namespace

const char* OccupationStatusName(OccupationStatus s) {
  return NameOf(kOccupationStatusNames, s, "ok");
}

}  // namespace pipeline::model
