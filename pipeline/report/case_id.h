// Case ids: a stable identifier for a dossier (its fingerprint, 卷宗指纹), derived only from its
// folder name so the same dossier gets the same id in every run; and the name of its folder in
// OUT, which a clerk can read (docs/user-guide.md "Output folder").
#ifndef PIPELINE_REPORT_CASE_ID_H_
#define PIPELINE_REPORT_CASE_ID_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace pipeline::report {

// "JL-" + 10 lowercase hex digits of the FNV-1a 64-bit hash of the raw folder name bytes.
std::string CaseIdFor(std::string_view folder_name);

// Whether `text` has the form CaseIdFor gives: "JL-" and 10 lowercase hex digits.
bool IsDossierFingerprint(std::string_view text);

// The name of a case's folder in OUT: `number` (the registry's case number, else the dossier
// fingerprint), "-" and `institution` (the dossier's name `dossier` when the institution is
// unknown), cleaned for a file system: control, bidirectional and invisible characters, path
// separators and the characters Windows refuses (\ : * ? " < > |) become "_", white space runs
// one "_", leading and trailing "_", "." and "-" go. Cut so the whole name has at most
// `max_chars` characters and 200 bytes (a file system allows 255); `number` alone when nothing
// of the name is left.
std::string CaseFolderName(std::string_view number, std::string_view institution,
                           std::string_view dossier, std::size_t max_chars);

}  // namespace pipeline::report

#endif  // PIPELINE_REPORT_CASE_ID_H_
