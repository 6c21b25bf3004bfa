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

}  // namespace pipeline::model
