#include "engine/calendar/lunar.hpp"

#include <array>
#include <cmath>
#include <numbers>

namespace tdkt::engine::calendar {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

// Julian day number of 1970-01-01, the epoch of sys_days.
constexpr long kJulianDayOfUnixEpoch = 2440588;
// Julian day (fractional) of the new moon of 1900-01-01, the origin of the lunation count k.
constexpr double kNewMoonEpoch = 2415021.076998695;
constexpr double kSynodicMonth = 29.530588853;
constexpr double kRad = std::numbers::pi / 180.0;

long JulianDay(sys_days d) { return d.time_since_epoch().count() + kJulianDayOfUnixEpoch; }
sys_days FromJulianDay(long jd) { return sys_days{days{jd - kJulianDayOfUnixEpoch}}; }
long Floor(double x) { return static_cast<long>(std::floor(x)); }

// The instant (Julian day, UT) of the k-th new moon after the one of 1900-01-01.
double NewMoon(long k) {
  const double t = static_cast<double>(k) / 1236.85;  // Julian centuries from 1900-01-01
  const double t2 = t * t;
  const double t3 = t2 * t;
  const double kd = static_cast<double>(k);
  double jd1 = 2415020.75933 + 29.53058868 * kd + 0.0001178 * t2 - 0.000000155 * t3;
  jd1 += 0.00033 * std::sin((166.56 + 132.87 * t - 0.009173 * t2) * kRad);
  const double m = 359.2242 + 29.10535608 * kd - 0.0000333 * t2 - 0.00000347 * t3;  // sun anomaly
  const double mpr = 306.0253 + 385.81691806 * kd + 0.0107306 * t2 + 0.00001236 * t3;  // moon's
  const double f = 21.2964 + 390.67050646 * kd - 0.0016528 * t2 - 0.00000239 * t3;  // latitude arg
  double c1 = (0.1734 - 0.000393 * t) * std::sin(m * kRad) + 0.0021 * std::sin(2 * kRad * m);
  c1 = c1 - 0.4068 * std::sin(mpr * kRad) + 0.0161 * std::sin(kRad * 2 * mpr);
  c1 = c1 - 0.0004 * std::sin(kRad * 3 * mpr);
  c1 = c1 + 0.0104 * std::sin(kRad * 2 * f) - 0.0051 * std::sin(kRad * (m + mpr));
  c1 = c1 - 0.0074 * std::sin(kRad * (m - mpr)) + 0.0004 * std::sin(kRad * (2 * f + m));
  c1 = c1 - 0.0004 * std::sin(kRad * (2 * f - m)) - 0.0006 * std::sin(kRad * (2 * f + mpr));
  c1 = c1 + 0.0010 * std::sin(kRad * (2 * f - mpr)) + 0.0005 * std::sin(kRad * (2 * mpr + m));
  // ΔT (terrestrial minus universal time), in days.
  const double delta_t =
      t < -11 ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
              : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return jd1 + c1 - delta_t;
}

// The local day (Julian day number) of the k-th new moon.
long NewMoonDay(long k, double tz) { return Floor(NewMoon(k) + 0.5 + tz / 24.0); }

// The sun's apparent longitude, radians in [0, 2π), at the instant `jdn` (Julian day, UT).
double SunLongitude(double jdn) {
  const double t = (jdn - 2451545.0) / 36525;  // Julian centuries from J2000.0
  const double t2 = t * t;
  const double m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
  const double l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  double dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * std::sin(kRad * m);
  dl += (0.019993 - 0.000101 * t) * std::sin(kRad * 2 * m) + 0.000290 * std::sin(kRad * 3 * m);
  double l = (l0 + dl) * kRad;
  l -= 2 * std::numbers::pi * std::floor(l / (2 * std::numbers::pi));
  return l;
}

// The sector (0..11, 30° each, 0 = from the spring equinox) of the sun's longitude at the start
// of the local day `day`: a month without a change of sector holds no major solar term.
int SunSector(long day, double tz) {
  return static_cast<int>(
      Floor(SunLongitude(static_cast<double>(day) - 0.5 - tz / 24.0) / std::numbers::pi * 6));
}

// The first day of lunar month 11 (the month of the winter solstice) of Gregorian year `year`.
long LunarMonth11(int year, double tz) {
  const long off = JulianDay(sys_days{std::chrono::year{year} / 12 / 31}) - 2415021;
  const long k = Floor(static_cast<double>(off) / kSynodicMonth);
  long nm = NewMoonDay(k, tz);
  if (SunSector(nm, tz) >= 9) nm = NewMoonDay(k - 1, tz);  // that moon is after the solstice
  return nm;
}

// For a 13-month year starting at month 11 `a11`: the index (1..13, counted from a11) of the
// leap month, the first month whose start lies in the same sector as the next month's.
int LeapMonthOffset(long a11, double tz) {
  const long k = Floor((static_cast<double>(a11) - kNewMoonEpoch) / kSynodicMonth + 0.5);
  int i = 1;
  int arc = SunSector(NewMoonDay(k + i, tz), tz);
  int last = 0;
  do {
    last = arc;
    ++i;
    arc = SunSector(NewMoonDay(k + i, tz), tz);
  } while (arc != last && i < 14);
  return i - 1;
}

}  // namespace

