// The technical evaluation computed from a filled scoring sheet: per item, per occupation and
// in total, with the veto items (否决项) and the pass lines of the standard. The computed
// result only informs: the conclusion is the expert group's, recorded by the clerk (Art. 7(四)).
#ifndef PIPELINE_EVALUATION_EVALUATION_H_
#define PIPELINE_EVALUATION_EVALUATION_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "pipeline/evaluation/scoresheet.h"
#include "pipeline/evaluation/standard.h"

namespace pipeline::evaluation {

struct ItemResult {
  const Item* item = nullptr;
  Score score;
  bool vetoed = false;  // a veto item scored below its veto line
};

struct SheetResult {
  std::vector<ItemResult> items;
  int score_tenths = 0, max_tenths = 0;
  bool vetoed = false;
};

struct OccupationResult {
  SheetOccupation occupation;
  SheetResult sheet;
  int percent_tenths = 0;  // the sheet's score in percent of its maximum, x10 (835 = 83.5)
  bool passed = false;     // percent >= the occupation pass line and no veto
};

struct EvaluationResult {
  SheetResult common;
  std::vector<OccupationResult> occupations;
  int occupation_mean_tenths = 0;  // mean of the occupation sheets, rounded to 0.1
  int occupation_max_tenths = 0;
  int percent_tenths = 0;  // (common + mean) in percent of (common max + occupation max), x10
  bool passed = false;     // percent >= pass line, no common veto, some occupation passed
  std::string experts, date;
};

// REQUIRES: `sheet` was read against `standard` for an applicant of `type` (every item scored).
EvaluationResult Evaluate(const FilledSheet& sheet, const Standard& standard,
                          model::ApplicantType type);

// The evaluation as document data (points as text, "83.5"), for the templates and the registry.
nlohmann::json EvaluationJson(const EvaluationResult& r, const Standard& standard);

// "83.5" for 835 tenths of a percent / of a point.
inline std::string Tenths(int v) { return FormatPoints(v); }

}  // namespace pipeline::evaluation

#endif  // PIPELINE_EVALUATION_EVALUATION_H_
