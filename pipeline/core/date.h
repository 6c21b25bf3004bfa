// Calendar dates without time zones. Every date rule in beian (renewal window, 公示 period,
// 成文日期) works on these, and `today` always comes from the --date option (or the system date
// read once in main), never from a clock read inside a stage.
#ifndef PIPELINE_CORE_DATE_H_
#define PIPELINE_CORE_DATE_H_

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace pipeline {

struct Date {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31

  auto operator<=>(const Date&) const = default;

  // True for a real Gregorian date in years 1900..2199.
  bool IsValid() const;
  // "2025-07-01".
  std::string ToIso() const;
  // Days since 1970-01-01 (REQUIRES: IsValid()).
  long DaysSinceEpoch() const;
  static Date FromDaysSinceEpoch(long days);
  // 1 = Monday .. 7 = Sunday.
  int IsoWeekday() const;
  Date AddDays(long n) const;
  // Calendar months; a day past the target month's end is clamped (2025-11-30 + 3 months ->
  // 2026-02-28).
  Date AddMonths(int n) const;
  Date AddYears(int n) const { return AddMonths(12 * n); }
};

// Parses "YYYY-MM-DD" strictly; nullopt on anything else or an impossible date.
std::optional<Date> ParseIsoDate(std::string_view s);

bool IsLeapYear(int year);
int DaysInMonth(int year, int month);

// Formats `date` with a pattern holding {year}, {month}, {day} (no zero padding, as GB/T 9704
// 7.3.5.4 writes the 成文日期) and {mm}, {dd} (two digits); other text, and an unknown {key},
// is kept as it is. The one date formatter of documents, settings and lists.
std::string FormatDate(const Date& date, const std::string& pattern);

}  // namespace pipeline

#endif  // PIPELINE_CORE_DATE_H_
