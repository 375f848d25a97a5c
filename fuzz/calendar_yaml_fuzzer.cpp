// The working-day calendar's loader (config/calendar/*.yaml) on arbitrary text, followed by what
// LoadWorkingCalendar does with its settings.
//
// Any input either loads or is refused with a ConfigError; no other exception may escape. When
// the calendar is made, every override must decide its own day (rule 4 of working_calendar.hpp)
// and be listed among its year's holidays.

#include <algorithm>
#include <chrono>
#include <map>
#include <vector>

#include "adapters/config/calendar_loader.hpp"
#include "adapters/config/yaml_reader.hpp"
#include "engine/calendar/date_text.hpp"
#include "fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace config = tdkt::adapters::config;
  namespace cal = tdkt::engine::calendar;
  const std::string text(tdkt::fuzz::AsText(data, size));
  cal::CalendarSettings settings;
  try {
    config::ParseCalendarYaml(text, "fuzz.yaml", settings);
  } catch (const config::ConfigError&) {
    return 0;  // refused, with a message naming the key
  }
  auto calendar = cal::WorkingCalendar::Create(settings);
  if (!calendar.ok()) return 0;  // LoadWorkingCalendar's ConfigError
  std::map<int, std::vector<cal::CalendarEntry>> years;
  for (const cal::CalendarEntry& entry : settings.overrides) {
    const std::string day = cal::FormatIsoDate(entry.date);
    tdkt::fuzz::Check(
        calendar->IsWorkingDay(entry.date) == (entry.kind == cal::DayKind::kWorkingDay),
        "an override must decide its day", day);
    const int year = static_cast<int>(std::chrono::year_month_day{entry.date}.year());
    auto [it, inserted] = years.try_emplace(year);
    if (inserted) it->second = calendar->HolidaysOfYear(year);
    const std::vector<cal::CalendarEntry>& holidays = it->second;
    tdkt::fuzz::Check(std::any_of(holidays.begin(), holidays.end(),
                                  [&](const cal::CalendarEntry& e) { return e == entry; }),
                      "an override must be listed among its year's days", day);
  }
  // The deadline arithmetic across the overridden days: counting the working days up to a
  // working day and adding them back must land on it (working_calendar.hpp's contract).
  if (settings.overrides.empty()) return 0;
  const auto [first, last] = std::minmax_element(
      settings.overrides.begin(), settings.overrides.end(),
      [](const cal::CalendarEntry& a, const cal::CalendarEntry& b) { return a.date < b.date; });
  const std::chrono::sys_days from = first->date - std::chrono::days{3};
  const std::chrono::sys_days to = calendar->AddWorkingDays(last->date, 1);
  const int between = calendar->WorkingDaysBetween(from, to);
  tdkt::fuzz::Check(calendar->AddWorkingDays(from, between) == to,
                    "AddWorkingDays(from, WorkingDaysBetween(from, to)) must be `to`",
                    cal::FormatIsoDate(from) + " .. " + cal::FormatIsoDate(to));
  // Back as many: the last working day on or before `from`.
  const std::chrono::sys_days back = calendar->AddWorkingDays(to, -between);
  tdkt::fuzz::Check(
      back <= from && calendar->IsWorkingDay(back) && calendar->WorkingDaysBetween(back, from) == 0,
      "AddWorkingDays(to, -n) must reach the last working day on or before `from`",
      cal::FormatIsoDate(from) + " .. " + cal::FormatIsoDate(to) + " -> " +
          cal::FormatIsoDate(back));
  return 0;
}
