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
  const WorkingCalendar cal = testing::StatutoryCalendar();
  EXPECT_TRUE(cal.IsWorkingDay(Ymd(2024, 3, 15)));   // Friday
  EXPECT_FALSE(cal.IsWorkingDay(Ymd(2024, 3, 16)));  // Saturday
  EXPECT_FALSE(cal.IsWorkingDay(Ymd(2024, 3, 17)));  // Sunday
  EXPECT_TRUE(cal.IsWorkingDay(Ymd(2024, 3, 18)));   // Monday
}

TEST(WorkingCalendar, StatutoryHolidaysWithoutOverridesFor2027) {
  // 2027: Tết Đinh Mùi is Saturday 6/2 (eve Friday 5/2); Giỗ Tổ 16/4 (Friday); 30/4 Friday;
  // 1/5 Saturday; 2/9 Thursday (adjacent 3/9 Friday).
  const WorkingCalendar cal = testing::StatutoryCalendar();
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
  const WorkingCalendar cal = testing::StatutoryCalendar();
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
  // holiday, so the day the clash gives is Friday 2/5. The day goes to the holiday listed later
  // in the statutory settings (Giỗ Tổ, Điều 112 khoản 1 điểm e).
  const WorkingCalendar cal = testing::StatutoryCalendar();
  const auto holidays = cal.HolidaysOfYear(1947);
  const auto it = std::find_if(holidays.begin(), holidays.end(), [](const CalendarEntry& e) {
    return e.name == "Nghỉ bù Giỗ Tổ Hùng Vương";
  });
  ASSERT_NE(it, holidays.end());
  EXPECT_EQ(it->date, Ymd(1947, 5, 2));
  EXPECT_NE(it->reason.find("trùng Ngày Chiến thắng 30/04/1947"), std::string::npos) << it->reason;
}

TEST(WorkingCalendar, HungKingsDayIsAHolidayEveryYear2020To2030) {
  const WorkingCalendar cal = testing::StatutoryCalendar();
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
  const WorkingCalendar cal = testing::StatutoryCalendar();
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
  const WorkingCalendar cal = testing::StatutoryCalendar();
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
  settings.statutory = testing::StatutoryHolidays();
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
  const WorkingCalendar computed = testing::StatutoryCalendar();
  EXPECT_TRUE(computed.IsWorkingDay(Ymd(2024, 2, 8)));
  EXPECT_FALSE(computed.IsWorkingDay(Ymd(2024, 2, 15)));
  const WorkingCalendar official = testing::OfficialCalendar();
  EXPECT_FALSE(official.IsWorkingDay(Ymd(2024, 2, 8)));
  EXPECT_TRUE(official.IsWorkingDay(Ymd(2024, 2, 15)));
}

// Công văn số 8662/VPCP-KGVX (Tết, Quốc khánh) and số 2450/VPCP-KGVX ngày 12/4/2024 (30/4).
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
  EXPECT_FALSE(cal.IsProvisional(2024));
  EXPECT_EQ(cal.NoticesOf(2024).back().number, "2450/VPCP-KGVX");
}

// Công văn số 8726/VPCP-KGVX ngày 26/11/2024 and Thông báo số 6150/TB-BLĐTBXH ngày 03/12/2024.
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
  EXPECT_TRUE(cal.IsWorkingDay(Ymd(2025, 9, 3)));
  EXPECT_FALSE(cal.IsProvisional(2025));
  EXPECT_EQ(cal.NoticesOf(2025).back().number, "6150/TB-BLĐTBXH");
}

TEST(WorkingCalendar, AYearWithoutANoticeIsProvisional) {
  const WorkingCalendar cal = testing::OfficialCalendar();
  EXPECT_TRUE(cal.IsProvisional(2027));
  EXPECT_TRUE(cal.IsProvisional(2023));
  EXPECT_TRUE(cal.NoticesOf(2027).empty());
  EXPECT_TRUE(testing::StatutoryCalendar().IsProvisional(2026));
  EXPECT_TRUE(WorkingCalendar().IsProvisional(2024));
}

