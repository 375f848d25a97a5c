#include "engine/calendar/date_text.hpp"

#include <array>
#include <charconv>
#include <optional>

namespace tdkt::engine::calendar {
namespace {

using std::chrono::sys_days;

std::string TwoDigits(unsigned v) {
  return std::string(1, static_cast<char>('0' + v / 10 % 10)) + static_cast<char>('0' + v % 10);
}

// Four digits, as ParseDate requires ("0029"); years past 9999 are written in full.
std::string Year(std::chrono::year y) {
  std::string text = std::to_string(static_cast<int>(y));
  return std::string(text.size() < 4 ? 4 - text.size() : 0, '0') + text;
}

// Digits only: from_chars alone would take a sign ("-001" as the year -1).
std::optional<int> ParseNumber(std::string_view text, std::size_t min_len, std::size_t max_len) {
  if (text.size() < min_len || text.size() > max_len) return std::nullopt;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

struct DayMonthYear {
  int day = 0;
  int month = 0;
  int year = 0;
};

// Splits "YYYY-MM-DD" or "D/M/YYYY" into numbers, without checking that the date exists.
std::optional<DayMonthYear> SplitDate(std::string_view text) {
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    const auto y = ParseNumber(text.substr(0, 4), 4, 4);
    const auto m = ParseNumber(text.substr(5, 2), 2, 2);
    const auto d = ParseNumber(text.substr(8, 2), 2, 2);
    if (!y || !m || !d) return std::nullopt;
    return DayMonthYear{*d, *m, *y};
  }
  const auto first = text.find('/');
  const auto second = first == std::string_view::npos ? first : text.find('/', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  const auto d = ParseNumber(text.substr(0, first), 1, 2);
  const auto m = ParseNumber(text.substr(first + 1, second - first - 1), 1, 2);
  const auto y = ParseNumber(text.substr(second + 1), 4, 4);
  if (!y || !m || !d) return std::nullopt;
  return DayMonthYear{*d, *m, *y};
}

}  // namespace

std::string WeekdayName(sys_days day) {
  static constexpr std::array<const char*, 7> kNames = {"Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư",
                                                        "Thứ Năm",  "Thứ Sáu", "Thứ Bảy"};
  return kNames[std::chrono::weekday{day}.c_encoding()];
}

std::string FormatDate(sys_days day) {
  const std::chrono::year_month_day ymd{day};
  return TwoDigits(static_cast<unsigned>(ymd.day())) + "/" +
         TwoDigits(static_cast<unsigned>(ymd.month())) + "/" + Year(ymd.year());
}

std::string FormatIsoDate(sys_days day) {
  const std::chrono::year_month_day ymd{day};
  return Year(ymd.year()) + "-" + TwoDigits(static_cast<unsigned>(ymd.month())) + "-" +
         TwoDigits(static_cast<unsigned>(ymd.day()));
}

std::string FormatLocalDateTime(Timestamp t, int utc_offset_minutes) {
  const Timestamp local = t + std::chrono::minutes{utc_offset_minutes};
  const sys_days day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::hh_mm_ss<std::chrono::seconds> time{local - day};
  const int offset = utc_offset_minutes < 0 ? -utc_offset_minutes : utc_offset_minutes;
  return FormatIsoDate(day) + "T" + TwoDigits(static_cast<unsigned>(time.hours().count())) + ":" +
         TwoDigits(static_cast<unsigned>(time.minutes().count())) + ":" +
         TwoDigits(static_cast<unsigned>(time.seconds().count())) +
         (utc_offset_minutes < 0 ? "-" : "+") + TwoDigits(static_cast<unsigned>(offset / 60)) +
         ":" + TwoDigits(static_cast<unsigned>(offset % 60));
}

std::string FormatDateLong(sys_days day) { return WeekdayName(day) + ", " + FormatDate(day); }

std::string FormatLunarDate(const LunarDate& lunar) {
  std::string text =
      lunar.day <= 10 ? "mùng " + std::to_string(lunar.day) : std::to_string(lunar.day);
  text += " tháng ";
  if (lunar.month == 1) {
    text += "Giêng";
  } else if (lunar.month == 12) {
    text += "Chạp";
  } else {
    text += std::to_string(lunar.month);
  }
  if (lunar.leap) text += " nhuận";
  return text + " năm " + CanChiOfYear(lunar.year);
}

Result<sys_days> ParseDate(std::string_view text) {
  const auto parts = SplitDate(text);
  if (!parts) {
    return Status::InvalidArgument("'" + std::string(text) +
                                   "' is not a date (expected YYYY-MM-DD or DD/MM/YYYY)");
  }
  const std::chrono::year_month_day ymd{std::chrono::year{parts->year},
                                        std::chrono::month{static_cast<unsigned>(parts->month)},
                                        std::chrono::day{static_cast<unsigned>(parts->day)}};
  if (parts->month < 1 || parts->day < 1 || !ymd.ok()) {
    return Status::InvalidArgument("'" + std::string(text) + "' is not a valid date");
  }
  return sys_days{ymd};
}

bool IsSupportedDate(sys_days day) {
  const int year = static_cast<int>(std::chrono::year_month_day{day}.year());
  return year >= kFirstSupportedYear && year <= kLastSupportedYear;
}

std::string UnsupportedDateMessage(sys_days day) {
  return "the calendar covers the years " + std::to_string(kFirstSupportedYear) + "–" +
         std::to_string(kLastSupportedYear) + " only, not " + FormatIsoDate(day);
}

Result<Timestamp> ParseInstantOrLocalDate(std::string_view text, int utc_offset_minutes) {
  const auto invalid = [&] {
    return Status::InvalidArgument(
        "expected a local date YYYY-MM-DD or a UTC time "
        "YYYY-MM-DDTHH:MM:SSZ, got '" +
        std::string(text) + "'");
  };
  if (text.size() != 10 && text.size() != 20) return invalid();
  if (text[4] != '-' || text[7] != '-') return invalid();
  const auto y = ParseNumber(text.substr(0, 4), 4, 4);
  const auto mo = ParseNumber(text.substr(5, 2), 2, 2);
  const auto d = ParseNumber(text.substr(8, 2), 2, 2);
  if (!y || !mo || !d || *mo < 1 || *d < 1) return invalid();
  const std::chrono::year_month_day ymd{std::chrono::year{*y},
                                        std::chrono::month{static_cast<unsigned>(*mo)},
                                        std::chrono::day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return invalid();
  const Timestamp midnight{sys_days{ymd}};
  if (text.size() == 10) return midnight - std::chrono::minutes{utc_offset_minutes};
  if (text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z') return invalid();
  const auto h = ParseNumber(text.substr(11, 2), 2, 2);
  const auto mi = ParseNumber(text.substr(14, 2), 2, 2);
  const auto s = ParseNumber(text.substr(17, 2), 2, 2);
  if (!h || !mi || !s || *h > 23 || *mi > 59 || *s > 59) return invalid();
  return midnight + std::chrono::hours{*h} + std::chrono::minutes{*mi} + std::chrono::seconds{*s};
}

Result<LunarDate> ParseLunarDate(std::string_view text, bool leap) {
  const auto parts = SplitDate(text);
  if (!parts) {
    return Status::InvalidArgument("'" + std::string(text) +
                                   "' is not a lunar date (expected YYYY-MM-DD or DD/MM/YYYY)");
  }
  if (parts->month < 1 || parts->month > 12 || parts->day < 1 || parts->day > 30) {
    return Status::InvalidArgument("'" + std::string(text) +
                                   "' is not a lunar date (day 1..30, month 1..12)");
  }
  return LunarDate{parts->day, parts->month, parts->year, leap};
}

}  // namespace tdkt::engine::calendar
