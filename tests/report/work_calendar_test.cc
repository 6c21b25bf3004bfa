#include "pipeline/report/work_calendar.h"

#include <gtest/gtest.h>

#include "pipeline/core/file_system.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_paths.h"

namespace pipeline::report {
namespace {

TEST(WorkCalendarTest, ShippedCalendarSkipsHolidaysAndCountsMakeUpDays) {
  RealFileSystem fs;
  Result<WorkCalendar> cal = LoadWorkCalendar(fs, testing::RepoRoot() + "/data");
  ASSERT_OK(cal);
  struct Case {
    Date from;
    int n;
    const char* want;
  } cases[] = {
      // The National Day holiday runs 2025-10-01..10-08: the next working day is 10-09.
      {{2025, 9, 30}, 1, "2025-10-09"},
      {{2025, 10, 10}, 1, "2025-10-11"},  // Saturday 10-11 is a make-up working day
      {{2026, 11, 20}, 5, "2026-11-27"},  // plain weeks: Fri + 5 working days
      {{2026, 11, 25}, 15, "2026-12-16"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.from.ToIso());
    EXPECT_EQ(cal->AddWorkingDays(c.from, c.n).ToIso(), c.want);
  }
  EXPECT_FALSE(cal->IsWorkingDay({2025, 10, 1}));
  EXPECT_TRUE(cal->IsWorkingDay({2025, 10, 11}));
  EXPECT_TRUE(cal->Covers({2026, 1, 1}));
  EXPECT_FALSE(cal->Covers({2027, 1, 1}));
}

TEST(WorkCalendarTest, BadRowsNameFileAndLine) {
  struct Case {
    const char* text;
    const char* want;
  } cases[] = {
      {"date\tkind\tnote\n2025-02-30\tholiday\tx\n", "h.tsv:2: bad date '2025-02-30'"},
      {"date\tkind\tnote\n2025-10-01\tparty\tx\n",
       "h.tsv:2: kind must be holiday or workday, got 'party'"},
      {"date\tkind\tnote\n2025-10-01\tholiday\tx\n2025-10-01\tworkday\ty\n",
       "h.tsv:3: duplicate date 2025-10-01"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    Result<WorkCalendar> cal = WorkCalendar::FromTsv(c.text, "h.tsv");
    ASSERT_FALSE(cal);
    EXPECT_EQ(cal.error().ToString(), c.want);
  }
}

}  // namespace
}  // namespace pipeline::report
