// ParseCsv: RFC 4180 comma-separated text (quoted fields with "" escapes and embedded line
// breaks, CRLF or LF, an optional UTF-8 byte-order mark) into rows of fields. Blank lines are
// skipped. Used for office-supplied lists (e.g. the credit list of C61-03).
#ifndef PIPELINE_CORE_CSV_H_
#define PIPELINE_CORE_CSV_H_

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/status.h"

namespace pipeline {

struct CsvRow {
  std::vector<std::string> fields;
  int line = 0;  // 1-based line where the row starts
};

// Fails (InvalidData, `file`:line) on a quote left open or text after a closing quote.
Result<std::vector<CsvRow>> ParseCsv(std::string_view text, const std::string& file);

}  // namespace pipeline

#endif  // PIPELINE_CORE_CSV_H_
