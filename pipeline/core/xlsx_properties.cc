#include "pipeline/core/xlsx_properties.h"

#include <ctime>

namespace pipeline {

void SetFixedDateProperties(lxw_workbook* wb, const Date& created, const std::string& title,
                            const char* author) {
  std::tm tm{};
  tm.tm_year = created.year - 1900;
  tm.tm_mon = created.month - 1;
  tm.tm_mday = created.day;
  lxw_doc_properties props{};
  props.title = const_cast<char*>(title.c_str());
  props.author = const_cast<char*>(author);
  props.created = ::timegm(&tm);
  workbook_set_properties(wb, &props);
}

lxw_datetime ExcelDate(const Date& d) {
  lxw_datetime t{};
  t.year = d.year;
  t.month = d.month;
  t.day = d.day;
  return t;
}

}  // namespace pipeline
