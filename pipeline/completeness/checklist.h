// ChecklistSet: the filing materials (备案材料) each application kind and applicant type must
// submit, loaded at run time from checklists/materials.xml (format documented at the top of
// that file and in docs/developer-guide.md, "How to add a material to a checklist").
//
// A Material is defined once (id, Chinese name, article, accepted formats, file-name
// patterns) and referenced from one Checklist per (ApplicationKind, ApplicantType) pair, each
// reference saying whether the material is required there. All regular expressions are
// compiled once, at load time, and owned by the ChecklistSet; it is movable, not copyable,
// and Material / Checklist pointers into it stay valid while it lives (also across moves).
#ifndef PIPELINE_COMPLETENESS_CHECKLIST_H_
#define PIPELINE_COMPLETENESS_CHECKLIST_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/completeness/title.h"
#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"
#include "pipeline/model/application.h"
#include "pipeline/model/dossier.h"
#include "pipeline/model/form.h"

namespace re2 {
class RE2;
}

namespace pipeline::completeness {

// One file-name pattern of a material.
struct NamePattern {
  enum class Target {
    kBaseName,  // on=name: the file's base name, e.g. `营业执照.pdf`
    kPath,      // on=path: the path inside the dossier, e.g. `人员名单/考评人员.xlsx`
  };
  Target target = Target::kBaseName;
  std::string source;                     // the regex as written in the checklist
  std::shared_ptr<const re2::RE2> regex;  // compiled, case-insensitive, UTF-8; never null
};

// Makes a material required only when the application form says so (Art. 6 (6) subsidiaries).
struct RequiredIf {
  model::FormField field = model::FormField::kSubsidiaries;
  std::string unless_source;               // the `unless` regex as written
  std::shared_ptr<const re2::RE2> unless;  // full match => not required; never null
};

// How a material's files are titled (<title> element): the heads its documents end with, the
// subject words one of which must appear (in the file's title or its folders'), and words that
// rule it out (子公司 for the applicant's own licence). All stored normalised.
struct TitleSpec {
  std::vector<std::string> heads;     // at least one
  std::vector<std::string> subjects;  // empty (and no topics): the head alone says it
  // Subject words that count only together with one of the heads: `题库` makes 题库管理制度 a
  // management rule, but a bare `题库.pdf` is no weak candidate for it.
  std::vector<std::string> topics;
  std::vector<std::string> excludes;
};

// One material definition (<material> element).
struct Material {
  // Stable id, also the rule id of findings about this material ("M-COM-03").
  // NOTE: do not renumber; material ids appear in issued reports.
  std::string id;
  std::string name;     // Chinese name for reports
  std::string article;  // e.g. `第六条（一）`
  // The article that actually requires the document (`basis`; "" = none cited in letters).
  std::string basis;
  bool has_basis = false;  // the attribute is written (the shipped materials.xml always does)
  std::vector<model::FileFormat> formats;  // accepted formats, in the order written
  std::vector<NamePattern> patterns;       // regex names (at least one, or a title)
  std::optional<TitleSpec> title;          // the clerk's reading (see title.h)
  bool multiple = false;                   // several files may together make up the material
  bool form = false;  // the application form itself: DossierFile::is_form satisfies it
  std::optional<RequiredIf> required_if;
  std::string file;  // checklist file and line of the definition, for error messages
  int line = 0;

  bool Accepts(model::FileFormat f) const;
  // True when `path` (dossier-relative, '/'-separated) matches one of the patterns.
  bool MatchesPath(const std::string& path) const;
  // Length in code points of the longest pattern match in `path` (0: none).
  std::size_t PatternMatchLength(const std::string& path) const;
};

enum class Requirement {
  kRequired,     // required="yes"
  kOptional,     // required="no"
  kConditional,  // required="if": decided by Material::required_if against the form
  kIfChanged,    // required="if-changed": required when the change table names one of
                 // ChecklistItem::changed (Art. 8: the proof of what changed)
};

// One entry of a checklist (<item> element).
struct ChecklistItem {
  const Material* material = nullptr;  // owned by the ChecklistSet; never null
  Requirement requirement = Requirement::kRequired;
  // The requirement is this project's reading of the regulation and must be confirmed by the
  // province (to-confirm="true").
  bool to_confirm = false;
  // basis= on the item: what this kind's list cites instead of the material's own basis (a
  // renewal's 申请报告 is not the Art. 7 (1) one). A to-confirm item cites nothing.
  std::optional<std::string> basis;
  // required="if-changed": the Art. 8 elements (changed="exam_sites ...") whose change makes
  // the material required.
  std::vector<model::ChangedElement> changed;
};

// The materials for one (kind, type) pair, in the order reports list them.
struct Checklist {
  model::ApplicationKind kind = model::ApplicationKind::kUnknown;
  model::ApplicantType type = model::ApplicantType::kUnknown;
  std::vector<ChecklistItem> items;
  std::string file;  // where the <checklist> element is, for messages
  int line = 0;
};

class ChecklistSet {
 public:
  ChecklistSet() = default;
  ChecklistSet(ChecklistSet&&) = default;
  ChecklistSet& operator=(ChecklistSet&&) = default;
  ChecklistSet(const ChecklistSet&) = delete;
  ChecklistSet& operator=(const ChecklistSet&) = delete;

  // The checklist for the pair, or nullptr when the data defines none.
  const Checklist* Find(model::ApplicationKind kind, model::ApplicantType type) const;
  // The material with this id, or nullptr.
  const Material* FindMaterial(const std::string& id) const;

  // Every material in definition order.
  const std::vector<std::unique_ptr<Material>>& materials() const { return materials_; }
  // Every checklist, sorted by (kind, type).
  std::vector<const Checklist*> checklists() const;
  // The files the set was loaded from, in load order.
  const std::vector<std::string>& files() const { return files_; }
  // The words attachment titles are read with (<vocabulary>).
  const TitleVocabulary& vocabulary() const { return vocabulary_; }

 private:
  friend class ChecklistLoader;

  std::vector<std::unique_ptr<Material>> materials_;
  std::map<std::pair<model::ApplicationKind, model::ApplicantType>, std::unique_ptr<Checklist>>
      checklists_;
  std::vector<std::string> files_;
  TitleVocabulary vocabulary_;
};

// Loads `path_or_dir`: one checklist XML file, or a directory whose *.xml files (sorted by
// name, not recursive) form one set; a material defined in one file may be referenced from
// another. Everything is validated: unknown elements or attributes, missing or duplicate ids,
// unknown format, kind or type names, empty or bad regexes, dangling refs, a (kind, type) pair
// defined twice. Failure: Status::InvalidData (NotFound for a missing path) whose file and
// line point at the offending element and whose message names it, e.g.
// `checklists/materials.xml:14: material "M-INIT-03": bad regex: missing ): (\d{18`.
Result<ChecklistSet> LoadChecklists(const FileSystem& fs, const std::string& path_or_dir);

// Same, from text already in memory; `file` is used in messages only.
Result<ChecklistSet> ParseChecklists(const std::string& xml, const std::string& file);

}  // namespace pipeline::completeness

#endif  // PIPELINE_COMPLETENESS_CHECKLIST_H_
