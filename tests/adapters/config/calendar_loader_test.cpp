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
  const auto notices = cal::testing::OfficialNotices();
  ASSERT_EQ(settings.notices.size(), notices.size());
  for (std::size_t i = 0; i < notices.size(); ++i) {
    EXPECT_EQ(settings.notices[i].year, notices[i].year) << notices[i].number;
    EXPECT_EQ(settings.notices[i].number, notices[i].number);
    EXPECT_EQ(settings.notices[i].date, notices[i].date) << notices[i].number;
    EXPECT_EQ(settings.notices[i].issuer, notices[i].issuer) << notices[i].number;
    EXPECT_FALSE(settings.notices[i].subject.empty()) << notices[i].number;
  }
  EXPECT_EQ(settings.office_end_hour, 17);
}

TEST(CalendarLoader, ShippedStatutoryHolidaysAreTheLabourCodes) {
  const cal::CalendarSettings settings = LoadCalendarSettings(TDKT_SOURCE_DIR "/config/calendar");
  const auto expected = cal::testing::StatutoryHolidays();
  ASSERT_EQ(settings.statutory.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const cal::StatutoryHoliday& got = settings.statutory[i];
    const cal::StatutoryHoliday& want = expected[i];
    EXPECT_EQ(got.key, want.key);
    EXPECT_EQ(got.name, want.name) << want.key;
    EXPECT_EQ(got.rule, want.rule) << want.key;
    EXPECT_EQ(got.day, want.day) << want.key;
    EXPECT_EQ(got.month, want.month) << want.key;
    EXPECT_EQ(got.adjacent_day, want.adjacent_day) << want.key;
    EXPECT_EQ(got.days_before, want.days_before) << want.key;
    EXPECT_EQ(got.days_from, want.days_from) << want.key;
    EXPECT_EQ(got.effective_from, want.effective_from) << want.key;
    EXPECT_EQ(got.effective_until, want.effective_until) << want.key;
    EXPECT_EQ(got.source, want.source) << want.key;  // the article and its point
  }
}

// Each configured year against its notice, through the shipped files.
TEST(CalendarLoader, ShippedYearsFollowTheirNotices) {
  const cal::WorkingCalendar calendar = LoadWorkingCalendar(TDKT_SOURCE_DIR "/config/calendar");
  const auto ymd = [](int y, unsigned m, unsigned d) {
    return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} /
                                 std::chrono::day{d}};
  };
  // 2024 (8662/VPCP-KGVX; 2450/VPCP-KGVX): Tết 8–14/2; 27/4–1/5 with 4/5 worked; 31/8–3/9.
  EXPECT_FALSE(calendar.IsWorkingDay(ymd(2024, 2, 8)));
  EXPECT_TRUE(calendar.IsWorkingDay(ymd(2024, 2, 15)));
  EXPECT_FALSE(calendar.IsWorkingDay(ymd(2024, 4, 29)));
  EXPECT_TRUE(calendar.IsWorkingDay(ymd(2024, 5, 4)));
  EXPECT_FALSE(calendar.IsWorkingDay(ymd(2024, 9, 3)));
  // 2025 (8726/VPCP-KGVX; 6150/TB-BLĐTBXH): Tết 25/1–2/2; 30/4–4/5 with 26/4 worked; 30/8–2/9.
  EXPECT_FALSE(calendar.IsWorkingDay(ymd(2025, 1, 27)));
  EXPECT_TRUE(calendar.IsWorkingDay(ymd(2025, 2, 3)));
  EXPECT_TRUE(calendar.IsWorkingDay(ymd(2025, 4, 26)));
  EXPECT_FALSE(calendar.IsWorkingDay(ymd(2025, 5, 2)));
  EXPECT_FALSE(calendar.IsWorkingDay(ymd(2025, 9, 1)));
  EXPECT_TRUE(calendar.IsWorkingDay(ymd(2025, 9, 3)));
  // 2026 (12729/VPCP-KGVX; 9441/TB-BNV): 1–4/1 with 10/1 worked; Tết 14–22/2; 29/8–2/9 with 22/8
  // worked.
  EXPECT_FALSE(calendar.IsWorkingDay(ymd(2026, 1, 2)));
  EXPECT_TRUE(calendar.IsWorkingDay(ymd(2026, 1, 10)));
  EXPECT_FALSE(calendar.IsWorkingDay(ymd(2026, 2, 20)));
  EXPECT_TRUE(calendar.IsWorkingDay(ymd(2026, 2, 23)));
  EXPECT_TRUE(calendar.IsWorkingDay(ymd(2026, 8, 22)));
  EXPECT_FALSE(calendar.IsWorkingDay(ymd(2026, 8, 31)));
  EXPECT_FALSE(calendar.IsWorkingDay(ymd(2026, 9, 1)));
  EXPECT_TRUE(calendar.IsWorkingDay(ymd(2026, 9, 3)));
  for (int year : {2024, 2025, 2026}) EXPECT_FALSE(calendar.IsProvisional(year)) << year;
  EXPECT_TRUE(calendar.IsProvisional(2027));
}

