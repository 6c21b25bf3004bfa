// Case ids: a stable identifier for a dossier, derived only from its folder name so the same
// dossier gets the same id in every run (and OUT/<case-id>/ is stable for archive hashes).
#ifndef PIPELINE_REPORT_CASE_ID_H_
#define PIPELINE_REPORT_CASE_ID_H_

#include <string>
#include <string_view>

namespace pipeline::report {

// "JL-" + 10 lowercase hex digits of the FNV-1a 64-bit hash of the raw folder name bytes.
std::string CaseIdFor(std::string_view folder_name);

// Whether `text` has the form CaseIdFor gives: "JL-" and 10 lowercase hex digits.
bool IsDossierFingerprint(std::string_view text);

}  // namespace pipeline::report

#endif  // PIPELINE_REPORT_CASE_ID_H_
