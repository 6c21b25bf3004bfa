// Jurisdiction (Art. 4): which authority files a dossier. The province (吉林省人力资源和社会保障厅)
// files 中直驻省 and 省属 institutions; every other institution files with the 市（州） bureau of
// its 所在地区, where 梅河口市 and 长白山管委会 count as their own authorities. The table of
// authorities is data/jilin_authorities.tsv; region aliases come from checklists/rules.xml.
#ifndef PIPELINE_CROSSCHECK_JURISDICTION_H_
#define PIPELINE_CROSSCHECK_JURISDICTION_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"
#include "pipeline/crosscheck/rule_sink.h"
#include "pipeline/crosscheck/rules.h"
#include "pipeline/model/application.h"
#include "pipeline/model/eligibility.h"

namespace pipeline::crosscheck {

struct AuthorityEntry {
  std::string code;       // "220100", "220581", "JL-CBS" (internal, never an area code)
  std::string name;       // 长春市
  std::string authority;  // "" when the table says TO_CONFIRM
  bool to_confirm = false;
  // Column `competence` = to_confirm: Art. 4 names only 省 and 市（州）, so whether this
  // department is the competent one (梅河口, 长白山) is not settled; never name it as such.
  bool competence_to_confirm = false;
  bool is_province = false;  // code 220000
  int line = 0;              // in the TSV
};

class Authorities {
 public:
  // Fails (InvalidData, file:line) on a missing column, an empty code/name/authority, a
  // duplicate code, or a table without the province row (220000).
  static Result<Authorities> FromTsv(std::string_view text, const std::string& file);

  const AuthorityEntry& Province() const { return entries_[province_]; }
  const AuthorityEntry* FindCode(std::string_view code) const;
  // The jurisdiction named in 所在地区 text: a 6-digit code in the text, otherwise names and
  // `aliases` contained in it; a match inside a longer match is dropped (`白山` inside
  // `长白山`), then the latest one wins (`通化市梅河口市` -> 梅河口市). The province is never
  // matched by region. nullptr when nothing matches.
  const AuthorityEntry* MatchRegion(std::string_view text,
                                    const std::vector<RegionAlias>& aliases) const;
  // From USCC digits 3-8: the exact area code (220581), else its 市（州） (2205xx -> 220500).
  // nullptr outside Jilin or when malformed. Never yields JL-CBS (it has no area code).
  const AuthorityEntry* FromCreditCode(std::string_view uscc) const;

  const std::vector<AuthorityEntry>& entries() const { return entries_; }

 private:
  std::vector<AuthorityEntry> entries_;
  std::size_t province_ = 0;
};

// Reads data_dir/jilin_authorities.tsv.
Result<Authorities> LoadAuthorities(const FileSystem& fs, const std::string& data_dir);

// Decides the filing authority for `app` and reports through `sink` (JUR-* rules). When
// `office_code` is set (--authority CODE) and the dossier belongs elsewhere, a
// jurisdiction_wrong_office finding names where it must go.
model::Jurisdiction RouteJurisdiction(const model::Application& app, const Authorities& authorities,
                                      const std::optional<std::string>& office_code,
                                      RuleSink& sink);

}  // namespace pipeline::crosscheck

#endif  // PIPELINE_CROSSCHECK_JURISDICTION_H_
