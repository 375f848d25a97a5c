#pragma once
// WorkingCalendar: which days are working days (ngày làm việc) in Vietnam, for civil servants,
// and the deadline arithmetic built on it.
//
// The rules, in order (a later rule wins over an earlier one for the same date):
//  1. Saturday and Sunday are rest days (ngày nghỉ hằng tuần); every other day is a working day.
//  2. The statutory public holidays of the settings (`statutory`: in the shipped configuration
//     those of Bộ luật Lao động 2019, Điều 112 khoản 1), computed for any year, each day of one
//     counting only within its effective dates, so that a holiday added by an amendment is a
//     setting. A holiday is a solar date (1/1, 30/4), a lunar date (10/3 âm lịch, Giỗ Tổ Hùng
//     Vương) or the lunar new year (Tết). Lunar dates follow the Vietnamese calendar (lunar.hpp,
//     UTC+7).
//     - Tết: `days_before` days before mùng 1 (the last days of the lunar year) and `days_from`
//       days from mùng 1 (the Prime Minister fixes the days each year, Điều 112 khoản 3).
//     - A solar holiday with `adjacent_day` (Quốc khánh, "02/9 và 01 ngày liền kề") takes, by
//       default, the day before when it falls on a Tuesday, Friday or Saturday (so the break
//       joins a weekend), the day after otherwise, as the notices chose in recent years (2024:
//       Monday 2/9 and Tuesday 3/9).
//  3. Nghỉ bù (Điều 111 khoản 3): each holiday of rule 2 that falls on a Saturday or Sunday gives
//     a day off on the next day that is not a rest day, a holiday or an earlier nghỉ bù day. A
//     holiday that falls on another holiday (Giỗ Tổ on 30/4, as in 1947) is treated the same way,
//     so no statutory day is lost: the nghỉ bù goes to the one listed later in `statutory`.
//     A year's nghỉ bù days are found among its own days: a holiday on a weekend at the very end
//     of December (none of Điều 112's) would give no nghỉ bù in the January after.
//  4. The overrides of the settings (the year's official notice), date by date: an override for a
//     date wins over everything above, as a day off (extra holiday, a notice's Tết day) or as a
//     working day (làm bù: a Saturday worked in exchange for a day off).
//     A notice that fixes a holiday replaces the computed one: for each {year, holiday} in
//     `fixed_by_notice`, rules 2 and 3 produce nothing for that holiday in that year, and the
//     overrides alone say which days it takes.
//
// A year for which the settings cite no official notice (`notices`) is provisional: its days are
// computed from the statutory rules alone, and the notice, when it comes, may move them.
//
// Times: a day's office hours are [office start, office end) local time, UTC + utc_offset. The
// calendar is an immutable value: safe to share between threads, and copyable (it holds the
// settings; each query recomputes the year it needs, a few lunar conversions).

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/ports/clock.hpp"
#include "engine/status.hpp"

namespace tdkt::engine::calendar {

enum class DayKind { kDayOff, kWorkingDay };

// How a statutory holiday's days are found in a year.
enum class HolidayRule {
  kSolarDate,     // a day of the Gregorian calendar: 1/1, 30/4
  kLunarDate,     // a day of the lunar year that starts in the Gregorian year: 10/3 âm lịch
  kLunarNewYear,  // Tết: days around mùng 1
};

// A public holiday of the law (Bộ luật Lao động, Điều 112 khoản 1, or a later amendment).
struct StatutoryHoliday {
  std::string key;   // "national_day": what a year's notice names in `fixed_by_notice`
  std::string name;  // "Quốc khánh", shown to users
  HolidayRule rule = HolidayRule::kSolarDate;
  unsigned month = 1;  // kSolarDate and kLunarDate: the month and the day
  unsigned day = 1;
  bool adjacent_day = false;  // kSolarDate: one more day next to it (rule 2 of the header)
  int days_before = 0;        // kLunarNewYear: days before mùng 1
  int days_from = 0;          // kLunarNewYear: mùng 1 and the days after it
  // The days the holiday is in force, inclusive; none: no bound.
  std::optional<std::chrono::sys_days> effective_from;
  std::optional<std::chrono::sys_days> effective_until;
  std::string source;  // "Bộ luật Lao động 2019, Điều 112 khoản 1 điểm đ"
};

// A day that is not what its weekday says, with its Vietnamese name and why.
struct CalendarEntry {
  std::chrono::sys_days date;
  DayKind kind = DayKind::kDayOff;
  std::string name;    // "Tết Nguyên đán", "Nghỉ bù Quốc khánh", "Làm bù"
  std::string reason;  // the rule or the notice that makes it so

  friend bool operator==(const CalendarEntry&, const CalendarEntry&) = default;
};

// The holiday `holiday` (a StatutoryHoliday key) of `year` is fixed by the year's notice.
struct FixedHoliday {
  int year = 0;
  std::string holiday;
};

// An official notice that fixes a year's days off and làm bù (Thông báo of Bộ Nội vụ, earlier of
// Bộ Lao động – Thương binh và Xã hội; Công văn of Văn phòng Chính phủ).
struct Notice {
  int year = 0;                               // the year whose days it fixes
  std::string number;                         // "9441/TB-BNV"
  std::optional<std::chrono::sys_days> date;  // the day it was issued; none: not known
  std::string issuer;                         // "Bộ Nội vụ"
  std::string subject;                        // what it is about, in Vietnamese

  friend bool operator==(const Notice&, const Notice&) = default;
};

struct CalendarSettings {
  int office_start_hour = 8;  // reminders fire at the start of office hours
  int office_start_minute = 0;
  int office_end_hour = 17;  // a deadline falls at the end of office hours
  int office_end_minute = 0;
  int utc_offset_minutes = 7 * 60;  // Asia/Ho_Chi_Minh, no daylight saving
  std::vector<StatutoryHoliday> statutory;
  std::vector<CalendarEntry> overrides;
  std::vector<FixedHoliday> fixed_by_notice;
  std::vector<Notice> notices;
};

class WorkingCalendar {
 public:
  // Weekends alone (no holidays, every year provisional), office hours 08:00–17:00, UTC+7: a
  // placeholder until the configured calendar is loaded.
  WorkingCalendar();

  // Fails with InvalidArgument when office hours are out of range or the start is not before the
  // end, the UTC offset is beyond ±14 h, two overrides name the same date, an override has no
  // name, a statutory holiday is malformed (no key, name or source; a key given twice; a date
  // that is not one of every year; effective dates in the wrong order; Tết days out of 0..3
  // before and 1..10 from mùng 1), `fixed_by_notice` names a holiday that is not statutory, or a
  // notice has no number or issuer. The message names the holiday, date or notice.
  static Result<WorkingCalendar> Create(CalendarSettings settings);

  const CalendarSettings& settings() const { return settings_; }

  bool IsWorkingDay(std::chrono::sys_days day) const;

  // True when the settings cite no official notice for `year`: its days are computed from the
  // statutory rules alone.
  bool IsProvisional(int year) const;
  // True when a deadline due at `due` falls in a provisional year (the year of its local date):
  // the year's notice may still move its days off, and so the deadline. Deadlines are counted
  // forward from the present, so the year they end in is the last one they cross.
  bool IsProvisionalDeadline(Timestamp due) const;
  // The notices cited for `year`, in the order given.
  std::vector<Notice> NoticesOf(int year) const;

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
