// The completeness stage: which filing materials (备案材料) a dossier offers for its application
// kind and applicant type, judged by file names and file health.
//
// Check() picks the checklist for (kind, type), assigns every dossier file to its best
// material and reports each material as present, missing, unreadable or uncertain with the
// files assigned to it. It never reads file contents: file health comes from ingest
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
// - Every file goes to its one best material (classify.h: titles read by head and subject,
//   folders as context); the file ingest marked as the form (is_form) always goes to the
//   material with form="true". A file that fits several materials equally counts for none:
//   review COMP-004 while one of them is not otherwise present.
// - present: at least one assigned file is healthy, probed and in an accepted format; other
//   assigned files that are not are review notes (material_extra_*), not demands.
// - uncertain (review finding, neither present nor missing): an assigned file past the
//   probing cap (material_not_probed); only weak matches (material_uncertain: `请核实：…是否
//   为…`); or, for a required material with no file of its own, a readable merged file such
//   as 全部材料.pdf (material_in_merged).
// - unreadable: only unusable files; blocking per file for a required material, review for
//   an optional one. missing: nothing; blocking when required.
// - A single-file material with two or more usable files: review finding.
// - Conditional materials (required="if") are required when the form's field says so; without
//   a form they are optional. A change's proofs (required="if-changed") are required when
//   `changed` (the elements the change table names) holds one of the item's elements.
// - Unknown kind or type (form unreadable): blocking COMP-001 / COMP-002, and the dossier is
//   checked against the initial (kind) / social_org (type) checklist instead, which the finding
//   says. No checklist for the pair: blocking COMP-003 and no materials.
CompletenessResult Check(const model::Dossier& dossier, model::ApplicationKind kind,
                         model::ApplicantType type, const ChecklistSet& checklists,
                         const std::vector<model::ChangedElement>& changed = {});

// Every message key Check can emit (for the template-coverage test).
const std::vector<std::string>& MessageIds();

}  // namespace pipeline::completeness

#endif  // PIPELINE_COMPLETENESS_COMPLETENESS_H_
