// Occupations an application asks for (职业（工种）及等级) and what the catalogue cross-check
// concluded about each. RequestedOccupation is produced by extract::Extract from the form's
// occupations table; OccupationResult by crosscheck::Check against the 2022 catalogue and the
// national standards catalogue.
#ifndef PIPELINE_MODEL_OCCUPATION_H_
#define PIPELINE_MODEL_OCCUPATION_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/model/source_ref.h"

namespace pipeline::model {

// One row of the occupations table, normalised.
struct RequestedOccupation {
  std::string seq;        // 序号 as written
  std::string code;       // 职业编码 normalised to N-NN-NN-NN (ASCII); `` when absent
  std::string code_raw;   // as written
  std::string name;       // 职业名称 normalised, without the bracketed 工种
  std::string work_type;  // 工种: the bracketed part after the name, `` if none
  std::string name_raw;   // as written
  // Requested levels, ascending: -1 首席技师, 0 特级技师 (人社部发〔2022〕14号, employers),
  // 1 (一级/高级技师) .. 5 (五级/初级工).
  std::vector<int> levels;
  std::string levels_raw;      // as written
  bool levels_parsed = false;  // false when levels_raw is empty or not understood
  SourceRef where;
};

// Outcome of the catalogue cross-check for one occupation (Art. 6, first paragraph).
enum class OccupationStatus {
  kOk,                  // "ok"
  kUnknownCode,         // "unknown_code": code absent or not in the catalogue
  kNameMismatch,        // "name_mismatch": code exists, name belongs to another or no code
  kIneligibleGroup,     // "ineligible_group": major group not 3, 4, 5 or 6
  kNoNationalStandard,  // `no_national_standard`: a filed 评价规范 must be shown
  kInvalidLevel,        // "invalid_level": levels missing or not understood
};
const char* OccupationStatusName(OccupationStatus s);

// A catalogue entry offered instead of what was written.
struct OccupationSuggestion {
  std::string code;
  std::string name;
  double score = 0;  // 1.0 = exact name; lower = fuzzier
};

// A national occupational skill standard (国家职业技能标准) that covers the occupation.
struct StandardRef {
  std::string published_code;  // code printed on the standard (may be a 1999/2015 code)
  std::string published_name;
  std::string work_type;  // bracketed 工种/direction of a single-工种 standard
  int edition_year = 0;
  std::string doc_number;  // 人社厅发〔YYYY〕NN号
};

struct OccupationResult {
  RequestedOccupation requested;
  OccupationStatus status = OccupationStatus::kOk;
  // Further problems beyond `status` (e.g. name_mismatch and invalid_level at once), in the
  // order of OccupationStatus; `status` is the first of them or kOk.
  std::vector<OccupationStatus> problems;
  std::string catalogue_name;  // name of `requested.code` in the catalogue, "" if unknown
  int major_group = 0;         // 1..8, 0 if unknown
  std::vector<OccupationSuggestion> suggestions;
  std::vector<StandardRef> standards;  // newest first
  // Per-occupation verdict: an excluded occupation is not filed, the case goes on for the others.
  bool excluded = false;
  std::string exclusion_reason;  // message key in templates/messages.zh-CN.tsv, "" unless excluded
};

// Occupation code: NFKC, dashes unified, spaces removed; "4.03.02.01" and "4030201" become
// `4-03-02-01`; a 工种 suffix (`6-30-05-01-014`) is kept. nullopt when the text is not a code.
std::optional<std::string> NormaliseOccupationCode(std::string_view text);

}  // namespace pipeline::model

#endif  // PIPELINE_MODEL_OCCUPATION_H_
