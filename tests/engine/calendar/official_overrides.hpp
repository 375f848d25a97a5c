#pragma once
// The 2024–2026 overrides of config/calendar/*.yaml as C++ values, for the calendar tests (which do
// not link the YAML loader). tests/adapters/config/calendar_loader_test.cpp checks that the shipped
// YAML files load to exactly these dates, kinds and names, so the two cannot drift apart.

#include <chrono>
#include <string>
#include <vector>

#include "engine/calendar/working_calendar.hpp"

namespace tdkt::engine::calendar::testing {

inline std::vector<CalendarEntry> OfficialOverrides() {
  using std::chrono::sys_days;
  const auto ymd = [](int y, unsigned m, unsigned d) {
    return sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
  };
  std::vector<CalendarEntry> out;
  const auto range = [&](sys_days from, sys_days to, DayKind kind, const std::string& name) {
    for (sys_days d = from; d <= to; d += std::chrono::days{1}) out.push_back({d, kind, name, ""});
  };
  const DayKind off = DayKind::kDayOff;
  const DayKind work = DayKind::kWorkingDay;
  // 2024
  range(ymd(2024, 2, 8), ymd(2024, 2, 14), off, "Tết Nguyên đán");
  range(ymd(2024, 4, 29), ymd(2024, 4, 29), off, "Nghỉ hoán đổi dịp 30/4 – 01/5");
  range(ymd(2024, 5, 4), ymd(2024, 5, 4), work, "Làm bù cho thứ Hai 29/4/2024");
  range(ymd(2024, 8, 31), ymd(2024, 9, 3), off, "Quốc khánh");
  // 2025
  range(ymd(2025, 1, 25), ymd(2025, 2, 2), off, "Tết Nguyên đán");
  range(ymd(2025, 4, 26), ymd(2025, 4, 26), work, "Làm bù cho thứ Sáu 02/5/2025");
  range(ymd(2025, 5, 2), ymd(2025, 5, 2), off, "Nghỉ hoán đổi dịp 30/4 – 01/5");
  range(ymd(2025, 8, 30), ymd(2025, 9, 2), off, "Quốc khánh");
  // 2026
  range(ymd(2026, 1, 2), ymd(2026, 1, 2), off, "Nghỉ hoán đổi dịp Tết Dương lịch");
  range(ymd(2026, 1, 10), ymd(2026, 1, 10), work, "Làm bù cho thứ Sáu 02/01/2026");
  range(ymd(2026, 2, 16), ymd(2026, 2, 20), off, "Tết Nguyên đán");
  for (CalendarEntry& e : out) e.reason = "official notice (see config/calendar)";
  return out;
}

inline std::vector<FixedHoliday> OfficialFixes() {
  return {{2024, Holiday::kTet},
          {2024, Holiday::kNationalDay},
          {2025, Holiday::kTet},
          {2025, Holiday::kNationalDay},
          {2026, Holiday::kTet}};
}

inline WorkingCalendar OfficialCalendar() {
  CalendarSettings settings;
  settings.overrides = OfficialOverrides();
  settings.fixed_by_notice = OfficialFixes();
  return WorkingCalendar::Create(std::move(settings)).value();
}

}  // namespace tdkt::engine::calendar::testing
