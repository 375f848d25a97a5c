#pragma once
// Loading of the working-day calendar's configuration (config/calendar/*.yaml) into the engine's
// plain CalendarSettings.
//
// One file per year, each fixing what that year's official notices fix:
//
//   year: 2024
//   fixes: [tet, national_day]      # holidays whose computed days the notices replace
//   overrides:
//     - from: 2024-02-08            # or `date:` for a single day
//       to: 2024-02-14
//       kind: day_off               # day_off | working_day
//       name: Tết Nguyên đán        # shown to users, in Vietnamese
//       source: Thông báo số …      # the notice that says so (required)
//
// A file may also set the office hours, once for the whole directory:
//   office_hours: {start: "08:00", end: "17:00"}
//
// Strict: an unknown key, a date that is not YYYY-MM-DD (or DD/MM/YYYY) or not in the file's
// year, an unknown kind or holiday, a range longer than 31 days, and a date given twice (in one
// file or across files) are ConfigErrors naming the file, the key and what was expected. Not
// thread-safe; runs once, at start-up.

#include <string>

#include "engine/calendar/working_calendar.hpp"

namespace tdkt::adapters::config {

// `path` is a directory (every *.yaml and *.yml file in it, in name order) or one file.
// Throws ConfigError when the path cannot be read or a file is invalid.
engine::calendar::CalendarSettings LoadCalendarSettings(const std::string& path);

// The same, then WorkingCalendar::Create; its refusals become ConfigErrors naming `path`.
engine::calendar::WorkingCalendar LoadWorkingCalendar(const std::string& path);

// Parses one file's text into `settings` (appending); `origin` names it in errors.
void ParseCalendarYaml(const std::string& text, const std::string& origin,
                       engine::calendar::CalendarSettings& settings);

}  // namespace tdkt::adapters::config
