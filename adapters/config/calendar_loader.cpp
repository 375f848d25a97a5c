#include "adapters/config/calendar_loader.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <system_error>
#include <tuple>
#include <utility>
#include <vector>

#include "adapters/config/yaml_reader.hpp"
#include "engine/calendar/date_text.hpp"

namespace tdkt::adapters::config {
namespace {

namespace cal = engine::calendar;
using std::chrono::sys_days;

constexpr int kLongestRangeDays = 31;

// What the files of one directory build together: each date's file (a date given twice is
// refused), which file fixes which holiday (checked against the statutory ones at the end), and
// the file of the statutory holidays.
struct LoadState {
  std::map<sys_days, std::string> seen;
  std::vector<std::pair<std::string, std::string>> fixes;  // {file, holiday key}
  std::string statutory_file;
};

// "01/09" → {1, 9}: a day and a month, two digits each.
std::pair<unsigned, unsigned> DayMonth(YamlMap& map, const std::string& key) {
  const std::string text = map.RequiredString(key);
  auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  const bool shape =
      text.size() == 5 && digit(0) && digit(1) && text[2] == '/' && digit(3) && digit(4);
  if (!shape) map.Fail(key, "expected a day and month DD/MM, got \"" + text + "\"");
  return {static_cast<unsigned>((text[0] - '0') * 10 + (text[1] - '0')),
          static_cast<unsigned>((text[3] - '0') * 10 + (text[4] - '0'))};
}

std::optional<sys_days> OptionalDate(YamlMap& map, const std::string& key) {
  const std::optional<std::string> text = map.OptionalString(key);
  if (!text) return std::nullopt;
  const auto date = cal::ParseDate(*text);
  if (!date.ok()) map.Fail(key, "expected a date YYYY-MM-DD, got \"" + *text + "\"");
  return *date;
}

// One entry of `statutory_holidays`. The engine's checks (WorkingCalendar::Create) run here on
// the entry alone, so that a refusal names the file and the entry.
cal::StatutoryHoliday ParseStatutory(YamlMap& entry) {
  cal::StatutoryHoliday h;
  h.key = entry.RequiredString("key");
  h.name = entry.RequiredString("name");
  h.source = entry.RequiredString("source");
  const int rules = (entry.Has("solar") ? 1 : 0) + (entry.Has("lunar") ? 1 : 0) +
                    (entry.Has("lunar_new_year") ? 1 : 0);
  if (rules != 1) {
    entry.Fail("solar", "expected exactly one of solar (DD/MM), lunar (DD/MM) and lunar_new_year");
  }
  if (entry.Has("solar")) {
    h.rule = cal::HolidayRule::kSolarDate;
    std::tie(h.day, h.month) = DayMonth(entry, "solar");
    h.adjacent_day = entry.Bool("adjacent_day", false);
  } else if (entry.Has("lunar")) {
    h.rule = cal::HolidayRule::kLunarDate;
    std::tie(h.day, h.month) = DayMonth(entry, "lunar");
  } else {
    h.rule = cal::HolidayRule::kLunarNewYear;
    YamlMap tet = entry.RequiredMap("lunar_new_year");
    const std::int64_t before = tet.RequiredInt("days_before");
    const std::int64_t from = tet.RequiredInt("days_from");
    if (before < 0 || before > 3) tet.Fail("days_before", "expected 0 to 3 days before mùng 1");
    if (from < 1 || from > 10) tet.Fail("days_from", "expected 1 to 10 days from mùng 1");
    h.days_before = static_cast<int>(before);
    h.days_from = static_cast<int>(from);
    tet.RejectUnknownKeys();
  }
  h.effective_from = OptionalDate(entry, "effective_from");
  h.effective_until = OptionalDate(entry, "effective_until");
  entry.RejectUnknownKeys();
  cal::CalendarSettings alone;
  alone.statutory = {h};
  if (auto checked = cal::WorkingCalendar::Create(alone); !checked.ok()) {
    const std::string field =
        h.effective_from && h.effective_until && *h.effective_until < *h.effective_from
            ? "effective_until"
        : entry.Has("solar") ? "solar"
        : entry.Has("lunar") ? "lunar"
                             : "lunar_new_year";
    entry.Fail(field, checked.status().message());
  }
  return h;
}

sys_days RequiredDate(YamlMap& map, const std::string& key, int year) {
  const std::string text = map.RequiredString(key);
  const auto date = cal::ParseDate(text);
  if (!date.ok()) map.Fail(key, "expected a date YYYY-MM-DD, got \"" + text + "\"");
  if (static_cast<int>(std::chrono::year_month_day{*date}.year()) != year) {
    map.Fail(key, "expected a date in " + std::to_string(year) + ", the file's year, got \"" +
                      text + "\"");
  }
  return *date;
}

// "08:00" → {8, 0}.
std::pair<int, int> TimeOfDay(YamlMap& map, const std::string& key) {
  const std::string text = map.RequiredString(key);
  // Digits everywhere but the colon: std::stoi would throw on ":7" (not a ConfigError).
  auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  const bool shape =
      text.size() == 5 && digit(0) && digit(1) && text[2] == ':' && digit(3) && digit(4);
  const int hour = shape ? (text[0] - '0') * 10 + (text[1] - '0') : -1;
  const int minute = shape ? (text[3] - '0') * 10 + (text[4] - '0') : -1;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
    map.Fail(key, "expected a time of day HH:MM, got \"" + text + "\"");
  }
  return {hour, minute};
}

void ParseInto(const YAML::Node& root, const std::string& origin, cal::CalendarSettings& settings,
               LoadState& state) {
  YamlMap doc(root, origin);
  if (doc.Has("statutory_holidays")) {
    if (!state.statutory_file.empty()) {
      doc.Fail("statutory_holidays", "already given in " + state.statutory_file);
    }
    state.statutory_file = origin;
    std::map<std::string, std::size_t> keys;
    std::vector<YamlMap> entries = doc.MapList("statutory_holidays", true);
    for (std::size_t i = 0; i < entries.size(); ++i) {
      cal::StatutoryHoliday h = ParseStatutory(entries[i]);
      if (const auto [it, inserted] = keys.emplace(h.key, i); !inserted) {
        entries[i].Fail("key", "\"" + h.key + "\" is already the key of statutory_holidays[" +
                                   std::to_string(it->second) + "]");
      }
      settings.statutory.push_back(std::move(h));
    }
  }
  if (auto hours = doc.OptionalMap("office_hours")) {
    const auto [start_hour, start_minute] = TimeOfDay(*hours, "start");
    const auto [end_hour, end_minute] = TimeOfDay(*hours, "end");
    hours->RejectUnknownKeys();
    settings.office_start_hour = start_hour;
    settings.office_start_minute = start_minute;
    settings.office_end_hour = end_hour;
    settings.office_end_minute = end_minute;
  }
  const bool has_year_data = doc.Has("overrides") || doc.Has("fixes") || doc.Has("notices");
  const std::optional<std::int64_t> year_value = doc.OptionalInt("year");
  if (has_year_data && !year_value) {
    doc.Fail("year", "missing required value (expected the year this file's overrides are for)");
  }
  if (year_value && (*year_value < 1900 || *year_value > 2100)) {
    doc.Fail("year", "expected a year from 1900 to 2100");
  }
  const int year = static_cast<int>(year_value.value_or(0));

  for (YamlMap& entry : doc.MapList("notices")) {
    cal::Notice notice;
    notice.year = year;
    notice.number = entry.RequiredString("number");
    notice.date = OptionalDate(entry, "date");  // absent: not known (said in the file)
    notice.issuer = entry.RequiredString("issuer");
    notice.subject = entry.RequiredString("subject");
    if (notice.number.empty()) entry.Fail("number", "expected the notice's number");
    if (notice.issuer.empty()) entry.Fail("issuer", "expected the body that issued the notice");
    entry.RejectUnknownKeys();
    settings.notices.push_back(std::move(notice));
  }

  // The keys are checked against the statutory holidays once every file is read.
  for (const std::string& key : doc.StringList("fixes")) {
    settings.fixed_by_notice.push_back({year, key});
    state.fixes.emplace_back(origin, key);
  }

  for (YamlMap& entry : doc.MapList("overrides")) {
    sys_days from{};
    sys_days to{};
    if (entry.Has("date")) {
      if (entry.Has("from") || entry.Has("to")) {
        entry.Fail("date", "give either date, or from and to, not both");
      }
      from = to = RequiredDate(entry, "date", year);
    } else {
      if (!entry.Has("from")) {
        entry.Fail("date", "missing required value (expected date, or from and to)");
      }
      from = RequiredDate(entry, "from", year);
      to = RequiredDate(entry, "to", year);
      if (to < from) entry.Fail("to", "expected a date on or after `from`");
      if ((to - from).count() >= kLongestRangeDays) {
        entry.Fail("to",
                   "a range may cover at most " + std::to_string(kLongestRangeDays) + " days");
      }
    }
    if (!entry.Has("kind")) {
      entry.Fail("kind", "missing required value (expected day_off or working_day)");
    }
    const std::string kind = entry.Enum("kind", {"day_off", "working_day"}, "day_off");
    const std::string name = entry.RequiredString("name");
    const std::string source = entry.RequiredString("source");
    if (name.empty()) entry.Fail("name", "expected a non-empty name");
    if (source.empty()) entry.Fail("source", "expected the notice this entry comes from");
    entry.RejectUnknownKeys();
    for (sys_days d = from; d <= to; d += std::chrono::days{1}) {
      const auto [it, inserted] = state.seen.emplace(d, origin);
      if (!inserted) {
        entry.Fail(entry.Has("date") ? "date" : "from",
                   cal::FormatIsoDate(d) + " is already configured in " + it->second);
      }
      settings.overrides.push_back(
          {d, kind == "day_off" ? cal::DayKind::kDayOff : cal::DayKind::kWorkingDay, name, source});
    }
  }
  doc.RejectUnknownKeys();
}

}  // namespace

