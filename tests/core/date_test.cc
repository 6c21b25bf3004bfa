#include "pipeline/core/date.h"

#include <gtest/gtest.h>

#include <vector>

namespace pipeline {
namespace {

TEST(DateTest, ParsesIsoAndRejectsImpossibleDates) {
  struct Case {
    const char* text;
    bool ok;
  } cases[] = {
      {"2025-07-01", true},  {"2024-02-29", true},  {"2025-02-29", false},
      {"2025-13-01", false}, {"2025-7-1", false},   {"", false},
      {"20250701xx", false}, {"2100-02-29", false}, {"2000-02-29", true},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(ParseIsoDate(c.text).has_value(), c.ok);
  }
}

TEST(DateTest, AddMonthsClampsToMonthEnd) {
  EXPECT_EQ(Date({2025, 11, 30}).AddMonths(3).ToIso(), "2026-02-28");
  EXPECT_EQ(Date({2024, 2, 29}).AddYears(3).ToIso(), "2027-02-28");
  EXPECT_EQ(Date({2025, 7, 1}).AddMonths(-3).ToIso(), "2025-04-01");
}

TEST(DateTest, DaysAndWeekdaysRoundTrip) {
  Date d{2025, 7, 1};
  EXPECT_EQ(d.IsoWeekday(), 2);  // a Tuesday
  EXPECT_EQ(Date::FromDaysSinceEpoch(d.DaysSinceEpoch()), d);
  EXPECT_EQ(d.AddDays(31).ToIso(), "2025-08-01");
  EXPECT_EQ(Date({1970, 1, 1}).DaysSinceEpoch(), 0);
}

// One formatter for documents, settings and lists: no zero padding for {month}/{day} (GB/T 9704
// 7.3.5.4), two digits for {mm}/{dd}, other text and unknown keys kept.
TEST(DateTest, FormatDateFillsEachToken) {
  struct Case {
    Date date;
    const char* pattern;
    const char* want;
  };
  for (const Case& c : std::vector<Case>{
           {{2025, 7, 1}, "{year}年{month}月{day}日", "2025年7月1日"},
           {{2026, 11, 25}, "{year}-{month}-{day}", "2026-11-25"},
           {{2025, 7, 1}, "{year}-{mm}-{dd}", "2025-07-01"},
           {{2025, 12, 31}, "{year}{mm}{dd}", "20251231"},
           {{2025, 7, 1}, "{year}/{week}", "2025/{week}"},
           {{2025, 7, 1}, "{year", "{year"},
       }) {
    EXPECT_EQ(FormatDate(c.date, c.pattern), c.want) << c.pattern;
  }
}

}  // namespace
}  // namespace pipeline
