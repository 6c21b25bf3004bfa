#include "pipeline/model/report.h"

namespace pipeline::model {

const char* MaterialStatusName(MaterialStatus s) {
  switch (s) {
    case MaterialStatus::kPresent: return "present";
    case MaterialStatus::kMissing: return "missing";
    case MaterialStatus::kUnreadable: return "unreadable";
  }
  return "missing";
}

const char* ConclusionName(Conclusion c) {
  switch (c) {
    case Conclusion::kPass: return "pass";
    case Conclusion::kComplete: return "complete";
    case Conclusion::kCorrectionsNeeded: return "corrections_needed";
    case Conclusion::kNotEligible: return "not_eligible";
    case Conclusion::kReviewNeeded: return "review_needed";
    case Conclusion::kReferred: return "referred";
  }
  return "review_needed";
}

}  // namespace pipeline::model
