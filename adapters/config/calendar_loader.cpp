#include "adapters/config/calendar_loader.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <system_error>
#include <vector>

#include "adapters/config/yaml_reader.hpp"
#include "engine/calendar/date_text.hpp"

namespace tdkt::adapters::config {
namespace {

namespace cal = engine::calendar;
using std::chrono::sys_days;

constexpr int kLongestRangeDays = 31;

const std::map<std::string, cal::Holiday>& HolidayKeys() {
  static const std::map<std::string, cal::Holiday> kKeys = {
      {"new_year", cal::Holiday::kNewYear},         {"tet", cal::Holiday::kTet},
      {"victory_day", cal::Holiday::kVictoryDay},   {"labour_day", cal::Holiday::kLabourDay},
      {"national_day", cal::Holiday::kNationalDay}, {"hung_kings", cal::Holiday::kHungKings}};
  return kKeys;
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
               std::map<sys_days, std::string>& seen) {
  YamlMap doc(root, origin);
  if (auto hours = doc.OptionalMap("office_hours")) {
    const auto [start_hour, start_minute] = TimeOfDay(*hours, "start");
    const auto [end_hour, end_minute] = TimeOfDay(*hours, "end");
    hours->RejectUnknownKeys();
    settings.office_start_hour = start_hour;
    settings.office_start_minute = start_minute;
    settings.office_end_hour = end_hour;
    settings.office_end_minute = end_minute;
  }
  const bool has_year_data = doc.Has("overrides") || doc.Has("fixes");
  const std::optional<std::int64_t> year_value = doc.OptionalInt("year");
  if (has_year_data && !year_value) {
    doc.Fail("year", "missing required value (expected the year this file's overrides are for)");
  }
  if (year_value && (*year_value < 1900 || *year_value > 2100)) {
    doc.Fail("year", "expected a year from 1900 to 2100");
  }
  const int year = static_cast<int>(year_value.value_or(0));

  for (const std::string& key : doc.StringList("fixes")) {
    const auto it = HolidayKeys().find(key);
    if (it == HolidayKeys().end()) {
      doc.Fail("fixes",
               "expected holidays among new_year, tet, victory_day, labour_day, "
               "national_day, hung_kings; got \"" +
                   key + "\"");
    }
    settings.fixed_by_notice.push_back({year, it->second});
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
      const auto [it, inserted] = seen.emplace(d, origin);
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
  std::map<sys_days, std::string> seen;
  for (const cal::CalendarEntry& e : settings.overrides) seen.emplace(e.date, "an earlier file");
  ParseInto(LoadYamlString(text, origin), origin, settings, seen);
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
  std::map<sys_days, std::string> seen;
  bool office_hours_set = false;
  for (const std::string& file : files) {
    const YAML::Node root = LoadYamlFile(file);
    if (root.IsMap() && root["office_hours"].IsDefined()) {
      if (office_hours_set) {
        throw ConfigError(file + ": office_hours: already set by another calendar file");
      }
      office_hours_set = true;
    }
    ParseInto(root, file, settings, seen);
  }
  return settings;
}

cal::WorkingCalendar LoadWorkingCalendar(const std::string& path) {
  auto calendar = cal::WorkingCalendar::Create(LoadCalendarSettings(path));
  if (!calendar.ok()) throw ConfigError(path + ": " + calendar.status().message());
  return std::move(calendar).value();
}

}  // namespace tdkt::adapters::config
