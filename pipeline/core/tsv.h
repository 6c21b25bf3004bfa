// A strict reader for the UTF-8 TSV reference tables in data/ (one header row, tab-separated,
// every row with exactly the header's number of fields). Errors name the file and line.
#ifndef PIPELINE_CORE_TSV_H_
#define PIPELINE_CORE_TSV_H_

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/status.h"

namespace pipeline {

struct TsvTable {
  std::string file;
  std::vector<std::string> header;
  struct Row {
    int line = 0;  // 1-based line in `file`
    std::vector<std::string> fields;
  };
  std::vector<Row> rows;

  // Index of column `name`, or -1.
  int Column(std::string_view name) const;
};

// Parses `text`. Fails (InvalidData, file:line) on invalid UTF-8, an empty file, or a row whose
// field count differs from the header's; fails when a column in `required` is missing.
// Blank lines and a trailing newline are ignored; CR before LF is dropped.
Result<TsvTable> ParseTsv(std::string_view text, const std::string& file,
                          const std::vector<std::string>& required);

}  // namespace pipeline

#endif  // PIPELINE_CORE_TSV_H_
