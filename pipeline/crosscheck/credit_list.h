// CreditList: the office's list of 严重失信主体 / 终止备案机构 (CSV or XLSX; first row = the
// headings named in rules.xml <credit-list-columns>, any order, other columns ignored). C61-03
// compares each applicant with it: the same 统一社会信用代码, or the same 名称 and 法定代表人.
// The optional kind column says which list each row is on; a list without it is all serious
// (typed() is false: the run warns).
#ifndef PIPELINE_CROSSCHECK_CREDIT_LIST_H_
#define PIPELINE_CROSSCHECK_CREDIT_LIST_H_

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"
#include "pipeline/crosscheck/rules.h"

namespace pipeline::crosscheck {

struct CreditListEntry {
  enum class Kind { kSerious, kTerminated };
  std::string uscc;                  // upper-case, no spaces ("" when the row gives none)
  std::string name;                  // as written
  std::string legal_representative;  // as written
  std::string source;                // 来源, e.g. 信用中国（吉林）
  std::string date;                  // 日期 as written (ISO for an XLSX date serial)
  std::string date_text;             // worded with the columns' date_format when ISO, else `date`
  int line = 0;                      // row in the file (1 = headings)
  Kind kind = Kind::kSerious;        // the kind column's value; serious when the list has none
};

class CreditList {
 public:
  // Builds from parsed rows (headings first) and their line numbers (REQUIRES: as many as
  // rows); `file` names it in errors: a heading missing, a row with neither a code nor a name,
  // a row without 来源, a kind that is neither of the columns' two values.
  static Result<CreditList> FromRows(const std::vector<std::vector<std::string>>& rows,
                                     const std::vector<int>& lines,
                                     const CreditListColumns& columns, const std::string& file);

  // The first serious entry matching by code or by name and legal representative, else the
  // first such terminated one (a serious record outweighs an ended filing); nullptr if none.
  const CreditListEntry* Match(std::string_view uscc, std::string_view name,
                               std::string_view legal_representative) const;

  // The list's sources, distinct, in file order, each with its latest date (worded, date_text)
  // in the columns' `dated-source` wording, joined by their `sources-separator`; for the
  // no-match evidence.
  std::string Sources() const;

  const std::vector<CreditListEntry>& entries() const { return entries_; }
  const std::string& file() const { return file_; }
  // Whether the file has the kind column (false: every row was read as serious).
  bool typed() const { return typed_; }

 private:
  std::vector<CreditListEntry> entries_;
  std::string file_;
  CreditListColumns columns_;
  bool typed_ = false;
};

// Reads `path` (.csv: UTF-8; .xlsx: first sheet) through `fs`.
Result<CreditList> LoadCreditList(const FileSystem& fs, const std::string& path,
                                  const CreditListColumns& columns);

}  // namespace pipeline::crosscheck

#endif  // PIPELINE_CROSSCHECK_CREDIT_LIST_H_
