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
  const StatutoryHoliday* holiday;
  std::string reason;
};

std::string TwoDigits(unsigned n) { return (n < 10 ? "0" : "") + std::to_string(n); }

bool InForce(const StatutoryHoliday& h, sys_days day) {
  return (!h.effective_from || *h.effective_from <= day) &&
         (!h.effective_until || day <= *h.effective_until);
}

// Rule 2 of the header: the days of one statutory holiday that fall in a Gregorian year.
void DaysOf(const StatutoryHoliday& h, int year, std::vector<StatutoryDay>& out) {
  const auto add = [&](sys_days date, const std::string& detail) {
    if (YearOf(date) == year && InForce(h, date)) out.push_back({date, &h, detail + h.source});
  };
  switch (h.rule) {
    case HolidayRule::kSolarDate:
      // The adjacent day of a holiday on 01/01 or 31/12 can fall in the year before or after.
      for (int y = year - 1; y <= year + 1; ++y) {
        const sys_days date = Ymd(y, h.month, h.day);
        add(date, TwoDigits(h.day) + "/" + TwoDigits(h.month) + "; ");
        if (!h.adjacent_day) continue;
        const std::chrono::weekday wd{date};
        const bool before =
            wd == std::chrono::Tuesday || wd == std::chrono::Friday || wd == std::chrono::Saturday;
        add(before ? date - days{1} : date + days{1},
            "01 ngày liền kề " + TwoDigits(h.day) + "/" + TwoDigits(h.month) +
                " (mặc định: ngày trước khi " + TwoDigits(h.day) + "/" + TwoDigits(h.month) +
                " là thứ Ba, thứ Sáu hoặc thứ Bảy, ngày sau trong các trường hợp khác); ");
      }
      return;
    case HolidayRule::kLunarDate:
      // A day late in the lunar year that began in the year before can fall in this one.
      for (int lunar_year : {year - 1, year}) {
        const LunarDate lunar{static_cast<int>(h.day), static_cast<int>(h.month), lunar_year,
                              false};
        // Days 1..29 of a month 1..12 exist in every lunar year (Create checks them).
        const auto solar = LunarToSolar(lunar);
        if (solar.ok()) add(*solar, FormatLunarDate(lunar) + " âm lịch; ");
      }
      return;
    case HolidayRule::kLunarNewYear: {
      // Mùng 1 Tết of lunar year `year` is always in January or February of the same Gregorian
      // year, and the break is at most 3 days before and 10 from it, so it lies in that year.
      const sys_days tet = LunarNewYear(year);
      const std::string note = " (" + std::to_string(h.days_before + h.days_from) +
                               " ngày; Thủ tướng quyết định cụ thể hằng năm); ";
      for (int i = h.days_before; i > 0; --i) {
        const LunarDate eve = SolarToLunar(tet - days{i});
        add(tet - days{i},
            std::to_string(eve.day) + " tháng Chạp năm " + CanChiOfYear(year - 1) + note);
      }
      for (int i = 0; i < h.days_from; ++i) {
        add(tet + days{i}, "mùng " + std::to_string(i + 1) + " Tết " + CanChiOfYear(year) + note);
      }
      return;
    }
  }
}

std::vector<StatutoryDay> StatutoryDays(const std::vector<StatutoryHoliday>& holidays, int year) {
  std::vector<StatutoryDay> out;
  for (const StatutoryHoliday& h : holidays) DaysOf(h, year, out);
  std::stable_sort(out.begin(), out.end(),
                   [](const StatutoryDay& a, const StatutoryDay& b) { return a.date < b.date; });
  return out;
}

bool Contains(const std::vector<FixedHoliday>& fixed, int year, const std::string& holiday) {
  return std::any_of(fixed.begin(), fixed.end(),
                     [&](const FixedHoliday& f) { return f.year == year && f.holiday == holiday; });
}

