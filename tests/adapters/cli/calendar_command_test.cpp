// End-to-end: `tdkt calendar …` through the real binary — where it finds its configuration (as
// `tdkt serve` does), and its refusals of dates and counts the calendar does not cover.

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/adapters/support/subprocess.hpp"

namespace tdkt {
namespace {

using namespace std::chrono_literals;
using testing::RunResult;
using testing::RunToCompletion;
namespace fs = std::filesystem;

// Runs tdkt in `dir`, with TDKT_CONFIG unset unless `env` sets it ("TDKT_CONFIG=…").
RunResult RunIn(const fs::path& dir, std::vector<std::string> args, const std::string& env = "") {
  std::vector<std::string> argv = {"/usr/bin/env", "-u", "TDKT_CONFIG", "-C", dir.string()};
  if (!env.empty()) argv.push_back(env);
  argv.push_back(TDKT_BINARY);
  argv.insert(argv.end(), args.begin(), args.end());
  return RunToCompletion(argv, 30s);
}

void ExpectOneLineError(const RunResult& result, const std::string& needle) {
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  EXPECT_NE(result.err.find(needle), std::string::npos)
      << "expected \"" << needle << "\" in " << result.err;
}

// A working directory away from the source tree, with a configuration file whose calendar
// directory holds one distinctive day off.
class CalendarCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("tdkt-calendar-cli-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "elsewhere");
    fs::create_directories(root_ / "etc" / "calendar");
    fs::copy_file(TDKT_SOURCE_DIR "/config/calendar/statutory.yaml",
                  root_ / "etc" / "calendar" / "statutory.yaml");
    std::ofstream(root_ / "etc" / "calendar" / "2024.yaml")
        << "year: 2024\noverrides:\n  - date: 2024-03-15\n    kind: day_off\n"
           "    name: Ngày thử nghiệm\n    source: Thông báo thử\n";
    config_ = (root_ / "etc" / "tdkt.yaml").string();
    std::ofstream(config_) << "paths:\n  calendar: \"" << (root_ / "etc" / "calendar").string()
                           << "\"\n";
  }
  void TearDown() override { fs::remove_all(root_); }

  fs::path elsewhere() const { return root_ / "elsewhere"; }

  fs::path root_;
  std::string config_;
};

TEST_F(CalendarCommand, ConfigFlagFindsTheCalendarFromAnotherWorkingDirectory) {
  auto result = RunIn(elsewhere(), {"calendar", "holidays", "2024", "--config", config_});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("15/03/2024"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("Ngày thử nghiệm"), std::string::npos) << result.out;
}

TEST_F(CalendarCommand, TdktConfigIsReadWhenNoFlagIsGiven) {
  auto result = RunIn(elsewhere(), {"calendar", "holidays", "2024"}, "TDKT_CONFIG=" + config_);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("Ngày thử nghiệm"), std::string::npos) << result.out;
}

TEST_F(CalendarCommand, TheFlagWinsOverTdktConfig) {
  auto result = RunIn(elsewhere(), {"calendar", "--config", config_, "holidays", "2024"},
                      "TDKT_CONFIG=" + (root_ / "missing.yaml").string());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("Ngày thử nghiệm"), std::string::npos) << result.out;
}

