#pragma once
// The statutory holidays and the 2024–2026 notices and overrides of config/calendar/*.yaml as C++
// values, for the calendar tests (which do not link the YAML loader).
// tests/adapters/config/calendar_loader_test.cpp checks that the shipped YAML files load to
// exactly these holidays, notices, dates, kinds and names, so the two cannot drift apart.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "engine/calendar/working_calendar.hpp"

namespace tdkt::engine::calendar::testing {

// config/calendar/statutory.yaml: Bộ luật Lao động 2019, Điều 112 khoản 1.
inline std::vector<StatutoryHoliday> StatutoryHolidays() {
  const std::string law = "Bộ luật Lao động 2019, Điều 112 khoản 1 điểm ";
  const auto solar = [&](std::string key, std::string name, unsigned d, unsigned m,
                         const std::string& point) {
    StatutoryHoliday h;
    h.key = std::move(key);
    h.name = std::move(name);
    h.rule = HolidayRule::kSolarDate;
    h.day = d;
    h.month = m;
    h.source = law + point;
    return h;
  };
  StatutoryHoliday tet;
  tet.key = "tet";
  tet.name = "Tết Nguyên đán";
  tet.rule = HolidayRule::kLunarNewYear;
  tet.days_before = 1;
  tet.days_from = 4;
  tet.source = law + "b";
  StatutoryHoliday national_day = solar("national_day", "Quốc khánh", 2, 9, "đ");
  national_day.adjacent_day = true;
  StatutoryHoliday hung_kings;
  hung_kings.key = "hung_kings";
  hung_kings.name = "Giỗ Tổ Hùng Vương";
  hung_kings.rule = HolidayRule::kLunarDate;
  hung_kings.day = 10;
  hung_kings.month = 3;
  hung_kings.source = law + "e";
  return {solar("new_year", "Tết Dương lịch", 1, 1, "a"),
          tet,
          solar("victory_day", "Ngày Chiến thắng", 30, 4, "c"),
          solar("labour_day", "Ngày Quốc tế lao động", 1, 5, "d"),
          national_day,
          hung_kings};
}

// The statutory holidays alone: every year provisional.
inline WorkingCalendar StatutoryCalendar() {
  CalendarSettings settings;
  settings.statutory = StatutoryHolidays();
  return WorkingCalendar::Create(std::move(settings)).value();
}

// The notices cited by the year files, in file order (number, issuer; dates where known).
inline std::vector<Notice> OfficialNotices() {
  const auto ymd = [](int y, unsigned m, unsigned d) {
    return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} /
                                 std::chrono::day{d}};
  };
  return {
      {2024, "8662/VPCP-KGVX", std::nullopt, "Văn phòng Chính phủ", ""},
      {2024, "2450/VPCP-KGVX", ymd(2024, 4, 12), "Văn phòng Chính phủ", ""},
      {2025, "8726/VPCP-KGVX", ymd(2024, 11, 26), "Văn phòng Chính phủ", ""},
      {2025, "6150/TB-BLĐTBXH", ymd(2024, 12, 3), "Bộ Lao động – Thương binh và Xã hội", ""},
      {2026, "12729/VPCP-KGVX", ymd(2025, 12, 25), "Văn phòng Chính phủ", ""},
      {2026, "9441/TB-BNV", ymd(2025, 10, 16), "Bộ Nội vụ", ""},
  };
}

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
  range(ymd(2026, 8, 22), ymd(2026, 8, 22), work, "Làm bù cho thứ Hai 31/8/2026");
  range(ymd(2026, 8, 31), ymd(2026, 8, 31), off, "Nghỉ hoán đổi dịp Quốc khánh");
  range(ymd(2026, 9, 1), ymd(2026, 9, 2), off, "Quốc khánh");
  for (CalendarEntry& e : out) e.reason = "official notice (see config/calendar)";
  return out;
}

inline std::vector<FixedHoliday> OfficialFixes() {
  return {{2024, "tet"},          {2024, "national_day"}, {2025, "tet"},
          {2025, "national_day"}, {2026, "tet"},          {2026, "national_day"}};
}

inline WorkingCalendar OfficialCalendar() {
  CalendarSettings settings;
  settings.statutory = StatutoryHolidays();
  settings.overrides = OfficialOverrides();
  settings.fixed_by_notice = OfficialFixes();
  settings.notices = OfficialNotices();
  return WorkingCalendar::Create(std::move(settings)).value();
}

}  // namespace tdkt::engine::calendar::testing
