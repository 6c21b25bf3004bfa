#include "pipeline/crosscheck/check.h"

#include <algorithm>
#include <cassert>

namespace pipeline::crosscheck {

CrosscheckResult Check(const model::Extraction& extraction, const model::Dossier& dossier,
                       const Context& ctx, const std::vector<model::MaterialResult>* materials) {
  assert(ctx.catalogue != nullptr && ctx.authorities != nullptr && ctx.rules != nullptr);
  (void)dossier;  // reserved: file-level evidence; everything needed is in the extraction
  CrosscheckResult r;
  RuleSink sink(*ctx.rules, &r.findings);
  const model::ApplicationKind kind = extraction.application.kind.value;

  r.jurisdiction =
      RouteJurisdiction(extraction.application, *ctx.authorities, ctx.office_authority_code, sink);

  if (kind != model::ApplicationKind::kTermination) {
    const bool must_list = kind == model::ApplicationKind::kInitial ||
                           kind == model::ApplicationKind::kAddOccupation ||
                           kind == model::ApplicationKind::kUnknown;
    if (extraction.occupations.empty() && must_list) {
      sink.Fail("occupation_list_empty", {}, {extraction.form});
    }
    r.occupations = CheckOccupations(extraction.occupations, *ctx.catalogue,
                                     extraction.application.applicant_type.value, sink);
  }
  r.conditions = CheckConditions(extraction, ctx, materials, sink, &r.occupations, &r.pending);

  const bool all_excluded =
      !r.occupations.empty() &&
      std::all_of(r.occupations.begin(), r.occupations.end(),
                  [](const model::OccupationResult& o) { return o.excluded; });
  const bool institution_ineligible =
      std::any_of(r.findings.begin(), r.findings.end(), [](const model::Finding& f) {
        return f.severity == model::Severity::kBlocking &&
               f.consequence == model::Consequence::kNotEligible;
      });
  r.not_eligible = all_excluded || institution_ineligible;
  return r;
}

}  // namespace pipeline::crosscheck
