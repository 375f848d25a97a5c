// The units of merged communes (DOMAIN.md, "Administrative units change"): a unit that ended is
// carried on by a unit of the new commune, recorded once, and a transfer follows it.

#include "engine/unit_succession.hpp"

#include <gtest/gtest.h>

#include "tests/support/status_testing.hpp"

namespace tdkt::engine {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using namespace std::chrono_literals;

constexpr sys_days kLastDay{2025y / 6 / 30};
constexpr const char* kBasis =
    "Nghị quyết số 1686/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội, Điều 1";

// Bình Lương's Hội Nông dân, carried on by the merged commune's; a village kept as it was.
std::map<std::string, UnitStanding> Units() {
  return {{"hoi-nong-dan-binh-luong", {}},
          {"hoi-nong-dan", {}},
          {"thon-minh-thanh", {}},
          {"van-phong-thong-ke", {.retired = true}}};
}

UnitSuccession ToHoiNongDan() { return {UnitId("hoi-nong-dan"), kLastDay, kBasis}; }

TEST(UnitSuccession, AUnitOfAnOldCommuneIsCarriedOnByOneOfTheNewCommune) {
  EXPECT_OK(CheckUnitSuccession("hoi-nong-dan-binh-luong", ToHoiNongDan(), Units(), {}));
}

TEST(UnitSuccession, RefusedWithTheFieldThatIsWrong) {
  auto message = [](const std::string& unit, const UnitSuccession& s,
                    const UnitSuccessions& recorded = {}) {
    return CheckUnitSuccession(unit, s, Units(), recorded);
  };
  UnitSuccession unknown = ToHoiNongDan();
  unknown.successor = UnitId("hoi-nong-dan-xa-moi");
  EXPECT_EQ(message("hoi-nong-dan-binh-luong", unknown).message(),
            "unit.succession.successor: no unit 'hoi-nong-dan-xa-moi'");
  EXPECT_EQ(message("hoi-nong-dan", ToHoiNongDan()).message(),
            "unit.succession.successor: a unit cannot succeed itself");
  UnitSuccession retired = ToHoiNongDan();
  retired.successor = UnitId("van-phong-thong-ke");
  EXPECT_EQ(message("hoi-nong-dan-binh-luong", retired).code(), StatusCode::kInvalidArgument);
  EXPECT_NE(message("hoi-nong-dan-binh-luong", retired).message().find("is retired"),
            std::string::npos);
  UnitSuccession no_basis = ToHoiNongDan();
  no_basis.basis.clear();
  EXPECT_EQ(
      message("hoi-nong-dan-binh-luong", no_basis).message().rfind("unit.succession.basis: ", 0),
      0U);
  no_basis.basis = std::string(501, 'x');
  EXPECT_EQ(message("hoi-nong-dan-binh-luong", no_basis).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(message("hoi-phu-nu", ToHoiNongDan()).code(), StatusCode::kNotFound);
  // Recorded once: transfers may already have followed it.
  const Status twice = message("hoi-nong-dan-binh-luong", ToHoiNongDan(),
                               {{"hoi-nong-dan-binh-luong", ToHoiNongDan()}});
  EXPECT_EQ(twice.code(), StatusCode::kConflict);
  EXPECT_EQ(twice.message(),
            "unit hoi-nong-dan-binh-luong was succeeded by hoi-nong-dan after 30/06/2025; a "
            "succession is recorded once");
}

TEST(UnitSuccession, AUnitThatWasSucceededStaysRetired) {
  const UnitSuccessions recorded{{"hoi-nong-dan-binh-luong", ToHoiNongDan()}};
  EXPECT_OK(CheckRetiredChange("thon-minh-thanh", std::nullopt, false, recorded));
  EXPECT_OK(CheckRetiredChange("thon-minh-thanh", std::nullopt, true, recorded));
  EXPECT_OK(CheckRetiredChange("hoi-nong-dan-binh-luong", ToHoiNongDan(), true, recorded));
  const Status reinstated =
      CheckRetiredChange("hoi-nong-dan-binh-luong", ToHoiNongDan(), false, recorded);
  EXPECT_EQ(reinstated.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(reinstated.message().rfind("unit.retired: ", 0), 0U);
  EXPECT_TRUE(RetiredAfter(ToHoiNongDan(), false));
  EXPECT_FALSE(RetiredAfter(std::nullopt, false));
}

TEST(UnitSuccession, AUnitThatCarriesAnotherOnIsNotSimplyRetired) {
  const UnitSuccessions recorded{{"hoi-nong-dan-binh-luong", ToHoiNongDan()}};
  const Status retired = CheckRetiredChange("hoi-nong-dan", std::nullopt, true, recorded);
  EXPECT_EQ(retired.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(retired.message(),
            "unit.retired: unit hoi-nong-dan carries on hoi-nong-dan-binh-luong (since "
            "01/07/2025); record its own succession instead, naming the unit that carries both "
            "on");
  // Its own succession retires it, and the dossiers go on further.
  EXPECT_OK(CheckRetiredChange("hoi-nong-dan", ToHoiNongDan(), true, recorded));
}

TEST(UnitSuccession, TheSuccessorCarriesItOnFromTheDayAfterItsLastDay) {
  const UnitSuccessions successions{{"hoi-nong-dan-binh-luong", ToHoiNongDan()}};
  const UnitId old_unit("hoi-nong-dan-binh-luong");
  EXPECT_EQ(UnitCarryingOn(old_unit, kLastDay, successions), std::nullopt);
  EXPECT_EQ(UnitCarryingOn(old_unit, kLastDay + days(1), successions), UnitId("hoi-nong-dan"));
  EXPECT_EQ(UnitCarryingOn(UnitId("thon-minh-thanh"), kLastDay + days(1), successions),
            std::nullopt);
}

TEST(UnitSuccession, AChainIsFollowedAsFarAsTheDay) {
  // Merged in 2025, and the successor merged again at the end of 2030.
  const UnitSuccessions successions{
      {"hoi-nong-dan-binh-luong", ToHoiNongDan()},
      {"hoi-nong-dan", {UnitId("hoi-nong-dan-lien-xa"), sys_days{2030y / 12 / 31}, kBasis}}};
  const UnitId old_unit("hoi-nong-dan-binh-luong");
  EXPECT_EQ(UnitCarryingOn(old_unit, sys_days{2026y / 11 / 27}, successions),
            UnitId("hoi-nong-dan"));
  EXPECT_EQ(UnitCarryingOn(old_unit, sys_days{2031y / 1 / 1}, successions),
            UnitId("hoi-nong-dan-lien-xa"));
  // A cycle (the checks never let one in) ends the walk instead of looping.
  const UnitSuccessions cycle{{"a", {UnitId("b"), kLastDay, kBasis}},
                              {"b", {UnitId("a"), kLastDay, kBasis}}};
  EXPECT_TRUE(UnitCarryingOn(UnitId("a"), kLastDay + days(1), cycle).has_value());
}

}  // namespace
}  // namespace tdkt::engine
