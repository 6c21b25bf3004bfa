// XlsxReader: the cells of an .xlsx workbook, whichever program saved it (Excel, WPS,
// LibreOffice, openpyxl): libzip (through ingest::ZipReader, with its zip-bomb caps) and
// pugixml over the parts. It reads shared strings (plain and rich text), inline strings,
// formula string results, numbers and booleans, with cells in any order and with or without
// their `r` references, and the workbook's defined names. It does not evaluate formulas: a
// formula cell holds whatever value the saving program cached (possibly none).
#ifndef PIPELINE_EVALUATION_XLSX_READER_H_
#define PIPELINE_EVALUATION_XLSX_READER_H_

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/core/status.h"

namespace pipeline::evaluation {

struct XlsxCell {
  enum class Type { kEmpty, kNumber, kText, kBool, kError };
  Type type = Type::kEmpty;
  std::string text;      // the text, or the number as written in the file
  double number = 0;     // for kNumber (and kBool: 0/1)
  bool formula = false;  // the cell holds a formula (its value is the cached result)
};

struct XlsxSheet {
  std::string name;
  std::map<std::pair<int, int>, XlsxCell> cells;  // (row, column), both 1-based

  // The cell at `row`, `col`; an empty cell when there is none.
  const XlsxCell& At(int row, int col) const;
};

struct XlsxWorkbook {
  std::vector<XlsxSheet> sheets;                     // in workbook order
  std::map<std::string, std::string> defined_names;  // global names -> their formula text

  const XlsxSheet* Sheet(const std::string& name) const;
};

// Parses the workbook held in `bytes`. Errors are InvalidData with an English detail (not a
// zip, encrypted, missing workbook part, malformed XML); callers word them for the clerk.
Result<XlsxWorkbook> ReadXlsx(const std::string& bytes);

// "H7" for (7, 8); column letters beyond Z as Excel writes them (AA, AB, ...).
std::string CellName(int row, int col);
// (row, col) of "H7" / "$H$7"; nullopt when malformed.
std::optional<std::pair<int, int>> ParseCellName(const std::string& ref);

}  // namespace pipeline::evaluation

#endif  // PIPELINE_EVALUATION_XLSX_READER_H_
