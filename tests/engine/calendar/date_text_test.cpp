// Tests of the Vietnamese date texts used by the CLI and the holiday lists.

#include "engine/calendar/date_text.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace tdkt::engine::calendar {
namespace {

using std::chrono::sys_days;

sys_days Ymd(int y, unsigned m, unsigned d) {
  return sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

TEST(DateText, WeekdayNamesInVietnamese) {
  EXPECT_EQ(WeekdayName(Ymd(2024, 2, 5)), "Thứ Hai");
  EXPECT_EQ(WeekdayName(Ymd(2024, 2, 8)), "Thứ Năm");
  EXPECT_EQ(WeekdayName(Ymd(2024, 2, 10)), "Thứ Bảy");
  EXPECT_EQ(WeekdayName(Ymd(2024, 2, 11)), "Chủ nhật");
}

TEST(DateText, FormatsDates) {
  EXPECT_EQ(FormatDate(Ymd(2024, 2, 8)), "08/02/2024");
  EXPECT_EQ(FormatIsoDate(Ymd(2024, 2, 8)), "2024-02-08");
  EXPECT_EQ(FormatDateLong(Ymd(2024, 2, 8)), "Thứ Năm, 08/02/2024");
  EXPECT_EQ(FormatLocalDateTime(Timestamp{Ymd(2024, 2, 23)} + std::chrono::hours{10}, 420),
            "2024-02-23T17:00:00+07:00");
  EXPECT_EQ(FormatLocalDateTime(Timestamp{Ymd(2024, 1, 1)}, -90), "2023-12-31T22:30:00-01:30");
}

TEST(DateText, FormatsLunarDates) {
  EXPECT_EQ(FormatLunarDate(LunarDate{1, 1, 2024, false}), "mùng 1 tháng Giêng năm Giáp Thìn");
  EXPECT_EQ(FormatLunarDate(LunarDate{10, 3, 2024, false}), "mùng 10 tháng 3 năm Giáp Thìn");
  EXPECT_EQ(FormatLunarDate(LunarDate{15, 6, 2025, true}), "15 tháng 6 nhuận năm Ất Tỵ");
  EXPECT_EQ(FormatLunarDate(LunarDate{30, 12, 2023, false}), "30 tháng Chạp năm Quý Mão");
}

TEST(DateText, ParsesBothDateForms) {
  EXPECT_EQ(*ParseDate("2024-02-08"), Ymd(2024, 2, 8));
  EXPECT_EQ(*ParseDate("08/02/2024"), Ymd(2024, 2, 8));
  EXPECT_EQ(*ParseDate("8/2/2024"), Ymd(2024, 2, 8));
  EXPECT_EQ(*ParseDate("29/02/2024"), Ymd(2024, 2, 29));
}

TEST(DateText, RejectsBadDates) {
  for (const char* bad :
       {"", "2024-2-8", "2024/02/08", "30/02/2024", "29/02/2023", "2024-13-01", "00/01/2024",
        "08-02-2024", "8/2/24", "2024-02-08x", "a/b/c", "-024-02-08", "2024--2-08", "+8/2/2024"}) {
    const auto parsed = ParseDate(bad);
    EXPECT_FALSE(parsed.ok()) << bad;
    if (!parsed.ok()) {
      EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
    }
  }
}

// Found by fuzz/dates_fuzzer.cpp (fuzz/regressions/dates/): the formatters wrote a year before
// 1000 in fewer than four digits ("29-01-19"), which ParseDate then refused.
TEST(DateText, EarlyYearsFormatInFourDigitsAndParseBack) {
  const auto parsed = ParseDate("19/1/0029");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(FormatIsoDate(*parsed), "0029-01-19");
  EXPECT_EQ(FormatDate(*parsed), "19/01/0029");
  EXPECT_EQ(*ParseDate(FormatIsoDate(*parsed)), *parsed);
  EXPECT_EQ(*ParseDate(FormatDate(*parsed)), *parsed);
}

// from_chars takes a minus sign: "-001" was the year -1, which no formatter writes back.
TEST(DateText, RejectsSignedNumbers) {
  for (const char* bad : {"-001-01-01", "1/1/-024", "-1/1/2024", "1/-1/2024", "+1/1/2024"}) {
    EXPECT_FALSE(ParseDate(bad).ok()) << bad;
    EXPECT_FALSE(ParseLunarDate(bad, false).ok()) << bad;
  }
}

TEST(DateText, ParsesLunarDates) {
  const auto lunar = ParseLunarDate("10/03/2024", false);
  ASSERT_TRUE(lunar.ok());
  EXPECT_EQ(*lunar, (LunarDate{10, 3, 2024, false}));
  EXPECT_EQ(*ParseLunarDate("2025-06-15", true), (LunarDate{15, 6, 2025, true}));
  // 30/02 is a possible lunar date (the month may have 30 days); LunarToSolar decides.
  EXPECT_TRUE(ParseLunarDate("30/02/2024", false).ok());
  EXPECT_FALSE(ParseLunarDate("31/01/2024", false).ok());
  EXPECT_FALSE(ParseLunarDate("01/13/2024", false).ok());
}

TEST(DateText, ALocalDateIsTheStartOfThatDayAtTheOffset) {
  // 22/07/2024 00:00 in Vietnam (UTC+7) is 21/07/2024 17:00 UTC.
  const auto vietnam = ParseInstantOrLocalDate("2024-07-22", 7 * 60);
  ASSERT_TRUE(vietnam.ok()) << vietnam.status().message();
  EXPECT_EQ(*vietnam, Timestamp{Ymd(2024, 7, 21)} + std::chrono::hours{17});
  EXPECT_EQ(*ParseInstantOrLocalDate("2024-07-22", 0), Timestamp{Ymd(2024, 7, 22)});
  EXPECT_EQ(*ParseInstantOrLocalDate("2024-07-22", -90),
            Timestamp{Ymd(2024, 7, 22)} + std::chrono::minutes{90});
}

TEST(DateText, AUtcInstantIsTakenAsItIs) {
  const auto instant = ParseInstantOrLocalDate("2024-07-22T01:00:00Z", 7 * 60);
  ASSERT_TRUE(instant.ok()) << instant.status().message();
  EXPECT_EQ(*instant, Timestamp{Ymd(2024, 7, 22)} + std::chrono::hours{1});
  EXPECT_EQ(*ParseInstantOrLocalDate("2024-02-29T23:59:59Z", 0),
            Timestamp{Ymd(2024, 3, 1)} - std::chrono::seconds{1});
}

TEST(DateText, RefusesEveryOtherBound) {
  for (const char* bad : {"", "22/07/2024", "2024-07-22T01:00:00", "2024-07-22T01:00:00+07:00",
                          "2024-07-22 01:00:00Z", "2024-07-22T24:00:00Z", "2024-07-22T01:60:00Z",
                          "2024-07-22T-1:00:00Z", "2024-02-30", "2024-07-22x", "2024-7-22",
                          "2024-07-22T01:00:00.5Z", "tomorrow"}) {
    const auto parsed = ParseInstantOrLocalDate(bad, 7 * 60);
    EXPECT_FALSE(parsed.ok()) << bad;
    if (!parsed.ok()) {
      EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
      EXPECT_NE(parsed.status().message().find("YYYY-MM-DDTHH:MM:SSZ"), std::string::npos);
      EXPECT_NE(parsed.status().message().find(std::string("'") + bad + "'"), std::string::npos);
    }
  }
}

TEST(DateText, TheSupportedRangeIsTheYearsOfTheCheckedTable) {
  EXPECT_TRUE(IsSupportedDate(Ymd(1900, 1, 1)));
  EXPECT_TRUE(IsSupportedDate(Ymd(2100, 12, 31)));
  EXPECT_FALSE(IsSupportedDate(Ymd(1899, 12, 31)));
  EXPECT_FALSE(IsSupportedDate(Ymd(2101, 1, 1)));
  EXPECT_EQ(UnsupportedDateMessage(Ymd(2101, 1, 1)),
            "the calendar covers the years 1900–2100 only, not 2101-01-01");
}

}  // namespace
}  // namespace tdkt::engine::calendar