// The refusal for one statutory holiday, or OK.
Status CheckStatutory(const StatutoryHoliday& h) {
  const std::string who = "the statutory holiday \"" + h.key + "\"";
  if (h.key.empty()) return Status::InvalidArgument("a statutory holiday has no key");
  if (h.name.empty()) return Status::InvalidArgument(who + " has no name");
  if (h.source.empty()) return Status::InvalidArgument(who + " cites no source");
  if (h.effective_from && h.effective_until && *h.effective_until < *h.effective_from) {
    return Status::InvalidArgument(who + " ends before it starts");
  }
  switch (h.rule) {
    case HolidayRule::kSolarDate:
      // 2001 is no leap year: 29/02 is refused, as it is not a day of every year.
      if (!std::chrono::year_month_day{std::chrono::year{2001} / std::chrono::month{h.month} /
                                       std::chrono::day{h.day}}
               .ok()) {
        return Status::InvalidArgument(who + ": " + std::to_string(h.day) + "/" +
                                       std::to_string(h.month) + " is not a day of every year");
      }
      return Status::Ok();
    case HolidayRule::kLunarDate:
      // Day 30 is not in every lunar month; a leap month is not in every year.
      if (h.month < 1 || h.month > 12 || h.day < 1 || h.day > 29 || h.adjacent_day) {
        return Status::InvalidArgument(who + ": a lunar holiday is a day 1..29 of a month 1..12");
      }
      return Status::Ok();
    case HolidayRule::kLunarNewYear:
      if (h.days_before < 0 || h.days_before > 3 || h.days_from < 1 || h.days_from > 10 ||
          h.adjacent_day) {
        return Status::InvalidArgument(
            who + ": Tết takes 0..3 days before mùng 1 and 1..10 days from it");
      }
      return Status::Ok();
  }
  return Status::InvalidArgument(who + " has an unknown rule");
}

}  // namespace

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
  std::set<std::string> keys;
  for (const StatutoryHoliday& h : settings.statutory) {
    if (Status status = CheckStatutory(h); !status.ok()) return status;
    if (!keys.insert(h.key).second) {
      return Status::InvalidArgument("the statutory holiday \"" + h.key + "\" is given twice");
    }
  }
  for (const FixedHoliday& f : settings.fixed_by_notice) {
    if (keys.count(f.holiday) == 0) {
      return Status::InvalidArgument("the notice of " + std::to_string(f.year) + " fixes \"" +
                                     f.holiday + "\", which is no statutory holiday");
    }
  }
  for (const Notice& n : settings.notices) {
    if (n.number.empty() || n.issuer.empty()) {
      return Status::InvalidArgument("a notice for " + std::to_string(n.year) +
                                     " has no number or no issuer");
    }
  }
  return WorkingCalendar(std::move(settings));
}

std::map<sys_days, CalendarEntry> WorkingCalendar::YearTable(int year) const {
  Table table;
  const auto fixed = [&](const StatutoryHoliday* h) {
    return Contains(settings_.fixed_by_notice, year, h->key);
  };
  const std::vector<StatutoryDay> statutory = StatutoryDays(settings_.statutory, year);
  // Each holiday on a weekend needs a nghỉ bù, and so does one that falls on another holiday
  // (Giỗ Tổ on 30/4 happens, e.g. 1947): no statutory day is lost. `clash` says what it fell on.
  std::vector<std::pair<const StatutoryDay*, std::string>> needs_nghi_bu;
  for (const StatutoryDay& s : statutory) {
    if (fixed(s.holiday)) continue;
    const auto [it, inserted] =
        table.emplace(s.date, CalendarEntry{s.date, DayKind::kDayOff, s.holiday->name, s.reason});
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
    table.emplace(d, CalendarEntry{d, DayKind::kDayOff, "Nghỉ bù " + s->holiday->name,
                                   "Bộ luật Lao động 2019, Điều 111 khoản 3: " + s->holiday->name +
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

bool WorkingCalendar::IsProvisional(int year) const {
  return std::none_of(settings_.notices.begin(), settings_.notices.end(),
                      [&](const Notice& n) { return n.year == year; });
}

bool WorkingCalendar::IsProvisionalDeadline(Timestamp due) const {
  return IsProvisional(YearOf(LocalDate(due)));
}

std::vector<Notice> WorkingCalendar::NoticesOf(int year) const {
  std::vector<Notice> out;
  for (const Notice& n : settings_.notices) {
    if (n.year == year) out.push_back(n);
  }
  return out;
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
