// FormLabels: which texts on an application form (申请表) name which FormField, which column
// headers start the occupations and change tables, and which file names are the form.
//
// Everything here is data from checklists/form_labels.xml, loaded at run time; the C++ code
// holds no Chinese label. Labels are compared in a normalised form (NormalizeLabel), so one
// synonym in the data file covers spaced, full-width and colon-suffixed variants.
#ifndef PIPELINE_INGEST_FORM_LABELS_H_
#define PIPELINE_INGEST_FORM_LABELS_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"
#include "pipeline/model/form.h"

namespace pipeline::ingest {

// Columns of the occupations table (序号 | 职业编码 | 职业（工种）名称 | 申报等级).
enum class OccupationColumn { kSeq, kCode, kName, kLevels };
// Columns of the change table (变更事项 | 变更前 | 变更后).
enum class ChangeColumn { kItem, kBefore, kAfter };

// Label text -> comparable key: Unicode NFKC (full-width letters, digits, colons and brackets
// become half-width), every whitespace and zero-width character removed, leading/trailing '*'
// marks and trailing ':' removed. `机 构 名 称：` and `机构名称` give the same key.
std::string NormalizeLabel(std::string_view label);

class FormLabels {
 public:
  FormLabels() = default;

  // The field named by `label` (any spelling that normalises to a known synonym), retrying
  // without a trailing parenthesised hint. nullopt when unknown or empty.
  std::optional<model::FormField> Lookup(std::string_view label) const;
  std::optional<OccupationColumn> LookupOccupationColumn(std::string_view header) const;
  std::optional<ChangeColumn> LookupChangeColumn(std::string_view header) const;

  // Occupations tables as people type them (the <occupation-table> section of the data file):
  // the level (1..5) of a tick column header (五级 | 四级 | … with ✓ in the ticked ones);
  // whether a cell ends the rows or totals them (以下空白, 合计: the row is no occupation);
  // whether a tick-column cell counts as ticked (any text but an empty box or a "no" mark).
  std::optional<int> LookupLevelColumn(std::string_view header) const;
  bool IsSkipRow(std::string_view cell) const;
  // A caption between two parts of one table (（续表）, 续上表): the table goes on below it.
  bool IsContinuedCaption(std::string_view paragraph) const;
  void AddContinuedCaption(std::string_view text);
  bool IsTicked(std::string_view cell) const;
  bool AddLevelColumn(std::string_view label, int level);
  void AddSkipRow(std::string_view text);
  void AddUnticked(std::string_view text);

  // Blanks and placeholders of a printed form (the <blanks> section; see form_values.h):
  // a blank-line character (＿ _, compared after NFKC of the one code point); whether a text
  // names a seal or signature (签字, 盖章: anywhere in its normalised form); whether a value is
  // only a printed placeholder (年月日, 单击或点击此处输入文字。), compared without whitespace,
  // blank-line characters and a final full stop.
  bool IsBlankChar(char32_t folded) const;
  bool NamesSignature(std::string_view text) const;
  bool IsPlaceholder(std::string_view value) const;
  bool AddBlankChar(std::string_view text);
  void AddSignatureWord(std::string_view text);
  void AddPlaceholder(std::string_view text);

  // True when `file_name` (a base name, raw bytes) is an application form beian can read: it
  // NamesForm and its extension is .docx or .xml (any case).
  bool IsFormFileName(std::string_view file_name) const;
  // True when the name says "application form" whatever the format: its normalised stem
  // contains a <form-file> entry, so copies, numbers and notes count (`申请表(1).docx`,
  // `1.备案申请表.docx`, `附件1 申请表.pdf`, `申请表（盖章版）.docx`, `申请表.docx.docx`).
  bool NamesForm(std::string_view file_name) const;

  // Builders, used by the loader and by tests. `label` is normalised here; returns false when
  // the normalised label is empty or already maps to a different target.
  bool AddLabel(std::string_view label, model::FormField field);
  bool AddOccupationHeader(std::string_view label, OccupationColumn column);
  bool AddChangeHeader(std::string_view label, ChangeColumn column);
  void AddFormFileStem(std::string_view stem);

  std::size_t label_count() const { return fields_.size(); }

 private:
  std::map<std::string, model::FormField> fields_;      // normalised label -> field
  std::map<std::string, OccupationColumn> occupation_;  // normalised header -> column
  std::map<std::string, ChangeColumn> change_;          // normalised header -> column
  std::vector<std::string> form_stems_;                 // normalised stems
  std::map<std::string, int> level_columns_;            // normalised header -> level
  std::vector<std::string> skip_rows_;                  // normalised row starts
  std::vector<std::string> continued_captions_;         // normalised, brackets removed
  std::vector<std::string> unticked_;                   // normalised "not ticked" marks
  std::vector<char32_t> blank_chars_;                   // NFKC of each blank-line character
  std::vector<std::string> signature_words_;            // normalised
  std::vector<std::string> placeholders_;               // PlaceholderKey of each

  std::string PlaceholderKey(std::string_view text) const;
};

// Loads checklists/form_labels.xml. Fails (InvalidData, with file and line) on malformed XML, a
// wrong root element, an unknown field or column name, an empty label, or a label mapped to two
// different fields; NotFound/IoError when the file cannot be read.
Result<FormLabels> LoadFormLabels(const FileSystem& fs, const std::string& path);

// Same, from text already in memory; `path` is used only in error messages.
Result<FormLabels> ParseFormLabels(const std::string& xml, const std::string& path);

}  // namespace pipeline::ingest

#endif  // PIPELINE_INGEST_FORM_LABELS_H_
