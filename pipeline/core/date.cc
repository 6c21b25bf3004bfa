#include "pipeline/core/date.h"

#include <cstdio>

namespace pipeline {

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return m == 2 && IsLeapYear(y) ? 29 : kDays[m - 1];
}

bool Date::IsValid() const {
  return year >= 1900 && year <= 2199 && month >= 1 && month <= 12 && day >= 1 &&
         day <= DaysInMonth(year, month);
}

std::string Date::ToIso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

// Howard Hinnant's days_from_civil.
long Date::DaysSinceEpoch() const {
  int y = year - (month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int mp = (month + 9) % 12;
  const int doy = (153 * mp + 2) / 5 + day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<long>(era) * 146097 + doe - 719468;
}

Date Date::FromDaysSinceEpoch(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  Date d;
  d.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  d.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  d.year = static_cast<int>(yoe + era * 400 + (d.month <= 2 ? 1 : 0));
  return d;
}

int Date::IsoWeekday() const {
  long d = DaysSinceEpoch();     // 1970-01-01 was a Thursday (4)
  long w = (d % 7 + 7 + 3) % 7;  // 0 = Monday
  return static_cast<int>(w) + 1;
}

Date Date::AddDays(long n) const { return FromDaysSinceEpoch(DaysSinceEpoch() + n); }

Date Date::AddMonths(int n) const {
  int total = year * 12 + (month - 1) + n;
  Date d;
  d.year = total / 12;
  d.month = total % 12 + 1;
  int dim = DaysInMonth(d.year, d.month);
  d.day = day > dim ? dim : day;
  return d;
}

std::optional<Date> ParseIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto num = [&](std::size_t pos, std::size_t len, int* out) {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
  };
  Date d;
  if (!num(0, 4, &d.year) || !num(5, 2, &d.month) || !num(8, 2, &d.day)) return std::nullopt;
  if (!d.IsValid()) return std::nullopt;
  return d;
}

std::string FormatDate(const Date& date, const std::string& pattern) {
  auto two = [](int v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  std::string out;
  for (std::size_t i = 0; i < pattern.size();) {
    if (pattern[i] == '{') {
      std::size_t close = pattern.find('}', i);
      if (close != std::string::npos) {
        std::string key = pattern.substr(i + 1, close - i - 1);
        bool known = true;
        if (key == "year")
          out += std::to_string(date.year);
        else if (key == "month")
          out += std::to_string(date.month);
        else if (key == "day")
          out += std::to_string(date.day);
        else if (key == "mm")
          out += two(date.month);
        else if (key == "dd")
          out += two(date.day);
        else
          known = false;
        if (known) {
          i = close + 1;
          continue;
        }
      }
    }
    out += pattern[i++];
  }
  return out;
}

}  // namespace pipeline
