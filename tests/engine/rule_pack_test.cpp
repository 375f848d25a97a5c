// Rule packs: validation and the registry that picks the pack in force on a submission day.

#include "engine/rule_pack.hpp"

#include <gtest/gtest.h>

#include "tests/support/reference_packs.hpp"
#include "tests/support/status_testing.hpp"

namespace tdkt::engine {
namespace {

using std::chrono::sys_days;
using std::chrono::year;

TEST(RulePack, ReferencePacksAreValid) {
  EXPECT_OK(ValidateRulePack(testing::ThanhHoa2024Pack()));
  EXPECT_OK(ValidateRulePack(testing::ThanhHoa2025Pack()));
}

TEST(RulePack, ValidationNamesPackAndAward) {
  RulePack pack = testing::ThanhHoa2024Pack();
  pack.awards[3].threshold.percent = 120;
  const Status status = ValidateRulePack(pack);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "rule pack 'thanh_hoa_2024': award 'chien_si_thi_dua_co_so': threshold percent must "
            "be in 1..100");

  pack = testing::ThanhHoa2025Pack();
  pack.awards.push_back(pack.awards.front());
  EXPECT_EQ(ValidateRulePack(pack).message(),
            "rule pack 'thanh_hoa_2025': award 'giay_khen_xa': duplicate id");

  pack = testing::ThanhHoa2025Pack();
  pack.quorum = {3, 2};
  EXPECT_FALSE(ValidateRulePack(pack).ok());

  pack = testing::ThanhHoa2025Pack();
  pack.procedures.pop_back();
  EXPECT_EQ(ValidateRulePack(pack).message(),
            "rule pack 'thanh_hoa_2025': procedure 'simplified' is missing");

  pack = testing::ThanhHoa2025Pack();
  pack.escalation_target = Level::kCommune;
  EXPECT_FALSE(ValidateRulePack(pack).ok());
}

TEST(RulePack, ProceduresChangeDocumentsAndDeadlines) {
  const RulePack pack = testing::ThanhHoa2025Pack();
  const AwardRule& cstd = *pack.FindAward(AwardId("chien_si_thi_dua_co_so"));
  EXPECT_EQ(pack.RequiredDocuments(cstd, Procedure::kCampaign).size(), 4u);
  // Luật Thi đua, khen thưởng 2022, Điều 85: the simplified procedure lightens a commendation's
  // file only; Chiến sĩ thi đua cơ sở, a title, keeps its four documents (Điều 84 khoản 1).
  EXPECT_EQ(pack.RequiredDocuments(cstd, Procedure::kSimplified).size(), 4u);
  EXPECT_EQ(pack.RequiredDocuments(*pack.FindAward(AwardId("giay_khen_xa")), Procedure::kSimplified)
                .size(),
            2u);
  EXPECT_EQ(pack.AppraisalWorkingDays(cstd, Procedure::kCampaign), 20);
  EXPECT_EQ(pack.AppraisalWorkingDays(cstd, Procedure::kSimplified), 5);
  EXPECT_EQ(
      pack.AppraisalWorkingDays(*pack.FindAward(AwardId("giay_khen_xa")), Procedure::kCampaign),
      10);
}

TEST(RulePackRegistry, PicksThePackInForceOnTheSubmissionDay) {
  auto registry =
      RulePackRegistry::Create({testing::ThanhHoa2025Pack(), testing::ThanhHoa2024Pack()});
  ASSERT_OK(registry);
  auto in_force = [&](sys_days day) { return (*registry->InForce(day))->id.value(); };
  EXPECT_EQ(in_force(sys_days(year(2024) / 7 / 15)), "thanh_hoa_2024");
  EXPECT_EQ(in_force(sys_days(year(2025) / 6 / 30)), "thanh_hoa_2024");
  EXPECT_EQ(in_force(sys_days(year(2025) / 7 / 1)), "thanh_hoa_2025");
  EXPECT_EQ(in_force(sys_days(year(2030) / 1 / 1)), "thanh_hoa_2025");
  EXPECT_EQ(registry->InForce(sys_days(year(2023) / 12 / 31)).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ((*registry->Find(RulePackId("thanh_hoa_2024")))->escalation_target, Level::kDistrict);
  EXPECT_EQ(registry->Find(RulePackId("ha_noi_2024")).status().code(), StatusCode::kNotFound);
}

TEST(RulePackRegistry, RefusesDuplicatesAndInvalidPacks) {
  EXPECT_FALSE(
      RulePackRegistry::Create({testing::ThanhHoa2024Pack(), testing::ThanhHoa2024Pack()}).ok());
  RulePack same_day = testing::ThanhHoa2025Pack();
  same_day.effective_from = testing::ThanhHoa2024Pack().effective_from;
  EXPECT_FALSE(RulePackRegistry::Create({testing::ThanhHoa2024Pack(), same_day}).ok());
  RulePack invalid = testing::ThanhHoa2025Pack();
  invalid.awards.clear();
  EXPECT_FALSE(RulePackRegistry::Create({invalid}).ok());
}

}  // namespace
}  // namespace tdkt::engine
