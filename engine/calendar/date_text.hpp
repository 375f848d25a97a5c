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

// The years the calendar answers for, 1900–2100: the lunar conversion is checked against a
// published table of those years (tests/data/calendar/tet_1900_2100.csv) and the calendar files
// take overrides for them. Beyond them results are not guaranteed, so commands refuse the date.
inline constexpr int kFirstSupportedYear = 1900;
inline constexpr int kLastSupportedYear = 2100;
// True when `day` lies in 01/01/kFirstSupportedYear..31/12/kLastSupportedYear.
bool IsSupportedDate(std::chrono::sys_days day);
// "the calendar covers the years 1900–2100 only, not DATE", for refusals.
std::string UnsupportedDateMessage(std::chrono::sys_days day);

// A "before" bound written either as a UTC instant "YYYY-MM-DDTHH:MM:SSZ" or as a local date
// "YYYY-MM-DD", which means the start (00:00) of that day at `utc_offset_minutes` — Vietnam's
// deadlines "before 22/07/2024" are those before 2024-07-21T17:00:00Z at UTC+7. Fails with
// InvalidArgument, quoting the text and both forms, on anything else (a date that does not exist,
// another form, trailing characters).
Result<Timestamp> ParseInstantOrLocalDate(std::string_view text, int utc_offset_minutes);

// A lunar date written the same two ways, with its leap flag given separately. Checks only the
// ranges (day 1..30, month 1..12); LunarToSolar checks that the date exists.
Result<LunarDate> ParseLunarDate(std::string_view text, bool leap);

}  // namespace tdkt::engine::calendar
