// The decision table: which drafts a case gets, as data (templates/decisions.xml).
//
// A case's outcome is reduced to typed facts (CaseFacts: is it a folder, the application kind,
// which consequences its blocking findings have, how many requested occupations are excluded).
// The table's rows are tried in file order; the first row whose every stated condition holds
// decides the documents. Each document kind is declared once with its template, its short
// title and whether it is official (sent out or signed) or internal (the reviewer's worksheet).
// docs/user-guide.md "Which documents a case gets" describes the shipped table.
#ifndef PIPELINE_REPORT_DECISION_TABLE_H_
#define PIPELINE_REPORT_DECISION_TABLE_H_

#include <optional>
#include <string>
#include <vector>

#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"
#include "pipeline/model/application.h"
#include "pipeline/model/report.h"

namespace pipeline::report {

// The typed inputs of the decision table, derived from a CaseReport by FactsOf.
struct CaseFacts {
  bool folder = true;  // false: the intake entry is not a dossier folder at all
  model::ApplicationKind kind = model::ApplicationKind::kUnknown;
  bool refer = false;         // a blocking finding with consequence refer (Art. 4)
  bool not_eligible = false;  // a blocking finding with consequence not_eligible
  bool correct = false;       // a blocking finding with consequence correct
  int occupations = 0;        // requested occupations
  int excluded = 0;           // of which excluded (OccupationResult::excluded)
};

CaseFacts FactsOf(const model::CaseReport& report, bool folder);

// One document kind (a <document> of the table).
struct DocumentSpec {
  std::string kind;      // e.g. "correction_notice"; also report.json documents[].kind
  std::string tmpl;      // template name under templates/documents/
  std::string title;     // short Chinese title, e.g. 补正材料通知书
  bool official = true;  // false: internal (worksheet)
  std::string sender;    // "bureau" (sent to the applicant), "expert_group" or "internal"
};

// One row: conditions (absent = any) and the documents it yields.
struct DecisionRow {
  int line = 0;  // line in the table file, for messages and tests
  std::optional<bool> folder;
  std::vector<model::ApplicationKind> kinds;  // empty = any kind
  std::optional<bool> refer, not_eligible, correct;
  std::optional<std::string> occupations;  // "all_excluded" | "some_excluded" | "none_excluded"
  std::vector<std::string> documents;      // document kinds, in drafting order
};

class DecisionTable {
 public:
  // Loads and validates the table: unknown attributes or values, unknown application kinds,
  // documents not declared, duplicate kinds and a table without a catch-all row fail with
  // InvalidData naming path:line.
  static Result<DecisionTable> Load(const FileSystem& fs, const std::string& path);
  static Result<DecisionTable> Parse(const std::string& path, const std::string& text);

  // The first row matching `facts`. The table always ends in a catch-all, so there is one.
  const DecisionRow& Decide(const CaseFacts& facts) const;

  // The documents of the deciding row, in order.
  std::vector<const DocumentSpec*> DocumentsFor(const CaseFacts& facts) const;

  const DocumentSpec* Find(const std::string& kind) const;
  const std::vector<DocumentSpec>& documents() const { return documents_; }
  const std::vector<DecisionRow>& rows() const { return rows_; }

 private:
  std::vector<DocumentSpec> documents_;
  std::vector<DecisionRow> rows_;
};

}  // namespace pipeline::report

#endif  // PIPELINE_REPORT_DECISION_TABLE_H_
