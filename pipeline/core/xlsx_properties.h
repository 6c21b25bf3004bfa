// The document properties of a libxlsxwriter workbook with a fixed creation date (beian's
// --date, at 00:00 UTC) instead of the clock's, so that the same content gives the same bytes.
#ifndef PIPELINE_CORE_XLSX_PROPERTIES_H_
#define PIPELINE_CORE_XLSX_PROPERTIES_H_

#include <xlsxwriter.h>

#include <string>

#include "pipeline/core/date.h"

namespace pipeline {

// Sets `wb`'s title, author (nullptr: none) and creation date. REQUIRES: `title` and `author`
// outlive the workbook's close.
void SetFixedDateProperties(lxw_workbook* wb, const Date& created, const std::string& title,
                            const char* author);

// Excel's date for `d` (lxw_datetime at midnight), for worksheet_write_datetime.
lxw_datetime ExcelDate(const Date& d);

}  // namespace pipeline

#endif  // PIPELINE_CORE_XLSX_PROPERTIES_H_