// A public holiday added by an amendment is one more StatutoryHoliday, in force from its day.
TEST(WorkingCalendar, AHolidayAddedBySettingsMovesADeadlineFromItsEffectiveDate) {
  CalendarSettings settings;
  settings.statutory = testing::StatutoryHolidays();
  StatutoryHoliday added;
  added.key = "culture_day";
  added.name = "Ngày Văn hóa Việt Nam";
  added.day = 24;
  added.month = 11;
  added.effective_from = Ymd(2027, 1, 1);
  added.source = "an amendment of Điều 112 khoản 1 (test)";
  settings.statutory.push_back(added);
  const auto cal = WorkingCalendar::Create(settings);
  ASSERT_TRUE(cal.ok()) << cal.status().message();
  const WorkingCalendar before = testing::StatutoryCalendar();
  // 2027: Tuesday 23/11 + 1 → Thursday 25/11 (Wednesday 24/11 is off); without it, 24/11.
  EXPECT_EQ(before.AddWorkingDays(Ymd(2027, 11, 23), 1), Ymd(2027, 11, 24));
  EXPECT_EQ(cal->AddWorkingDays(Ymd(2027, 11, 23), 1), Ymd(2027, 11, 25));
  EXPECT_EQ(cal->DeadlineAfter(Local(2027, 11, 23, 9, 0), 1), Local(2027, 11, 25, 17, 0));
  // 2026 is before its effective date: Tuesday 24/11/2026 is worked.
  EXPECT_TRUE(cal->IsWorkingDay(Ymd(2026, 11, 24)));
  // On a weekend it gives a nghỉ bù like the others: 24/11/2029 is a Saturday.
  EXPECT_FALSE(cal->IsWorkingDay(Ymd(2029, 11, 26)));
  const auto entries = cal->HolidaysOfYear(2027);
  const auto it = std::find_if(entries.begin(), entries.end(),
                               [&](const CalendarEntry& e) { return e.date == Ymd(2027, 11, 24); });
  ASSERT_NE(it, entries.end());
  EXPECT_EQ(it->name, "Ngày Văn hóa Việt Nam");
  EXPECT_NE(it->reason.find("an amendment"), std::string::npos) << it->reason;
}

// Holidays near the turn of the year: a lunar day of late tháng Chạp falls in the next January,
// and the adjacent day of a 01/01 can be 31/12 of the year before.
TEST(WorkingCalendar, HolidaysAcrossTheTurnOfTheYear) {
  CalendarSettings settings;
  StatutoryHoliday tao_quan;
  tao_quan.key = "tao_quan";
  tao_quan.name = "Ông Công Ông Táo";
  tao_quan.rule = HolidayRule::kLunarDate;
  tao_quan.day = 23;
  tao_quan.month = 12;
  tao_quan.source = "test";
  StatutoryHoliday new_year;
  new_year.key = "new_year";
  new_year.name = "Tết Dương lịch";
  new_year.day = 1;
  new_year.month = 1;
  new_year.adjacent_day = true;
  new_year.source = "test";
  settings.statutory = {tao_quan, new_year};
  const auto cal = WorkingCalendar::Create(settings);
  ASSERT_TRUE(cal.ok()) << cal.status().message();
  // 23 tháng Chạp Đinh Mùi is Wednesday 19/01/2028 (of the lunar year that began in 2027).
  EXPECT_FALSE(cal->IsWorkingDay(Ymd(2028, 1, 19)));
  // 01/01/2030 is a Tuesday: its adjacent day is Monday 31/12/2029.
  EXPECT_FALSE(cal->IsWorkingDay(Ymd(2029, 12, 31)));
  EXPECT_TRUE(cal->IsWorkingDay(Ymd(2030, 1, 2)));
}

TEST(WorkingCalendar, AHolidayEndsAfterItsEffectiveUntil) {
  CalendarSettings settings;
  settings.statutory = testing::StatutoryHolidays();
  settings.statutory[0].effective_until = Ymd(2025, 12, 31);  // Tết Dương lịch
  const auto cal = WorkingCalendar::Create(settings);
  ASSERT_TRUE(cal.ok()) << cal.status().message();
  EXPECT_FALSE(cal->IsWorkingDay(Ymd(2025, 1, 1)));
  EXPECT_TRUE(cal->IsWorkingDay(Ymd(2026, 1, 1)));
}

