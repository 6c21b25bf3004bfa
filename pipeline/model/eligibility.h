// Eligibility results of crosscheck::Check: which authority must file the dossier (Art. 4) and
// whether each condition of Art. 6 (1)-(6) (and the Art. 8 / Art. 9 rules) is met. These are
// report data; the findings that explain a "not met" or "review" travel as model::Finding.
#ifndef PIPELINE_MODEL_ELIGIBILITY_H_
#define PIPELINE_MODEL_ELIGIBILITY_H_

#include <string>
#include <vector>

#include "pipeline/model/source_ref.h"

namespace pipeline::model {

// How the filing authority was determined.
enum class JurisdictionBasis {
  kUnresolved,   // "unresolved": no affiliation/region/USCC allowed a decision
  kAffiliation,  // `affiliation`: 中直驻省 / 省属 -> the province
  kRegion,       // `region`: 所在地区 named a 市（州）, 梅河口市 or 长白山管委会
  kCreditCode,   // "credit_code": inferred from USCC digits 3-8 (region absent)
};
const char* JurisdictionBasisName(JurisdictionBasis b);

// The filing authority (受理机关) under Art. 4.
struct Jurisdiction {
  std::string code;  // jilin_authorities.tsv code ("220100", "220581", "JL-CBS"); "" if unresolved
  std::string name;  // jurisdiction name (吉林省, 长春市, ...)
  std::string authority;              // authority name; "" when the table says TO_CONFIRM
  bool authority_to_confirm = false;  // table value was TO_CONFIRM: never print it
  JurisdictionBasis basis = JurisdictionBasis::kUnresolved;
  SourceRef where;  // the field the decision rests on
  // Whether this department is competent under Art. 4 is not settled (梅河口, 长白山): a letter
  // never sends the applicant there, it leaves a blank (column `competence`).
  bool competence_to_confirm = false;
};

enum class ConditionState {
  kMet,     // "met"
  kNotMet,  // "not_met"
  kReview,  // "review": a person must decide
  // `pending`: nothing found against it, but part of it rests on a step left to a person that
  // does not stop the case (CaseReport::pending_checks, e.g. the credit query, 不以营利为目的).
  kPending,
  kNotApplicable,  // `not_applicable`: e.g. Art. 6 (6) for a 社会培训评价组织
};
const char* ConditionStateName(ConditionState s);

// One piece of evidence shown next to a condition: a field value or a material.
struct ConditionEvidence {
  std::string label;  // field name (FormFieldName), material id, or occupation code
  std::string value;  // the value as read ("" when absent)
  SourceRef where;
};

// One condition (Art. 6 (1)..(6), Art. 8, Art. 9) as a whole.
struct ConditionResult {
  std::string id;       // "art6.1" .. "art6.6", "art8", "art9" (stable; from rules.xml)
  std::string article;  // the article as cited in reports, from rules.xml (Chinese, data)
  std::string title;    // what the condition requires, from rules.xml (Chinese, data)
  ConditionState state = ConditionState::kReview;
  std::vector<std::string> rule_ids;  // rules that did not pass (see findings), in rules.xml order
  std::vector<ConditionEvidence> evidence;
};

}  // namespace pipeline::model

#endif  // PIPELINE_MODEL_ELIGIBILITY_H_
