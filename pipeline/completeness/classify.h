// Which material a dossier file is, decided like a clerk would (see title.h).
//
// Every material of the set is scored against the file:
//   strong  the title's head is one of the material's heads and one of its subject words is in
//           the title or its folders' titles (or the material needs no subject); a file whose
//           own title has no known head takes the head of the nearest folder that has one
//           (`人员名单/考评人员.xlsx`); a legacy <pattern> match; the form file for form=`true`.
//   weak    the head fits but the title names no subject at all (a bare `承诺书.pdf`), or a
//           subject word appears but no head does (`题库.pdf`): a person must confirm.
//   none    otherwise, and always when an exclude word appears or the head is a different
//           document (`考评人员管理制度` is a 制度, not a 名单).
// The best candidates are those of the highest strength, then the longest subject word
// matched; one best candidate assigns the file, several are an ambiguity. A file no material
// claims whose head is a merged-file head (汇总, 全部材料) is a merged file.
// A title whose parts, split at the vocabulary's joiners (a trailing collective word such as
// 汇编 cut first; a part without a head borrows the last part's: 管理运行和人员管理制度), each
// strongly match a material, and name two or more different materials so, names them all
// (`登记证书及法定代表人身份证明.pdf`): Classification::named.
#ifndef PIPELINE_COMPLETENESS_CLASSIFY_H_
#define PIPELINE_COMPLETENESS_CLASSIFY_H_

#include <cstddef>
#include <string>
#include <vector>

#include "pipeline/completeness/checklist.h"
#include "pipeline/model/dossier.h"

namespace pipeline::completeness {

enum class Strength { kNone = 0, kWeak = 1, kStrong = 2 };

struct Candidate {
  const Material* material = nullptr;
  Strength strength = Strength::kNone;
  std::size_t specificity = 0;  // code points of the subject word or pattern match
};

struct Classification {
  std::vector<Candidate> best;  // one: assigned; several: ambiguous; none: unclaimed
  bool merged = false;          // unclaimed, and titled like a merged file
  // Two or more materials the title names one by one (joined by 及/和/与/、, or before a
  // collective word such as 汇编): the file holds each of them. `best` is then empty.
  std::vector<const Material*> named;
};

// Scores one material against `path` (dossier-relative, '/'-separated).
Candidate MatchMaterial(const ChecklistSet& set, const Material& m, const std::string& path,
                        bool is_form);

// Classifies one file against every material of `set`.
Classification ClassifyFile(const ChecklistSet& set, const std::string& path, bool is_form);

}  // namespace pipeline::completeness

#endif  // PIPELINE_COMPLETENESS_CLASSIFY_H_
