#include "pipeline/report/summary_table.h"

#include <unicode/uchar.h>

#include <algorithm>

#include "pipeline/core/utf8.h"

namespace pipeline::report {

std::size_t DisplayWidth(std::string_view s) {
  std::size_t w = 0;
  for (char32_t cp : DecodeUtf8(s)) {
    const auto c = static_cast<UChar32>(cp);
    int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    w += (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
  }
  return w;
}

int MissingCount(const model::CaseReport& r) {
  int n = 0;
  for (const auto& m : r.materials) {
    if (m.required && m.status != model::MaterialStatus::kPresent &&
        m.status != model::MaterialStatus::kUncertain) {
      ++n;
    }
  }
  return n;
}

void WidenColumns(const std::vector<std::string>& row, std::vector<std::size_t>* widths) {
  if (widths->size() < row.size()) widths->resize(row.size(), 0);
  for (std::size_t i = 0; i < row.size(); ++i) {
    (*widths)[i] = std::max((*widths)[i], DisplayWidth(row[i]));
  }
}

std::string AlignedLine(const std::vector<std::string>& row,
                        const std::vector<std::size_t>& widths) {
  std::string line;
  for (std::size_t i = 0; i < row.size(); ++i) {
    line += row[i];
    if (i + 1 < row.size()) line.append(widths[i] - DisplayWidth(row[i]) + 2, ' ');
  }
  return line + "\n";
}

std::string AlignedTable(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) WidenColumns(row, &widths);
  std::string out;
  for (const auto& row : rows) out += AlignedLine(row, widths);
  return out;
}

std::vector<std::string> SummaryRow(const model::CaseReport& r, const MessageCatalog& messages) {
  std::string conclusion =
      messages.Format(std::string("conclusion.") + model::ConclusionName(r.conclusion));
  if (!r.draft_failure.empty()) conclusion += messages.Format("summary.no_draft");
  // Names come from the intake: a newline or an escape code must not forge or garble rows.
  return {
      TerminalSafe(r.dossier),
      r.case_number,
      r.case_id,
      messages.Format(std::string("kind.") + model::ApplicationKindName(r.application.kind.value)),
      messages.Format(std::string("applicant_type.") +
                      model::ApplicantTypeName(r.application.applicant_type.value)),
      std::to_string(MissingCount(r)),
      conclusion};
}

std::vector<std::string> SummaryHeaderRow(const MessageCatalog& messages) {
  return {messages.Format("summary.dossier"),        messages.Format("summary.case_number"),
          messages.Format("summary.case_id"),        messages.Format("summary.kind"),
          messages.Format("summary.applicant_type"), messages.Format("summary.missing"),
          messages.Format("summary.conclusion")};
}

bool HasCaseNumber(const std::vector<std::string>& row) {
  return row.size() > 1 && !row[1].empty();
}

std::vector<std::string> ShownColumns(std::vector<std::string> row, bool with_case_number) {
  if (!with_case_number && row.size() > 1) row.erase(row.begin() + 1);
  return row;
}

std::string SummaryTableOfRows(const std::vector<std::vector<std::string>>& rows,
                               const MessageCatalog& messages) {
  const bool numbers = std::any_of(rows.begin(), rows.end(), HasCaseNumber);
  std::vector<std::vector<std::string>> table;
  table.reserve(rows.size() + 1);
  table.push_back(ShownColumns(SummaryHeaderRow(messages), numbers));
  for (const auto& row : rows) table.push_back(ShownColumns(row, numbers));
  return AlignedTable(table);
}

std::string SummaryTable(const std::vector<model::CaseReport>& reports,
                         const MessageCatalog& messages) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : reports) rows.push_back(SummaryRow(r, messages));
  return SummaryTableOfRows(rows, messages);
}

}  // namespace pipeline::report