LunarDate SolarToLunar(sys_days date, double tz) {
  const long day_number = JulianDay(date);
  const int year = static_cast<int>(std::chrono::year_month_day{date}.year());
  // The mean lunation count is within one of the true one; step back to the last new moon on or
  // before the day (the first day of 1900 lies before lunation 0, so k can start at -1).
  long k = Floor((static_cast<double>(day_number) - kNewMoonEpoch) / kSynodicMonth) + 1;
  long month_start = NewMoonDay(k, tz);
  while (month_start > day_number) month_start = NewMoonDay(--k, tz);
  long a11 = LunarMonth11(year, tz);
  long b11 = a11;
  LunarDate lunar;
  if (a11 >= month_start) {
    lunar.year = year;
    a11 = LunarMonth11(year - 1, tz);
  } else {
    lunar.year = year + 1;
    b11 = LunarMonth11(year + 1, tz);
  }
  lunar.day = static_cast<int>(day_number - month_start + 1);
  const int diff = static_cast<int>((month_start - a11) / 29);  // months since month 11
  lunar.month = diff + 11;
  if (b11 - a11 > 365) {  // 13 months between the two months 11: one is leap
    const int leap_offset = LeapMonthOffset(a11, tz);
    if (diff >= leap_offset) {
      lunar.month = diff + 10;
      lunar.leap = diff == leap_offset;
    }
  }
  if (lunar.month > 12) lunar.month -= 12;
  if (lunar.month >= 11 && diff < 4) lunar.year -= 1;
  return lunar;
}

Result<sys_days> LunarToSolar(const LunarDate& lunar, double tz) {
  if (lunar.month < 1 || lunar.month > 12) {
    return Status::InvalidArgument("lunar month must be 1..12, got " + std::to_string(lunar.month));
  }
  if (lunar.day < 1 || lunar.day > 30) {
    return Status::InvalidArgument("lunar day must be 1..30, got " + std::to_string(lunar.day));
  }
  long a11 = 0;
  long b11 = 0;
  if (lunar.month < 11) {
    a11 = LunarMonth11(lunar.year - 1, tz);
    b11 = LunarMonth11(lunar.year, tz);
  } else {
    a11 = LunarMonth11(lunar.year, tz);
    b11 = LunarMonth11(lunar.year + 1, tz);
  }
  const long k = Floor(0.5 + (static_cast<double>(a11) - kNewMoonEpoch) / kSynodicMonth);
  int off = lunar.month - 11;
  if (off < 0) off += 12;
  bool has_leap = false;
  if (b11 - a11 > 365) {
    const int leap_offset = LeapMonthOffset(a11, tz);
    int leap_month = leap_offset - 2;
    if (leap_month <= 0) leap_month += 12;
    has_leap = true;
    if (lunar.leap && lunar.month != leap_month) has_leap = false;
    if (lunar.leap || off >= leap_offset) off += 1;
  }
  if (lunar.leap && !has_leap) {
    return Status::InvalidArgument("lunar year " + std::to_string(lunar.year) +
                                   " has no leap month " + std::to_string(lunar.month));
  }
  const long month_start = NewMoonDay(k + off, tz);
  const long next_month_start = NewMoonDay(k + off + 1, tz);
  if (month_start + lunar.day - 1 >= next_month_start) {
    return Status::InvalidArgument("lunar month " + std::to_string(lunar.month) + "/" +
                                   std::to_string(lunar.year) + " has only " +
                                   std::to_string(next_month_start - month_start) + " days");
  }
  return FromJulianDay(month_start + lunar.day - 1);
}

int LeapMonthOfYear(int lunar_year, double tz) {
  // Months 11 and 12 after month 11 of Gregorian year B belong to lunar year B; months 1..10 to
  // B + 1. So a leap month of lunar year Y lies after month 11 of Y - 1 (a leap 1..10) or after
  // month 11 of Y (a leap 11 or 12).
  for (int base : {lunar_year - 1, lunar_year}) {
    const long a11 = LunarMonth11(base, tz);
    if (LunarMonth11(base + 1, tz) - a11 <= 365) continue;
    int leap_month = LeapMonthOffset(a11, tz) - 2;
    if (leap_month <= 0) leap_month += 12;
    const int year_of_leap = leap_month >= 11 ? base : base + 1;
    if (year_of_leap == lunar_year) return leap_month;
  }
  return 0;
}

sys_days LunarNewYear(int lunar_year, double tz) {
  // Month 1 day 1 always exists; the call cannot fail.
  return LunarToSolar(LunarDate{1, 1, lunar_year, false}, tz).value();
}

std::string CanChiOfYear(int lunar_year) {
  static constexpr std::array<const char*, 10> kCan = {"Giáp", "Ất",   "Bính", "Đinh", "Mậu",
                                                       "Kỷ",   "Canh", "Tân",  "Nhâm", "Quý"};
  static constexpr std::array<const char*, 12> kChi = {"Tý",  "Sửu", "Dần",  "Mão", "Thìn", "Tỵ",
                                                       "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"};
  const int can = ((lunar_year + 6) % 10 + 10) % 10;
  const int chi = ((lunar_year + 8) % 12 + 12) % 12;
  return std::string(kCan[static_cast<std::size_t>(can)]) + " " +
         kChi[static_cast<std::size_t>(chi)];
}

}  // namespace tdkt::engine::calendar
