// Decide's effects (audit, deadlines, notices, numbers), guards seen through Decide, and
// AllowedEvents.

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "tests/support/lifecycle_fixture.hpp"
#include "tests/support/reference_packs.hpp"
#include "tests/support/status_testing.hpp"
#include "workflows/decide.hpp"

namespace tdkt::workflows {
namespace {

using engine::EventType;
using engine::Role;
using engine::State;

engine::Result<engine::Decision> Send(const engine::DossierSnapshot& dossier,
                                      const engine::Command& command,
                                      engine::DecideFacts facts = {},
                                      engine::RulePack pack = testing::ThanhHoa2024Pack()) {
  return Decide(dossier, command, testing::SenderFor(engine::TypeOf(command)), pack,
                testing::BinhLuong2024Campaign(), facts, testing::At(2024, 7, 15));
}

template <typename T>
std::vector<T> EffectsOf(const engine::Decision& decision) {
  std::vector<T> found;
  for (const engine::Effect& effect : decision.effects) {
    if (const T* typed = std::get_if<T>(&effect)) found.push_back(*typed);
  }
  return found;
}

TEST(DecideEffects, AcceptStartsTheAppraisalClockOfTheAward) {
  const engine::RulePack pack = testing::ThanhHoa2025Pack();
  const auto decision = Send(testing::DossierAt(State::kIntake, pack, "chien_si_thi_dua_co_so"),
                             engine::Accept{}, {}, pack);
  ASSERT_OK(decision);
  const auto audits = EffectsOf<engine::AppendAudit>(*decision);
  ASSERT_EQ(audits.size(), 1u);
  EXPECT_EQ(audits[0].from, State::kIntake);
  EXPECT_EQ(audits[0].to, State::kAppraisal);
  EXPECT_EQ(audits[0].role, Role::kSecretariat);
  EXPECT_EQ(audits[0].at, testing::At(2024, 7, 15));
  EXPECT_EQ(audits[0].summary, "accept: intake → appraisal (Tiếp nhận → Thẩm định)");
  const auto deadlines = EffectsOf<engine::ScheduleDeadline>(*decision);
  ASSERT_EQ(deadlines.size(), 1u);
  EXPECT_EQ(deadlines[0].kind, engine::DeadlineKind::kAppraisal);
  EXPECT_EQ(deadlines[0].working_days, 20);
  EXPECT_EQ(deadlines[0].from, testing::At(2024, 7, 15));
  EXPECT_EQ(deadlines[0].remind_before_working_days, (std::vector<int>{3, 1}));
  const auto notices = EffectsOf<engine::Notify>(*decision);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].template_id, "dossier_entered_appraisal");
}

TEST(DecideEffects, LeavingAStageCancelsItsClock) {
  const engine::RulePack pack = testing::ThanhHoa2024Pack();
  const auto decision =
      Send(testing::DossierAt(State::kAppraisal, pack), engine::AppraisePass{"Đạt"});
  ASSERT_OK(decision);
  const auto cancelled = EffectsOf<engine::CancelDeadline>(*decision);
  ASSERT_EQ(cancelled.size(), 1u);
  EXPECT_EQ(cancelled[0].kind, engine::DeadlineKind::kAppraisal);
  EXPECT_TRUE(EffectsOf<engine::ScheduleDeadline>(*decision).empty());
  EXPECT_EQ(EffectsOf<engine::Notify>(*decision).at(0).role, Role::kCouncilMember);
}

TEST(DecideEffects, SupplementClockRunsFiveWorkingDays) {
  const auto decision = Send(testing::DossierAt(State::kIntake, testing::ThanhHoa2024Pack()),
                             testing::GoodCommand(EventType::kRequestSupplement));
  ASSERT_OK(decision);
  EXPECT_EQ(decision->dossier.supplement_requests, 1);
  const auto deadlines = EffectsOf<engine::ScheduleDeadline>(*decision);
  ASSERT_EQ(deadlines.size(), 1u);
  EXPECT_EQ(deadlines[0].kind, engine::DeadlineKind::kSupplement);
  EXPECT_EQ(deadlines[0].working_days, 5);
}

TEST(DecideEffects, SupplementAtMostOnce) {
  const engine::RulePack pack = testing::ThanhHoa2024Pack();
  auto requested = Send(testing::DossierAt(State::kIntake, pack),
                        testing::GoodCommand(EventType::kRequestSupplement));
  ASSERT_OK(requested);
  auto supplied = Send(requested->dossier, testing::GoodCommand(EventType::kSupplement));
  ASSERT_OK(supplied);
  EXPECT_EQ(supplied->dossier.state, State::kIntake);
  const auto again = Send(supplied->dossier, testing::GoodCommand(EventType::kRequestSupplement));
  EXPECT_EQ(again.status().code(), engine::StatusCode::kRejectedTransition);
  EXPECT_EQ(again.status().message(),
            "dossier is in intake; request_supplement refused: supplement already requested "
            "once: a dossier may be returned only once");
}

