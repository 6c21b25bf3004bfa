// ReadXlsxSheet: the cell text of the first worksheet of an .xlsx workbook (Office Open XML
// spreadsheet), through ZipReader (caps of Limits) and pugixml. Understands shared strings
// (with rich-text runs), inline strings, formula string results, numbers and booleans as
// written in the file; no styles, so a date formatted as a date comes back as its serial number
// (see ExcelSerialToIsoDate). Reusable for any office-supplied list.
#ifndef PIPELINE_INGEST_XLSX_READER_H_
#define PIPELINE_INGEST_XLSX_READER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/ingest/limits.h"

namespace pipeline::ingest {

struct XlsxRow {
  std::vector<std::string> cells;  // column A first; missing cells are ""
  int row = 0;                     // 1-based row number in the sheet
};

// Rows of the workbook's first sheet (workbook order), skipping empty rows. `file` names the
// workbook in errors (not a zip, no workbook part, bad XML, a shared-string index out of range).
Result<std::vector<XlsxRow>> ReadXlsxSheet(std::string_view bytes, const std::string& file,
                                           const Limits& limits = Limits());

// "45292" (days since 1899-12-30, the 1900 date system) -> "2024-01-01"; nullopt when `text`
// is not a whole number of days in 1..2958465.
std::optional<std::string> ExcelSerialToIsoDate(std::string_view text);

}  // namespace pipeline::ingest

#endif  // PIPELINE_INGEST_XLSX_READER_H_