void ParseCalendarYaml(const std::string& text, const std::string& origin,
                       cal::CalendarSettings& settings) {
  LoadState state;
  for (const cal::CalendarEntry& e : settings.overrides) {
    state.seen.emplace(e.date, "an earlier file");
  }
  ParseInto(LoadYamlString(text, origin), origin, settings, state);
}

cal::CalendarSettings LoadCalendarSettings(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<std::string> files;
  if (fs::is_directory(path, ec)) {
    for (const fs::directory_entry& entry : fs::directory_iterator(path, ec)) {
      const std::string ext = entry.path().extension().string();
      if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml")) {
        files.push_back(entry.path().string());
      }
    }
    if (ec) throw ConfigError(path + ": cannot list the directory: " + ec.message());
    std::sort(files.begin(), files.end());
  } else if (fs::is_regular_file(path, ec)) {
    files.push_back(path);
  } else {
    throw ConfigError(path + ": no such calendar file or directory");
  }
  cal::CalendarSettings settings;
  LoadState state;
  bool office_hours_set = false;
  for (const std::string& file : files) {
    const YAML::Node root = LoadYamlFile(file);
    if (root.IsMap() && root["office_hours"].IsDefined()) {
      if (office_hours_set) {
        throw ConfigError(file + ": office_hours: already set by another calendar file");
      }
      office_hours_set = true;
    }
    ParseInto(root, file, settings, state);
  }
  if (state.statutory_file.empty()) {
    throw ConfigError(path +
                      ": no statutory_holidays: the calendar needs the public holidays of the law "
                      "(one file with statutory_holidays, as config/calendar/statutory.yaml)");
  }
  // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
  for (const std::pair<std::string, std::string>& fix : state.fixes) {
    const std::string& key = fix.second;
    const bool known = std::any_of(settings.statutory.begin(), settings.statutory.end(),
                                   [&](const cal::StatutoryHoliday& h) { return h.key == key; });
    if (!known) {
      throw ConfigError(fix.first + ": fixes: \"" + key +
                        "\" is not a key of the statutory holidays of " + state.statutory_file);
    }
  }
  return settings;
}

cal::WorkingCalendar LoadWorkingCalendar(const std::string& path) {
  auto calendar = cal::WorkingCalendar::Create(LoadCalendarSettings(path));
  if (!calendar.ok()) throw ConfigError(path + ": " + calendar.status().message());
  return std::move(calendar).value();
}

}  // namespace tdkt::adapters::config
