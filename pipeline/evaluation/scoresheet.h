// The scoring sheet (技术评估评分表.xlsx) of one case: written by libxlsxwriter for the experts,
// read back once filled in (by Excel, WPS or LibreOffice), docs/user-guide.md "Technical
// evaluation".
//
// Layout (every sheet): row 1 title; rows 2-4 the case (C2 case id, F2 the standard's version,
// C3 institution, C4 USCC or the sheet's occupation code; labels in B and E); row 5 a note; row 6
// the header (repeated on every printed page); then one row per item: A 序号, B item id, C
// condition, D item, E guidance, F veto, G maximum, H score, I remarks; then the subtotal. The
// first sheet (common items) also sums up the occupation sheets and holds the experts' and date
// cells. Only H and I of item rows and the experts' and date cells are unlocked; the sheets are
// protected. The workbook's defined names `beian_case` and `beian_standard` hold the case id and
// the standard's version.
#ifndef PIPELINE_EVALUATION_SCORESHEET_H_
#define PIPELINE_EVALUATION_SCORESHEET_H_

#include <map>
#include <string>
#include <vector>

#include "pipeline/core/date.h"
#include "pipeline/core/status.h"
#include "pipeline/evaluation/standard.h"
#include "pipeline/model/application.h"
#include "pipeline/report/messages.h"

namespace pipeline::evaluation {

// Fixed positions of the layout above (1-based, as the reader sees them).
inline constexpr int kCaseRow = 2, kInstitutionRow = 3, kCodeRow = 4, kHeaderRow = 6;
inline constexpr int kValueCol = 3, kVersionCol = 6;
inline constexpr int kIdCol = 2, kMaxCol = 7, kScoreCol = 8, kRemarkCol = 9;
inline constexpr const char* kCaseName = "beian_case";
inline constexpr const char* kStandardName = "beian_standard";

// One requested occupation that is evaluated (not excluded).
struct SheetOccupation {
  std::string code, name, work_type, levels_text;
};

// What the sheet says about the case.
struct SheetCase {
  std::string case_id, institution, uscc, kind_text;
  model::ApplicantType applicant_type = model::ApplicantType::kUnknown;
  std::vector<SheetOccupation> occupations;
};

// The wording of the sheet: templates/evaluation.zh-CN.tsv (keys sheet.*).
using Wording = report::MessageCatalog;

// Sheet names: the common sheet, then one per occupation (sheet.occupation_name with {n}).
// One requested occupation as the sheets, documents and the ledger name it: the name, its 工种
// and its levels in the wording's `occupation.work_type` / `occupation.levels` forms.
std::string OccupationText(const std::string& name, const std::string& work_type,
                           const std::string& levels_text, const Wording& w);

// Several occupations (anything with name, work_type and levels_text), joined by the wording's
// `occupation.separator`.
template <typename Occupations>
std::string OccupationsText(const Occupations& list, const Wording& w) {
  std::string out;
  for (const auto& o : list) {
    if (!out.empty()) out += w.Format("occupation.separator");
    out += OccupationText(o.name, o.work_type, o.levels_text, w);
  }
  return out;
}

std::string CommonSheetName(const Wording& w);
std::string OccupationSheetName(const Wording& w, std::size_t index);

// Writes the workbook; the same case, standard and `created` date give the same bytes.
Result<std::string> WriteScoresheet(const SheetCase& c, const Standard& standard, const Wording& w,
                                    const Date& created);

struct Score {
  int tenths = 0;
  std::string remark;
};

struct OccupationScores {
  SheetOccupation occupation;
  std::map<std::string, Score> scores;  // item id -> score
};

// A filled sheet as read back.
struct FilledSheet {
  std::map<std::string, Score> common;  // item id -> score
  std::vector<OccupationScores> occupations;
  std::string experts;  // the experts' cell, as typed
  std::string date;     // the date cell: ISO date when a date, else the text typed
};

// Reads a filled sheet for case `c` against `standard`. Every problem found is listed, one line
// each, in the error's message (Chinese, naming the sheet and cell): not a workbook, a workbook
// of another case or version of the standard, a missing (renamed or deleted) sheet, a sheet
// copied from another case or occupation, a missing item row, a score missing, not a number,
// out of 0..max or finer than 0.1.
Result<FilledSheet> ReadScoresheet(const std::string& bytes, const std::string& file,
                                   const SheetCase& c, const Standard& standard, const Wording& w);

}  // namespace pipeline::evaluation

#endif  // PIPELINE_EVALUATION_SCORESHEET_H_
