// WorkCalendar: China's working days (weekends, public holidays and make-up working days
// 调休上班) from data/holidays_cn.tsv. Used for deadlines in issued documents (补正 deadline,
// and later the 公示 period of at least 5 working days, Art. 7(5)).
#ifndef PIPELINE_REPORT_WORK_CALENDAR_H_
#define PIPELINE_REPORT_WORK_CALENDAR_H_

#include <map>
#include <string>

#include "pipeline/core/date.h"
#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"

namespace pipeline::report {

class WorkCalendar {
 public:
  // Parses `date<TAB>kind<TAB>note` rows (kind = holiday | workday) after a header row.
  // Errors name the file and line.
  static Result<WorkCalendar> FromTsv(const std::string& text, const std::string& file);

  // True for Monday-Friday that is not a holiday, and for make-up working days.
  bool IsWorkingDay(const Date& d) const;
  // The n-th working day after `from` (n >= 1); `from` itself never counts.
  Date AddWorkingDays(const Date& from, int n) const;
  // True when `d`'s year is covered by the table (outside it only weekends are known).
  bool Covers(const Date& d) const { return d.year >= first_year_ && d.year <= last_year_; }
  // The covered years (last < first when the table is empty).
  int first_year() const { return first_year_; }
  int last_year() const { return last_year_; }

 private:
  std::map<Date, bool> special_;  // date -> true = working day, false = holiday
  int first_year_ = 0;
  int last_year_ = -1;
};

// Reads data_dir/holidays_cn.tsv.
Result<WorkCalendar> LoadWorkCalendar(const FileSystem& fs, const std::string& data_dir);

}  // namespace pipeline::report

#endif  // PIPELINE_REPORT_WORK_CALENDAR_H_
