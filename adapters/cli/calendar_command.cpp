#include "adapters/cli/calendar_command.hpp"

#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include <iostream>
#include <memory>
#include <string>

#include "adapters/config/yaml_reader.hpp"
#include "engine/calendar/date_text.hpp"
#include "engine/calendar/lunar.hpp"

namespace tdkt::adapters::cli {
namespace {

namespace cal = engine::calendar;
using std::chrono::sys_days;

struct Args {
  bool json = false;
  int year = 0;
  std::string date;
  std::string to;
  int n = 0;
  bool leap = false;
};

constexpr int kBadInput = 2;

void PrintJson(const boost::json::value& value) {
  std::cout << boost::json::serialize(value) << "\n";
}

int Holidays(const cal::WorkingCalendar& calendar, const Args& args) {
  if (args.year < 1900 || args.year > 2100) return Fail(kBadInput, "năm phải từ 1900 đến 2100");
  const auto entries = calendar.HolidaysOfYear(args.year);
  if (args.json) {
    boost::json::array days;
    for (const cal::CalendarEntry& e : entries) {
      days.push_back({{"date", cal::FormatIsoDate(e.date)},
                      {"weekday", cal::WeekdayName(e.date)},
                      {"kind", e.kind == cal::DayKind::kDayOff ? "day_off" : "working_day"},
                      {"name", e.name},
                      {"reason", e.reason}});
    }
    PrintJson({{"year", args.year}, {"can_chi", cal::CanChiOfYear(args.year)}, {"days", days}});
    return 0;
  }
  std::cout << "Năm " << args.year << " (" << cal::CanChiOfYear(args.year)
            << "): ngày nghỉ ngoài thứ Bảy, Chủ nhật và ngày làm bù\n";
  for (const cal::CalendarEntry& e : entries) {
    std::cout << cal::FormatDateLong(e.date) << " — "
              << (e.kind == cal::DayKind::kDayOff ? "nghỉ" : "làm việc") << " — " << e.name << " ("
              << e.reason << ")\n";
  }
  return 0;
}

int AddWorkingDays(const cal::WorkingCalendar& calendar, const Args& args) {
  const auto parsed = cal::ParseDate(args.date);
  if (!parsed.ok()) return Fail(kBadInput, parsed.status().message());
  const sys_days from = *parsed;
  const sys_days result = calendar.AddWorkingDays(from, args.n);
  const std::string deadline = cal::FormatLocalDateTime(calendar.EndOfWorkingDay(result),
                                                        calendar.settings().utc_offset_minutes);
  if (args.json) {
    PrintJson({{"from", cal::FormatIsoDate(from)},
               {"working_days", args.n},
               {"date", cal::FormatIsoDate(result)},
               {"weekday", cal::WeekdayName(result)},
               {"deadline", deadline}});
    return 0;
  }
  std::cout << cal::FormatDateLong(from) << " + " << args.n
            << " ngày làm việc = " << cal::FormatDateLong(result) << " (hạn cuối " << deadline
            << ")\n";
  return 0;
}

int WorkingDaysBetween(const cal::WorkingCalendar& calendar, const Args& args) {
  const auto from_parsed = cal::ParseDate(args.date);
  if (!from_parsed.ok()) return Fail(kBadInput, from_parsed.status().message());
  const auto to_parsed = cal::ParseDate(args.to);
  if (!to_parsed.ok()) return Fail(kBadInput, to_parsed.status().message());
  const sys_days from = *from_parsed;
  const sys_days to = *to_parsed;
  const int count = calendar.WorkingDaysBetween(from, to);
  if (args.json) {
    PrintJson({{"from", cal::FormatIsoDate(from)},
               {"to", cal::FormatIsoDate(to)},
               {"working_days", count}});
    return 0;
  }
  std::cout << "Từ " << cal::FormatDateLong(from) << " đến " << cal::FormatDateLong(to) << ": "
            << count << " ngày làm việc (không tính ngày đầu, tính ngày cuối)\n";
  return 0;
}

int Lunar(const Args& args) {
  const auto parsed = cal::ParseDate(args.date);
  if (!parsed.ok()) return Fail(kBadInput, parsed.status().message());
  if (*parsed < sys_days{std::chrono::year{1800} / 1 / 1} ||
      *parsed > sys_days{std::chrono::year{2199} / 12 / 31}) {
    return Fail(kBadInput, "âm lịch chỉ tính cho các năm 1800–2199");
  }
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
  if (!parsed.ok()) return Fail(kBadInput, parsed.status().message());
  const cal::LunarDate lunar = *parsed;
  if (lunar.year < 1800 || lunar.year > 2199) {
    return Fail(kBadInput, "âm lịch chỉ tính cho các năm 1800–2199");
  }
  const auto converted = cal::LunarToSolar(lunar);
  if (!converted.ok()) return Fail(kBadInput, converted.status().message());
  const sys_days solar = *converted;
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

// Runs `command` on the configured calendar, reporting a configuration error as bad input.
int WithCalendar(const CalendarFactory& load_calendar,
                 const std::function<int(const cal::WorkingCalendar&)>& command) {
  try {
    return command(load_calendar());
  } catch (const config::ConfigError& e) {
    return Fail(kBadInput, e.what());
  }
}

}  // namespace

void AddCalendarCommand(CLI::App& app, CommandContext& context, CalendarFactory load_calendar) {
  auto args = std::make_shared<Args>();
  auto factory = std::make_shared<CalendarFactory>(std::move(load_calendar));
  CLI::App* calendar = app.add_subcommand("calendar", "Lịch ngày làm việc và âm lịch Việt Nam");
  calendar->require_subcommand(1);
  calendar->fallthrough();
  calendar->add_flag("--json", args->json, "In kết quả dạng JSON");

  CLI::App* holidays = calendar->add_subcommand(
      "holidays", "Các ngày nghỉ (ngoài cuối tuần) và ngày làm bù của một năm");
  holidays->add_option("YEAR", args->year, "Năm dương lịch")->required();
  holidays->callback([args, factory, &context] {
    context.exit_code =
        WithCalendar(*factory, [&](const cal::WorkingCalendar& c) { return Holidays(c, *args); });
  });

  CLI::App* add = calendar->add_subcommand("add-working-days", "Cộng N ngày làm việc vào một ngày");
  add->add_option("DATE", args->date, "Ngày (YYYY-MM-DD hoặc DD/MM/YYYY)")->required();
  add->add_option("N", args->n, "Số ngày làm việc")->required();
  add->callback([args, factory, &context] {
    context.exit_code = WithCalendar(
        *factory, [&](const cal::WorkingCalendar& c) { return AddWorkingDays(c, *args); });
  });

  CLI::App* between =
      calendar->add_subcommand("working-days-between", "Số ngày làm việc sau FROM đến hết TO");
  between->add_option("FROM", args->date, "Ngày đầu (không tính)")->required();
  between->add_option("TO", args->to, "Ngày cuối (có tính)")->required();
  between->callback([args, factory, &context] {
    context.exit_code = WithCalendar(
        *factory, [&](const cal::WorkingCalendar& c) { return WorkingDaysBetween(c, *args); });
  });

  CLI::App* lunar = calendar->add_subcommand("lunar", "Đổi ngày dương lịch sang âm lịch");
  lunar->add_option("DATE", args->date, "Ngày dương lịch")->required();
  lunar->callback([args, &context] { context.exit_code = Lunar(*args); });

  CLI::App* solar = calendar->add_subcommand("solar", "Đổi ngày âm lịch sang dương lịch");
  solar->add_option("LUNAR_DATE", args->date, "Ngày âm lịch (DD/MM/YYYY hoặc YYYY-MM-DD)")
      ->required();
  solar->add_flag("--leap", args->leap, "Tháng nhuận");
  solar->callback([args, &context] { context.exit_code = Solar(*args); });
}

}  // namespace tdkt::adapters::cli
