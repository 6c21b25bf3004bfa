// The completeness stage: which filing materials (备案材料) a dossier offers for its application
// kind and applicant type, judged by file names and file health.
//
// Check() picks the checklist for (kind, type), matches every dossier file against every
// material's patterns and reports each material as present, missing or unreadable with the
// files that claim it. It never reads file contents: file health comes from ingest
// (DossierFile::health). Findings are returned as data; Check never fails.
//
// Rule ids of findings: the material id for per-material findings (see checklists/), and
// COMP-001.. for stage-level findings (table in completeness.cc).
// NOTE: do not renumber; rule IDs appear in issued reports.
#ifndef PIPELINE_COMPLETENESS_COMPLETENESS_H_
#define PIPELINE_COMPLETENESS_COMPLETENESS_H_

#include <string>
#include <vector>

#include "pipeline/completeness/checklist.h"
#include "pipeline/model/application.h"
#include "pipeline/model/dossier.h"
#include "pipeline/model/finding.h"
#include "pipeline/model/report.h"

namespace pipeline::completeness {

struct CompletenessResult {
  // One entry per material of the checklist used, in checklist order.
  std::vector<model::MaterialResult> materials;
  // Display paths of files no material of the checklist claimed (the form is never listed),
  // sorted.
  std::vector<std::string> unmatched_files;
  // In a stable order: stage-level findings first, then per material in checklist order.
  std::vector<model::Finding> findings;
  // The pair whose checklist was used (differs from the request after a fallback).
  model::ApplicationKind checked_kind = model::ApplicationKind::kUnknown;
  model::ApplicantType checked_type = model::ApplicantType::kUnknown;
};

// Checks `dossier` against the checklist for (kind, type).
//
// - A material is present when at least one file matches it and every matched file is healthy
//   and in an accepted format; unreadable when a matched file is not (health other than kOk,
//   or a format the material does not accept); missing when nothing matches. The file ingest
//   marked as the form (is_form) always matches the material with form="true".
// - Missing required material: blocking finding, rule id = material id. Unreadable file of a
//   required material: blocking, one per file, with {health} in args; of an optional material:
//   review. A single-file material claimed by two or more files: review finding.
// - Conditional materials (required="if") are required when the form's field says so; without
//   a form they are optional.
// - Unknown kind or type (form unreadable): blocking COMP-001 / COMP-002, and the dossier is
//   checked against the initial (kind) / social_org (type) checklist instead, which the finding
//   says. No checklist for the pair: blocking COMP-003 and no materials.
CompletenessResult Check(const model::Dossier& dossier, model::ApplicationKind kind,
                         model::ApplicantType type, const ChecklistSet& checklists);

// Every message key Check can emit (for the template-coverage test).
const std::vector<std::string>& MessageIds();

}  // namespace pipeline::completeness

#endif  // PIPELINE_COMPLETENESS_COMPLETENESS_H_
