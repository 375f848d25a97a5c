#include "adapters/cli/calendar_command.hpp"

#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <charconv>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adapters/cli/data_paths.hpp"
#include "adapters/config/calendar_loader.hpp"
#include "adapters/config/settings.hpp"
#include "adapters/config/yaml_reader.hpp"
#include "engine/calendar/date_text.hpp"
#include "engine/calendar/lunar.hpp"

namespace tdkt::adapters::cli {
namespace {

namespace cal = engine::calendar;
using std::chrono::sys_days;

struct Args {
  std::string config_file;  // --config; empty: TDKT_CONFIG, else the default configuration
  bool json = false;
  std::string year;
  std::string date;
  std::string to;
  std::string n;
  bool leap = false;
};

constexpr int kBadInput = 2;
// |N| of add-working-days: about 400 years of working days, more than the supported range holds,
// and still answered at once.
constexpr int kMaxWorkingDays = 100000;

// A whole number in [min, max] written in decimal digits with an optional leading '-'; nullopt for
// anything else (an empty text, "+3", "3.0", "1e9", a number out of range).
std::optional<int> ParseBoundedInt(const std::string& text, int min, int max) {
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  if (begin == end || (*begin != '-' && (*begin < '0' || *begin > '9'))) return std::nullopt;
  int value = 0;
  const auto [stop, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc() || stop != end || value < min || value > max) return std::nullopt;
  return value;
}

// A date argument: one of the two forms, and within the calendar's years.
engine::Result<sys_days> ParseSupportedDate(const std::string& name, const std::string& text) {
  const auto parsed = cal::ParseDate(text);
  if (!parsed.ok()) return engine::Status::InvalidArgument(name + ": " + parsed.status().message());
  if (!cal::IsSupportedDate(*parsed)) {
    return engine::Status::InvalidArgument(name + ": " + cal::UnsupportedDateMessage(*parsed));
  }
  return *parsed;
}

std::string SupportedYears() {
  return std::to_string(cal::kFirstSupportedYear) + "–" + std::to_string(cal::kLastSupportedYear);
}

// The years from `first` to `last` that have no official notice: a count over them may move
// when their notice comes out.
std::vector<int> ProvisionalYears(const cal::WorkingCalendar& calendar, sys_days first,
                                  sys_days last) {
  std::vector<int> out;
  const int from = static_cast<int>(std::chrono::year_month_day{first}.year());
  const int to = static_cast<int>(std::chrono::year_month_day{last}.year());
  for (int year = from; year <= to; ++year) {
    if (calendar.IsProvisional(year)) out.push_back(year);
  }
  return out;
}

// "; TẠM TÍNH: năm 2027 chưa có thông báo chính thức về lịch nghỉ", or "" when none.
std::string ProvisionalNote(const std::vector<int>& years) {
  if (years.empty()) return "";
  std::string list;
  for (int year : years) list += (list.empty() ? "" : ", ") + std::to_string(year);
  return "; TẠM TÍNH: năm " + list + " chưa có thông báo chính thức về lịch nghỉ";
}

void PrintJson(const boost::json::value& value) {
  std::cout << boost::json::serialize(value) << "\n";
}

int Holidays(const cal::WorkingCalendar& calendar, const Args& args) {
  const auto year = ParseBoundedInt(args.year, cal::kFirstSupportedYear, cal::kLastSupportedYear);
  if (!year) {
    return Fail(kBadInput, "YEAR: expected a year " + SupportedYears() +
                               " (the years the calendar covers), got '" + args.year + "'");
  }
  const auto entries = calendar.HolidaysOfYear(*year);
  const bool provisional = calendar.IsProvisional(*year);
  const std::vector<cal::Notice> notices = calendar.NoticesOf(*year);
  if (args.json) {
    boost::json::array days;
    for (const cal::CalendarEntry& e : entries) {
      days.push_back({{"date", cal::FormatIsoDate(e.date)},
                      {"weekday", cal::WeekdayName(e.date)},
                      {"kind", e.kind == cal::DayKind::kDayOff ? "day_off" : "working_day"},
                      {"name", e.name},
                      {"reason", e.reason}});
    }
    boost::json::array cited;
    for (const cal::Notice& n : notices) {
      cited.push_back({{"number", n.number},
                       {"date", n.date ? boost::json::value(cal::FormatIsoDate(*n.date))
                                       : boost::json::value(nullptr)},
                       {"issuer", n.issuer},
                       {"subject", n.subject}});
    }
    PrintJson({{"year", *year},
               {"can_chi", cal::CanChiOfYear(*year)},
               {"provisional", provisional},
               {"notices", cited},
               {"days", days}});
    return 0;
  }
  std::cout << "Năm " << *year << " (" << cal::CanChiOfYear(*year)
            << "): ngày nghỉ ngoài thứ Bảy, Chủ nhật và ngày làm bù\n";
  if (provisional) {
    std::cout << "LỊCH TẠM TÍNH: chưa có thông báo chính thức về lịch nghỉ năm " << *year
              << "; các ngày dưới đây tính theo ngày nghỉ lễ, Tết của Bộ luật Lao động và có thể "
                 "thay đổi khi có thông báo (bổ sung vào tệp lịch của năm)\n";
  } else {
    for (const cal::Notice& n : notices) {
      std::cout << "Theo: " << n.number
                << (n.date ? " ngày " + cal::FormatDate(*n.date) : std::string(" (chưa rõ ngày)"))
                << " của " << n.issuer << " — " << n.subject << "\n";
    }
  }
  for (const cal::CalendarEntry& e : entries) {
    std::cout << cal::FormatDateLong(e.date) << " — "
              << (e.kind == cal::DayKind::kDayOff ? "nghỉ" : "làm việc") << " — " << e.name << " ("
              << e.reason << ")\n";
  }
  return 0;
}

int AddWorkingDays(const cal::WorkingCalendar& calendar, const Args& args) {
  const auto parsed = ParseSupportedDate("DATE", args.date);
  if (!parsed.ok()) return Fail(kBadInput, parsed.status().message());
  const auto n = ParseBoundedInt(args.n, -kMaxWorkingDays, kMaxWorkingDays);
  if (!n) {
    return Fail(kBadInput, "N: expected a whole number of working days from -" +
                               std::to_string(kMaxWorkingDays) + " to " +
                               std::to_string(kMaxWorkingDays) + ", got '" + args.n + "'");
  }
  const sys_days from = *parsed;
  const sys_days result = calendar.AddWorkingDays(from, *n);
  if (!cal::IsSupportedDate(result)) {
    return Fail(kBadInput, cal::FormatIsoDate(from) + " + " + std::to_string(*n) +
                               " working days: " + cal::UnsupportedDateMessage(result));
  }
  const std::string deadline = cal::FormatLocalDateTime(calendar.EndOfWorkingDay(result),
                                                        calendar.settings().utc_offset_minutes);
  const std::vector<int> provisional =
      ProvisionalYears(calendar, std::min(from, result), std::max(from, result));
  if (args.json) {
    PrintJson({{"from", cal::FormatIsoDate(from)},
               {"working_days", *n},
               {"date", cal::FormatIsoDate(result)},
               {"weekday", cal::WeekdayName(result)},
               {"deadline", deadline},
               {"provisional", !provisional.empty()}});
    return 0;
  }
  std::cout << cal::FormatDateLong(from) << " + " << *n
            << " ngày làm việc = " << cal::FormatDateLong(result) << " (hạn cuối " << deadline
            << ")" << ProvisionalNote(provisional) << "\n";
  return 0;
}

int WorkingDaysBetween(const cal::WorkingCalendar& calendar, const Args& args) {
  const auto from_parsed = ParseSupportedDate("FROM", args.date);
  if (!from_parsed.ok()) return Fail(kBadInput, from_parsed.status().message());
  const auto to_parsed = ParseSupportedDate("TO", args.to);
  if (!to_parsed.ok()) return Fail(kBadInput, to_parsed.status().message());
  const sys_days from = *from_parsed;
  const sys_days to = *to_parsed;
  const int count = calendar.WorkingDaysBetween(from, to);
  const std::vector<int> provisional =
      ProvisionalYears(calendar, std::min(from, to), std::max(from, to));
  if (args.json) {
    PrintJson({{"from", cal::FormatIsoDate(from)},
               {"to", cal::FormatIsoDate(to)},
               {"working_days", count},
               {"provisional", !provisional.empty()}});
    return 0;
  }
  std::cout << "Từ " << cal::FormatDateLong(from) << " đến " << cal::FormatDateLong(to) << ": "
            << count << " ngày làm việc (không tính ngày đầu, tính ngày cuối)"
            << ProvisionalNote(provisional) << "\n";
  return 0;
}

int Lunar(const Args& args) {
  const auto parsed = ParseSupportedDate("DATE", args.date);
  if (!parsed.ok()) return Fail(kBadInput, parsed.status().message());
  const sys_days solar = *parsed;
  const cal::LunarDate lunar = cal::SolarToLunar(solar);
  if (args.json) {
    PrintJson({{"solar", cal::FormatIsoDate(solar)},
               {"weekday", cal::WeekdayName(solar)},
               {"day", lunar.day},
               {"month", lunar.month},
               {"year", lunar.year},
               {"leap", lunar.leap},
               {"can_chi_year", cal::CanChiOfYear(lunar.year)},
               {"text", cal::FormatLunarDate(lunar)}});
    return 0;
  }
  std::cout << cal::FormatDateLong(solar) << " dương lịch = " << cal::FormatLunarDate(lunar)
            << " âm lịch (" << lunar.day << "/" << lunar.month << (lunar.leap ? " nhuận" : "")
            << "/" << lunar.year << ")\n";
  return 0;
}

int Solar(const Args& args) {
  const auto parsed = cal::ParseLunarDate(args.date, args.leap);
  if (!parsed.ok()) return Fail(kBadInput, "LUNAR_DATE: " + parsed.status().message());
  const cal::LunarDate lunar = *parsed;
  if (lunar.year < cal::kFirstSupportedYear || lunar.year > cal::kLastSupportedYear) {
    return Fail(kBadInput, "LUNAR_DATE: the calendar covers the lunar years " + SupportedYears() +
                               " only, not " + std::to_string(lunar.year));
  }
  const auto converted = cal::LunarToSolar(lunar);
  if (!converted.ok()) return Fail(kBadInput, "LUNAR_DATE: " + converted.status().message());
  const sys_days solar = *converted;
  // The last months of lunar 2100 fall in solar 2101.
  if (!cal::IsSupportedDate(solar)) {
    return Fail(kBadInput, "LUNAR_DATE: " + cal::UnsupportedDateMessage(solar));
  }
  if (args.json) {
    PrintJson({{"lunar",
                {{"day", lunar.day},
                 {"month", lunar.month},
                 {"year", lunar.year},
                 {"leap", lunar.leap},
                 {"can_chi_year", cal::CanChiOfYear(lunar.year)}}},
               {"solar", cal::FormatIsoDate(solar)},
               {"weekday", cal::WeekdayName(solar)}});
    return 0;
  }
  std::cout << cal::FormatLunarDate(lunar) << " âm lịch = " << cal::FormatDateLong(solar)
            << " dương lịch\n";
  return 0;
}

// The calendar directory the way `tdkt serve` finds it: paths.calendar of the configuration file
// (--config, else TDKT_CONFIG), else the default one: config/calendar of a checkout, else the
// installed data's (data_paths.hpp).
std::string CalendarDirectory(const Args& args) {
  return LoadSettings(ConfigFile(args.config_file)).calendar_dir;
}

// Runs `command` on the configured calendar, reporting a configuration error as bad input.
int WithCalendar(const Args& args, const std::function<int(const cal::WorkingCalendar&)>& command) {
  std::optional<cal::WorkingCalendar> calendar;
  try {
    calendar = config::LoadWorkingCalendar(CalendarDirectory(args));
  } catch (const config::ConfigError& e) {
    return Fail(kBadInput, e.what());
  }
  return command(*calendar);
}

}  // namespace

void AddCalendarCommand(CLI::App& app, CommandContext& context) {
  auto args = std::make_shared<Args>();
  CLI::App* calendar = app.add_subcommand("calendar", "Lịch ngày làm việc và âm lịch Việt Nam");
  calendar->require_subcommand(1);
  calendar->fallthrough();
  calendar->add_flag("--json", args->json, "In kết quả dạng JSON");
  calendar
      ->add_option("--config", args->config_file,
                   "Tệp cấu hình YAML như của `tdkt serve` (lấy paths.calendar); mặc định "
                   "TDKT_CONFIG, không có thì config/calendar (hoặc lịch đã cài đặt)")
      ->check(CLI::ExistingFile);

  const std::string years = "năm " + SupportedYears();
  CLI::App* holidays = calendar->add_subcommand(
      "holidays", "Các ngày nghỉ (ngoài cuối tuần) và ngày làm bù của một năm");
  holidays->add_option("YEAR", args->year, "Năm dương lịch (" + years + ")")->required();
  holidays->callback([args, &context] {
    context.exit_code =
        WithCalendar(*args, [&](const cal::WorkingCalendar& c) { return Holidays(c, *args); });
  });

  CLI::App* add = calendar->add_subcommand("add-working-days", "Cộng N ngày làm việc vào một ngày");
  add->add_option("DATE", args->date, "Ngày (YYYY-MM-DD hoặc DD/MM/YYYY, " + years + ")")
      ->required();
  add->add_option("N", args->n,
                  "Số ngày làm việc, từ -" + std::to_string(kMaxWorkingDays) + " đến " +
                      std::to_string(kMaxWorkingDays))
      ->required();
  add->callback([args, &context] {
    context.exit_code = WithCalendar(
        *args, [&](const cal::WorkingCalendar& c) { return AddWorkingDays(c, *args); });
  });

  CLI::App* between =
      calendar->add_subcommand("working-days-between", "Số ngày làm việc sau FROM đến hết TO");
  between->add_option("FROM", args->date, "Ngày đầu (không tính)")->required();
  between->add_option("TO", args->to, "Ngày cuối (có tính)")->required();
  between->callback([args, &context] {
    context.exit_code = WithCalendar(
        *args, [&](const cal::WorkingCalendar& c) { return WorkingDaysBetween(c, *args); });
  });

  CLI::App* lunar = calendar->add_subcommand("lunar", "Đổi ngày dương lịch sang âm lịch");
  lunar->add_option("DATE", args->date, "Ngày dương lịch (" + years + ")")->required();
  lunar->callback([args, &context] { context.exit_code = Lunar(*args); });

  CLI::App* solar = calendar->add_subcommand("solar", "Đổi ngày âm lịch sang dương lịch");
  solar
      ->add_option("LUNAR_DATE", args->date,
                   "Ngày âm lịch (DD/MM/YYYY hoặc YYYY-MM-DD, " + years + ")")
      ->required();
  solar->add_flag("--leap", args->leap, "Tháng nhuận");
  solar->callback([args, &context] { context.exit_code = Solar(*args); });
}

}  // namespace tdkt::adapters::cli
