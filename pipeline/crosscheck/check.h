// crosscheck::Check: the extracted application against the occupation catalogue (Art. 6 first
// paragraph), the authority table (Art. 4) and the rules of Art. 6 (1)-(6), 8 and 9
// (checklists/rules.xml). Pure: no I/O, no clock (today comes in the Context).
//
// How to call (pipeline/job.cc):
//   load once:  LoadCatalogue(fs, data_dir), LoadAuthorities(fs, data_dir),
//               LoadRules(fs, "checklists/rules.xml")
//   per dossier: Check(extraction, dossier, ctx, &materials_or_nullptr)
#ifndef PIPELINE_CROSSCHECK_CHECK_H_
#define PIPELINE_CROSSCHECK_CHECK_H_

#include <optional>
#include <string>
#include <vector>

#include "pipeline/core/date.h"
#include "pipeline/crosscheck/business_terms.h"
#include "pipeline/crosscheck/catalogue.h"
#include "pipeline/crosscheck/credit_list.h"
#include "pipeline/crosscheck/jurisdiction.h"
#include "pipeline/crosscheck/rule_settings.h"
#include "pipeline/crosscheck/rules.h"
#include "pipeline/model/dossier.h"
#include "pipeline/model/eligibility.h"
#include "pipeline/model/extraction.h"
#include "pipeline/model/finding.h"
#include "pipeline/model/occupation.h"
#include "pipeline/model/report.h"

namespace pipeline::crosscheck {

// Everything Check reads besides the dossier. All pointers must be non-null and outlive the call.
struct Context {
  const Catalogue* catalogue = nullptr;
  const Authorities* authorities = nullptr;
  const RuleSet* rules = nullptr;
  Date today;                                        // from --date
  std::optional<std::string> office_authority_code;  // --authority CODE (jilin_authorities.tsv)
  // Optional (null = none): the office's rule settings (templates/office.json `rules`; null =
  // every setting empty), its credit list (C61-03), and the words of C64-01
  // (checklists/business_terms.xml; null = C64-01 always a review item).
  const RuleSettings* settings = nullptr;
  const CreditList* credit_list = nullptr;
  const BusinessTerms* business_terms = nullptr;
};

// A step left to a person that does not stop the case (report.json `pending_checks`). The job
// words it from messages `pending.<id>.title` and `pending.<id>.action` with `args`.
struct PendingRef {
  // "PC-CREDIT" | "PC-NONPROFIT" | "PC-STAFF" | "PC-RENEWAL" | "PC-TERMINATION"
  std::string id;
  std::vector<std::pair<std::string, std::string>> args;
};

struct CrosscheckResult {
  std::vector<model::OccupationResult> occupations;  // form order
  model::Jurisdiction jurisdiction;
  std::vector<model::ConditionResult> conditions;  // rules.xml <condition> order
  std::vector<model::Finding> findings;            // evaluation order (job sorts)
  std::vector<PendingRef> pending;                 // steps left to a person, in order
  // True when the institution cannot be filed (a blocking finding with consequence
  // not_eligible) or no requested occupation is left once the excluded ones are taken out.
  bool not_eligible = false;
};

// REQUIRES: ctx.catalogue, ctx.authorities and ctx.rules are set.
// `materials` is the completeness stage's result for this dossier, or nullptr when it was not
// run; material-based rules then become "review".
CrosscheckResult Check(const model::Extraction& extraction, const model::Dossier& dossier,
                       const Context& ctx,
                       const std::vector<model::MaterialResult>* materials = nullptr);

// Catalogue part alone (used by Check; exposed for tests).
// An ineligible occupation (group outside 3-6; no national standard for a 社会培训评价组织) is
// marked excluded with its reason; the others go on.
std::vector<model::OccupationResult> CheckOccupations(
    const std::vector<model::RequestedOccupation>& occupations, const Catalogue& catalogue,
    model::ApplicantType applicant_type, RuleSink& sink);

// Condition part alone (used by Check; exposed for tests).
// `occupations` (CheckOccupations' result, may be null) lets C64-01 skip excluded occupations;
// `pending` (may be null) receives the pending checks.
std::vector<model::ConditionResult> CheckConditions(
    const model::Extraction& extraction, const Context& ctx,
    const std::vector<model::MaterialResult>* materials, RuleSink& sink,
    const std::vector<model::OccupationResult>* occupations = nullptr,
    std::vector<PendingRef>* pending = nullptr);

}  // namespace pipeline::crosscheck

#endif  // PIPELINE_CROSSCHECK_CHECK_H_
