// The rules of a decision or submission (engine/rounds.hpp), without a store.

#include "engine/rounds.hpp"

#include <gtest/gtest.h>

#include "tests/support/reference_packs.hpp"

namespace tdkt::engine {
namespace {

const Actor kSecretariat{UserId("vptk"), Role::kSecretariat, std::nullopt};
const Actor kChairman{UserId("ct"), Role::kChairman, std::nullopt};
const Actor kOfficer{UserId("cb"), Role::kUnitOfficer, UnitId("thon-1")};
const Actor kAdmin{UserId("qt"), Role::kAdmin, std::nullopt};

DossierSnapshot Waiting(const char* id, const char* award, const char* unit = "thon-1") {
  DossierSnapshot d;
  d.id = DossierId(id);
  d.campaign = CampaignId("c");
  d.unit = UnitId(unit);
  d.nominee = Nominee{NomineeId(id), NomineeKind::kIndividual, "Lò Văn Chương", true, false};
  d.award = AwardId(award);
  d.rule_pack = RulePackId("thanh_hoa_2024");
  d.state = State::kChairmanDecision;
  return d;
}

Campaign TheCampaign() {
  Campaign c;
  c.id = CampaignId("c");
  c.name = "Phong trào";
  return c;
}

TEST(Rounds, ADraftNeedsTheSecretariatAnIdAndATitle) {
  EXPECT_TRUE(
      NewRound(RoundId("qd-1"), RoundKind::kDecision, TheCampaign(), "V/v", kSecretariat).ok());
  EXPECT_EQ(NewRound(RoundId("qd-1"), RoundKind::kDecision, TheCampaign(), "V/v", kChairman)
                .status()
                .code(),
            StatusCode::kForbidden);
  auto blank = NewRound(RoundId("qd-1"), RoundKind::kDecision, TheCampaign(), " ", kSecretariat);
  EXPECT_EQ(blank.status().message(), "round.title: must not be blank");
  EXPECT_EQ(NewRound(RoundId("q d"), RoundKind::kDecision, TheCampaign(), "V/v", kSecretariat)
                .status()
                .code(),
            StatusCode::kInvalidArgument);
}

TEST(Rounds, ADecisionListsWhatTheCommuneDecidesInChairmanDecisionOnly) {
  const RulePack pack = testing::ThanhHoa2024Pack();
  Round round =
      NewRound(RoundId("qd"), RoundKind::kDecision, TheCampaign(), "V/v", kSecretariat).value();
  EXPECT_TRUE(CheckAddLine(round, Waiting("a", "giay_khen_xa"), &pack, std::nullopt).ok());
  // Chiến sĩ thi đua cơ sở is the district's under the 2024 pack: a submission lists it.
  Status beyond = CheckAddLine(round, Waiting("b", "chien_si_thi_dua_co_so"), &pack, std::nullopt);
  EXPECT_EQ(beyond.code(), StatusCode::kRejectedTransition);
  EXPECT_NE(beyond.message().find("list it in a submission"), std::string::npos);
  Round submission =
      NewRound(RoundId("tt"), RoundKind::kSubmission, TheCampaign(), "V/v", kSecretariat).value();
  EXPECT_TRUE(
      CheckAddLine(submission, Waiting("b", "chien_si_thi_dua_co_so"), &pack, std::nullopt).ok());
  DossierSnapshot held = Waiting("c", "giay_khen_xa");
  held.state = State::kOnHold;
  EXPECT_EQ(CheckAddLine(round, held, &pack, std::nullopt).code(), StatusCode::kRejectedTransition);
  EXPECT_EQ(CheckAddLine(round, Waiting("d", "giay_khen_xa"), &pack, RoundId("qd-other")).code(),
            StatusCode::kConflict);
  DossierSnapshot other_campaign = Waiting("e", "giay_khen_xa");
  other_campaign.campaign = CampaignId("c2");
  EXPECT_EQ(CheckAddLine(round, other_campaign, &pack, std::nullopt).code(),
            StatusCode::kInvalidArgument);
  round.lines.push_back(LineFor(Waiting("a", "giay_khen_xa"), pack));
  EXPECT_EQ(round.lines[0].award_name, "Giấy khen của Chủ tịch UBND xã");
  EXPECT_EQ(CheckAddLine(round, Waiting("a", "giay_khen_xa"), &pack, std::nullopt).code(),
            StatusCode::kConflict);
  round.status = RoundStatus::kSigned;
  round.number = "01/QĐ-UBND";
  EXPECT_EQ(CheckAddLine(round, Waiting("f", "giay_khen_xa"), &pack, std::nullopt).code(),
            StatusCode::kRejectedTransition);
  EXPECT_EQ(CheckSign(round, kChairman).code(), StatusCode::kConflict);
  EXPECT_EQ(CheckRemoveLine(round, DossierId("a"), kChairman).code(),
            StatusCode::kRejectedTransition);
}

TEST(Rounds, UnitRolesSeeTheirOwnLinesAndTheAdminNone) {
  const RulePack pack = testing::ThanhHoa2024Pack();
  Round round =
      NewRound(RoundId("qd"), RoundKind::kDecision, TheCampaign(), "V/v", kSecretariat).value();
  round.lines.push_back(LineFor(Waiting("a", "giay_khen_xa", "thon-1"), pack));
  round.lines.push_back(LineFor(Waiting("b", "giay_khen_xa", "thon-2"), pack));
  round.lines[0].prize = Prize{360'000, 150, 2'340'000, "x", "y"};
  round.lines[1].prize = Prize{360'000, 150, 2'340'000, "x", "y"};
  EXPECT_EQ(round.TotalPrizeVnd(), 720'000);
  auto own = VisibleTo(round, kOfficer);
  ASSERT_TRUE(own.ok());
  ASSERT_EQ(own->lines.size(), 1u);
  EXPECT_EQ(own->lines[0].dossier, DossierId("a"));
  EXPECT_EQ(own->TotalPrizeVnd(), 360'000);
  EXPECT_EQ(VisibleTo(round, kSecretariat)->lines.size(), 2u);
  EXPECT_EQ(VisibleTo(round, kAdmin).status().code(), StatusCode::kForbidden);
}

TEST(Rounds, TheHigherAnswerNamesListedDossiersOnceAndGivesReasonsForRefusals) {
  const RulePack pack = testing::ThanhHoa2024Pack();
  Round round =
      NewRound(RoundId("tt"), RoundKind::kSubmission, TheCampaign(), "V/v", kSecretariat).value();
  round.lines.push_back(LineFor(Waiting("a", "chien_si_thi_dua_co_so"), pack));
  round.lines.push_back(LineFor(Waiting("b", "chien_si_thi_dua_co_so"), pack));
  EXPECT_EQ(CheckAnswer(round, "12/QĐ-UBND", {{DossierId("a"), true, ""}}, kSecretariat).code(),
            StatusCode::kRejectedTransition);  // a draft has not been sent up
  round.status = RoundStatus::kSigned;
  round.number = "01/TTr-UBND";
  EXPECT_TRUE(CheckAnswer(round, "12/QĐ-UBND",
                          {{DossierId("a"), true, ""}, {DossierId("b"), false, "chưa đạt"}},
                          kSecretariat)
                  .ok());
  EXPECT_EQ(CheckAnswer(round, "12/QĐ-UBND", {{DossierId("a"), true, ""}}, kChairman).code(),
            StatusCode::kForbidden);
  EXPECT_EQ(CheckAnswer(round, " ", {{DossierId("a"), true, ""}}, kSecretariat).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckAnswer(round, "12/QĐ-UBND", {}, kSecretariat).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckAnswer(round, "12/QĐ-UBND", {{DossierId("z"), true, ""}}, kSecretariat).code(),
            StatusCode::kNotFound);
  EXPECT_EQ(CheckAnswer(round, "12/QĐ-UBND",
                        {{DossierId("a"), true, ""}, {DossierId("a"), true, ""}}, kSecretariat)
                .code(),
            StatusCode::kInvalidArgument);
  Status no_reason = CheckAnswer(round, "12/QĐ-UBND", {{DossierId("b"), false, ""}}, kSecretariat);
  EXPECT_EQ(no_reason.message(), "answer.dossiers[0]: reason: required when approved is false");
  round.lines[0].answer = LineAnswer{true, "", "12/QĐ-UBND", {}};
  EXPECT_EQ(CheckAnswer(round, "13/QĐ-UBND", {{DossierId("a"), true, ""}}, kSecretariat).code(),
            StatusCode::kConflict);
}

TEST(Rounds, OnlyASignedDecisionsStandingAwardsAreMadeKnown) {
  Round round =
      NewRound(RoundId("qd"), RoundKind::kDecision, TheCampaign(), "V/v", kSecretariat).value();
  EXPECT_FALSE(IsPublishedLine(round, State::kApproved));  // a draft
  round.status = RoundStatus::kSigned;
  EXPECT_TRUE(IsPublishedLine(round, State::kApproved));
  EXPECT_FALSE(IsPublishedLine(round, State::kRevoked));  // thu hồi since
  round.kind = RoundKind::kSubmission;
  EXPECT_FALSE(IsPublishedLine(round, State::kApproved));  // the higher level awards, not this
}

}  // namespace
}  // namespace tdkt::engine
