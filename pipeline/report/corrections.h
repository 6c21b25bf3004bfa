// The words of the correction items (pipeline/model/correction.h): what is wrong, the article
// that requires it (when the data gives one) and what to do, each sentence closed with 。.
// The 补正 notice, the worksheet and report.json `corrections[]` all print these texts.
#ifndef PIPELINE_REPORT_CORRECTIONS_H_
#define PIPELINE_REPORT_CORRECTIONS_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "pipeline/model/correction.h"
#include "pipeline/model/report.h"
#include "pipeline/report/messages.h"

namespace pipeline::report {

struct CorrectionText {
  std::string statement;  // what is wrong, without the closing 。
  std::string citation;   // （《办法》第六条（四）） or "" when the data cites nothing
  std::string request;    // 请…。
  std::string text;       // statement + citation + 。 + request
};

CorrectionText WordCorrection(const model::CorrectionItem& item, const model::CaseReport& report,
                              const MessageCatalog& messages);

// report.json `corrections[]`: {subject, fault, group, basis|null, text, statement, request,
// rules[], facts[{file, location, location_text}]}, in notice order.
nlohmann::json CorrectionsJson(const model::CaseReport& report, const MessageCatalog& messages);

}  // namespace pipeline::report

#endif  // PIPELINE_REPORT_CORRECTIONS_H_
