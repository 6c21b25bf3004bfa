// BusinessTerms: the words that relate an occupation to a 主营业务 (C64-01, Art. 6 (4)), from
// checklists/business_terms.xml: suffixes to strip (工/师/员), generic words to ignore, word
// separators, and curated synonyms per occupation. Immutable after loading.
#ifndef PIPELINE_CROSSCHECK_BUSINESS_TERMS_H_
#define PIPELINE_CROSSCHECK_BUSINESS_TERMS_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"
#include "pipeline/crosscheck/catalogue.h"
#include "pipeline/model/occupation.h"

namespace pipeline::crosscheck {

class BusinessTerms {
 public:
  // Parses business_terms.xml text; `file` names it in errors (file:line).
  static Result<BusinessTerms> FromXml(const std::string& xml, const std::string& file);

  // The words of `occupation` found in `main_business` (distinct, in the order tried: name,
  // stems, 小类 name, standards' 工种, synonyms); empty when none. `catalogue_entry` may be null
  // (code not in the catalogue): then only the written name, 工种 and synonyms by name count.
  std::vector<std::string> Match(std::string_view main_business,
                                 const model::RequestedOccupation& occupation,
                                 const model::CatalogueOccupation* catalogue_entry,
                                 const std::vector<model::StandardRef>& standards) const;

  // `words` (from Match) joined for the evidence of C64-01 (<evidence-joiner>).
  std::string JoinForEvidence(const std::vector<std::string>& words) const;

  // `word` cut at generic words and separators, pieces of at least min_chars characters.
  std::vector<std::string> Pieces(std::string_view word) const;

 private:
  std::vector<std::string> Candidates(const model::RequestedOccupation& occupation,
                                      const model::CatalogueOccupation* catalogue_entry,
                                      const std::vector<model::StandardRef>& standards) const;

  int min_chars_ = 2;
  std::string evidence_joiner_ = " ";
  std::vector<std::string> suffixes_;
  std::vector<std::string> cut_words_;  // generic words and separators, longest first
  std::map<std::string, std::vector<std::string>, std::less<>> synonyms_;  // code or name key
};

// Reads `path` (normally checklists/business_terms.xml) through `fs`.
Result<BusinessTerms> LoadBusinessTerms(const FileSystem& fs, const std::string& path);

}  // namespace pipeline::crosscheck

#endif  // PIPELINE_CROSSCHECK_BUSINESS_TERMS_H_