// A copy of the shipped directory with one more statutory holiday: a configuration change alone
// moves a deadline.
TEST(CalendarLoader, AHolidayAddedByConfigurationMovesADeadline) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(TDKT_BINARY_DIR) / "calendar_loader_test_amendment";
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& entry : fs::directory_iterator(TDKT_SOURCE_DIR "/config/calendar")) {
    fs::copy_file(entry.path(), dir / entry.path().filename());
  }
  const auto ymd = [](int y, unsigned m, unsigned d) {
    return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} /
                                 std::chrono::day{d}};
  };
  const cal::WorkingCalendar before = LoadWorkingCalendar(dir.string());
  std::ofstream(dir / "statutory.yaml", std::ios::app)
      << "  - key: culture_day\n    name: Ngày Văn hóa Việt Nam\n    solar: 24/11\n"
         "    effective_from: 2027-01-01\n    source: a test amendment of Điều 112 khoản 1\n";
  const cal::WorkingCalendar after = LoadWorkingCalendar(dir.string());
  // Tuesday 23/11/2027 + 1 working day: Wednesday 24/11, then Thursday 25/11 with the holiday.
  EXPECT_EQ(before.AddWorkingDays(ymd(2027, 11, 23), 1), ymd(2027, 11, 24));
  EXPECT_EQ(after.AddWorkingDays(ymd(2027, 11, 23), 1), ymd(2027, 11, 25));
  // Not yet in force in 2026.
  EXPECT_EQ(after.AddWorkingDays(ymd(2026, 11, 23), 1), ymd(2026, 11, 24));
  fs::remove_all(dir);
}

TEST(CalendarLoader, RejectsBadStatutoryHolidays) {
  const std::string head = "statutory_holidays:\n  - key: k\n    name: N\n    source: S\n";
  EXPECT_THAT(ErrorOf(head + "    solar: 29/02\n"),
              HasSubstr("statutory_holidays[0].solar: the statutory holiday \"k\""));
  EXPECT_THAT(ErrorOf(head + "    solar: 2/9\n"), HasSubstr("expected a day and month DD/MM"));
  EXPECT_THAT(ErrorOf(head + "    solar: 02/09\n    lunar: 10/03\n"),
              HasSubstr("statutory_holidays[0].solar: expected exactly one of"));
  EXPECT_THAT(ErrorOf(head + "    lunar: 30/03\n"), HasSubstr("statutory_holidays[0].lunar"));
  EXPECT_THAT(ErrorOf(head + "    lunar_new_year: {days_before: 1, days_from: 40}\n"),
              HasSubstr("statutory_holidays[0].lunar_new_year.days_from"));
  EXPECT_THAT(ErrorOf(head + "    solar: 24/11\n    effective_from: 2027-01-01\n"
                             "    effective_until: 2026-01-01\n"),
              HasSubstr("statutory_holidays[0].effective_until"));
  EXPECT_THAT(ErrorOf(head + "    solar: 24/11\n    effective_from: 1/1\n"),
              HasSubstr("statutory_holidays[0].effective_from"));
  EXPECT_THAT(ErrorOf(head + "    solar: 24/11\n    weekday: 3\n"),
              HasSubstr("statutory_holidays[0].weekday"));
  EXPECT_THAT(ErrorOf(head + "    solar: 24/11\n" + head.substr(20) + "    solar: 25/11\n"),
              HasSubstr("\"k\" is already the key of statutory_holidays[0]"));
  EXPECT_THAT(ErrorOf("statutory_holidays:\n  - name: N\n    solar: 01/01\n    source: S\n"),
              HasSubstr("statutory_holidays[0].key"));
}

TEST(CalendarLoader, RejectsBadNotices) {
  EXPECT_THAT(ErrorOf("year: 2027\nnotices:\n  - number: 1/TB-BNV\n    date: 2026-13-01\n"
                      "    issuer: Bộ Nội vụ\n    subject: S\n"),
              HasSubstr("notices[0].date"));
  EXPECT_THAT(ErrorOf("year: 2027\nnotices:\n  - number: 1/TB-BNV\n    subject: S\n"),
              HasSubstr("notices[0].issuer"));
  EXPECT_THAT(ErrorOf("notices:\n  - number: 1/TB-BNV\n    issuer: I\n    subject: S\n"),
              HasSubstr("year"));
}

// A directory without statutory holidays, with them twice, or whose `fixes` names a holiday
// that is not one of them, is refused naming the file.
TEST(CalendarLoader, DirectoryNeedsItsStatutoryHolidaysOnceAndFixesAmongThem) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(TDKT_BINARY_DIR) / "calendar_loader_test_statutory";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "2027.yaml") << "year: 2027\nfixes: [tet, culture_day]\n";
  const auto error = [&] {
    try {
      LoadCalendarSettings(dir.string());
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_THAT(error(), HasSubstr("no statutory_holidays"));
  fs::copy_file(TDKT_SOURCE_DIR "/config/calendar/statutory.yaml", dir / "statutory.yaml");
  EXPECT_THAT(error(), HasSubstr("2027.yaml: fixes: \"culture_day\" is not a key of the "
                                 "statutory holidays of"));
  std::ofstream(dir / "2027.yaml") << "year: 2027\nfixes: [tet]\n";
  EXPECT_EQ(error(), "");
  fs::copy_file(TDKT_SOURCE_DIR "/config/calendar/statutory.yaml", dir / "statutory2.yaml");
  EXPECT_THAT(error(), HasSubstr("statutory2.yaml"));
  EXPECT_THAT(error(), HasSubstr("already given in"));
  fs::remove_all(dir);
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
  std::filesystem::copy_file(TDKT_SOURCE_DIR "/config/calendar/statutory.yaml",
                             dir / "statutory.yaml");
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