TEST(DecideEffects, AcceptNeedsEveryRequiredDocument) {
  engine::DossierSnapshot dossier =
      testing::DossierAt(State::kIntake, testing::ThanhHoa2024Pack(), "chien_si_thi_dua_co_so");
  dossier.documents.pop_back();  // no initiative certificate
  const auto refused = Send(dossier, engine::Accept{});
  EXPECT_EQ(refused.status().message(),
            "dossier is in intake; accept refused: required documents missing for Chiến sĩ thi "
            "đua cơ sở: initiative_certificate");
}

TEST(DecideEffects, NumbersForDecisionSubmissionAndMinutes) {
  const engine::RulePack pack = testing::ThanhHoa2024Pack();
  const auto approved = Send(testing::DossierAt(State::kChairmanDecision, pack), engine::Approve{});
  ASSERT_OK(approved);
  ASSERT_EQ(EffectsOf<engine::AssignNumber>(*approved).size(), 1u);
  EXPECT_EQ(EffectsOf<engine::AssignNumber>(*approved)[0].series, engine::NumberSeries::kDecision);
  EXPECT_EQ(engine::NumberSeriesSymbol(engine::NumberSeries::kDecision), "QĐ-UBND");

  const auto escalated = Send(testing::DossierAt(State::kChairmanDecision, pack),
                              testing::GoodCommand(EventType::kEscalate));
  ASSERT_OK(escalated);
  EXPECT_EQ(EffectsOf<engine::AssignNumber>(*escalated).at(0).series,
            engine::NumberSeries::kSubmission);
  EXPECT_EQ(EffectsOf<engine::ScheduleDeadline>(*escalated).at(0).working_days, 20);

  const auto voted = Send(testing::DossierAt(State::kCouncilReview, pack), testing::Vote(10, 9, 9));
  ASSERT_OK(voted);
  const auto minutes = EffectsOf<engine::AssignNumber>(*voted);
  ASSERT_EQ(minutes.size(), 1u);
  EXPECT_EQ(minutes[0].series, engine::NumberSeries::kCouncilMinutes);
  EXPECT_EQ(minutes[0].scope, "hd-2024-01");
  EXPECT_EQ(engine::NumberSeriesSymbol(engine::NumberSeries::kCouncilMinutes), "BB-HĐTĐKT");
}

TEST(DecideEffects, RemindChangesNothingButIsRecordedAndTellsWhoMustAct) {
  const engine::DossierSnapshot dossier =
      testing::DossierAt(State::kAppraisal, testing::ThanhHoa2024Pack());
  const auto reminded = Send(dossier, testing::GoodCommand(EventType::kRemind));
  ASSERT_OK(reminded);
  EXPECT_EQ(reminded->dossier, dossier);
  ASSERT_EQ(reminded->effects.size(), 2u);
  EXPECT_EQ(std::get<engine::AppendAudit>(reminded->effects[0]).event, EventType::kRemind);
  const auto notices = EffectsOf<engine::Notify>(*reminded);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].role, Role::kSecretariat);
  EXPECT_EQ(notices[0].template_id, "reminder");
  ASSERT_TRUE(notices[0].reminder.has_value());
  EXPECT_EQ(notices[0].reminder->working_days_left, 3);
  EXPECT_EQ(notices[0].reminder->due_at, "2024-08-01T10:00:00Z");
}

// DOMAIN.md, "Reminders": on the deadline's day the one who must act is told; once it has passed
// their supervisor is told too — and the two records say which they are.
TEST(DecideEffects, DueAndOverdueRemindersAreToldApart) {
  engine::DossierSnapshot dossier =
      testing::DossierAt(State::kAwaitingSupplement, testing::ThanhHoa2024Pack());
  const engine::Remind due{"supplement", 0, engine::ReminderKind::kDue, "2024-08-01T10:00:00Z"};
  const auto on_the_day = Send(dossier, due);
  ASSERT_OK(on_the_day);
  auto notices = EffectsOf<engine::Notify>(*on_the_day);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].template_id, "due");
  EXPECT_EQ(notices[0].role, Role::kUnitOfficer);
  EXPECT_EQ(notices[0].unit, testing::kVillage);
  EXPECT_EQ(std::get<engine::Remind>(std::get<engine::AppendAudit>(on_the_day->effects[0]).command)
                .reminder,
            engine::ReminderKind::kDue);

  engine::Remind overdue = due;
  overdue.reminder = engine::ReminderKind::kOverdue;
  const auto late = Send(dossier, overdue);
  ASSERT_OK(late);
  notices = EffectsOf<engine::Notify>(*late);
  ASSERT_EQ(notices.size(), 2u);
  EXPECT_EQ(notices[0].template_id, "overdue");
  EXPECT_EQ(notices[0].role, Role::kUnitOfficer);
  EXPECT_EQ(notices[1].template_id, "overdue");
  EXPECT_EQ(notices[1].role, Role::kUnitHead);  // the supervisor, of the same unit
  EXPECT_EQ(notices[1].unit, testing::kVillage);
}

