// The run summary a clerk sees on the terminal: one row per dossier (dossier, kind, applicant
// type, missing count, conclusion). Column headers and value labels come from the message
// catalogue (keys summary.*, kind.*, applicant_type.*, conclusion.*); columns are aligned by
// display width (a CJK character takes two columns).
#ifndef PIPELINE_REPORT_SUMMARY_TABLE_H_
#define PIPELINE_REPORT_SUMMARY_TABLE_H_

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/model/report.h"
#include "pipeline/report/messages.h"

namespace pipeline::report {

// Terminal columns taken by `s` (East Asian wide and fullwidth characters count two).
std::size_t DisplayWidth(std::string_view s);

// Rows as columns aligned by display width, two spaces apart, each line ending with a newline.
std::string AlignedTable(const std::vector<std::vector<std::string>>& rows);
// The same table a row at a time, for a table too long to hold: every row is first given to
// WidenColumns, then each is printed with AlignedLine.
void WidenColumns(const std::vector<std::string>& row, std::vector<std::size_t>* widths);
std::string AlignedLine(const std::vector<std::string>& row,
                        const std::vector<std::size_t>& widths);

// The table text, ending with a newline; an empty `reports` gives just the header row.
std::string SummaryTable(const std::vector<model::CaseReport>& reports,
                         const MessageCatalog& messages);

// One dossier's row of the table, already worded. A batch keeps only these rows of its cases
// and prints them with SummaryTableOfRows, which gives the same text as SummaryTable.
// Its second column is the registry's case number (案件编号, "" when none), its third the
// dossier fingerprint (卷宗指纹); ShownColumns leaves the case number out of a table that has
// none.
std::vector<std::string> SummaryRow(const model::CaseReport& report,
                                    const MessageCatalog& messages);
// The header row of the table.
std::vector<std::string> SummaryHeaderRow(const MessageCatalog& messages);
// Whether `row` (SummaryRow) has a case number.
bool HasCaseNumber(const std::vector<std::string>& row);
// `row` (SummaryRow or SummaryHeaderRow) as printed: without the case number column unless
// `with_case_number`.
std::vector<std::string> ShownColumns(std::vector<std::string> row, bool with_case_number);
std::string SummaryTableOfRows(const std::vector<std::vector<std::string>>& rows,
                               const MessageCatalog& messages);

// Number of missing or unreadable required materials.
int MissingCount(const model::CaseReport& report);

}  // namespace pipeline::report

#endif  // PIPELINE_REPORT_SUMMARY_TABLE_H_
