// Tests of the calendar configuration loader: the shipped config/calendar files, and the strict
// refusals (each names the file and the key).

#include "adapters/config/calendar_loader.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "adapters/config/yaml_reader.hpp"
#include "engine/calendar/date_text.hpp"
#include "tests/engine/calendar/official_overrides.hpp"

namespace tdkt::adapters::config {
namespace {

namespace cal = engine::calendar;
using ::testing::HasSubstr;

std::string ErrorOf(const std::string& yaml) {
  cal::CalendarSettings settings;
  try {
    ParseCalendarYaml(yaml, "test.yaml", settings);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(CalendarLoader, ADuplicateKeyIsRefused) {
  const std::string error = ErrorOf(
      "year: 2024\noverrides:\n  - date: 2024-03-15\n    kind: day_off\n"
      "    name: A\n    source: S\n    kind: working_day\n");
  EXPECT_THAT(error, HasSubstr("test.yaml:7:"));
  EXPECT_THAT(error, HasSubstr("overrides[0].kind: duplicate key (first given at line 4)"));
  EXPECT_THAT(ErrorOf("year: 2024\nyear: 2025\n"), HasSubstr("year: duplicate key"));
}

TEST(CalendarLoader, ShippedFilesMatchTheNotices) {
  const cal::CalendarSettings settings = LoadCalendarSettings(TDKT_SOURCE_DIR "/config/calendar");
  const auto expected = cal::testing::OfficialOverrides();
  ASSERT_EQ(settings.overrides.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(settings.overrides[i].date, expected[i].date) << i;
    EXPECT_EQ(settings.overrides[i].kind, expected[i].kind) << cal::FormatIsoDate(expected[i].date);
    EXPECT_EQ(settings.overrides[i].name, expected[i].name) << cal::FormatIsoDate(expected[i].date);
    EXPECT_FALSE(settings.overrides[i].reason.empty())  // every entry cites its source
        << cal::FormatIsoDate(expected[i].date);
  }
  const auto fixes = cal::testing::OfficialFixes();
  ASSERT_EQ(settings.fixed_by_notice.size(), fixes.size());
  for (std::size_t i = 0; i < fixes.size(); ++i) {
    EXPECT_EQ(settings.fixed_by_notice[i].year, fixes[i].year);
    EXPECT_EQ(settings.fixed_by_notice[i].holiday, fixes[i].holiday);
  }
  EXPECT_EQ(settings.office_end_hour, 17);
}

TEST(CalendarLoader, ShippedCalendarSkipsTet2024) {
  const cal::WorkingCalendar calendar = LoadWorkingCalendar(TDKT_SOURCE_DIR "/config/calendar");
  const auto friday = std::chrono::sys_days{std::chrono::year{2024} / 2 / 2};
  EXPECT_EQ(calendar.AddWorkingDays(friday, 4),
            std::chrono::sys_days{std::chrono::year{2024} / 2 / 15});
}

TEST(CalendarLoader, LoadsOneFileAndOfficeHours) {
  cal::CalendarSettings settings;
  ParseCalendarYaml(R"(
office_hours: {start: "07:30", end: "16:30"}
year: 2027
fixes: [tet]
overrides:
  - date: 2027-02-13
    kind: working_day
    name: Làm bù
    source: Thông báo số 1/TB-BNV
)",
                    "2027.yaml", settings);
  EXPECT_EQ(settings.office_start_hour, 7);
  EXPECT_EQ(settings.office_start_minute, 30);
  EXPECT_EQ(settings.office_end_hour, 16);
  ASSERT_EQ(settings.overrides.size(), 1u);
  EXPECT_EQ(settings.overrides[0].kind, cal::DayKind::kWorkingDay);
  ASSERT_EQ(settings.fixed_by_notice.size(), 1u);
  EXPECT_EQ(settings.fixed_by_notice[0].year, 2027);
}

// Found by fuzz/calendar_yaml_fuzzer.cpp (fuzz/regressions/calendar_yaml/): a colon where a
// digit belongs made std::stoi throw std::invalid_argument, which is no ConfigError, out of the
// loader; "1::30" passed as 01:30.
TEST(CalendarLoader, RejectsTimesOfDayWithAColonInPlaceOfADigit) {
  for (const char* time : {":7:30", "1::30", "::::0", "08:3:", "-1:30", "8:30"}) {
    EXPECT_THAT(ErrorOf(std::string("office_hours: {start: \"") + time + "\", end: \"16:30\"}\n"),
                HasSubstr("office_hours.start: expected a time of day HH:MM"))
        << time;
  }
}

TEST(CalendarLoader, RejectsUnknownKeys) {
  EXPECT_THAT(ErrorOf("year: 2024\nholidays: []\n"), HasSubstr("test.yaml"));
  EXPECT_THAT(ErrorOf("year: 2024\nholidays: []\n"), HasSubstr("holidays"));
  const std::string error = ErrorOf(R"(
year: 2024
overrides:
  - date: 2024-05-04
    kind: working_day
    name: Làm bù
    source: x/y
    note: extra
)");
  EXPECT_THAT(error, HasSubstr("test.yaml"));
  EXPECT_THAT(error, HasSubstr("overrides[0].note"));
}

TEST(CalendarLoader, RejectsBadDatesKindsAndHolidays) {
  const std::string base =
      "year: 2024\noverrides:\n  - kind: day_off\n    name: N\n    source: S\n";
  EXPECT_THAT(ErrorOf(base + "    date: 2024-02-30\n"), HasSubstr("overrides[0].date"));
  EXPECT_THAT(ErrorOf(base + "    date: 2025-02-03\n"), HasSubstr("in 2024"));
  EXPECT_THAT(ErrorOf(base + "    from: 2024-02-10\n    to: 2024-02-08\n"),
              HasSubstr("overrides[0].to"));
  EXPECT_THAT(ErrorOf(base + "    date: 2024-02-08\n    from: 2024-02-08\n"),
              HasSubstr("not both"));
  EXPECT_THAT(ErrorOf(R"(
year: 2024
overrides:
  - date: 2024-05-04
    kind: holiday
    name: N
    source: S
)"),
              HasSubstr("overrides[0].kind"));
  EXPECT_THAT(ErrorOf("year: 2024\nfixes: [tet, christmas]\n"), HasSubstr("christmas"));
  EXPECT_THAT(ErrorOf("fixes: [tet]\n"), HasSubstr("year"));
  EXPECT_THAT(
      ErrorOf("year: 2024\noverrides:\n  - date: 2024-05-04\n    kind: day_off\n    name: N\n"),
      HasSubstr("overrides[0].source"));
}

TEST(CalendarLoader, RejectsADateGivenTwice) {
  const std::string error = ErrorOf(R"(
year: 2024
overrides:
  - from: 2024-02-08
    to: 2024-02-14
    kind: day_off
    name: Tết
    source: S/1
  - date: 2024-02-10
    kind: day_off
    name: Tết
    source: S/2
)");
  EXPECT_THAT(error, HasSubstr("2024-02-10 is already configured"));
}

TEST(CalendarLoader, RejectsADateGivenInTwoFiles) {
  const std::filesystem::path dir =
      std::filesystem::path(TDKT_BINARY_DIR) / "calendar_loader_test_two_files";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string entry =
      "year: 2024\noverrides:\n  - date: 2024-05-04\n    kind: working_day\n    name: Làm bù\n"
      "    source: S/1\n";
  std::ofstream(dir / "a.yaml") << entry;
  std::ofstream(dir / "b.yaml") << entry;
  std::ofstream(dir / "notes.txt") << "not a calendar file";
  try {
    LoadCalendarSettings(dir.string());
    FAIL() << "expected a ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("b.yaml"));
    EXPECT_THAT(e.what(), HasSubstr("already configured in"));
    EXPECT_THAT(e.what(), HasSubstr("a.yaml"));
  }
  std::filesystem::remove_all(dir);
}

TEST(CalendarLoader, RejectsAMissingPath) {
  EXPECT_THROW(LoadCalendarSettings(TDKT_SOURCE_DIR "/config/no-such-calendar"), ConfigError);
}

}  // namespace
}  // namespace tdkt::adapters::config