// Thông báo số 9441/TB-BNV ngày 16/10/2025 (Tết, Quốc khánh) and Công văn số 12729/VPCP-KGVX
// ngày 25/12/2025 (Tết Dương lịch).
TEST(WorkingCalendar, Holidays2026MatchTheNotices) {
  const WorkingCalendar cal = testing::OfficialCalendar();
  std::vector<sys_days> expected = {Ymd(2026, 1, 1), Ymd(2026, 1, 2)};
  for (sys_days d : Range(Ymd(2026, 2, 16), Ymd(2026, 2, 20))) expected.push_back(d);
  expected.push_back(Ymd(2026, 4, 26));  // Giỗ Tổ, Sunday
  expected.push_back(Ymd(2026, 4, 27));  // its nghỉ bù
  expected.push_back(Ymd(2026, 4, 30));
  expected.push_back(Ymd(2026, 5, 1));
  expected.push_back(Ymd(2026, 8, 31));  // Monday, swapped for Saturday 22/8
  expected.push_back(Ymd(2026, 9, 1));   // Quốc khánh: 02/9 and the day before
  expected.push_back(Ymd(2026, 9, 2));
  EXPECT_EQ(DaysOff(cal, 2026), expected);
  EXPECT_TRUE(cal.IsWorkingDay(Ymd(2026, 1, 10)));  // làm bù for Friday 2/1
  for (sys_days d : Range(Ymd(2026, 2, 14), Ymd(2026, 2, 22))) EXPECT_FALSE(cal.IsWorkingDay(d));
  EXPECT_TRUE(cal.IsWorkingDay(Ymd(2026, 2, 23)));
  // Quốc khánh: Saturday 29/8 to Wednesday 2/9 off, Saturday 22/8 and Thursday 3/9 worked (the
  // statutory default alone would have given Wednesday 2/9 and Thursday 3/9).
  for (sys_days d : Range(Ymd(2026, 8, 29), Ymd(2026, 9, 2))) EXPECT_FALSE(cal.IsWorkingDay(d));
  EXPECT_TRUE(cal.IsWorkingDay(Ymd(2026, 8, 22)));
  EXPECT_TRUE(cal.IsWorkingDay(Ymd(2026, 9, 3)));
  EXPECT_FALSE(testing::StatutoryCalendar().IsWorkingDay(Ymd(2026, 9, 3)));
  // Friday 28/8 + 1 working day → Thursday 3/9.
  EXPECT_EQ(cal.AddWorkingDays(Ymd(2026, 8, 28), 1), Ymd(2026, 9, 3));
  EXPECT_FALSE(cal.IsProvisional(2026));
  const std::vector<Notice> notices = cal.NoticesOf(2026);
  ASSERT_EQ(notices.size(), 2u);
  EXPECT_EQ(notices[1].number, "9441/TB-BNV");
  EXPECT_EQ(notices[1].date, Ymd(2025, 10, 16));
  EXPECT_EQ(notices[1].issuer, "Bộ Nội vụ");
}

TEST(WorkingCalendar, AddWorkingDaysCountsFromTheNextDay) {
  const WorkingCalendar cal = testing::StatutoryCalendar();
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
  const WorkingCalendar cal = testing::StatutoryCalendar();
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

TEST(WorkingCalendar, RejectsBadStatutoryHolidaysFixesAndNotices) {
  const auto refusal = [](CalendarSettings settings) {
    const auto cal = WorkingCalendar::Create(std::move(settings));
    return cal.ok() ? std::string() : cal.status().message();
  };
  CalendarSettings base;
  base.statutory = testing::StatutoryHolidays();
  ASSERT_EQ(refusal(base), "");
  CalendarSettings twice = base;
  twice.statutory.push_back(base.statutory[0]);
  EXPECT_NE(refusal(twice).find("\"new_year\" is given twice"), std::string::npos);
  CalendarSettings leap_day = base;
  leap_day.statutory[0].day = 29;
  leap_day.statutory[0].month = 2;
  EXPECT_NE(refusal(leap_day).find("not a day of every year"), std::string::npos);
  CalendarSettings lunar30 = base;
  lunar30.statutory[5].day = 30;
  EXPECT_NE(refusal(lunar30).find("hung_kings"), std::string::npos);
  CalendarSettings long_tet = base;
  long_tet.statutory[1].days_from = 11;
  EXPECT_NE(refusal(long_tet).find("Tết takes"), std::string::npos);
  CalendarSettings backwards = base;
  backwards.statutory[2].effective_from = Ymd(2026, 1, 1);
  backwards.statutory[2].effective_until = Ymd(2025, 1, 1);
  EXPECT_NE(refusal(backwards).find("ends before it starts"), std::string::npos);
  CalendarSettings unsourced = base;
  unsourced.statutory[3].source.clear();
  EXPECT_NE(refusal(unsourced).find("cites no source"), std::string::npos);
  CalendarSettings unknown_fix = base;
  unknown_fix.fixed_by_notice = {{2026, "culture_day"}};
  EXPECT_NE(refusal(unknown_fix).find("\"culture_day\", which is no statutory holiday"),
            std::string::npos);
  CalendarSettings anonymous = base;
  anonymous.notices = {{2026, "", Ymd(2025, 10, 16), "Bộ Nội vụ", ""}};
  EXPECT_NE(refusal(anonymous).find("no number"), std::string::npos);
}

}  // namespace
}  // namespace tdkt::engine::calendar
