#pragma once
// Dates as Vietnamese text: weekday names, "08/02/2024", and parsing of the two date forms the CLI
// and the configuration accept. Pure functions: safe to call from any thread.

#include <chrono>
#include <string>
#include <string_view>

#include "engine/calendar/lunar.hpp"
#include "engine/ports/clock.hpp"
#include "engine/status.hpp"

namespace tdkt::engine::calendar {

// "Thứ Hai" … "Thứ Bảy", "Chủ nhật".
std::string WeekdayName(std::chrono::sys_days day);
// "08/02/2024".
std::string FormatDate(std::chrono::sys_days day);
// "2024-02-08".
std::string FormatIsoDate(std::chrono::sys_days day);
// "Thứ Năm, 08/02/2024".
std::string FormatDateLong(std::chrono::sys_days day);
// An instant as local ISO 8601 time at a UTC offset: "2024-02-23T17:00:00+07:00".
std::string FormatLocalDateTime(Timestamp t, int utc_offset_minutes);
// "mùng 1 tháng Giêng năm Giáp Thìn", "15 tháng 6 nhuận năm Ất Tỵ".
std::string FormatLunarDate(const LunarDate& lunar);

// A Gregorian date written "YYYY-MM-DD" or "DD/MM/YYYY" (one-digit day and month allowed in the
// second form). Fails with InvalidArgument, quoting the text, on any other form or a date that
// does not exist (30/02/2024).
Result<std::chrono::sys_days> ParseDate(std::string_view text);

// A lunar date written the same two ways, with its leap flag given separately. Checks only the
// ranges (day 1..30, month 1..12); LunarToSolar checks that the date exists.
Result<LunarDate> ParseLunarDate(std::string_view text, bool leap);

}  // namespace tdkt::engine::calendar
