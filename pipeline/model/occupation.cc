#include "pipeline/model/occupation.h"

namespace pipeline::model {

const char* OccupationStatusName(OccupationStatus s) {
  switch (s) {
    case OccupationStatus::kOk: return "ok";
    case OccupationStatus::kUnknownCode: return "unknown_code";
    case OccupationStatus::kNameMismatch: return "name_mismatch";
    case OccupationStatus::kIneligibleGroup: return "ineligible_group";
    case OccupationStatus::kNoNationalStandard: return "no_national_standard";
    case OccupationStatus::kInvalidLevel: return "invalid_level";
  }
  return "ok";
}

}  // namespace pipeline::model
