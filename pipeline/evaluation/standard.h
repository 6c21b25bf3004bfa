// The technical evaluation standard (技术评估评分标准, checklists/evaluation_standard.xml): items
// grouped by the condition of Art. 6 they test, each with a stable id, a maximum, guidance and
// an optional veto line; the pass lines. The shipped file is this project's reasoned default
// (the province's attachment is not available); replacing it is a data change.
//
// Points are held in tenths (7.5 points = 75) so that sums and comparisons are exact.
#ifndef PIPELINE_EVALUATION_STANDARD_H_
#define PIPELINE_EVALUATION_STANDARD_H_

#include <optional>
#include <string>
#include <vector>

#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"
#include "pipeline/model/application.h"

namespace pipeline::evaluation {

enum class Scope {
  kCommon,      // once per case (the first sheet)
  kOccupation,  // repeated on one sheet per requested occupation that is not excluded
};

struct Item {
  std::string id;                        // stable, e.g. TE-ORG-01
  std::string title;                     // 评估项目
  std::string guidance;                  // 评分要点
  int max_tenths = 0;                    // maximum points x 10
  std::optional<int> veto_below_tenths;  // 否决项: a score below this fails; nullopt = no veto
  std::string group_id, condition, group_title;  // the group it belongs to
  Scope scope = Scope::kCommon;
  std::string applies;  // "" = everyone, "employer" or "social_org"
  int line = 0;         // line in the standard file
};

struct Standard {
  std::string version;  // names the standard; a filled sheet must carry the same
  std::string title;
  bool to_confirm = true;            // this project's reading, not the province's
  int pass_total_percent = 60;       // computed score needed (percent of the maximum)
  int pass_occupation_percent = 60;  // an occupation sheet's score needed (percent)
  // How the expert group's opinions speak of this standard (<opinion-wording>): the one
  // sentence saying which standard the group scored by (for the project's reference draft: that
  // it is one, not the province's standard), the short name the reasons use (「评分表」) and
  // the word for a veto item.
  std::string opinion_basis, opinion_name, opinion_veto;
  std::vector<Item> items;  // in file order
  std::string path;         // where it was read from (messages)

  // The items of `scope` that apply to an applicant of `type`.
  std::vector<const Item*> ItemsFor(Scope scope, model::ApplicantType type) const;
  const Item* Find(const std::string& id) const;
};

// Parses the standard; every problem is InvalidData naming `path` and the line (unknown element,
// missing or duplicate id, maximum that is not a positive multiple of 0.5, veto line above the
// maximum, pass line outside 1..100, no item of a scope).
Result<Standard> ParseStandard(const std::string& xml, const std::string& path);
Result<Standard> LoadStandard(const FileSystem& fs, const std::string& path);

// "7.5" / "8" for a value in tenths.
std::string FormatPoints(int tenths);
// Parses "7.5", "8", " 8.0 " into tenths; nullopt when it is not a number or has more than one
// decimal place.
std::optional<int> ParsePoints(const std::string& text);

}  // namespace pipeline::evaluation

#endif  // PIPELINE_EVALUATION_STANDARD_H_
