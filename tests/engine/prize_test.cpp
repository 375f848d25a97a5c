// Prize money (DOMAIN.md, "Prize money"): the coefficient of the pack in force on the decision's
// date × the base salary in force that day, rounded up to the next 10,000 đồng (Nghị định
// 98/2023/NĐ-CP Điều 53 khoản 2; Nghị định 152/2025/NĐ-CP Điều 49).

#include "engine/prize.hpp"

#include <gtest/gtest.h>

#include "engine/rounds.hpp"
#include "tests/support/reference_packs.hpp"

namespace tdkt::engine {
namespace {

using std::chrono::sys_days;
using std::chrono::year;

sys_days Day(int y, unsigned m, unsigned d) {
  return sys_days(year(y) / std::chrono::month(m) / std::chrono::day(d));
}

// config/base_salary.yaml, as the decrees set it.
BaseSalaryTable Salaries() {
  return BaseSalaryTable::Create({{Day(2023, 7, 1), 1'800'000, "Nghị định 24/2023/NĐ-CP"},
                                  {Day(2024, 7, 1), 2'340'000, "Nghị định 73/2024/NĐ-CP"},
                                  {Day(2026, 7, 1), 2'530'000, "Nghị định 161/2026/NĐ-CP"}})
      .value();
}

RulePackRegistry Packs() {
  return RulePackRegistry::Create({testing::ThanhHoa2024Pack(), testing::ThanhHoa2025Pack()})
      .value();
}

TEST(Prize, CoefficientsAreReadExactlyAsTheDecreesPrintThem) {
  EXPECT_EQ(ParseCoefficient("0,3"), 300);
  EXPECT_EQ(ParseCoefficient("0.15"), 150);
  EXPECT_EQ(ParseCoefficient("1"), 1000);
  EXPECT_EQ(ParseCoefficient("1,5"), 1500);
  EXPECT_EQ(ParseCoefficient("0,045"), 45);
  for (const char* bad : {"", ",3", "0,", "0,3,1", "0,0001", "-1", "1e3", "1001", "0.3x"}) {
    EXPECT_FALSE(ParseCoefficient(bad).has_value()) << bad;
  }
  EXPECT_EQ(FormatCoefficient(300), "0,3");
  EXPECT_EQ(FormatCoefficient(1000), "1,0");
  EXPECT_EQ(FormatCoefficient(450), "0,45");
  EXPECT_EQ(FormatVnd(1'053'000), "1.053.000");
  EXPECT_EQ(FormatVnd(0), "0");
}

TEST(Prize, AmountsAreRoundedUpToTheNextTenThousandDong) {
  EXPECT_EQ(PrizeAmount(300, 2'340'000), 710'000);  // 702,000
  EXPECT_EQ(PrizeAmount(150, 2'340'000), 360'000);  // 351,000
  EXPECT_EQ(PrizeAmount(1000, 2'340'000), 2'340'000);
  EXPECT_EQ(PrizeAmount(450, 2'340'000), 1'060'000);  // 1,053,000
  EXPECT_EQ(PrizeAmount(300, 1'800'000), 540'000);
  EXPECT_EQ(PrizeAmount(300, 2'530'000), 760'000);  // 759,000
  EXPECT_EQ(PrizeAmount(1, 1), 10'000);
  EXPECT_EQ(PrizeAmount(0, 2'340'000), 0);
}

TEST(Prize, TheBaseSalaryIsTheOneInForceThatDay) {
  const BaseSalaryTable salaries = Salaries();
  EXPECT_EQ(salaries.InForce(Day(2024, 6, 30))->vnd, 1'800'000);
  EXPECT_EQ(salaries.InForce(Day(2024, 7, 1))->vnd, 2'340'000);
  EXPECT_EQ(salaries.InForce(Day(2026, 6, 30))->vnd, 2'340'000);
  EXPECT_EQ(salaries.InForce(Day(2026, 7, 1))->vnd, 2'530'000);
  EXPECT_EQ(salaries.InForce(Day(2023, 6, 30)).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(BaseSalaryTable::Create({{Day(2024, 7, 1), 0, "x"}}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(BaseSalaryTable::Create({{Day(2024, 7, 1), 1, ""}}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(BaseSalaryTable::Create({{Day(2024, 7, 1), 1, "a"}, {Day(2024, 7, 1), 2, "b"}})
                .status()
                .code(),
            StatusCode::kInvalidArgument);
}

struct Expected {
  const char* award;
  NomineeKind kind;
  sys_days day;
  std::optional<std::int64_t> amount;
};

// Each award the commune pays, on both sides of 1/7/2024 (base salary), 1/7/2025 (Nghị định
// 152/2025 replaces 98/2023) and 1/7/2026 (base salary).
TEST(Prize, EachAwardOfBothPacksPaysWhatItsDecreeSays) {
  const RulePackRegistry packs = Packs();
  const BaseSalaryTable salaries = Salaries();
  const NomineeKind individual = NomineeKind::kIndividual;
  const NomineeKind collective = NomineeKind::kCollective;
  const NomineeKind household = NomineeKind::kHousehold;
  const std::vector<Expected> cases = {
      // Nghị định 98/2023/NĐ-CP: Giấy khen of the commune Chairman 0,15 (Điều 58 khoản 1 điểm g)
      {"giay_khen_xa", individual, Day(2024, 6, 28), 270'000},  // × 1,800,000
      {"giay_khen_xa", individual, Day(2024, 7, 1), 360'000},   // × 2,340,000 = 351,000
      {"giay_khen_xa", collective, Day(2024, 8, 20), std::nullopt},
      {"giay_khen_xa", household, Day(2024, 8, 20), std::nullopt},
      // Điều 54: Lao động tiên tiến 0,3; Chiến sĩ thi đua cơ sở 1,0; Tập thể LĐTT 0,8;
      // thôn văn hóa 1,5; Gia đình văn hóa carries none.
      {"lao_dong_tien_tien", individual, Day(2024, 6, 28), 540'000},
      {"lao_dong_tien_tien", individual, Day(2024, 8, 20), 710'000},  // 702,000
      {"chien_si_thi_dua_co_so", individual, Day(2025, 6, 30), 2'340'000},
      {"tap_the_lao_dong_tien_tien", collective, Day(2025, 6, 30), 1'880'000},  // 1,872,000
      {"thon_van_hoa", collective, Day(2024, 6, 28), 2'700'000},
      {"thon_van_hoa", collective, Day(2025, 6, 30), 3'510'000},
      {"gia_dinh_van_hoa", household, Day(2024, 8, 20), std::nullopt},
      // Nghị định 152/2025/NĐ-CP: the commune Chairman's Giấy khen doubles to 0,3 (Điều 54
      // khoản 1 điểm e), a household 1,5 × that.
      {"giay_khen_xa", individual, Day(2025, 7, 1), 710'000},
      {"giay_khen_xa", household, Day(2025, 7, 1), 1'060'000},  // 1,053,000
      {"giay_khen_xa", individual, Day(2026, 7, 1), 760'000},   // × 2,530,000 = 759,000
      {"lao_dong_tien_tien", individual, Day(2025, 7, 1), 710'000},
      {"chien_si_thi_dua_co_so", individual, Day(2025, 7, 1), 2'340'000},
      {"chien_si_thi_dua_co_so", individual, Day(2026, 7, 1), 2'530'000},
      {"tap_the_lao_dong_tien_tien", collective, Day(2025, 7, 1), 1'880'000},
      {"thon_van_hoa", collective, Day(2025, 7, 1), 3'510'000},
      {"bang_khen_tinh", individual, Day(2025, 7, 1), 3'510'000},  // 1,5 (Điều 54 khoản 1)
      {"gia_dinh_van_hoa", household, Day(2025, 7, 1), std::nullopt},
  };
  for (const Expected& c : cases) {
    auto prize = PrizeOf(packs, salaries, AwardId(c.award), c.kind, c.day);
    ASSERT_TRUE(prize.ok()) << c.award << ": " << prize.status().ToString();
    EXPECT_EQ(prize->amount_vnd, c.amount) << c.award << " " << NomineeKindName(c.kind)
                                           << " on day " << c.day.time_since_epoch().count();
    EXPECT_FALSE(prize->basis.empty());
  }
  // The district's Giấy khen does not exist after 1/7/2025: no prize is made up for it.
  EXPECT_EQ(PrizeOf(packs, salaries, AwardId("giay_khen_huyen"), individual, Day(2025, 7, 1))
                .status()
                .code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace tdkt::engine
