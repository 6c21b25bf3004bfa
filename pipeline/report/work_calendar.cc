#include "pipeline/report/work_calendar.h"

#include "pipeline/core/tsv.h"

namespace pipeline::report {

Result<WorkCalendar> WorkCalendar::FromTsv(const std::string& text, const std::string& file) {
  Result<TsvTable> table = ParseTsv(text, file, {"date", "kind"});
  if (!table) return table.error();
  const auto date_col = static_cast<std::size_t>(table->Column("date"));
  const auto kind_col = static_cast<std::size_t>(table->Column("kind"));
  WorkCalendar cal;
  for (const TsvTable::Row& row : table->rows) {
    const std::string& date_text = row.fields[date_col];
    const std::string& kind = row.fields[kind_col];
    std::optional<Date> d = ParseIsoDate(date_text);
    if (!d) return Status::InvalidData("bad date '" + date_text + "'", file, row.line);
    if (kind != "holiday" && kind != "workday") {
      return Status::InvalidData("kind must be holiday or workday, got '" + kind + "'", file,
                                 row.line);
    }
    if (!cal.special_.emplace(*d, kind == "workday").second) {
      return Status::InvalidData("duplicate date " + date_text, file, row.line);
    }
    cal.first_year_ = cal.special_.begin()->first.year;
    cal.last_year_ = cal.special_.rbegin()->first.year;
  }
  return cal;
}

bool WorkCalendar::IsWorkingDay(const Date& d) const {
  if (auto it = special_.find(d); it != special_.end()) return it->second;
  return d.IsoWeekday() <= 5;
}

Date WorkCalendar::AddWorkingDays(const Date& from, int n) const {
  Date d = from;
  for (int counted = 0; counted < n;) {
    d = d.AddDays(1);
    if (IsWorkingDay(d)) ++counted;
  }
  return d;
}

Result<WorkCalendar> LoadWorkCalendar(const FileSystem& fs, const std::string& data_dir) {
  std::string path = JoinPath(data_dir, "holidays_cn.tsv");
  Result<std::string> text = fs.ReadFile(path, FileSystem::kDefaultMaxRead);
  if (!text) return text.error();
  return WorkCalendar::FromTsv(*text, path);
}

}  // namespace pipeline::report
