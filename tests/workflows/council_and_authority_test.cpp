// Council quorum and threshold for every award of both packs, and the commune's authority under
// the 2024 and the 2025 pack.

#include <gtest/gtest.h>

#include <string>

#include "tests/support/lifecycle_fixture.hpp"
#include "tests/support/reference_packs.hpp"
#include "tests/support/status_testing.hpp"
#include "workflows/decide.hpp"

namespace tdkt::workflows {
namespace {

using engine::EventType;
using engine::State;

engine::Result<engine::Decision> Vote(const engine::RulePack& pack, const engine::AwardRule& award,
                                      const engine::CouncilVote& vote) {
  engine::Campaign campaign = testing::BinhLuong2024Campaign();
  return Decide(testing::DossierAt(State::kCouncilReview, pack, award.id.value().c_str()), vote,
                testing::SenderFor(EventType::kCouncilVote), pack, campaign, {},
                testing::At(2024, 7, 20));
}

class EveryAward : public ::testing::TestWithParam<engine::RulePack> {};

TEST_P(EveryAward, QuorumIsTwoThirdsOfMembers) {
  const engine::RulePack& pack = GetParam();
  for (const engine::AwardRule& award : pack.awards) {
    SCOPED_TRACE(award.id.value());
    // 6 of 9 present is a quorum, 5 of 9 is not; 8 of 11 is, 7 of 11 is not.
    EXPECT_OK(Vote(pack, award, testing::Vote(9, 6, 6)));
    EXPECT_OK(Vote(pack, award, testing::Vote(11, 8, 8)));
    const auto short_of_quorum = Vote(pack, award, testing::Vote(11, 7, 7));
    EXPECT_EQ(short_of_quorum.status().code(), engine::StatusCode::kRejectedTransition);
    EXPECT_EQ(short_of_quorum.status().message(),
              "dossier is in council_review; council_vote refused: quorum not met: 7 of 11 "
              "members present, 2/3 required");
    EXPECT_FALSE(Vote(pack, award, testing::Vote(9, 5, 5)).ok());
  }
}

TEST_P(EveryAward, ThresholdBoundaries) {
  const engine::RulePack& pack = GetParam();
  for (const engine::AwardRule& award : pack.awards) {
    SCOPED_TRACE(award.id.value());
    auto state_after = [&](const engine::CouncilVote& vote) {
      const auto decision = Vote(pack, award, vote);
      EXPECT_OK(decision);
      return decision.ok() ? decision->dossier.state : State::kCouncilReview;
    };
    if (award.threshold.rule == engine::ThresholdRule::kShareOfAllMembers) {
      ASSERT_EQ(award.threshold.percent, 80);
      EXPECT_EQ(state_after(testing::Vote(10, 10, 8)), State::kChairmanDecision);  // 8 of 10
      EXPECT_EQ(state_after(testing::Vote(10, 8, 8)), State::kChairmanDecision);   // absentees
      EXPECT_EQ(state_after(testing::Vote(11, 11, 8)), State::kRejected);          // 8 of 11
      EXPECT_EQ(state_after(testing::Vote(11, 11, 9)), State::kChairmanDecision);  // 9 of 11
      EXPECT_EQ(state_after(testing::Vote(10, 10, 7)), State::kRejected);
      const auto failed = Vote(pack, award, testing::Vote(11, 9, 7));
      ASSERT_OK(failed);
      EXPECT_EQ(failed->dossier.outcome_reason,
                "threshold not met: 7 of 11 members voted yes, 80 % of members required");
      EXPECT_EQ(failed->dossier.rejected_at, State::kCouncilReview);
    } else {
      EXPECT_EQ(state_after(testing::Vote(11, 8, 5)), State::kChairmanDecision);  // 5 of 8
      EXPECT_EQ(state_after(testing::Vote(11, 8, 4)), State::kRejected);          // 4 of 8
      EXPECT_EQ(state_after(testing::Vote(10, 10, 6)), State::kChairmanDecision);
      EXPECT_EQ(state_after(testing::Vote(10, 10, 5)), State::kRejected);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(BothPacks, EveryAward,
                         ::testing::Values(testing::ThanhHoa2024Pack(),
                                           testing::ThanhHoa2025Pack()),
                         [](const auto& info) { return info.param.id.value(); });

engine::Result<engine::Decision> Chairman(const engine::RulePack& pack, const char* award,
                                          const engine::Command& command) {
  return Decide(testing::DossierAt(State::kChairmanDecision, pack, award), command,
                testing::SenderFor(engine::TypeOf(command)), pack, testing::BinhLuong2024Campaign(),
                {}, testing::At(2024, 8, 5));
}

TEST(CommuneAuthority, ChienSiThiDuaCoSoEscalatesIn2024AndIsDecidedAtTheCommuneIn2025) {
  const auto in_2024 =
      Chairman(testing::ThanhHoa2024Pack(), "chien_si_thi_dua_co_so", engine::Approve{});
  EXPECT_EQ(in_2024.status().code(), engine::StatusCode::kRejectedTransition);
  EXPECT_EQ(in_2024.status().message(),
            "dossier is in chairman_decision; approve refused: beyond the commune's authority: "
            "Chiến sĩ thi đua cơ sở is decided at district level under rule pack "
            "'thanh_hoa_2024'; escalate instead");
  const auto escalated = Chairman(testing::ThanhHoa2024Pack(), "chien_si_thi_dua_co_so",
                                  engine::Escalate{"Thuộc thẩm quyền cấp huyện", std::nullopt});
  ASSERT_OK(escalated);
  EXPECT_EQ(escalated->dossier.state, State::kEscalated);

  const auto in_2025 =
      Chairman(testing::ThanhHoa2025Pack(), "chien_si_thi_dua_co_so", engine::Approve{});
  ASSERT_OK(in_2025);
  EXPECT_EQ(in_2025->dossier.state, State::kApproved);
}

TEST(CommuneAuthority, EveryAwardApprovesExactlyWhenTheCommuneDecides) {
  for (const engine::RulePack& pack : {testing::ThanhHoa2024Pack(), testing::ThanhHoa2025Pack()}) {
    for (const engine::AwardRule& award : pack.awards) {
      SCOPED_TRACE(pack.id.value() + " / " + award.id.value());
      const auto approved = Chairman(pack, award.id.value().c_str(), engine::Approve{});
      EXPECT_EQ(approved.ok(), award.deciding_level == engine::Level::kCommune);
      EXPECT_OK(Chairman(pack, award.id.value().c_str(),
                         engine::Escalate{"Trình cấp trên", std::nullopt}));
    }
  }
  // The 2024 district-level awards are the commune's in 2025; Bằng khen stays with the province.
  const engine::RulePack pack_2025 = testing::ThanhHoa2025Pack();
  for (const char* id : {"chien_si_thi_dua_co_so", "tap_the_lao_dong_tien_tien", "thon_van_hoa"}) {
    EXPECT_EQ(testing::ThanhHoa2024Pack().FindAward(engine::AwardId(id))->deciding_level,
              engine::Level::kDistrict);
    EXPECT_EQ(pack_2025.FindAward(engine::AwardId(id))->deciding_level, engine::Level::kCommune);
  }
  EXPECT_EQ(pack_2025.FindAward(engine::AwardId("giay_khen_huyen")), nullptr);
  EXPECT_EQ(pack_2025.FindAward(engine::AwardId("bang_khen_tinh"))->deciding_level,
            engine::Level::kProvince);
}

TEST(CommuneAuthority, ADossierKeepsThePackItWasSubmittedUnder) {
  const engine::DossierSnapshot dossier = testing::DossierAt(
      State::kChairmanDecision, testing::ThanhHoa2024Pack(), "chien_si_thi_dua_co_so");
  const auto under_new_pack = Decide(
      dossier, engine::Approve{}, testing::SenderFor(EventType::kApprove),
      testing::ThanhHoa2025Pack(), testing::BinhLuong2024Campaign(), {}, testing::At(2025, 7, 2));
  EXPECT_EQ(under_new_pack.status().code(), engine::StatusCode::kInvalidArgument);
  EXPECT_EQ(under_new_pack.status().message(),
            "dossier is judged by rule pack 'thanh_hoa_2024' (in force when it was submitted), "
            "not 'thanh_hoa_2025'");
}

TEST(CommuneAuthority, SubmitRecordsThePackInForce) {
  engine::Campaign campaign = testing::BinhLuong2024Campaign();
  campaign.nomination_cutoff = std::chrono::sys_days(std::chrono::year(2025) / 12 / 31);
  const auto submitted =
      Decide(testing::NewDossier("chien_si_thi_dua_co_so"),
             testing::GoodCommand(EventType::kSubmit), testing::SenderFor(EventType::kSubmit),
             testing::ThanhHoa2025Pack(), campaign, {}, testing::At(2025, 9, 1));
  ASSERT_OK(submitted);
  EXPECT_EQ(submitted->dossier.rule_pack.value(), "thanh_hoa_2025");
}

}  // namespace
}  // namespace tdkt::workflows
