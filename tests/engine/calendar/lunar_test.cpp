// Tests of the Vietnamese lunar calendar against a published table of Tết dates 1900–2100
// (tests/data/calendar/tet_1900_2100.csv, with its sources) and by round trips.

#include "engine/calendar/lunar.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace tdkt::engine::calendar {
namespace {

using std::chrono::sys_days;
using namespace std::chrono_literals;

sys_days Ymd(int y, unsigned m, unsigned d) {
  return sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

sys_days ParseIso(const std::string& s) {
  return Ymd(std::stoi(s.substr(0, 4)), static_cast<unsigned>(std::stoi(s.substr(5, 2))),
             static_cast<unsigned>(std::stoi(s.substr(8, 2))));
}

struct TetRow {
  int year;
  sys_days vietnamese;
  sys_days chinese;
};

std::vector<TetRow> ReadTetTable() {
  std::ifstream in(TDKT_SOURCE_DIR "/tests/data/calendar/tet_1900_2100.csv");
  std::vector<TetRow> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::stringstream fields(line);
    std::string year, vn, cn;
    std::getline(fields, year, ',');
    std::getline(fields, vn, ',');
    std::getline(fields, cn, ',');
    rows.push_back({std::stoi(year), ParseIso(vn), ParseIso(cn)});
  }
  return rows;
}

TEST(Lunar, TetMatchesPublishedTableEveryYear1900To2100) {
  const auto rows = ReadTetTable();
  ASSERT_EQ(rows.size(), 201u) << "the table must cover 1900..2100";
  for (const TetRow& row : rows) {
    EXPECT_EQ(LunarNewYear(row.year), row.vietnamese) << "Tết " << row.year;
    EXPECT_EQ(SolarToLunar(row.vietnamese), (LunarDate{1, 1, row.year, false})) << row.year;
    // The day before Tết is the last day of the previous lunar year (month 12, maybe leap).
    const LunarDate eve = SolarToLunar(row.vietnamese - std::chrono::days{1});
    EXPECT_EQ(eve.year, row.year - 1);
    EXPECT_EQ(eve.month, 12);
    EXPECT_GE(eve.day, 29);
  }
}

TEST(Lunar, ChineseMeridianReproducesChineseTableEveryYear1900To2100) {
  for (const TetRow& row : ReadTetTable()) {
    EXPECT_EQ(LunarNewYear(row.year, kChinaTimeZoneHours), row.chinese) << "Chinese " << row.year;
  }
}

TEST(Lunar, VietnameseAndChineseTetDifferInTheKnownYears) {
  std::vector<int> differing;
  for (const TetRow& row : ReadTetTable()) {
    if (LunarNewYear(row.year) != LunarNewYear(row.year, kChinaTimeZoneHours)) {
      differing.push_back(row.year);
    }
  }
  EXPECT_EQ(differing,
            (std::vector<int>{1903, 1916, 1935, 1965, 1968, 1969, 1985, 2007, 2030, 2053}));
  // 1985: a whole month apart, because the leap month falls differently.
  EXPECT_EQ(LunarNewYear(1985), Ymd(1985, 1, 21));
  EXPECT_EQ(LunarNewYear(1985, kChinaTimeZoneHours), Ymd(1985, 2, 20));
  // 1968: Tết Mậu Thân, one day earlier in Vietnam.
  EXPECT_EQ(LunarNewYear(1968), Ymd(1968, 1, 29));
  EXPECT_EQ(LunarNewYear(1968, kChinaTimeZoneHours), Ymd(1968, 1, 30));
}

TEST(Lunar, RoundTripsEverySolarDay1900To2100) {
  int checked = 0;
  for (sys_days d = Ymd(1900, 1, 1); d <= Ymd(2100, 12, 31); d += std::chrono::days{1}) {
    const LunarDate lunar = SolarToLunar(d);
    const auto back = LunarToSolar(lunar);
    ASSERT_TRUE(back.ok()) << back.status().message();
    ASSERT_EQ(*back, d) << "lunar " << lunar.day << "/" << lunar.month << "/" << lunar.year
                        << (lunar.leap ? " (leap)" : "");
    ++checked;
  }
  EXPECT_EQ(checked, 73414);
}

TEST(Lunar, HungKingsDay2020To2030IsTenthOfThirdMonth) {
  // Published dates (python-holidays HUNG_KINGS_DATES; no Vietnamese exception in these years).
  const std::vector<sys_days> expected = {Ymd(2020, 4, 2),  Ymd(2021, 4, 21), Ymd(2022, 4, 10),
                                          Ymd(2023, 4, 29), Ymd(2024, 4, 18), Ymd(2025, 4, 7),
                                          Ymd(2026, 4, 26), Ymd(2027, 4, 16), Ymd(2028, 4, 4),
                                          Ymd(2029, 4, 23), Ymd(2030, 4, 12)};
  for (int year = 2020; year <= 2030; ++year) {
    const auto solar = LunarToSolar(LunarDate{10, 3, year, false});
    ASSERT_TRUE(solar.ok());
    EXPECT_EQ(*solar, expected[static_cast<std::size_t>(year - 2020)]) << year;
  }
}

TEST(Lunar, LeapMonthsOfKnownYears) {
  EXPECT_EQ(LeapMonthOfYear(2020), 4);  // tháng 4 nhuận Canh Tý
  EXPECT_EQ(LeapMonthOfYear(2023), 2);  // tháng 2 nhuận Quý Mão
  EXPECT_EQ(LeapMonthOfYear(2025), 6);  // tháng 6 nhuận Ất Tỵ
  EXPECT_EQ(LeapMonthOfYear(2024), 0);
  EXPECT_EQ(LeapMonthOfYear(2033), 11);  // the rare leap month 11 of Quý Sửu
  const auto leap = LunarToSolar(LunarDate{1, 6, 2025, true});
  ASSERT_TRUE(leap.ok());
  EXPECT_EQ(*leap, Ymd(2025, 7, 25));
  EXPECT_EQ(SolarToLunar(Ymd(2025, 7, 25)), (LunarDate{1, 6, 2025, true}));
}

TEST(Lunar, YearsWithALeapMonthHaveThirteenMonths1900To2100) {
  int leap_years = 0;
  for (int year = 1900; year <= 2100; ++year) {
    const auto length = (LunarNewYear(year + 1) - LunarNewYear(year)).count();
    const int leap = LeapMonthOfYear(year);
    if (leap == 0) {
      EXPECT_TRUE(length >= 353 && length <= 355) << year << ": " << length;
    } else {
      ++leap_years;
      EXPECT_TRUE(length >= 383 && length <= 385) << year << ": " << length;
      const auto start = LunarToSolar(LunarDate{1, leap, year, true});
      ASSERT_TRUE(start.ok()) << year;
      EXPECT_EQ(SolarToLunar(*start), (LunarDate{1, leap, year, true}));
    }
  }
  EXPECT_EQ(leap_years, 74);  // 7 in every 19 years (Metonic cycle), over 201 years
}

TEST(Lunar, RejectsLunarDatesThatDoNotExist) {
  EXPECT_FALSE(LunarToSolar(LunarDate{1, 5, 2025, true}).ok());  // 2025's leap month is 6
  EXPECT_FALSE(LunarToSolar(LunarDate{1, 13, 2025, false}).ok());
  EXPECT_FALSE(LunarToSolar(LunarDate{0, 1, 2025, false}).ok());
  EXPECT_FALSE(LunarToSolar(LunarDate{31, 1, 2025, false}).ok());
  // Month 12 of Giáp Thìn (2024) has 29 days: Tết Ất Tỵ is 29/01/2025, 12/2024 began 31/12/2024.
  EXPECT_TRUE(LunarToSolar(LunarDate{29, 12, 2024, false}).ok());
  EXPECT_FALSE(LunarToSolar(LunarDate{30, 12, 2024, false}).ok());
}

TEST(Lunar, CanChiNamesOfYears) {
  EXPECT_EQ(CanChiOfYear(2024), "Giáp Thìn");
  EXPECT_EQ(CanChiOfYear(2025), "Ất Tỵ");
  EXPECT_EQ(CanChiOfYear(2026), "Bính Ngọ");
  EXPECT_EQ(CanChiOfYear(1968), "Mậu Thân");
  EXPECT_EQ(CanChiOfYear(1900), "Canh Tý");
}

}  // namespace
}  // namespace tdkt::engine::calendar
