#include "pipeline/crosscheck/check.h"

#include <algorithm>
#include <cassert>

namespace pipeline::crosscheck {

CrosscheckResult Check(const extract::Extraction& extraction, const model::Dossier& dossier,
                       const Context& ctx, const std::vector<model::MaterialResult>* materials) {
  assert(ctx.catalogue != nullptr && ctx.authorities != nullptr && ctx.rules != nullptr);
  (void)dossier;  // reserved: file-level evidence; everything needed is in the extraction
  CrosscheckResult r;
  RuleSink sink(*ctx.rules, &r.findings);
  const model::ApplicationKind kind = extraction.application.kind.value;

  r.jurisdiction = RouteJurisdiction(extraction.application, *ctx.authorities,
                                     ctx.office_authority_code, sink);

  if (kind != model::ApplicationKind::kTermination) {
    const bool must_list = kind == model::ApplicationKind::kInitial ||
                           kind == model::ApplicationKind::kAddOccupation ||
                           kind == model::ApplicationKind::kUnknown;
    if (extraction.occupations.empty() && must_list) {
      sink.Fail("occupation_list_empty", {}, {extraction.form});
    }
    r.occupations = CheckOccupations(extraction.occupations, *ctx.catalogue, sink);
  }
  r.conditions = CheckConditions(extraction, ctx, materials, sink);

  r.not_eligible = std::any_of(r.occupations.begin(), r.occupations.end(),
                               [](const model::OccupationResult& o) {
                                 return std::find(o.problems.begin(), o.problems.end(),
                                                  model::OccupationStatus::kIneligibleGroup) !=
                                        o.problems.end();
                               });
  return r;
}

}  // namespace pipeline::crosscheck
