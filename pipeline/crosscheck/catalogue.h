// Catalogue: the 2022 occupation catalogue (《职业分类大典（2022年版）》 细类, data/occupations_2022.tsv)
// joined with the national skill standards catalogue (data/skill_standards.tsv), indexed by code
// and by normalised name. Loaded once at start-up; immutable afterwards (safe to share).
//
// Matches returned by Lookup/SuggestNames point into the Catalogue: it must outlive them.
#ifndef PIPELINE_CROSSCHECK_CATALOGUE_H_
#define PIPELINE_CROSSCHECK_CATALOGUE_H_

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"

namespace pipeline::crosscheck {

// One 细类 of the 2022 catalogue.
struct CatalogueOccupation {
  std::string code;  // N-NN-NN-NN
  std::string name;  // without the S/L marks
  std::string marks;  // "S", "L", "L;S" or ""
  int major_group = 0;  // 1..8
  std::string major_group_name;
  std::string small_group_name;  // 小类 name (small_name), e.g. 餐饮服务人员
  int work_type_count = 0;  // 工种 count from the catalogue API
  bool post_2022_candidate = false;
  // Art. 6: only major groups 3, 4, 5 and 6 (skill occupations) may be assessed.
  bool eligible_group() const { return major_group >= 3 && major_group <= 6; }
};

// One national occupational skill standard (国家职业技能标准).
struct CatalogueStandard {
  std::string published_code;  // as printed; may be a 1999/2015 code
  std::string published_name;
  std::string base_name;
  std::string work_type;       // bracketed 工种/direction, "" if none
  std::string issued_date;     // ISO
  int edition_year = 0;
  std::string doc_number;
  std::string code_2022;       // mapped 2022 code, "" if unmapped
  std::string standard_kind;   // skill | professional_technical | unmapped
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
  double score = 0;  // 1.0 = exact
  std::vector<const CatalogueStandard*> standards;  // mapped to occupation->code, newest first
};

class Catalogue {
 public:
  // Builds from the two TSV texts; `*_file` names them in errors. Fails (InvalidData, file:line)
  // on a missing column, a bad field count, a malformed code, a major group that disagrees with
  // the code, a duplicate code, or a standard whose code_2022 is not in the catalogue.
  static Result<Catalogue> FromTsv(std::string_view occupations_tsv,
                                   const std::string& occupations_file,
                                   std::string_view standards_tsv,
                                   const std::string& standards_file);

  // nullptr when absent. `code` must be normalised (N-NN-NN-NN); a 5-part 工种 code is looked up
  // by its first four parts.
  const CatalogueOccupation* FindCode(std::string_view code) const;
  // Exact match on the normalised (NFKC, no whitespace) name; nullptr when absent.
  const CatalogueOccupation* FindName(std::string_view name) const;
  // Standards mapped to `code` (code_2022), newest first.
  std::vector<const CatalogueStandard*> StandardsFor(std::string_view code) const;
  // Closest names to `name` (exact, containment, then fuzzy), best first, at most `max`.
  // Fuzzy matches need edit distance <= max(1, len/3) or bigram similarity >= 0.5.
  std::vector<CatalogueMatch> SuggestNames(std::string_view name, std::size_t max) const;
  // `beian catalogue QUERY`: a code, a code prefix, or a (partial, misspelt) name.
  std::vector<CatalogueMatch> Lookup(std::string_view query, std::size_t max) const;

  std::size_t occupation_count() const { return occupations_.size(); }
  std::size_t standard_count() const { return standards_.size(); }

 private:
  CatalogueMatch MakeMatch(std::size_t index, MatchKind kind, double score) const;

  std::vector<CatalogueOccupation> occupations_;  // file order (sorted by code)
  std::vector<CatalogueStandard> standards_;
  std::vector<std::string> name_keys_;  // normalised names, parallel to occupations_
  std::unordered_map<std::string, std::size_t> by_code_;
  std::unordered_map<std::string, std::size_t> by_name_;
  std::unordered_map<std::string, std::vector<std::size_t>> standards_by_code_;  // newest first
};

// Reads data_dir/occupations_2022.tsv and data_dir/skill_standards.tsv through `fs`.
Result<Catalogue> LoadCatalogue(const FileSystem& fs, const std::string& data_dir);


}  // namespace pipeline::crosscheck

#endif  // PIPELINE_CROSSCHECK_CATALOGUE_H_
