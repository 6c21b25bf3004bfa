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
#include "pipeline/crosscheck/catalogue.h"
#include "pipeline/crosscheck/jurisdiction.h"
#include "pipeline/crosscheck/rules.h"
#include "pipeline/extract/extract.h"
#include "pipeline/model/dossier.h"
#include "pipeline/model/eligibility.h"
#include "pipeline/model/finding.h"
#include "pipeline/model/occupation.h"
#include "pipeline/model/report.h"

namespace pipeline::crosscheck {

// Everything Check reads besides the dossier. All pointers must be non-null and outlive the call.
struct Context {
  const Catalogue* catalogue = nullptr;
  const Authorities* authorities = nullptr;
  const RuleSet* rules = nullptr;
  Date today;  // from --date
  std::optional<std::string> office_authority_code;  // --authority CODE (jilin_authorities.tsv)
};

struct CrosscheckResult {
  std::vector<model::OccupationResult> occupations;  // form order
  model::Jurisdiction jurisdiction;
  std::vector<model::ConditionResult> conditions;    // rules.xml <condition> order
  std::vector<model::Finding> findings;              // evaluation order (job sorts)
  // True when the applicant or an occupation is ineligible (drives "not_eligible").
  bool not_eligible = false;
};

// REQUIRES: ctx.catalogue, ctx.authorities and ctx.rules are set.
// `materials` is the completeness stage's result for this dossier, or nullptr when it was not
// run; material-based rules then become "review".
CrosscheckResult Check(const extract::Extraction& extraction, const model::Dossier& dossier,
                       const Context& ctx,
                       const std::vector<model::MaterialResult>* materials = nullptr);

// Catalogue part alone (used by Check; exposed for tests).
std::vector<model::OccupationResult> CheckOccupations(
    const std::vector<model::RequestedOccupation>& occupations, const Catalogue& catalogue,
    RuleSink& sink);

// Condition part alone (used by Check; exposed for tests).
std::vector<model::ConditionResult> CheckConditions(
    const extract::Extraction& extraction, const Context& ctx,
    const std::vector<model::MaterialResult>* materials, RuleSink& sink);

}  // namespace pipeline::crosscheck

#endif  // PIPELINE_CROSSCHECK_CHECK_H_
