// Extraction: the application form's labelled cells (model::FormData, from ingest) turned into a
// typed model::Application and the list of requested occupations, every value with the form
// cell it came from. Problems with single values (missing, unparsable, impossible date, wrong
// check digit) are Findings; extraction itself never fails.
//
// Rule ids emitted here are fixed in code (extraction is not configurable):
//   EXT-001 no application form                         blocking
//   EXT-002 a required field is missing or empty        blocking
//   EXT-003 a value could not be understood             review
//   EXT-004 a date that does not exist (2025-02-30)     blocking
//   EXT-005 a choice with several options ticked         blocking
//   EXT-006 备案有效期至 gives a month only (taken as     review
//           its last day)
//           (or listed with none marked: 申请类型, 机构类型, 隶属关系); never guessed
//   EXT-010 USCC malformed (length/alphabet)            blocking
//   EXT-011 USCC check digit wrong                      review (real codes that fail exist)
//   EXT-012 USCC had to be normalised (full-width ...)  info
//   EXT-020 resident ID number invalid                  review
//   EXT-030 occupation code typed in the name cell (and  info
//           the name in the code cell): read swapped
//   EXT-040 phone number not recognised                 review
// NOTE: do not renumber; rule IDs appear in issued reports.
#ifndef PIPELINE_EXTRACT_EXTRACT_H_
#define PIPELINE_EXTRACT_EXTRACT_H_

#include <vector>

#include "pipeline/extract/normaliser.h"
#include "pipeline/model/dossier.h"
#include "pipeline/model/extraction.h"

namespace pipeline::extract {

// Interprets `dossier.form`. When the form is absent the result holds an empty Application and
// one EXT-001 finding. `normaliser` must outlive the call only.
model::Extraction Extract(const model::Dossier& dossier, const Normaliser& normaliser);

// Same, from FormData directly (used by tests and by Extract).
model::Extraction ExtractForm(const model::FormData& form, const Normaliser& normaliser);

}  // namespace pipeline::extract

#endif  // PIPELINE_EXTRACT_EXTRACT_H_
