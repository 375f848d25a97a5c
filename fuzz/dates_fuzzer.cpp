// The date and time parsers on arbitrary text: the JSON codec's dates ("2024-07-31"), the audit
// record's timestamps ("2024-07-22T01:00:00Z"), and the two forms the CLI and the calendar
// configuration accept ("2024-07-31", "31/7/2024"), solar and lunar, with the conversions the
// CLI's `calendar lunar` and `calendar solar` make of them.
//
// Whatever parses must format to text that parses to the same value; a timestamp must format
// back to exactly its text; in the lunar calendar's range (1800–2199) a date must survive the
// trip to the other calendar and back.

#include <chrono>

#include "engine/audit/record.hpp"
#include "engine/calendar/date_text.hpp"
#include "engine/calendar/lunar.hpp"
#include "engine/codec/json_reader.hpp"
#include "fuzz/fuzz_check.hpp"

namespace {

using tdkt::fuzz::Check;
namespace cal = tdkt::engine::calendar;
using std::chrono::sys_days;

constexpr int kFirstLunarYear = 1800;
constexpr int kLastLunarYear = 2199;

int YearOf(sys_days day) { return static_cast<int>(std::chrono::year_month_day{day}.year()); }

void CodecDate(std::string_view text) {
  const auto day = tdkt::engine::codec::ParseDate(text);
  if (!day) return;
  const std::string formatted = tdkt::engine::codec::FormatDate(*day);
  const auto again = tdkt::engine::codec::ParseDate(formatted);
  Check(again && *again == *day, "codec::FormatDate must give back a date that parses the same",
        std::string(text) + " -> " + formatted);
}

void Timestamp(std::string_view text) {
  const auto time = tdkt::engine::audit::ParseTimestamp(text);
  if (!time.ok()) return;
  const std::string formatted = tdkt::engine::audit::FormatTimestamp(*time);
  Check(formatted == text, "FormatTimestamp must give back exactly the text ParseTimestamp took",
        std::string(text) + " -> " + formatted);
}

void SolarDate(std::string_view text) {
  const auto day = cal::ParseDate(text);
  if (!day.ok()) return;
  for (const std::string& formatted : {cal::FormatIsoDate(*day), cal::FormatDate(*day)}) {
    const auto again = cal::ParseDate(formatted);
    Check(again.ok() && *again == *day, "a formatted date must parse to the same day",
          std::string(text) + " -> " + formatted);
  }
  (void)cal::FormatDateLong(*day);
  const int year = YearOf(*day);
  if (year < kFirstLunarYear || year > kLastLunarYear) return;
  const cal::LunarDate lunar = cal::SolarToLunar(*day);
  (void)cal::FormatLunarDate(lunar);
  (void)cal::CanChiOfYear(lunar.year);
  const auto back = cal::LunarToSolar(lunar);
  Check(back.ok() && *back == *day, "solar -> lunar -> solar must give the same day",
        std::string(text) + " -> " + cal::FormatLunarDate(lunar));
}

void LunarDate(std::string_view text, bool leap) {
  const auto lunar = cal::ParseLunarDate(text, leap);
  if (!lunar.ok()) return;
  Check(lunar->day >= 1 && lunar->day <= 30 && lunar->month >= 1 && lunar->month <= 12,
        "ParseLunarDate must check the day and month ranges", text);
  if (lunar->year < kFirstLunarYear || lunar->year > kLastLunarYear) return;
  const auto solar = cal::LunarToSolar(*lunar);
  if (!solar.ok()) return;
  (void)cal::FormatLunarDate(*lunar);
  const cal::LunarDate back = cal::SolarToLunar(*solar);
  Check(back == *lunar, "lunar -> solar -> lunar must give the same date",
        std::string(text) + " -> " + cal::FormatIsoDate(*solar) + " -> " +
            cal::FormatLunarDate(back));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = tdkt::fuzz::AsText(data, size);
  CodecDate(text);
  Timestamp(text);
  SolarDate(text);
  LunarDate(text, false);
  LunarDate(text, true);
  return 0;
}
