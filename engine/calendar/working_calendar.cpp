#include "engine/calendar/working_calendar.hpp"

#include <algorithm>
#include <set>

#include "engine/calendar/date_text.hpp"
#include "engine/calendar/lunar.hpp"

namespace tdkt::engine::calendar {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using Table = std::map<sys_days, CalendarEntry>;

constexpr const char* kLaw = "Bộ luật Lao động 2019, Điều 112 khoản 1 ";

sys_days Ymd(int y, unsigned m, unsigned d) {
  return sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

int YearOf(sys_days day) { return static_cast<int>(std::chrono::year_month_day{day}.year()); }

bool IsWeekend(sys_days day) {
  const std::chrono::weekday wd{day};
  return wd == std::chrono::Saturday || wd == std::chrono::Sunday;
}

struct StatutoryDay {
  sys_days date;
  Holiday holiday;
  std::string reason;
};

// Rule 2 of the header: the statutory holidays of a Gregorian year, in date order.
std::vector<StatutoryDay> StatutoryDays(int year) {
  std::vector<StatutoryDay> out;
  out.push_back({Ymd(year, 1, 1), Holiday::kNewYear, std::string(kLaw) + "điểm a (01/01)"});

  // Mùng 1 Tết of lunar year `year` is always in January or February of the same Gregorian year,
  // so the whole break lies in it.
  const sys_days tet = LunarNewYear(year);
  const std::string can_chi = CanChiOfYear(year);
  const std::string tet_reason = std::string(kLaw) +
                                 "điểm b (5 ngày; mặc định: ngày cuối năm âm lịch và mùng 1–4; "
                                 "Thủ tướng quyết định cụ thể hằng năm)";
  const LunarDate eve = SolarToLunar(tet - days{1});
  out.push_back(
      {tet - days{1}, Holiday::kTet,
       std::to_string(eve.day) + " tháng Chạp năm " + CanChiOfYear(year - 1) + "; " + tet_reason});
  for (int i = 0; i < 4; ++i) {
    out.push_back({tet + days{i}, Holiday::kTet,
                   "mùng " + std::to_string(i + 1) + " Tết " + can_chi + "; " + tet_reason});
  }

  const sys_days hung_kings = LunarToSolar(LunarDate{10, 3, year, false}).value();
  out.push_back({hung_kings, Holiday::kHungKings,
                 std::string(kLaw) + "điểm e (10 tháng 3 âm lịch năm " + can_chi + ")"});
  out.push_back({Ymd(year, 4, 30), Holiday::kVictoryDay, std::string(kLaw) + "điểm c (30/4)"});
  out.push_back({Ymd(year, 5, 1), Holiday::kLabourDay, std::string(kLaw) + "điểm d (01/5)"});

  const sys_days national_day = Ymd(year, 9, 2);
  const std::chrono::weekday wd{national_day};
  const bool before =
      wd == std::chrono::Tuesday || wd == std::chrono::Friday || wd == std::chrono::Saturday;
  const sys_days adjacent = before ? national_day - days{1} : national_day + days{1};
  const std::string national_reason = std::string(kLaw) + "điểm đ (02/9 và 01 ngày liền kề";
  out.push_back({national_day, Holiday::kNationalDay, national_reason + ")"});
  out.push_back({adjacent, Holiday::kNationalDay,
                 national_reason + "; mặc định: 01/9 khi 02/9 là thứ Ba, thứ Sáu hoặc thứ Bảy, "
                                   "03/9 trong các trường hợp khác)"});

  std::stable_sort(out.begin(), out.end(),
                   [](const StatutoryDay& a, const StatutoryDay& b) { return a.date < b.date; });
  return out;
}

bool Contains(const std::vector<FixedHoliday>& fixed, int year, Holiday holiday) {
  return std::any_of(fixed.begin(), fixed.end(),
                     [&](const FixedHoliday& f) { return f.year == year && f.holiday == holiday; });
}

}  // namespace

std::string HolidayName(Holiday holiday) {
  switch (holiday) {
    case Holiday::kNewYear: return "Tết Dương lịch";
    case Holiday::kTet: return "Tết Nguyên đán";
    case Holiday::kVictoryDay: return "Ngày Chiến thắng";
    case Holiday::kLabourDay: return "Ngày Quốc tế lao động";
    case Holiday::kNationalDay: return "Quốc khánh";
    case Holiday::kHungKings: return "Giỗ Tổ Hùng Vương";
  }
  return "Ngày lễ";
}

WorkingCalendar::WorkingCalendar() = default;

WorkingCalendar::WorkingCalendar(CalendarSettings settings) : settings_(std::move(settings)) {
  for (const CalendarEntry& entry : settings_.overrides) overrides_.emplace(entry.date, entry);
}

Result<WorkingCalendar> WorkingCalendar::Create(CalendarSettings settings) {
  const auto valid_time = [](int h, int m) { return h >= 0 && h <= 23 && m >= 0 && m <= 59; };
  if (!valid_time(settings.office_start_hour, settings.office_start_minute) ||
      !valid_time(settings.office_end_hour, settings.office_end_minute)) {
    return Status::InvalidArgument("office hours must be times of day (hour 0..23, minute 0..59)");
  }
  if (settings.office_start_hour * 60 + settings.office_start_minute >=
      settings.office_end_hour * 60 + settings.office_end_minute) {
    return Status::InvalidArgument("office hours must start before they end");
  }
  if (settings.utc_offset_minutes < -14 * 60 || settings.utc_offset_minutes > 14 * 60) {
    return Status::InvalidArgument("the UTC offset must be within ±14 hours");
  }
  std::set<sys_days> seen;
  for (const CalendarEntry& entry : settings.overrides) {
    if (!seen.insert(entry.date).second) {
      return Status::InvalidArgument("two overrides for " + FormatIsoDate(entry.date));
    }
    if (entry.name.empty()) {
      return Status::InvalidArgument("the override for " + FormatIsoDate(entry.date) +
                                     " has no name");
    }
  }
  return WorkingCalendar(std::move(settings));
}

std::map<sys_days, CalendarEntry> WorkingCalendar::YearTable(int year) const {
  Table table;
  const auto fixed = [&](Holiday h) { return Contains(settings_.fixed_by_notice, year, h); };
  const std::vector<StatutoryDay> statutory = StatutoryDays(year);
  // Each holiday on a weekend needs a nghỉ bù, and so does one that falls on another holiday
  // (Giỗ Tổ on 30/4 happens, e.g. 1947): no statutory day is lost. `clash` says what it fell on.
  std::vector<std::pair<const StatutoryDay*, std::string>> needs_nghi_bu;
  for (const StatutoryDay& s : statutory) {
    if (fixed(s.holiday)) continue;
    const auto [it, inserted] = table.emplace(
        s.date, CalendarEntry{s.date, DayKind::kDayOff, HolidayName(s.holiday), s.reason});
    if (IsWeekend(s.date)) {
      needs_nghi_bu.emplace_back(&s, WeekdayName(s.date));
    } else if (!inserted) {
      needs_nghi_bu.emplace_back(&s, it->second.name);
    }
  }
  // Nghỉ bù: in date order, each takes the next day that is free.
  const auto override_off = [&](sys_days d) {
    const auto it = overrides_.find(d);
    return it != overrides_.end() && it->second.kind == DayKind::kDayOff;
  };
  std::set<sys_days> taken;
  for (const auto& [s, clash] : needs_nghi_bu) {
    sys_days d = s->date + days{1};
    while (IsWeekend(d) || table.count(d) > 0 || taken.count(d) > 0 || override_off(d)) {
      d += days{1};
    }
    taken.insert(d);
    table.emplace(
        d, CalendarEntry{d, DayKind::kDayOff, "Nghỉ bù " + HolidayName(s->holiday),
                         "Bộ luật Lao động 2019, Điều 111 khoản 3: " + HolidayName(s->holiday) +
                             " trùng " + clash + " " + FormatDate(s->date)});
  }
  // Overrides win, date by date.
  for (auto it = overrides_.lower_bound(Ymd(year, 1, 1));
       it != overrides_.end() && it->first <= Ymd(year, 12, 31); ++it) {
    table.insert_or_assign(it->first, it->second);
  }
  return table;
}

bool WorkingCalendar::IsWorkingDayIn(const Table& table, sys_days day) const {
  const auto it = table.find(day);
  if (it != table.end()) return it->second.kind == DayKind::kWorkingDay;
  return !IsWeekend(day);
}

bool WorkingCalendar::IsWorkingDay(sys_days day) const {
  return IsWorkingDayIn(YearTable(YearOf(day)), day);
}

std::vector<CalendarEntry> WorkingCalendar::HolidaysOfYear(int year) const {
  std::vector<CalendarEntry> out;
  for (auto& [date, entry] : YearTable(year)) out.push_back(entry);
  return out;
}

sys_days WorkingCalendar::AddWorkingDays(sys_days day, int n) const {
  // One year's table at a time: building it costs a few lunar conversions.
  int year = YearOf(day);
  Table table = YearTable(year);
  const auto working = [&](sys_days d) {
    if (YearOf(d) != year) {
      year = YearOf(d);
      table = YearTable(year);
    }
    return IsWorkingDayIn(table, d);
  };
  if (n == 0) {
    while (!working(day)) day += days{1};
    return day;
  }
  const days step{n > 0 ? 1 : -1};
  for (int remaining = n > 0 ? n : -n; remaining > 0;) {
    day += step;
    if (working(day)) --remaining;
  }
  return day;
}

int WorkingCalendar::WorkingDaysBetween(sys_days from, sys_days to) const {
  if (to < from) return -WorkingDaysBetween(to, from);
  int year = YearOf(from);
  Table table = YearTable(year);
  int count = 0;
  for (sys_days d = from + days{1}; d <= to; d += days{1}) {
    if (YearOf(d) != year) {
      year = YearOf(d);
      table = YearTable(year);
    }
    if (IsWorkingDayIn(table, d)) ++count;
  }
  return count;
}

sys_days WorkingCalendar::LocalDate(Timestamp t) const {
  return std::chrono::floor<days>(t + std::chrono::minutes{settings_.utc_offset_minutes});
}

Timestamp WorkingCalendar::StartOfWorkingDay(sys_days day) const {
  return Timestamp{day} + std::chrono::hours{settings_.office_start_hour} +
         std::chrono::minutes{settings_.office_start_minute} -
         std::chrono::minutes{settings_.utc_offset_minutes};
}

Timestamp WorkingCalendar::EndOfWorkingDay(sys_days day) const {
  return Timestamp{day} + std::chrono::hours{settings_.office_end_hour} +
         std::chrono::minutes{settings_.office_end_minute} -
         std::chrono::minutes{settings_.utc_offset_minutes};
}

Timestamp WorkingCalendar::DeadlineAfter(Timestamp from, int working_days) const {
  return EndOfWorkingDay(AddWorkingDays(LocalDate(from), working_days));
}

}  // namespace tdkt::engine::calendar
