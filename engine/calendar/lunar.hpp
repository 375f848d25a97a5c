#pragma once
// The Vietnamese lunisolar calendar (âm lịch): conversion between Gregorian (solar) dates and
// lunar dates, computed astronomically (mean new moons and the sun's apparent longitude, after
// Hồ Ngọc Đức's published algorithm, itself after Meeus, "Astronomical Algorithms").
//
// The rules: a lunar month starts on the local day of a new moon; month 11 is the month that
// contains the winter solstice; a year between two months 11 that holds 13 months has a leap
// month, the first month after month 11 that contains no major solar term (trung khí). The local
// day depends on the meridian, which is why the Vietnamese calendar (UTC+7) differs from the
// Chinese one (UTC+8) in some years, e.g. Tết 1985 is 21/01 in Vietnam and 20/02 in China.
// The time zone is therefore a parameter; every function defaults to Vietnam's.
//
// Accurate for 1800–2199 (checked against a published table for 1900–2100 in the tests); outside
// that range the approximations drift and results are not guaranteed. Pure functions of their
// arguments: safe to call from any thread.

#include <chrono>
#include <string>

#include "engine/status.hpp"

namespace tdkt::engine::calendar {

// Vietnam's civil time, UTC+7 (no daylight saving), in hours.
inline constexpr double kVietnamTimeZoneHours = 7.0;
// China's, UTC+8: only for comparing with the Chinese calendar.
inline constexpr double kChinaTimeZoneHours = 8.0;

struct LunarDate {
  int day = 1;    // 1..30
  int month = 1;  // 1..12; a leap month carries the number of the month it follows
  int year = 0;   // the Gregorian year in which this lunar year's month 1 begins
  bool leap = false;

  friend bool operator==(const LunarDate&, const LunarDate&) = default;
};

// The lunar date of a solar date. Never fails within the accurate range.
LunarDate SolarToLunar(std::chrono::sys_days date, double time_zone_hours = kVietnamTimeZoneHours);

// The solar date of a lunar date. Fails with InvalidArgument when the month is not 1..12, the day
// is not 1..30, the year has no leap month of that number (when `leap`), or the month has only 29
// days and `day` is 30.
Result<std::chrono::sys_days> LunarToSolar(const LunarDate& lunar,
                                           double time_zone_hours = kVietnamTimeZoneHours);

// The number of the leap month of a lunar year (the leap month follows the ordinary month of that
// number), or 0 when the year has none.
int LeapMonthOfYear(int lunar_year, double time_zone_hours = kVietnamTimeZoneHours);

// The solar date of mùng 1 Tết (lunar 1/1) of a lunar year.
std::chrono::sys_days LunarNewYear(int lunar_year, double time_zone_hours = kVietnamTimeZoneHours);

// The can-chi (sexagenary) name of a lunar year in Vietnamese, e.g. "Giáp Thìn" for 2024.
std::string CanChiOfYear(int lunar_year);

}  // namespace tdkt::engine::calendar
