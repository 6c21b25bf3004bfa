// Catalogue: the 2022 occupation catalogue (《职业分类大典（2022年版）》 细类,
// data/occupations_2022.tsv) joined with the national skill standards catalogue
// (data/skill_standards.tsv), indexed by code and by normalised name. Loaded once at start-up;
// immutable afterwards (safe to share).
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
#include "pipeline/model/catalogue.h"

namespace pipeline::crosscheck {

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
  const model::CatalogueOccupation* FindCode(std::string_view code) const;
  // Exact match on the normalised (NFKC, no whitespace) name; nullptr when absent.
  const model::CatalogueOccupation* FindName(std::string_view name) const;
  // Standards mapped to `code` (code_2022), newest first.
  std::vector<const model::CatalogueStandard*> StandardsFor(std::string_view code) const;
  // Closest names to `name` (exact, containment, then fuzzy), best first, at most `max`.
  // Fuzzy matches need edit distance <= max(1, len/3) or bigram similarity >= 0.5.
  std::vector<model::CatalogueMatch> SuggestNames(std::string_view name, std::size_t max) const;
  // `beian catalogue QUERY`: a code, a code prefix, or a (partial, misspelt) name.
  std::vector<model::CatalogueMatch> Lookup(std::string_view query, std::size_t max) const;

  std::size_t occupation_count() const { return occupations_.size(); }
  std::size_t standard_count() const { return standards_.size(); }

 private:
  model::CatalogueMatch MakeMatch(std::size_t index, model::MatchKind kind, double score) const;

  std::vector<model::CatalogueOccupation> occupations_;  // file order (sorted by code)
  std::vector<model::CatalogueStandard> standards_;
  std::vector<std::string> name_keys_;  // normalised names, parallel to occupations_
  std::unordered_map<std::string, std::size_t> by_code_;
  std::unordered_map<std::string, std::size_t> by_name_;
  std::unordered_map<std::string, std::vector<std::size_t>> standards_by_code_;  // newest first
};

// Reads data_dir/occupations_2022.tsv and data_dir/skill_standards.tsv through `fs`.
Result<Catalogue> LoadCatalogue(const FileSystem& fs, const std::string& data_dir);

}  // namespace pipeline::crosscheck

#endif  // PIPELINE_CROSSCHECK_CATALOGUE_H_