TEST_F(CalendarCommand, TheCheckoutsConfigurationWorksFromTheCheckout) {
  auto result = RunIn(TDKT_SOURCE_DIR, {"calendar", "holidays", "2024", "--config",
                                        TDKT_SOURCE_DIR "/config/tdkt.yaml"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("Quốc khánh"), std::string::npos) << result.out;
}

TEST_F(CalendarCommand, WithoutConfigurationTheMissingDirectoryIsNamed) {
  // The default configuration's paths are relative to the working directory, as for serve.
  ExpectOneLineError(RunIn(elsewhere(), {"calendar", "holidays", "2024"}), "config/calendar");
  ExpectOneLineError(RunIn(elsewhere(), {"calendar", "holidays", "2024", "--config",
                                         TDKT_SOURCE_DIR "/config/tdkt.yaml"}),
                     "config/calendar");
}

TEST_F(CalendarCommand, AMissingConfigFileIsNamed) {
  const std::string missing = (root_ / "missing.yaml").string();
  ExpectOneLineError(RunIn(elsewhere(), {"calendar", "holidays", "2024", "--config", missing}),
                     missing);
  ExpectOneLineError(RunIn(elsewhere(), {"calendar", "holidays", "2024"}, "TDKT_CONFIG=" + missing),
                     missing);
}

// The refusals below need no configuration; they run from the source tree.
RunResult Calendar(std::vector<std::string> args) {
  args.insert(args.begin(), "calendar");
  return RunIn(TDKT_SOURCE_DIR, std::move(args));
}

TEST(CalendarRange, HolidaysOfAYearOutsideTheRangeAreRefusedNamingIt) {
  for (const char* year : {"1899", "2101", "-2024", "20240", "abc", ""}) {
    SCOPED_TRACE(year);
    ExpectOneLineError(Calendar({"holidays", year}), "1900–2100");
  }
  EXPECT_EQ(Calendar({"holidays", "2100"}).exit_code, 0);
}

// 2027 has no official notice yet: the command says the year is provisional; 2026 names its
// notices, and the Quốc khánh break of Thông báo số 9441/TB-BNV.
TEST(CalendarHolidays, AYearWithoutANoticeIsProvisional) {
  auto provisional = Calendar({"holidays", "2027"});
  ASSERT_EQ(provisional.exit_code, 0) << provisional.err;
  EXPECT_NE(
      provisional.out.find("LỊCH TẠM TÍNH: chưa có thông báo chính thức về lịch nghỉ năm 2027"),
      std::string::npos)
      << provisional.out;
  auto official = Calendar({"holidays", "2026"});
  ASSERT_EQ(official.exit_code, 0) << official.err;
  EXPECT_EQ(official.out.find("TẠM TÍNH"), std::string::npos) << official.out;
  EXPECT_NE(official.out.find("Theo: 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ"), std::string::npos)
      << official.out;
  EXPECT_NE(official.out.find("Thứ Hai, 31/08/2026 — nghỉ — Nghỉ hoán đổi dịp Quốc khánh"),
            std::string::npos)
      << official.out;
  EXPECT_NE(official.out.find("Thứ Bảy, 22/08/2026 — làm việc"), std::string::npos) << official.out;
  auto json = Calendar({"holidays", "2027", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_NE(json.out.find("\"provisional\":true,\"notices\":[]"), std::string::npos) << json.out;
  auto json2026 = Calendar({"holidays", "2026", "--json"});
  EXPECT_NE(json2026.out.find("\"provisional\":false"), std::string::npos) << json2026.out;
  EXPECT_NE(json2026.out.find("{\"number\":\"9441/TB-BNV\",\"date\":\"2025-10-16\",\"issuer\":"
                              "\"Bộ Nội vụ\""),
            std::string::npos)
      << json2026.out;
}

TEST(CalendarHolidays, CountsIntoAProvisionalYearSaySo) {
  auto into2027 = Calendar({"add-working-days", "2026-12-30", "5"});
  ASSERT_EQ(into2027.exit_code, 0) << into2027.err;
  EXPECT_NE(into2027.out.find("TẠM TÍNH: năm 2027 chưa có thông báo chính thức"), std::string::npos)
      << into2027.out;
  auto within2026 = Calendar({"add-working-days", "2026-08-28", "1"});
  ASSERT_EQ(within2026.exit_code, 0) << within2026.err;
  EXPECT_NE(within2026.out.find("03/09/2026"), std::string::npos) << within2026.out;  // 9441/TB-BNV
  EXPECT_EQ(within2026.out.find("TẠM TÍNH"), std::string::npos) << within2026.out;
  auto between = Calendar({"working-days-between", "2026-12-01", "2027-01-15", "--json"});
  EXPECT_NE(between.out.find("\"provisional\":true"), std::string::npos) << between.out;
}

TEST(CalendarRange, AddWorkingDaysBoundsN) {
  // Before, N = 10^9 ran for minutes and answered with the year -20990; now a bounded wait.
  for (const char* n : {"1000000000", "-1000000000", "100001", "-100001", "", "1e3", "+5", "x"}) {
    SCOPED_TRACE(n);
    ExpectOneLineError(Calendar({"add-working-days", "2024-01-02", n}), "100000");
  }
  auto back = Calendar({"add-working-days", "2024-09-04", "-1"});
  ASSERT_EQ(back.exit_code, 0) << back.err;
  EXPECT_NE(back.out.find("30/08/2024"), std::string::npos) << back.out;
}

TEST(CalendarRange, AddWorkingDaysRefusesDatesOutsideTheRange) {
  ExpectOneLineError(Calendar({"add-working-days", "1899-12-29", "1"}), "1900–2100");
  ExpectOneLineError(Calendar({"add-working-days", "2100-12-01", "100000"}), "1900–2100");
  ExpectOneLineError(Calendar({"add-working-days", "1900-01-10", "-100"}), "1900–2100");
}

TEST(CalendarRange, WorkingDaysBetweenRefusesDatesOutsideTheRange) {
  ExpectOneLineError(Calendar({"working-days-between", "1899-12-31", "2024-01-01"}), "1900–2100");
  ExpectOneLineError(Calendar({"working-days-between", "2024-01-01", "01/01/2101"}), "1900–2100");
}

TEST(CalendarRange, LunarAndSolarRefuseDatesOutsideTheRange) {
  ExpectOneLineError(Calendar({"lunar", "2101-01-01"}), "1900–2100");
  ExpectOneLineError(Calendar({"lunar", "1850-06-01"}), "1900–2100");
  ExpectOneLineError(Calendar({"solar", "01/01/2101"}), "1900–2100");
  ExpectOneLineError(Calendar({"solar", "01/01/1899"}), "1900–2100");
  EXPECT_EQ(Calendar({"lunar", "2024-02-10"}).exit_code, 0);
  EXPECT_EQ(Calendar({"solar", "01/01/2024"}).exit_code, 0);
}

}  // namespace
}  // namespace tdkt
