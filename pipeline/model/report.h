// CaseReport: everything beian concluded about one dossier. Built by Job from the stages'
// outputs; serialised to report.json by render/report_json and fed to the document templates.
#ifndef PIPELINE_MODEL_REPORT_H_
#define PIPELINE_MODEL_REPORT_H_

#include <cstddef>
#include <string>
#include <vector>

#include "pipeline/model/application.h"
#include "pipeline/model/eligibility.h"
#include "pipeline/model/finding.h"
#include "pipeline/model/occupation.h"

namespace pipeline::model {

// kUncertain: neither present nor missing; a person must look (a file only weakly named like
// the material, a merged file that may hold it, or a file past the probing cap). A review
// finding says what to check.
enum class MaterialStatus { kPresent, kMissing, kUnreadable, kUncertain };
// "present" | "missing" | "unreadable" | "uncertain"
const char* MaterialStatusName(MaterialStatus s);

// One checklist material and what the dossier offers for it.
struct MaterialResult {
  std::string id;       // checklist item id, e.g. "M-INIT-03"
  std::string name;     // Chinese name from the checklist
  std::string article;  // article of the regulation it serves, e.g. `第六条（一）`
  bool required = true;
  MaterialStatus status = MaterialStatus::kMissing;
  std::vector<std::string> files;  // display paths of the matched files
  // kPresent through a file whose title names several materials (`登记证书及法定代表人身份证
  // 明.pdf`): "present (merged)", with a review finding to confirm the file holds each.
  bool merged = false;
};

// One file of the dossier as report.json lists it (`files[]`): a file inside an archive keeps
// the archive and its name inside apart; `display` (`附件.zip › 3、场地证明.pdf`) is display text.
struct ReportedFile {
  std::string display;        // as every other part of the report shows it
  std::string archive;        // display path of the archive holding it; "" for a loose file
  std::string entry;          // its decoded name inside `archive`; "" for a loose file
  std::string name_encoding;  // how its name was decoded: utf-8 | gb18030 | cp437 | unknown
  std::size_t pages = 0;      // a PDF that opens: its pages; 0 (not in report.json) otherwise
};

// A step a person must still take that does not by itself make the case review_needed (e.g.
// the officer's own credit query). Listed in report.json `pending_checks` and on the worksheet.
struct PendingCheck {
  std::string id;      // stable id, e.g. "PC-CREDIT"
  std::string title;   // Chinese, worded from the message catalogue
  std::string action;  // Chinese: what to do
};

// One drafted document of a case (report.json `documents[]`).
struct DraftedDocument {
  std::string kind;      // template name, e.g. "correction_notice", "worksheet"
  std::string title;     // Chinese title as printed
  std::string file;      // file name inside the case folder
  bool official = true;  // false for the internal worksheet
};

// Overall verdict; see docs/user-guide.md "Conclusion" for the rule that sets it.
enum class Conclusion {
  kPass,               // every rule met
  kComplete,           // materials complete (intake-level verdict)
  kCorrectionsNeeded,  // missing/unreadable materials or other blocking fixable findings
  kNotEligible,        // an ineligible occupation or applicant
  kReviewNeeded,       // no blocking finding, but review findings remain
  kReferred,           // not this office's case (Art. 4, consequence refer): not reviewed here
};
const char* ConclusionName(Conclusion c);

struct CaseReport {
  std::string dossier;        // folder name as shown to people
  std::string case_id;        // stable id derived from the folder name, e.g. "JL-3f2a9c1d"
  Application application;    // typed form fields with provenance (institution, counts, dates, ...)
  Jurisdiction jurisdiction;  // filing authority under Art. 4 (crosscheck)
  std::vector<OccupationResult> occupations;  // catalogue cross-check, form order (crosscheck)
  std::vector<ConditionResult> conditions;    // Art. 6 (1)-(6), Art. 8, Art. 9 (crosscheck)
  std::vector<MaterialResult> materials;      // in checklist order
  std::vector<std::string> unmatched_files;   // files no checklist item claimed (display paths)
  std::vector<ReportedFile> files;            // every file of the dossier, in path order
  std::vector<Finding> findings;              // sorted by severity, then rule id, stably
  Conclusion conclusion = Conclusion::kCorrectionsNeeded;
  std::vector<PendingCheck> pending_checks;  // steps left to a person (not findings)
  std::vector<DraftedDocument> documents;    // drafts written for this case, in order
  // Why the case's draft could not be drawn (English detail, for the log); "" when it was
  // drawn or none is due. The summary row says "no draft" when set.
  std::string draft_failure;
  // The registry's case number (案件编号, e.g. "C2026-0001") when run recorded the dossier;
  // set in the parent, not sent from the worker.
  std::string case_number;
};

}  // namespace pipeline::model

#endif  // PIPELINE_MODEL_REPORT_H_