// A vote may leave out members and present: the recorded session gives them, and the audit
// record keeps the completed vote.
TEST(DecideEffects, VoteTakesItsMissingCountsFromTheRecordedSession) {
  const engine::RulePack pack = testing::ThanhHoa2024Pack();
  engine::DecideFacts facts;
  facts.council_session = engine::CouncilSessionFacts{engine::CouncilSessionId("hd-2024-01"), 10, 9,
                                                      true, testing::BinhLuong2024Campaign().id};
  engine::CouncilVote vote{engine::CouncilSessionId("hd-2024-01"), std::nullopt, std::nullopt, 8,
                           1};
  const auto voted = Send(testing::DossierAt(State::kCouncilReview, pack), vote, facts);
  ASSERT_OK(voted);
  const auto& recorded =
      std::get<engine::CouncilVote>(std::get<engine::AppendAudit>(voted->effects[0]).command);
  EXPECT_EQ(recorded.members, 10);
  EXPECT_EQ(recorded.present, 9);
  // Without a recorded session there is nothing to take them from.
  const auto unknown = Send(testing::DossierAt(State::kCouncilReview, pack), vote);
  EXPECT_EQ(unknown.status().code(), engine::StatusCode::kRejectedTransition);
  // Counts that are given must agree with the session.
  vote.present = 7;
  const auto disagreeing = Send(testing::DossierAt(State::kCouncilReview, pack), vote, facts);
  EXPECT_EQ(disagreeing.status().code(), engine::StatusCode::kRejectedTransition);
}

TEST(DecideEffects, SecondDossierForTheSameNomineeIsRefused) {
  const auto refused =
      Send(testing::NewDossier(), testing::GoodCommand(EventType::kSubmit), testing::Facts(true));
  EXPECT_EQ(refused.status().message(),
            "dossier is in draft; submit refused: one achievement, one award: the nominee "
            "already has dossier 'hs-other' open or approved in this campaign");
}

TEST(DecideEffects, SubmitChecksNomineeKindAndCampaign) {
  const auto household =
      Send(testing::NewDossier("lao_dong_tien_tien", engine::NomineeKind::kHousehold),
           testing::GoodCommand(EventType::kSubmit));
  EXPECT_EQ(household.status().message(),
            "dossier is in draft; submit refused: nominee kind not allowed: Lao động tiên tiến "
            "is not awarded to a household nominee");
  engine::Campaign campaign = testing::BinhLuong2024Campaign();
  campaign.allowed_awards = {engine::AwardId("giay_khen_xa")};
  const auto not_in_campaign =
      Decide(testing::NewDossier("thon_van_hoa", engine::NomineeKind::kCollective),
             testing::GoodCommand(EventType::kSubmit), testing::SenderFor(EventType::kSubmit),
             testing::ThanhHoa2024Pack(), campaign, {}, testing::At(2024, 7, 15));
  EXPECT_FALSE(not_in_campaign.ok());
}

TEST(DecideEffects, ApproveRespectsTheCampaignQuota) {
  engine::Campaign campaign = testing::BinhLuong2024Campaign();
  campaign.quotas[engine::AwardId("giay_khen_xa")] = 2;
  auto approve = [&](int approved_so_far) {
    return Decide(testing::DossierAt(State::kChairmanDecision, testing::ThanhHoa2024Pack()),
                  engine::Approve{}, testing::SenderFor(EventType::kApprove),
                  testing::ThanhHoa2024Pack(), campaign, testing::Facts(false, approved_so_far),
                  testing::At(2024, 8, 5));
  };
  EXPECT_OK(approve(1));
  EXPECT_EQ(approve(2).status().message(),
            "dossier is in chairman_decision; approve refused: quota used up: 2 of 2 Giấy khen "
            "của Chủ tịch UBND xã already approved in this campaign");
}

