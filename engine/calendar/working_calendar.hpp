#pragma once
// WorkingCalendar: which days are working days (ngày làm việc) in Vietnam, for civil servants,
// and the deadline arithmetic built on it.
//
// The rules, in order (a later rule wins over an earlier one for the same date):
//  1. Saturday and Sunday are rest days (ngày nghỉ hằng tuần); every other day is a working day.
//  2. The public holidays of Bộ luật Lao động 2019, Điều 112 khoản 1, computed for any year:
//     Tết Dương lịch (1/1); Tết Nguyên đán, 5 days; Ngày Chiến thắng (30/4); Ngày Quốc tế lao
//     động (1/5); Quốc khánh (2/9 and one adjacent day); Giỗ Tổ Hùng Vương (10/3 lunar). Lunar
//     dates follow the Vietnamese calendar (lunar.hpp, UTC+7).
//     - Tết, by default (the Prime Minister fixes it each year, Điều 112 khoản 3): the last day of
//       the lunar year (29 or 30 Tết) and mùng 1 to mùng 4.
//     - Quốc khánh's adjacent day, by default: 1/9 when 2/9 is a Tuesday, Friday or Saturday (so
//       the break joins a weekend), 3/9 otherwise — as the notices chose in recent years (2024:
//       Monday 2/9 and Tuesday 3/9).
//  3. Nghỉ bù (Điều 111 khoản 3): each holiday of rule 2 that falls on a Saturday or Sunday gives
//     a day off on the next day that is not a rest day, a holiday or an earlier nghỉ bù day. A
//     holiday that falls on another holiday (Giỗ Tổ on 30/4, as in 1947) is treated the same way,
//     so no statutory day is lost.
//  4. The overrides of the settings (the year's official notice), date by date: an override for a
//     date wins over everything above, as a day off (extra holiday, a notice's Tết day) or as a
//     working day (làm bù: a Saturday worked in exchange for a day off).
//     A notice that fixes a holiday replaces the computed one: for each {year, holiday} in
//     `fixed_by_notice`, rules 2 and 3 produce nothing for that holiday in that year, and the
//     overrides alone say which days it takes.
//
// Times: a day's office hours are [office start, office end) local time, UTC + utc_offset. The
// calendar is an immutable value: safe to share between threads, and copyable (it holds the
// overrides; each query recomputes the year it needs, a few lunar conversions).

#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "engine/ports/clock.hpp"
#include "engine/status.hpp"

namespace tdkt::engine::calendar {

enum class DayKind { kDayOff, kWorkingDay };

// The statutory holidays of Điều 112 khoản 1.
enum class Holiday { kNewYear, kTet, kVictoryDay, kLabourDay, kNationalDay, kHungKings };

// A day that is not what its weekday says, with its Vietnamese name and why.
struct CalendarEntry {
  std::chrono::sys_days date;
  DayKind kind = DayKind::kDayOff;
  std::string name;    // "Tết Nguyên đán", "Nghỉ bù Quốc khánh", "Làm bù"
  std::string reason;  // the rule or the notice that makes it so

  friend bool operator==(const CalendarEntry&, const CalendarEntry&) = default;
};

struct FixedHoliday {
  int year = 0;
  Holiday holiday = Holiday::kTet;
};

struct CalendarSettings {
  int office_start_hour = 8;  // reminders fire at the start of office hours
  int office_start_minute = 0;
  int office_end_hour = 17;  // a deadline falls at the end of office hours
  int office_end_minute = 0;
  int utc_offset_minutes = 7 * 60;  // Asia/Ho_Chi_Minh, no daylight saving
  std::vector<CalendarEntry> overrides;
  std::vector<FixedHoliday> fixed_by_notice;
};

// The Vietnamese name of a statutory holiday ("Quốc khánh").
std::string HolidayName(Holiday holiday);

class WorkingCalendar {
 public:
  // The statutory rules alone, office hours 08:00–17:00, UTC+7.
  WorkingCalendar();

  // Fails with InvalidArgument when office hours are out of range or the start is not before the
  // end, the UTC offset is beyond ±14 h, two overrides name the same date, or an override has no
  // name.
  static Result<WorkingCalendar> Create(CalendarSettings settings);

  const CalendarSettings& settings() const { return settings_; }

  bool IsWorkingDay(std::chrono::sys_days day) const;

  // Every day of the year that differs from its weekday's rule or is a holiday: the holidays
  // (also those on a weekend), nghỉ bù, extra days off and working Saturdays, sorted by date.
  std::vector<CalendarEntry> HolidaysOfYear(int year) const;

  // n > 0: the n-th working day after `day` (`day` itself does not count).
  // n < 0: the |n|-th working day before `day`.
  // n = 0: `day` if it is a working day, else the next working day.
  std::chrono::sys_days AddWorkingDays(std::chrono::sys_days day, int n) const;

  // The number of working days in (from, to] when from <= to, so that
  // AddWorkingDays(from, WorkingDaysBetween(from, to)) == to for a working day `to`; the negated
  // count of (to, from] when to < from.
  int WorkingDaysBetween(std::chrono::sys_days from, std::chrono::sys_days to) const;

  // The local calendar date of an instant.
  std::chrono::sys_days LocalDate(Timestamp t) const;
  // The instants office hours start and end on a local date.
  Timestamp StartOfWorkingDay(std::chrono::sys_days day) const;
  Timestamp EndOfWorkingDay(std::chrono::sys_days day) const;

  // The end of office hours on the working_days-th working day after the local date of `from`
  // ("trong N ngày làm việc kể từ ngày …": the day of the event does not count). Requires
  // working_days >= 0.
  Timestamp DeadlineAfter(Timestamp from, int working_days) const;

 private:
  explicit WorkingCalendar(CalendarSettings settings);

  // The entries of one Gregorian year, by date: statutory, nghỉ bù and overrides merged.
  std::map<std::chrono::sys_days, CalendarEntry> YearTable(int year) const;
  bool IsWorkingDayIn(const std::map<std::chrono::sys_days, CalendarEntry>& table,
                      std::chrono::sys_days day) const;

  CalendarSettings settings_;
  std::map<std::chrono::sys_days, CalendarEntry> overrides_;
};

}  // namespace tdkt::engine::calendar
