#pragma once
// Loading of the working-day calendar's configuration (config/calendar/*.yaml) into the engine's
// plain CalendarSettings.
//
// One file holds the statutory public holidays (the law's, effective-dated, so that a holiday
// added by an amendment is one more entry):
//
//   statutory_holidays:
//     - key: national_day          # what a year's `fixes` names
//       name: Quốc khánh           # shown to users, in Vietnamese
//       solar: 02/09               # or lunar: 10/03, or lunar_new_year: {days_before: 1,
//       adjacent_day: true         #   days_from: 4}; adjacent_day for solar only
//       effective_from: 2021-01-01 # optional, inclusive; and effective_until
//       source: Bộ luật Lao động 2019, Điều 112 khoản 1 điểm đ
//
// Then one file per year, each fixing what that year's official notices fix:
//
//   year: 2026
//   notices:                        # the official notices of the year; none: provisional
//     - number: 9441/TB-BNV
//       date: 2025-10-16           # the day it was issued; left out only when not known
//       issuer: Bộ Nội vụ
//       subject: Lịch nghỉ Tết Âm lịch và nghỉ lễ Quốc khánh năm 2026
//   fixes: [tet, national_day]      # holidays whose computed days the notices replace
//   overrides:
//     - from: 2026-02-16            # or `date:` for a single day
//       to: 2026-02-20
//       kind: day_off               # day_off | working_day
//       name: Tết Nguyên đán        # shown to users, in Vietnamese
//       source: Thông báo số …      # the notice that says so (required)
//
// A file may also set the office hours, once for the whole directory:
//   office_hours: {start: "08:00", end: "17:00"}
//
// Strict: an unknown key, a date that is not YYYY-MM-DD (or DD/MM/YYYY) or not in the file's
// year, an unknown kind, a range longer than 31 days, a date given twice (in one file or across
// files), a malformed statutory holiday, statutory holidays given in two files or in none (a
// directory or file loaded by LoadCalendarSettings), and a `fixes` key that is no statutory
// holiday's are ConfigErrors naming the file, the key and what was expected. Not thread-safe;
// runs once, at start-up.

#include <string>

#include "engine/calendar/working_calendar.hpp"

namespace tdkt::adapters::config {

// `path` is a directory (every *.yaml and *.yml file in it, in name order) or one file.
// Throws ConfigError when the path cannot be read or a file is invalid.
engine::calendar::CalendarSettings LoadCalendarSettings(const std::string& path);

// The same, then WorkingCalendar::Create; its refusals become ConfigErrors naming `path`.
engine::calendar::WorkingCalendar LoadWorkingCalendar(const std::string& path);

// Parses one file's text into `settings` (appending); `origin` names it in errors. Checks the
// file alone: not that statutory holidays are given, nor that `fixes` names them.
void ParseCalendarYaml(const std::string& text, const std::string& origin,
                       engine::calendar::CalendarSettings& settings);

}  // namespace tdkt::adapters::config