TEST(DecideEffects, CouncilVoteMustAgreeWithTheStoredSession) {
  engine::DecideFacts facts;
  const engine::DossierSnapshot dossier =
      testing::DossierAt(State::kCouncilReview, testing::ThanhHoa2024Pack());
  facts.council_session = engine::CouncilSessionFacts{engine::CouncilSessionId("hd-2024-01"), 10, 8,
                                                      true, dossier.campaign};
  EXPECT_OK(Send(dossier, testing::Vote(10, 8, 8), facts));
  const auto refused = Send(dossier, testing::Vote(10, 9, 9), facts);
  EXPECT_EQ(refused.status().code(), engine::StatusCode::kRejectedTransition);
  EXPECT_NE(refused.status().message().find("vote does not match council session"),
            std::string::npos);
}

TEST(DecideEffects, AVoteNamingNoRecordedSessionIsRefusedAfterRoleAndState) {
  const engine::DossierSnapshot dossier =
      testing::DossierAt(State::kCouncilReview, testing::ThanhHoa2024Pack());
  engine::DecideFacts facts;
  facts.council_session = engine::CouncilSessionFacts{engine::CouncilSessionId("hd-2024-01"), 0, 0,
                                                      false, engine::CampaignId()};
  const auto refused = Send(dossier, testing::Vote(10, 8, 8), facts);
  EXPECT_EQ(refused.status().code(), engine::StatusCode::kRejectedTransition);
  EXPECT_NE(refused.status().message().find("council session 'hd-2024-01' is not recorded"),
            std::string::npos)
      << refused.status().message();
  // Who may send it and whether the state takes it are answered first.
  const auto chairman =
      Decide(dossier, testing::Vote(10, 8, 8), testing::ActorAs(engine::Role::kChairman),
             testing::ThanhHoa2024Pack(), testing::BinhLuong2024Campaign(), facts,
             testing::At(2024, 7, 15));
  EXPECT_EQ(chairman.status().code(), engine::StatusCode::kForbidden);
  const auto in_appraisal = Send(testing::DossierAt(State::kAppraisal, testing::ThanhHoa2024Pack()),
                                 testing::Vote(10, 8, 8), facts);
  EXPECT_NE(in_appraisal.status().message().find("council_vote needs council_review"),
            std::string::npos)
      << in_appraisal.status().message();

  facts.council_session = engine::CouncilSessionFacts{engine::CouncilSessionId("hd-2024-01"), 10, 8,
                                                      true, engine::CampaignId("another")};
  EXPECT_NE(Send(dossier, testing::Vote(10, 8, 8), facts)
                .status()
                .message()
                .find("was held for campaign 'another'"),
            std::string::npos);
}

TEST(DecideEffects, ForbiddenBeforeAnythingElse) {
  const auto decision =
      Decide(testing::DossierAt(State::kChairmanDecision, testing::ThanhHoa2024Pack()),
             engine::Approve{}, testing::ActorAs(Role::kAuditor), testing::ThanhHoa2024Pack(),
             testing::BinhLuong2024Campaign(), {}, testing::At(2024, 8, 1));
  EXPECT_EQ(decision.status().code(), engine::StatusCode::kForbidden);
  EXPECT_EQ(decision.status().message(), "read-only rule: auditor changes nothing");
}

TEST(AllowedEvents, ExactlyTheButtonsOfTheActor) {
  const engine::RulePack pack = testing::ThanhHoa2024Pack();
  using V = std::vector<EventType>;
  EXPECT_EQ(AllowedEvents(testing::DossierAt(State::kChairmanDecision, pack),
                          testing::ActorAs(Role::kChairman)),
            (V{EventType::kApprove, EventType::kEscalate, EventType::kReject}));
  EXPECT_EQ(
      AllowedEvents(testing::DossierAt(State::kIntake, pack), testing::ActorAs(Role::kSecretariat)),
      (V{EventType::kRequestSupplement, EventType::kAccept, EventType::kHold,
         EventType::kTransfer}));
  EXPECT_EQ(
      AllowedEvents(testing::DossierAt(State::kDraft, pack), testing::ActorAs(Role::kUnitOfficer)),
      (V{EventType::kSubmit, EventType::kWithdraw}));
  EXPECT_TRUE(AllowedEvents(testing::DossierAt(State::kDraft, pack),
                            testing::ActorAs(Role::kUnitOfficer, testing::kOtherVillage))
                  .empty());
  EXPECT_TRUE(
      AllowedEvents(testing::DossierAt(State::kApproved, pack), testing::ActorAs(Role::kAuditor))
          .empty());
  EXPECT_EQ(
      AllowedEvents(testing::DossierAt(State::kApproved, pack), testing::ActorAs(Role::kChairman)),
      (V{EventType::kRevoke}));
}

}  // namespace
}  // namespace tdkt::workflows
