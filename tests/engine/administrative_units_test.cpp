// Administrative units with dates and successors (DOMAIN.md, "Administrative units change"):
// Bình Lương until 30/6/2025, xã Hóa Quỳ from 1/7/2025 (Nghị quyết 1686/NQ-UBTVQH15), and the
// district level ended (Luật 72/2025/QH15). The successor numbers its documents in its own series.

#include "engine/administrative_units.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "tests/support/status_testing.hpp"

namespace tdkt::engine {
namespace {

using std::chrono::sys_days;
using namespace std::chrono_literals;

sys_days Day(int y, unsigned m, unsigned d) {
  return sys_days(std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d));
}

std::vector<AdministrativeUnit> Units() {
  const std::string act = "Nghị quyết số 1686/NQ-UBTVQH15, Điều 1";
  return {
      {"tinh-thanh-hoa", "Tỉnh Thanh Hóa", Level::kProvince, std::nullopt, std::nullopt,
       std::nullopt, std::nullopt, "", std::nullopt},
      {"huyen-nhu-xuan", "Huyện Như Xuân", Level::kDistrict, "tinh-thanh-hoa", std::nullopt,
       Day(2025, 6, 30), std::nullopt, "Luật số 72/2025/QH15", std::nullopt},
      {"xa-binh-luong", "Xã Bình Lương", Level::kCommune, "huyen-nhu-xuan", std::nullopt,
       Day(2025, 6, 30), "xa-hoa-quy", act, std::nullopt},
      {"xa-hoa-quy", "Xã Hóa Quỳ", Level::kCommune, "tinh-thanh-hoa", Day(2025, 7, 1), std::nullopt,
       std::nullopt, act, std::nullopt},
  };
}

TEST(AdministrativeMap, TheInstallsCommuneOnEachDayAndItsNumberSeries) {
  auto map = AdministrativeMap::Create(Units(), "xa-binh-luong");
  ASSERT_OK(map);
  EXPECT_EQ(map->CommuneOn(Day(2024, 8, 21)).value()->name, "Xã Bình Lương");
  EXPECT_EQ(map->CommuneOn(Day(2025, 6, 30)).value()->name, "Xã Bình Lương");
  EXPECT_EQ(map->CommuneOn(Day(2025, 7, 1)).value()->name, "Xã Hóa Quỳ");
  EXPECT_EQ(map->CommuneOn(Day(2026, 11, 20)).value()->name, "Xã Hóa Quỳ");
  // The first commune keeps the series it had before units had dates; the successor its own.
  EXPECT_EQ(map->SeriesKeyOn(Day(2025, 6, 30)), "");
  EXPECT_EQ(map->SeriesKeyOn(Day(2025, 7, 1)), "xa-hoa-quy");
  EXPECT_FALSE(map->Find("huyen-nhu-xuan")->ExistsOn(Day(2025, 7, 1)));
  EXPECT_TRUE(map->Find("huyen-nhu-xuan")->ExistsOn(Day(2025, 6, 30)));
}

TEST(AdministrativeMap, RefusesWhatDoesNotHoldTogetherNamingTheUnit) {
  auto gap = Units();
  gap[3].valid_from = Day(2025, 7, 2);  // a day without a commune
  auto refused = AdministrativeMap::Create(gap, "xa-binh-luong");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("'xa-binh-luong': successor"), std::string::npos)
      << refused.status().message();

  auto unknown = Units();
  unknown[2].successor = "xa-khong-co";
  EXPECT_FALSE(AdministrativeMap::Create(unknown, "xa-binh-luong").ok());

  auto no_basis = Units();
  no_basis[1].basis.clear();
  auto basis = AdministrativeMap::Create(no_basis, "xa-binh-luong");
  ASSERT_FALSE(basis.ok());
  EXPECT_NE(basis.status().message().find("basis"), std::string::npos);

  EXPECT_FALSE(AdministrativeMap::Create(Units(), "huyen-nhu-xuan").ok());  // not a commune
  auto twice = Units();
  twice.push_back(twice[0]);
  EXPECT_FALSE(AdministrativeMap::Create(twice, "xa-binh-luong").ok());

  auto unnamed_signer = Units();
  unnamed_signer[2].signer = Signer{"", "Chủ tịch"};
  auto signer = AdministrativeMap::Create(unnamed_signer, "xa-binh-luong");
  ASSERT_FALSE(signer.ok());
  EXPECT_NE(signer.status().message().find("'xa-binh-luong': signer"), std::string::npos)
      << signer.status().message();
}

}  // namespace
}  // namespace tdkt::engine
