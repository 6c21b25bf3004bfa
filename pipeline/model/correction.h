// CorrectionItem: one thing the applicant must do, the single source of the 补正 notice, the
// worksheet's list of what went into it and report.json `corrections[]` (issue 20).
//
// Every blocking finding whose consequence is `correct` becomes a part of exactly one item. A
// material and the Art. 6 condition resting on it are one item (subject = the material id);
// otherwise the subject is the form field, the occupation row or the rule. An item never says
// the same thing twice: its wording comes from templates/messages.zh-CN.tsv per part
// (`correction.<message>.statement` / `.action`), the fault kind decides the group, and the
// article it cites (basis) is the data's `basis` (checklists/), never the article a material
// merely serves.
#ifndef PIPELINE_MODEL_CORRECTION_H_
#define PIPELINE_MODEL_CORRECTION_H_

#include <string>
#include <utility>
#include <vector>

#include "pipeline/model/report.h"

namespace pipeline::model {

enum class Fault {
  kMissing,          // a material not submitted
  kUnreadable,       // submitted, but the file cannot be opened
  kWrongFormat,      // submitted, but in a format that cannot be read as that material
  kNotFilled,        // a form field left blank
  kContradictsForm,  // a form entry that is wrong or inconsistent (bad code, two ticks, ...)
  kNotMet,           // the form itself says an Art. 6 condition is not met
};
// "missing" | "unreadable" | "wrong_format" | "not_filled" | "contradicts_form" | "not_met"
const char* FaultName(Fault f);

// One finding's share of an item: the message key whose `.statement` and `.action` word it,
// and the finding's args. `absorbed` parts add no words when the item has others (a condition
// that only repeats that its material is missing; 申请类型 unknown because the form is).
struct CorrectionPart {
  std::string rule_id;
  std::string wording;  // message key prefix, e.g. "correction.material.missing"
  std::vector<std::pair<std::string, std::string>> args;
  Fault fault = Fault::kMissing;
  bool absorbed = false;
  std::string fallback_message;  // the finding's own message key when no wording exists
};

struct CorrectionItem {
  std::string subject;  // material id, form field id, "occupation:<seq>", or a rule id
  Fault fault = Fault::kMissing;
  std::string group;  // materials | form | conditions | occupations (the notice's headings)
  std::string basis;  // the article requiring it (checklists/ `basis`), "" = none cited
  std::vector<std::string> rules;     // rule ids of the findings it rests on, in order
  std::vector<CorrectionPart> parts;  // in the order the words are printed
  std::vector<SourceRef> facts;       // files and form places (worksheet, report.json only)
};

// The items of a case, in notice order (group, then checklist order for materials, then the
// order of the findings). Every blocking `correct` finding is a part of exactly one item; no
// two items share a subject.
std::vector<CorrectionItem> BuildCorrections(const CaseReport& report);

}  // namespace pipeline::model

#endif  // PIPELINE_MODEL_CORRECTION_H_
