// Masking of personal data for outputs that land on a shared folder (summary.json, index.html):
// resident ID numbers keep their region and last four characters (`220102********201X`),
// mobile numbers their first three and last four digits (`139****5678`), landline numbers
// their area code and last four digits (`0431-****5678`). report.json keeps them whole.
#ifndef PIPELINE_REPORT_MASK_H_
#define PIPELINE_REPORT_MASK_H_

#include <string>
#include <string_view>

namespace pipeline::report {

// `text` with every ID, mobile and landline number in it masked; other text unchanged. Numbers
// are recognised only as whole tokens (not inside a longer run of digits or letters, such as a
// 统一社会信用代码).
std::string MaskPersonalData(std::string_view text);

}  // namespace pipeline::report

#endif  // PIPELINE_REPORT_MASK_H_
