#include "pipeline/report/work_calendar.h"

#include <algorithm>

namespace pipeline::report {

Result<WorkCalendar> WorkCalendar::FromTsv(const std::string& text, const std::string& file) {
  WorkCalendar cal;
  int line_no = 0;
  std::size_t pos = 0;
  bool header = true;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      if (line.rfind("date\tkind", 0) != 0) {
        return Status::InvalidData("expected header 'date<TAB>kind<TAB>note'", file, line_no);
      }
      continue;
    }
    std::size_t t1 = line.find('\t');
    if (t1 == std::string::npos) return Status::InvalidData("expected date<TAB>kind", file, line_no);
    std::size_t t2 = line.find('\t', t1 + 1);
    std::string date_text = line.substr(0, t1);
    std::string kind = line.substr(t1 + 1, t2 == std::string::npos ? std::string::npos : t2 - t1 - 1);
    std::optional<Date> d = ParseIsoDate(date_text);
    if (!d) return Status::InvalidData("bad date '" + date_text + "'", file, line_no);
    if (kind != "holiday" && kind != "workday") {
      return Status::InvalidData("kind must be holiday or workday, got '" + kind + "'", file,
                                 line_no);
    }
    if (!cal.special_.emplace(*d, kind == "workday").second) {
      return Status::InvalidData("duplicate date " + date_text, file, line_no);
    }
    cal.first_year_ = cal.last_year_ < cal.first_year_ ? d->year : std::min(cal.first_year_, d->year);
    cal.last_year_ = std::max(cal.last_year_, d->year);
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
