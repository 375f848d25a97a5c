// Each guard of the lifecycle on its own (engine/guards.hpp).

#include "engine/guards.hpp"

#include <gtest/gtest.h>

#include "tests/support/lifecycle_fixture.hpp"
#include "tests/support/reference_packs.hpp"

namespace tdkt::engine {
namespace {

// A copy, so that it outlives a temporary pack.
AwardRule AwardOf(const RulePack& pack, const char* id) {
  const AwardRule* award = pack.FindAward(AwardId(id));
  EXPECT_NE(award, nullptr) << id;
  return award != nullptr ? *award : AwardRule{};
}

TEST(NomineeKindAllowed, AdmitsListedKindsOnly) {
  const RulePack pack = testing::ThanhHoa2024Pack();
  NomineeKindAllowed guard;
  EXPECT_TRUE(guard(pack, AwardId("giay_khen_xa"), NomineeKind::kHousehold));
  EXPECT_TRUE(guard(pack, AwardId("gia_dinh_van_hoa"), NomineeKind::kHousehold));
  const Verdict refused = guard(pack, AwardId("chien_si_thi_dua_co_so"), NomineeKind::kCollective);
  EXPECT_FALSE(refused);
  EXPECT_EQ(refused.reason,
            "nominee kind not allowed: Chiến sĩ thi đua cơ sở is not awarded to a collective "
            "nominee");
}

TEST(NomineeKindAllowed, RefusesAnAwardTheProvinceNoLongerHas) {
  const Verdict refused = NomineeKindAllowed{}(
      testing::ThanhHoa2025Pack(), AwardId("giay_khen_huyen"), NomineeKind::kIndividual);
  EXPECT_FALSE(refused);
  EXPECT_EQ(refused.reason, "award 'giay_khen_huyen' is not in rule pack 'thanh_hoa_2025'");
}

TEST(AwardAllowedInCampaign, ChecksTheCampaignsList) {
  Campaign campaign = testing::BinhLuong2024Campaign();
  EXPECT_TRUE(AwardAllowedInCampaign{}(campaign, AwardId("thon_van_hoa")));
  campaign.allowed_awards = {AwardId("giay_khen_xa")};
  const Verdict refused = AwardAllowedInCampaign{}(campaign, AwardId("thon_van_hoa"));
  EXPECT_FALSE(refused);
  EXPECT_NE(refused.reason.find("award not allowed in campaign"), std::string::npos);
}

TEST(SubmissionComplete, NeedsNomineeAwardAndSummary) {
  DossierSnapshot dossier = testing::NewDossier();
  EXPECT_TRUE(SubmissionComplete{}(dossier, Submit{"Thành tích", {}}));
  EXPECT_EQ(SubmissionComplete{}(dossier, Submit{"  ", {}}).reason,
            "submission incomplete: the achievement summary is empty");
  dossier.award = AwardId();
  EXPECT_EQ(SubmissionComplete{}(dossier, Submit{"Thành tích", {}}).reason,
            "submission incomplete: no award form chosen");
  dossier.nominee.name.clear();
  EXPECT_EQ(SubmissionComplete{}(dossier, Submit{"Thành tích", {}}).reason,
            "submission incomplete: the nominee is missing");
}

TEST(NominationCutoff, TurnsAtLocalMidnightAfterTheCutoffDay) {
  using namespace std::chrono;
  const Campaign campaign = testing::BinhLuong2024Campaign();  // cut-off 31/7/2024
  const Timestamp last_minute = sys_days(year(2024) / July / 31) + hours(16) + minutes(59);
  const Timestamp first_minute_after = sys_days(year(2024) / July / 31) + hours(17);
  EXPECT_TRUE(BeforeNominationCutoff{}(campaign, last_minute));
  EXPECT_FALSE(NominationCutoffPassed{}(campaign, last_minute));
  EXPECT_FALSE(BeforeNominationCutoff{}(campaign, first_minute_after));
  EXPECT_TRUE(NominationCutoffPassed{}(campaign, first_minute_after));
}

TEST(NoOtherOpenDossier, OneAchievementOneAward) {
  EXPECT_TRUE(NoOtherOpenDossier{}(testing::Facts(false)));
  EXPECT_FALSE(NoOtherOpenDossier{}(testing::Facts(true)));
}

TEST(TextGiven, BlankIsMissing) {
  EXPECT_TRUE(TextGiven{}("reason", "Vi phạm kỷ luật"));
  EXPECT_EQ(TextGiven{}("legal ground", " \n").reason, "legal ground required");
}

TEST(UnitMeetingPassed, MajorityOfMembersAndConsistentCounts) {
  EXPECT_TRUE(UnitMeetingPassed{}(UnitApprove{5, 4, 9}));
  EXPECT_FALSE(UnitMeetingPassed{}(UnitApprove{5, 5, 10}));  // half is not a majority
  EXPECT_FALSE(UnitMeetingPassed{}(UnitApprove{8, 3, 10}));  // more votes than members
  EXPECT_FALSE(UnitMeetingPassed{}(UnitApprove{0, 0, 0}));
}

TEST(FirstSupplementRequest, AtMostOnceAndNamesTheMissingDocuments) {
  DossierSnapshot dossier = testing::NewDossier();
  const RequestSupplement request{{DocumentKind::kReviewMinutes}, "Thiếu biên bản"};
  EXPECT_TRUE(FirstSupplementRequest{}(dossier, request));
  EXPECT_FALSE(FirstSupplementRequest{}(dossier, RequestSupplement{{}, "?"}));
  dossier.supplement_requests = 1;
  EXPECT_EQ(FirstSupplementRequest{}(dossier, request).reason,
            "supplement already requested once: a dossier may be returned only once");
}

TEST(SupplementBringsDocuments, EmptyIsRefused) {
  EXPECT_TRUE(SupplementBringsDocuments{}(Supplement{{DocumentKind::kReviewMinutes}}));
  EXPECT_FALSE(SupplementBringsDocuments{}(Supplement{}));
}

TEST(RequiredDocumentsAttached, PerAwardAndProcedure) {
  const RulePack pack = testing::ThanhHoa2025Pack();
  const AwardRule cstd = AwardOf(pack, "chien_si_thi_dua_co_so");
  const std::vector<DocumentKind> three = {DocumentKind::kSubmissionLetter,
                                           DocumentKind::kAchievementReport,
                                           DocumentKind::kReviewMinutes};
  EXPECT_TRUE(RequiredDocumentsAttached{}(pack, AwardOf(pack, "giay_khen_xa"), Procedure::kCampaign,
                                          three));
  const Verdict refused = RequiredDocumentsAttached{}(pack, cstd, Procedure::kCampaign, three);
  EXPECT_FALSE(refused);
  EXPECT_EQ(refused.reason,
            "required documents missing for Chiến sĩ thi đua cơ sở: initiative_certificate");
  // The simplified procedure (Luật Điều 85) asks fewer documents of a commendation; a title keeps
  // what Điều 84 requires (Chiến sĩ thi đua cơ sở: the initiative certificate, khoản 1 điểm d).
  const AwardRule giay_khen = AwardOf(pack, "giay_khen_xa");
  EXPECT_TRUE(RequiredDocumentsAttached{}(
      pack, giay_khen, Procedure::kSimplified,
      {DocumentKind::kSubmissionLetter, DocumentKind::kAchievementReport}));
  EXPECT_FALSE(RequiredDocumentsAttached{}(pack, giay_khen, Procedure::kSimplified,
                                           {DocumentKind::kSubmissionLetter}));
  const Verdict title = RequiredDocumentsAttached{}(
      pack, cstd, Procedure::kSimplified,
      {DocumentKind::kSubmissionLetter, DocumentKind::kAchievementReport});
  EXPECT_FALSE(title);
  EXPECT_NE(title.reason.find("initiative_certificate"), std::string::npos) << title.reason;
}

TEST(VoteCountsConsistent, RefusesImpossibleCounts) {
  EXPECT_TRUE(VoteCountsConsistent{}(testing::Vote(11, 9, 7)));
  EXPECT_FALSE(VoteCountsConsistent{}(testing::Vote(11, 12, 7)));
  EXPECT_FALSE(VoteCountsConsistent{}(CouncilVote{CouncilSessionId("s"), 0, 0, 0, 0}));
  EXPECT_FALSE(VoteCountsConsistent{}(CouncilVote{CouncilSessionId(), 11, 9, 7, 2}));
}

TEST(VoteMatchesSession, AgreesWithTheRecordedSessionOfTheDossiersCampaign) {
  const CampaignId campaign("binh-luong-75");
  DecideFacts facts;
  EXPECT_TRUE(VoteMatchesSession{}(facts, testing::Vote(11, 9, 7), campaign));  // not looked up
  facts.council_session =
      CouncilSessionFacts{CouncilSessionId("hd-2024-01"), 11, 9, true, campaign};
  EXPECT_TRUE(VoteMatchesSession{}(facts, testing::Vote(11, 9, 7), campaign));
  EXPECT_EQ(VoteMatchesSession{}(facts, testing::Vote(11, 10, 7), campaign).reason,
            "vote does not match council session 'hd-2024-01' (11 members, 9 present): it names "
            "'hd-2024-01' with 11 members, 10 present");
  CouncilVote other = testing::Vote(11, 9, 7);
  other.session = CouncilSessionId("hd-2024-02");
  EXPECT_FALSE(VoteMatchesSession{}(facts, other, campaign));
  EXPECT_EQ(VoteMatchesSession{}(facts, testing::Vote(11, 9, 7), CampaignId("other")).reason,
            "council session 'hd-2024-01' was held for campaign 'binh-luong-75', not for this "
            "dossier's 'other'");
  facts.council_session = CouncilSessionFacts{CouncilSessionId("hd-2024-01"), 0, 0, false, {}};
  EXPECT_EQ(VoteMatchesSession{}(facts, testing::Vote(11, 9, 7), campaign).reason,
            "council session 'hd-2024-01' is not recorded; the secretariat records the session "
            "(date, members, present) before its votes");
}

TEST(CouncilQuorumMet, TwoThirdsBoundary) {
  const Quorum two_thirds{2, 3};
  EXPECT_TRUE(CouncilQuorumMet{}(two_thirds, testing::Vote(9, 6, 6)));
  EXPECT_FALSE(CouncilQuorumMet{}(two_thirds, testing::Vote(9, 5, 5)));
  EXPECT_TRUE(CouncilQuorumMet{}(two_thirds, testing::Vote(11, 8, 8)));
  const Verdict refused = CouncilQuorumMet{}(two_thirds, testing::Vote(11, 7, 7));
  EXPECT_EQ(refused.reason, "quorum not met: 7 of 11 members present, 2/3 required");
}

TEST(CouncilThresholdMet, EightyPercentOfAllMembers) {
  const AwardRule cstd = AwardOf(testing::ThanhHoa2024Pack(), "chien_si_thi_dua_co_so");
  EXPECT_TRUE(CouncilThresholdMet{}(cstd, testing::Vote(10, 10, 8)));
  EXPECT_FALSE(CouncilThresholdMet{}(cstd, testing::Vote(11, 11, 8)));
  EXPECT_TRUE(CouncilThresholdMet{}(cstd, testing::Vote(11, 11, 9)));
  EXPECT_EQ(CouncilThresholdMet{}(cstd, testing::Vote(11, 9, 7)).reason,
            "threshold not met: 7 of 11 members voted yes, 80 % of members required");
}

TEST(CouncilThresholdMet, MajorityOfMembersPresent) {
  const AwardRule award = AwardOf(testing::ThanhHoa2024Pack(), "giay_khen_xa");
  EXPECT_TRUE(CouncilThresholdMet{}(award, testing::Vote(11, 8, 5)));
  EXPECT_FALSE(CouncilThresholdMet{}(award, testing::Vote(11, 8, 4)));  // half is not a majority
  EXPECT_EQ(CouncilThresholdMet{}(award, testing::Vote(11, 8, 4)).reason,
            "threshold not met: 4 of 8 members present voted yes, a majority of members present "
            "required");
}

TEST(WithinCommuneAuthority, FollowsTheDossiersPack) {
  EXPECT_FALSE(WithinCommuneAuthority{}(
      testing::ThanhHoa2024Pack(), AwardOf(testing::ThanhHoa2024Pack(), "chien_si_thi_dua_co_so")));
  EXPECT_TRUE(WithinCommuneAuthority{}(
      testing::ThanhHoa2025Pack(), AwardOf(testing::ThanhHoa2025Pack(), "chien_si_thi_dua_co_so")));
  const RulePack pack = testing::ThanhHoa2025Pack();
  EXPECT_EQ(WithinCommuneAuthority{}(pack, AwardOf(pack, "bang_khen_tinh")).reason,
            "beyond the commune's authority: Bằng khen của Chủ tịch UBND tỉnh is decided at "
            "province level under rule pack 'thanh_hoa_2025'; escalate instead");
}

TEST(QuotaAvailable, OnlyWhenTheCampaignSetsOne) {
  Campaign campaign = testing::BinhLuong2024Campaign();
  const AwardRule award = AwardOf(testing::ThanhHoa2025Pack(), "lao_dong_tien_tien");
  EXPECT_TRUE(QuotaAvailable{}(campaign, award, testing::Facts(false, 40)));
  campaign.quotas[award.id] = 3;
  EXPECT_TRUE(QuotaAvailable{}(campaign, award, testing::Facts(false, 2)));
  const Verdict refused = QuotaAvailable{}(campaign, award, testing::Facts(false, 3));
  EXPECT_FALSE(refused);
  EXPECT_EQ(refused.reason,
            "quota used up: 3 of 3 Lao động tiên tiến already approved in this campaign");
}

TEST(HigherDecisionComplete, NumberAlwaysReasonWhenRefused) {
  EXPECT_TRUE(HigherDecisionComplete{}(HigherDecision{"12/QĐ-UBND", {}, true, ""}));
  EXPECT_FALSE(HigherDecisionComplete{}(HigherDecision{"", {}, true, ""}));
  EXPECT_FALSE(HigherDecisionComplete{}(HigherDecision{"12/QĐ-UBND", {}, false, ""}));
  EXPECT_TRUE(HigherDecisionComplete{}(HigherDecision{"12/QĐ-UBND", {}, false, "Chưa đạt"}));
}

TEST(PublicNoticeRequired, OnlyWithAPositivePeriod) {
  Campaign campaign = testing::BinhLuong2024Campaign();
  EXPECT_FALSE(PublicNoticeRequired{}(campaign));
  campaign.public_notice_working_days = 5;
  EXPECT_TRUE(PublicNoticeRequired{}(campaign));
}

TEST(HeldFrom, ComparesTheRememberedState) {
  DossierSnapshot dossier = testing::NewDossier();
  EXPECT_FALSE(HeldFrom{}(dossier, State::kDraft));
  dossier.held_from = State::kAppraisal;
  EXPECT_TRUE(HeldFrom{}(dossier, State::kAppraisal));
  EXPECT_FALSE(HeldFrom{}(dossier, State::kIntake));
}

// A ballot cannot count more votes than there were members entitled to cast them.
TEST(BallotWithinEntitled, MembersPresentOrAllMembersWhereAbsentOnesVoteInWriting) {
  const RulePack pack = testing::ThanhHoa2024Pack();
  const AwardRule& giay_khen = *pack.FindAward(AwardId("giay_khen_xa"));
  const AwardRule& cstd = *pack.FindAward(AwardId("chien_si_thi_dua_co_so"));
  const CouncilVote ten_votes_of_eight_present{CouncilSessionId("s"), 11, 8, 9, 1};
  EXPECT_FALSE(BallotWithinEntitled{}(giay_khen, ten_votes_of_eight_present));
  EXPECT_TRUE(BallotWithinEntitled{}(cstd, ten_votes_of_eight_present));  // written votes count
  EXPECT_TRUE(BallotWithinEntitled{}(giay_khen, CouncilVote{CouncilSessionId("s"), 11, 8, 7, 1}));
  EXPECT_FALSE(BallotWithinEntitled{}(cstd, CouncilVote{CouncilSessionId("s"), 11, 8, 10, 2}));
}

}  // namespace
}  // namespace tdkt::engine
