// Tests of the working-day calendar: the statutory rules for any year, nghỉ bù, overrides, and
// deadline arithmetic around Tết, 30/4–1/5, 2/9, New Year and month and year ends.

#include "engine/calendar/working_calendar.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "engine/calendar/date_text.hpp"
#include "engine/calendar/lunar.hpp"
#include "tests/engine/calendar/official_overrides.hpp"

namespace tdkt::engine::calendar {
namespace {

using std::chrono::sys_days;
using namespace std::chrono_literals;

sys_days Ymd(int y, unsigned m, unsigned d) {
  return sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

// Local 2024-02-08 09:30 (+07:00) as UTC.
Timestamp Local(int y, unsigned m, unsigned d, int hour, int minute) {
  return Timestamp{Ymd(y, m, d)} + std::chrono::hours{hour} + std::chrono::minutes{minute} -
         std::chrono::hours{7};
}

std::vector<sys_days> DaysOff(const WorkingCalendar& cal, int year) {
  std::vector<sys_days> out;
  for (const CalendarEntry& e : cal.HolidaysOfYear(year)) {
    if (e.kind == DayKind::kDayOff) out.push_back(e.date);
  }
  return out;
}

std::vector<sys_days> Range(sys_days from, sys_days to) {
  std::vector<sys_days> out;
  for (sys_days d = from; d <= to; d += std::chrono::days{1}) out.push_back(d);
  return out;
}

TEST(WorkingCalendar, WeekendsAreRestAndWeekdaysWork) {
  const WorkingCalendar cal;
  EXPECT_TRUE(cal.IsWorkingDay(Ymd(2024, 3, 15)));   // Friday
  EXPECT_FALSE(cal.IsWorkingDay(Ymd(2024, 3, 16)));  // Saturday
  EXPECT_FALSE(cal.IsWorkingDay(Ymd(2024, 3, 17)));  // Sunday
  EXPECT_TRUE(cal.IsWorkingDay(Ymd(2024, 3, 18)));   // Monday
}

TEST(WorkingCalendar, StatutoryHolidaysWithoutOverridesFor2027) {
  // 2027: Tết Đinh Mùi is Saturday 6/2 (eve Friday 5/2); Giỗ Tổ 16/4 (Friday); 30/4 Friday;
  // 1/5 Saturday; 2/9 Thursday (adjacent 3/9 Friday).
  const WorkingCalendar cal;
  const std::vector<sys_days> expected = {
      Ymd(2027, 1, 1),  Ymd(2027, 2, 5),  Ymd(2027, 2, 6),  Ymd(2027, 2, 7), Ymd(2027, 2, 8),
      Ymd(2027, 2, 9),  Ymd(2027, 2, 10), Ymd(2027, 2, 11),  // nghỉ bù for Sat 6/2 and Sun 7/2
      Ymd(2027, 4, 16), Ymd(2027, 4, 30), Ymd(2027, 5, 1),  Ymd(2027, 5, 3),  // bù for 1/5
      Ymd(2027, 9, 2),  Ymd(2027, 9, 3)};
  EXPECT_EQ(DaysOff(cal, 2027), expected);
  for (const CalendarEntry& e : cal.HolidaysOfYear(2027)) {
    EXPECT_FALSE(e.name.empty());
    EXPECT_FALSE(e.reason.empty());
  }
  const auto holidays = cal.HolidaysOfYear(2027);
  EXPECT_EQ(holidays[0].name, "Tết Dương lịch");
  EXPECT_EQ(holidays[6].name, "Nghỉ bù Tết Nguyên đán");
}

TEST(WorkingCalendar, EveryYear1900To2100HasTheStatutoryHolidaysAndTheirNghiBu) {
  const WorkingCalendar cal;
  for (int year = 1900; year <= 2100; ++year) {
    int statutory = 0;
    int weekend_statutory = 0;
    int nghi_bu = 0;
    int tet = 0;
    for (const CalendarEntry& e : cal.HolidaysOfYear(year)) {
      ASSERT_EQ(static_cast<int>(std::chrono::year_month_day{e.date}.year()), year);
      ASSERT_EQ(e.kind, DayKind::kDayOff);
      if (e.name.rfind("Nghỉ bù ", 0) == 0) {
        ++nghi_bu;
        const std::chrono::weekday wd{e.date};
        EXPECT_TRUE(wd != std::chrono::Saturday && wd != std::chrono::Sunday) << year;
        continue;
      }
      ++statutory;
      if (e.name == "Tết Nguyên đán") ++tet;
      const std::chrono::weekday wd{e.date};
      if (wd == std::chrono::Saturday || wd == std::chrono::Sunday) ++weekend_statutory;
    }
    // 1 + 5 + 1 + 1 + 1 + 2, except 1947, where Giỗ Tổ fell on 30/4 and shares its entry.
    EXPECT_EQ(statutory, year == 1947 ? 10 : 11) << year;
    EXPECT_EQ(tet, 5) << year;
    EXPECT_EQ(nghi_bu, weekend_statutory + (year == 1947 ? 1 : 0)) << year;  // see below
    // Mùng 1 Tết is off, and so is the day before it.
    const sys_days tet_day = LunarNewYear(year);
    EXPECT_FALSE(cal.IsWorkingDay(tet_day)) << year;
    EXPECT_FALSE(cal.IsWorkingDay(tet_day - std::chrono::days{1})) << year;
  }
}

TEST(WorkingCalendar, HolidayOnAnotherHolidayGivesNextWorkingDayOff) {
  // 1947: Giỗ Tổ Hùng Vương (10/3 âm lịch) fell on Wednesday 30/4, Ngày Chiến thắng; 1/5 is a
  // holiday, so the day the clash gives is Friday 2/5.
  const WorkingCalendar cal;
  const auto holidays = cal.HolidaysOfYear(1947);
  const auto it = std::find_if(holidays.begin(), holidays.end(), [](const CalendarEntry& e) {
    return e.name == "Nghỉ bù Ngày Chiến thắng";
  });
  ASSERT_NE(it, holidays.end());
  EXPECT_EQ(it->date, Ymd(1947, 5, 2));
  EXPECT_NE(it->reason.find("trùng Giỗ Tổ Hùng Vương 30/04/1947"), std::string::npos) << it->reason;
}

TEST(WorkingCalendar, HungKingsDayIsAHolidayEveryYear2020To2030) {
  const WorkingCalendar cal;
  const std::vector<sys_days> expected = {Ymd(2020, 4, 2),  Ymd(2021, 4, 21), Ymd(2022, 4, 10),
                                          Ymd(2023, 4, 29), Ymd(2024, 4, 18), Ymd(2025, 4, 7),
                                          Ymd(2026, 4, 26), Ymd(2027, 4, 16), Ymd(2028, 4, 4),
                                          Ymd(2029, 4, 23), Ymd(2030, 4, 12)};
  for (const sys_days day : expected) {
    const auto holidays =
        cal.HolidaysOfYear(static_cast<int>(std::chrono::year_month_day{day}.year()));
    const auto it = std::find_if(holidays.begin(), holidays.end(),
                                 [&](const CalendarEntry& e) { return e.date == day; });
    ASSERT_NE(it, holidays.end()) << FormatIsoDate(day);
    EXPECT_EQ(it->name, "Giỗ Tổ Hùng Vương");
  }
}

TEST(WorkingCalendar, HolidayOnWeekendGivesNextWorkingDayOff) {
  const WorkingCalendar cal;
  // 1/1/2023 was a Sunday: Monday 2/1 off.
  EXPECT_FALSE(cal.IsWorkingDay(Ymd(2023, 1, 2)));
  EXPECT_TRUE(cal.IsWorkingDay(Ymd(2023, 1, 3)));
  // 2023: Giỗ Tổ Saturday 29/4, 30/4 Sunday, 1/5 Monday: bù Tuesday 2/5 and Wednesday 3/5.
  EXPECT_FALSE(cal.IsWorkingDay(Ymd(2023, 5, 1)));
  EXPECT_FALSE(cal.IsWorkingDay(Ymd(2023, 5, 2)));
  EXPECT_FALSE(cal.IsWorkingDay(Ymd(2023, 5, 3)));
  EXPECT_TRUE(cal.IsWorkingDay(Ymd(2023, 5, 4)));
  // 2026: Giỗ Tổ Sunday 26/4: bù Monday 27/4.
  EXPECT_FALSE(cal.IsWorkingDay(Ymd(2026, 4, 27)));
  EXPECT_TRUE(cal.IsWorkingDay(Ymd(2026, 4, 28)));
}

TEST(WorkingCalendar, NationalDayAdjacentDayJoinsTheWeekend) {
  const WorkingCalendar cal;
  EXPECT_FALSE(cal.IsWorkingDay(Ymd(2025, 9, 1)));  // 2/9/2025 Tuesday: Monday 1/9
  EXPECT_TRUE(cal.IsWorkingDay(Ymd(2025, 9, 3)));
  EXPECT_FALSE(cal.IsWorkingDay(Ymd(2024, 9, 3)));  // 2/9/2024 Monday: Tuesday 3/9
  EXPECT_FALSE(cal.IsWorkingDay(Ymd(2022, 9, 1)));  // 2/9/2022 Friday: Thursday 1/9
  // 2/9/2023 Saturday: Friday 1/9 and bù Monday 4/9.
  EXPECT_FALSE(cal.IsWorkingDay(Ymd(2023, 9, 1)));
  EXPECT_FALSE(cal.IsWorkingDay(Ymd(2023, 9, 4)));
  EXPECT_TRUE(cal.IsWorkingDay(Ymd(2023, 9, 5)));
}

TEST(WorkingCalendar, OverrideForADateWins) {
  CalendarSettings settings;
  settings.overrides = {
      {Ymd(2024, 5, 4), DayKind::kWorkingDay, "Làm bù", "swap"},      // a Saturday worked
      {Ymd(2024, 4, 29), DayKind::kDayOff, "Nghỉ hoán đổi", "swap"},  // a Monday off
      {Ymd(2024, 4, 30), DayKind::kWorkingDay, "Trực", "test"},       // even over a holiday
  };
  const auto cal = WorkingCalendar::Create(settings);
  ASSERT_TRUE(cal.ok()) << cal.status().message();
  EXPECT_TRUE(cal->IsWorkingDay(Ymd(2024, 5, 4)));
  EXPECT_FALSE(cal->IsWorkingDay(Ymd(2024, 4, 29)));
  EXPECT_TRUE(cal->IsWorkingDay(Ymd(2024, 4, 30)));
}

TEST(WorkingCalendar, NoticeFixingTetReplacesTheComputedBreak) {
  // Without the notice, Tết 2024 would be Fri 9/2 … Tue 13/2 with bù Wed 14/2 and Thu 15/2.
  const WorkingCalendar computed;
  EXPECT_TRUE(computed.IsWorkingDay(Ymd(2024, 2, 8)));
  EXPECT_FALSE(computed.IsWorkingDay(Ymd(2024, 2, 15)));
  const WorkingCalendar official = testing::OfficialCalendar();
  EXPECT_FALSE(official.IsWorkingDay(Ymd(2024, 2, 8)));
  EXPECT_TRUE(official.IsWorkingDay(Ymd(2024, 2, 15)));
}

TEST(WorkingCalendar, Holidays2024MatchTheNotices) {
  const WorkingCalendar cal = testing::OfficialCalendar();
  std::vector<sys_days> expected = {Ymd(2024, 1, 1)};
  for (sys_days d : Range(Ymd(2024, 2, 8), Ymd(2024, 2, 14))) expected.push_back(d);
  expected.push_back(Ymd(2024, 4, 18));  // Giỗ Tổ
  for (sys_days d : Range(Ymd(2024, 4, 29), Ymd(2024, 5, 1))) expected.push_back(d);
  for (sys_days d : Range(Ymd(2024, 8, 31), Ymd(2024, 9, 3))) expected.push_back(d);
  EXPECT_EQ(DaysOff(cal, 2024), expected);
  EXPECT_TRUE(cal.IsWorkingDay(Ymd(2024, 5, 4)));  // làm bù
  // Every working day that is not Monday..Friday is listed, with its reason.
  const auto entries = cal.HolidaysOfYear(2024);
  const auto worked = std::count_if(entries.begin(), entries.end(), [](const CalendarEntry& e) {
    return e.kind == DayKind::kWorkingDay;
  });
  EXPECT_EQ(worked, 1);
}

TEST(WorkingCalendar, Holidays2025MatchTheNotices) {
  const WorkingCalendar cal = testing::OfficialCalendar();
  std::vector<sys_days> expected = {Ymd(2025, 1, 1)};
  for (sys_days d : Range(Ymd(2025, 1, 25), Ymd(2025, 2, 2))) expected.push_back(d);
  expected.push_back(Ymd(2025, 4, 7));  // Giỗ Tổ, Monday
  for (sys_days d : Range(Ymd(2025, 4, 30), Ymd(2025, 5, 2))) expected.push_back(d);
  for (sys_days d : Range(Ymd(2025, 8, 30), Ymd(2025, 9, 2))) expected.push_back(d);
  EXPECT_EQ(DaysOff(cal, 2025), expected);
  EXPECT_FALSE(cal.IsWorkingDay(Ymd(2025, 2, 8)));  // no swap: the break holds the 5 days
  EXPECT_TRUE(cal.IsWorkingDay(Ymd(2025, 4, 26)));  // làm bù for Friday 2/5
  EXPECT_FALSE(cal.IsWorkingDay(Ymd(2025, 5, 17)));
  EXPECT_FALSE(cal.IsWorkingDay(Ymd(2025, 1, 27)));
  EXPECT_FALSE(cal.IsWorkingDay(Ymd(2025, 5, 2)));
}

TEST(WorkingCalendar, Holidays2026MatchTheNotices) {
  const WorkingCalendar cal = testing::OfficialCalendar();
  std::vector<sys_days> expected = {Ymd(2026, 1, 1), Ymd(2026, 1, 2)};
  for (sys_days d : Range(Ymd(2026, 2, 16), Ymd(2026, 2, 20))) expected.push_back(d);
  expected.push_back(Ymd(2026, 4, 26));  // Giỗ Tổ, Sunday
  expected.push_back(Ymd(2026, 4, 27));  // its nghỉ bù
  expected.push_back(Ymd(2026, 4, 30));
  expected.push_back(Ymd(2026, 5, 1));
  expected.push_back(Ymd(2026, 9, 2));  // Quốc khánh: computed default, see config/calendar
  expected.push_back(Ymd(2026, 9, 3));
  EXPECT_EQ(DaysOff(cal, 2026), expected);
  EXPECT_TRUE(cal.IsWorkingDay(Ymd(2026, 1, 10)));  // làm bù for Friday 2/1
  for (sys_days d : Range(Ymd(2026, 2, 16), Ymd(2026, 2, 20))) EXPECT_FALSE(cal.IsWorkingDay(d));
  EXPECT_TRUE(cal.IsWorkingDay(Ymd(2026, 2, 23)));
}

TEST(WorkingCalendar, AddWorkingDaysCountsFromTheNextDay) {
  const WorkingCalendar cal;
  EXPECT_EQ(cal.AddWorkingDays(Ymd(2024, 3, 11), 1), Ymd(2024, 3, 12));  // Mon → Tue
  EXPECT_EQ(cal.AddWorkingDays(Ymd(2024, 3, 15), 1), Ymd(2024, 3, 18));  // Fri → Mon
  EXPECT_EQ(cal.AddWorkingDays(Ymd(2024, 3, 16), 1), Ymd(2024, 3, 18));  // Sat → Mon
  EXPECT_EQ(cal.AddWorkingDays(Ymd(2024, 3, 16), 0), Ymd(2024, 3, 18));
  EXPECT_EQ(cal.AddWorkingDays(Ymd(2024, 3, 15), 0), Ymd(2024, 3, 15));
  EXPECT_EQ(cal.AddWorkingDays(Ymd(2024, 3, 18), -1), Ymd(2024, 3, 15));  // Mon → Fri
  EXPECT_EQ(cal.AddWorkingDays(Ymd(2024, 3, 11), 10), Ymd(2024, 3, 25));
}

TEST(WorkingCalendar, AcceptedFridayBeforeTet2024SkipsWholeBreak) {
  // Accepted Friday 2/2/2024 at 10:00; appraisal deadline 10 working days (Giấy khen).
  // Working days: 5, 6, 7/2, then Tết 8–14/2, then 15, 16, 19, 20, 21, 22, 23/2.
  const WorkingCalendar cal = testing::OfficialCalendar();
  const Timestamp accepted = Local(2024, 2, 2, 10, 0);
  EXPECT_EQ(cal.DeadlineAfter(accepted, 10), Local(2024, 2, 23, 17, 0));
  // And the Friday just before the break itself (Wednesday 7/2 is the last day worked).
  EXPECT_EQ(cal.DeadlineAfter(Local(2024, 2, 7, 16, 0), 1), Local(2024, 2, 15, 17, 0));
  EXPECT_EQ(cal.DeadlineAfter(Local(2024, 2, 2, 10, 0), 20), Local(2024, 3, 8, 17, 0));
}

TEST(WorkingCalendar, DeadlinesAround30AprilAnd1May) {
  const WorkingCalendar cal = testing::OfficialCalendar();
  // 2024: Friday 26/4 + 1 → Thursday 2/5 (27/4–1/5 off); + 2 → Friday 3/5; + 3 → Saturday 4/5
  // (làm bù); + 4 → Monday 6/5.
  EXPECT_EQ(cal.AddWorkingDays(Ymd(2024, 4, 26), 1), Ymd(2024, 5, 2));
  EXPECT_EQ(cal.AddWorkingDays(Ymd(2024, 4, 26), 3), Ymd(2024, 5, 4));
  EXPECT_EQ(cal.AddWorkingDays(Ymd(2024, 4, 26), 4), Ymd(2024, 5, 6));
  EXPECT_EQ(cal.WorkingDaysBetween(Ymd(2024, 4, 26), Ymd(2024, 5, 6)), 4);
  // 2025: Tuesday 29/4 + 1 → Monday 5/5.
  EXPECT_EQ(cal.AddWorkingDays(Ymd(2025, 4, 29), 1), Ymd(2025, 5, 5));
  EXPECT_EQ(cal.AddWorkingDays(Ymd(2025, 4, 25), 1), Ymd(2025, 4, 26));  // Saturday làm bù
}

TEST(WorkingCalendar, DeadlinesAroundNationalDay) {
  const WorkingCalendar cal = testing::OfficialCalendar();
  EXPECT_EQ(cal.AddWorkingDays(Ymd(2024, 8, 30), 1), Ymd(2024, 9, 4));
  EXPECT_EQ(cal.AddWorkingDays(Ymd(2025, 8, 29), 1), Ymd(2025, 9, 3));
  EXPECT_EQ(cal.WorkingDaysBetween(Ymd(2025, 8, 29), Ymd(2025, 9, 3)), 1);
}

TEST(WorkingCalendar, DeadlinesAcrossNewYearAndMonthEnds) {
  const WorkingCalendar cal = testing::OfficialCalendar();
  // Wednesday 31/12/2025 + 1 → Monday 5/1/2026 (1–4/1 off); + 5 → Saturday 10/1 (làm bù).
  EXPECT_EQ(cal.AddWorkingDays(Ymd(2025, 12, 31), 1), Ymd(2026, 1, 5));
  EXPECT_EQ(cal.AddWorkingDays(Ymd(2025, 12, 31), 5), Ymd(2026, 1, 9));
  EXPECT_EQ(cal.AddWorkingDays(Ymd(2025, 12, 31), 6), Ymd(2026, 1, 10));
  EXPECT_EQ(cal.AddWorkingDays(Ymd(2026, 1, 10), -6), Ymd(2025, 12, 31));
  // Friday 29/12/2023 + 1 → Tuesday 2/1/2024 (Monday 1/1 is Tết Dương lịch).
  EXPECT_EQ(cal.AddWorkingDays(Ymd(2023, 12, 29), 1), Ymd(2024, 1, 2));
  // Month end: Friday 31/5/2024 + 1 → Monday 3/6; leap day 29/2/2024 is a Thursday.
  EXPECT_EQ(cal.AddWorkingDays(Ymd(2024, 5, 31), 1), Ymd(2024, 6, 3));
  EXPECT_EQ(cal.AddWorkingDays(Ymd(2024, 2, 28), 1), Ymd(2024, 2, 29));
  EXPECT_EQ(cal.AddWorkingDays(Ymd(2024, 2, 29), 1), Ymd(2024, 3, 1));
}

TEST(WorkingCalendar, WorkingDaysBetweenIsExclusiveOfStartAndInclusiveOfEnd) {
  const WorkingCalendar cal = testing::OfficialCalendar();
  EXPECT_EQ(cal.WorkingDaysBetween(Ymd(2024, 3, 11), Ymd(2024, 3, 11)), 0);
  EXPECT_EQ(cal.WorkingDaysBetween(Ymd(2024, 3, 11), Ymd(2024, 3, 15)), 4);
  EXPECT_EQ(cal.WorkingDaysBetween(Ymd(2024, 3, 15), Ymd(2024, 3, 11)), -4);
  EXPECT_EQ(cal.WorkingDaysBetween(Ymd(2024, 2, 7), Ymd(2024, 2, 15)), 1);  // over Tết
  // 2024 has 366 days, 104 weekend days, 12 weekdays off (1/1; Tết 8, 9, 12, 13, 14/2; 18/4;
  // 29/4, 30/4, 1/5; 2/9, 3/9) and one Saturday worked (4/5).
  EXPECT_EQ(cal.WorkingDaysBetween(Ymd(2023, 12, 31), Ymd(2024, 12, 31)), 366 - 104 - 12 + 1);
  // Round trip over every start day of 2024–2026 for a few lengths.
  for (sys_days d = Ymd(2024, 1, 1); d <= Ymd(2026, 12, 31); d += std::chrono::days{1}) {
    for (int n : {1, 5, 20}) {
      const sys_days end = cal.AddWorkingDays(d, n);
      ASSERT_TRUE(cal.IsWorkingDay(end));
      ASSERT_EQ(cal.WorkingDaysBetween(d, end), n) << FormatIsoDate(d) << " + " << n;
    }
  }
}

TEST(WorkingCalendar, LocalDateAndOfficeHoursAreUtcPlus7) {
  const WorkingCalendar cal;
  // 2024-02-07 18:30 UTC is 2024-02-08 01:30 in Hà Nội.
  const Timestamp t = Timestamp{Ymd(2024, 2, 7)} + 18h + 30min;
  EXPECT_EQ(cal.LocalDate(t), Ymd(2024, 2, 8));
  EXPECT_EQ(cal.EndOfWorkingDay(Ymd(2024, 2, 8)), Timestamp{Ymd(2024, 2, 8)} + 10h);
  EXPECT_EQ(cal.StartOfWorkingDay(Ymd(2024, 2, 8)), Timestamp{Ymd(2024, 2, 8)} + 1h);
  CalendarSettings settings;
  settings.office_end_hour = 16;
  settings.office_end_minute = 30;
  const auto custom = WorkingCalendar::Create(settings);
  ASSERT_TRUE(custom.ok());
  EXPECT_EQ(custom->EndOfWorkingDay(Ymd(2024, 2, 8)), Timestamp{Ymd(2024, 2, 8)} + 9h + 30min);
}

TEST(WorkingCalendar, RejectsBadSettings) {
  CalendarSettings hours;
  hours.office_start_hour = 18;
  EXPECT_FALSE(WorkingCalendar::Create(hours).ok());
  CalendarSettings duplicate;
  duplicate.overrides = {{Ymd(2024, 5, 4), DayKind::kWorkingDay, "Làm bù", "a"},
                         {Ymd(2024, 5, 4), DayKind::kDayOff, "Nghỉ", "b"}};
  EXPECT_FALSE(WorkingCalendar::Create(duplicate).ok());
  CalendarSettings unnamed;
  unnamed.overrides = {{Ymd(2024, 5, 4), DayKind::kWorkingDay, "", "a"}};
  EXPECT_FALSE(WorkingCalendar::Create(unnamed).ok());
}

}  // namespace
}  // namespace tdkt::engine::calendar
