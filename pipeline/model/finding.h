// Finding: one judgement about a dossier, the product's main output.
//
// Findings are values, never errors: a missing material, a wrong check digit or an ineligible
// occupation are all normal results. The wording lives in templates/messages.zh-CN.tsv under
// the `message` key; `args` fill its named placeholders ({file}, {expected}, ...).
#ifndef PIPELINE_MODEL_FINDING_H_
#define PIPELINE_MODEL_FINDING_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/model/source_ref.h"

namespace pipeline::model {

enum class Severity {
  kBlocking,  // must be fixed before the dossier can pass
  kReview,    // a person must look at it (machine cannot decide, or a soft check failed)
  kInfo,      // recorded for the reviewer, no action needed
};

// Stable lowercase name used in report.json: "blocking" | "review" | "info".
const char* SeverityName(Severity s);

// What a finding is about, so documents can group them (the correction notice lists materials
// and form problems; the preliminary opinion lists conditions per article).
enum class Topic {
  kIntake,        // the folder and its files (ingest)
  kMaterials,     // checklist materials (completeness)
  kForm,          // the application form's fields (extract; rules with topic="form")
  kOccupations,   // requested occupations against the catalogue (Art. 6)
  kJurisdiction,  // which authority files the dossier (Art. 4)
  kConditions,    // conditions of Art. 6 (1)-(6), changes (Art. 8), renewal (Art. 9)
};

// Stable lowercase name used in report.json: "intake" | "materials" | "form" | "occupations" |
// "jurisdiction" | "conditions".
const char* TopicName(Topic t);
std::optional<Topic> TopicFromName(std::string_view name);

// What a blocking finding leads to (rules.xml `consequence`; stages set it for their own
// findings). The decision table (which drafts a case gets) reads it.
enum class Consequence {
  kCorrect,            // `correct`: the applicant must correct or supply something (补正)
  kExcludeOccupation,  // "exclude_occupation": one requested occupation cannot be filed
  kNotEligible,        // "not_eligible": the institution itself cannot be filed
  kRefer,              // "refer": not this office's case (Art. 4); refer to the competent one
};

// Stable lowercase name used in report.json and rules.xml.
const char* ConsequenceName(Consequence c);
std::optional<Consequence> ConsequenceFromName(std::string_view name);

struct Finding {
  // Stable rule id from checklists/ or the code's rule table, e.g. "M-INIT-03", "ING-001".
  // NOTE: do not renumber; rule IDs appear in issued reports.
  std::string rule_id;
  Severity severity = Severity::kInfo;
  std::string message;  // MessageId: key into templates/messages.zh-CN.tsv
  std::vector<std::pair<std::string, std::string>> args;  // named placeholder values
  std::vector<SourceRef> evidence;  // files and locations that support the finding
  Topic topic = Topic::kIntake;     // what it is about (set by the stage, or the job)
  // What it leads to when blocking (meaningless for review/info findings).
  Consequence consequence = Consequence::kCorrect;
};

// The finding's technical detail (its `detail` arg: English developer text such as a reader's
// exception or an OS error), "" when none. No message that can reach a letter shows it;
// report.json (`findings[].detail`) and the worksheet do.
std::string TechnicalDetail(const Finding& f);

// True when some finding has severity `s`.
bool HasSeverity(const std::vector<Finding>& findings, Severity s);

}  // namespace pipeline::model

#endif  // PIPELINE_MODEL_FINDING_H_
