// The occupation catalogue as the stages see it: one 细类 of 《职业分类大典（2022年版）》, one
// national occupational skill standard, and a lookup's match. crosscheck::Catalogue holds and
// indexes them; the report layer lists them.
#ifndef PIPELINE_MODEL_CATALOGUE_H_
#define PIPELINE_MODEL_CATALOGUE_H_

#include <string>
#include <vector>

namespace pipeline::model {

// One 细类 of the 2022 catalogue.
struct CatalogueOccupation {
  std::string code;     // N-NN-NN-NN
  std::string name;     // without the S/L marks
  std::string marks;    // "S", "L", "L;S" or ""
  int major_group = 0;  // 1..8
  std::string major_group_name;
  std::string small_group_name;  // 小类 name (small_name), e.g. 餐饮服务人员
  int work_type_count = 0;       // 工种 count from the catalogue API
  bool post_2022_candidate = false;
  // Art. 6: only major groups 3, 4, 5 and 6 (skill occupations) may be assessed.
  bool eligible_group() const { return major_group >= 3 && major_group <= 6; }
};

// One national occupational skill standard (国家职业技能标准).
struct CatalogueStandard {
  std::string published_code;  // as printed; may be a 1999/2015 code
  std::string published_name;
  std::string base_name;
  std::string work_type;    // bracketed 工种/direction, `` if none
  std::string issued_date;  // ISO
  int edition_year = 0;
  std::string doc_number;
  std::string code_2022;      // mapped 2022 code, "" if unmapped
  std::string standard_kind;  // skill | professional_technical | unmapped
};

enum class MatchKind {
  kExactCode,   // the query is a code in the catalogue
  kCodePrefix,  // the query is the start of codes ("4-03")
  kExactName,   // the normalised name equals the query
  kContains,    // one name contains the other
  kFuzzy,       // edit distance / bigram similarity
};

struct CatalogueMatch {
  const CatalogueOccupation* occupation = nullptr;
  MatchKind kind = MatchKind::kFuzzy;
  double score = 0;                                 // 1.0 = exact
  std::vector<const CatalogueStandard*> standards;  // mapped to occupation->code, newest first
};

}  // namespace pipeline::model

#endif  // PIPELINE_MODEL_CATALOGUE_H_
