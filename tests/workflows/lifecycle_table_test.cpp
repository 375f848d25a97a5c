// DOMAIN.md's events table, row by row, and every (state, event) pair it does not list.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/support/lifecycle_fixture.hpp"
#include "tests/support/reference_packs.hpp"
#include "tests/support/status_testing.hpp"
#include "workflows/decide.hpp"

namespace tdkt::workflows {
namespace {

using engine::Command;
using engine::EventType;
using engine::State;
using testing::GoodCommand;

struct SpecRow {
  State from;
  EventType event;
  State to;
  Command command;
  bool public_notice = false;  // the campaign posts the list after the vote
};

// Written from DOMAIN.md's table, independently of the machine.
std::vector<SpecRow> SpecRows() {
  using enum State;
  using E = EventType;
  std::vector<SpecRow> rows = {
      {kDraft, E::kSubmit, kUnitReview, GoodCommand(E::kSubmit)},
      {kUnitReview, E::kUnitReturn, kDraft, GoodCommand(E::kUnitReturn)},
      {kUnitReview, E::kUnitApprove, kIntake, GoodCommand(E::kUnitApprove)},
      {kUnitReview, E::kUnitReject, kRejected, GoodCommand(E::kUnitReject)},
      {kIntake, E::kRequestSupplement, kAwaitingSupplement, GoodCommand(E::kRequestSupplement)},
      {kAwaitingSupplement, E::kSupplement, kIntake, GoodCommand(E::kSupplement)},
      {kIntake, E::kAccept, kAppraisal, GoodCommand(E::kAccept)},
      {kAppraisal, E::kAppraisePass, kCouncilReview, GoodCommand(E::kAppraisePass)},
      {kAppraisal, E::kAppraiseFail, kRejected, GoodCommand(E::kAppraiseFail)},
      {kCouncilReview, E::kCouncilVote, kPublicNotice, testing::Vote(10, 9, 9), true},
      {kCouncilReview, E::kCouncilVote, kChairmanDecision, testing::Vote(10, 9, 9)},
      {kCouncilReview, E::kCouncilVote, kRejected, testing::Vote(10, 9, 4)},
      {kPublicNotice, E::kObjection, kAppraisal, GoodCommand(E::kObjection)},
      {kPublicNotice, E::kNoticeEnded, kChairmanDecision, GoodCommand(E::kNoticeEnded)},
      {kChairmanDecision, E::kApprove, kApproved, GoodCommand(E::kApprove)},
      {kChairmanDecision, E::kEscalate, kEscalated, GoodCommand(E::kEscalate)},
      {kChairmanDecision, E::kReject, kRejected, GoodCommand(E::kReject)},
      {kEscalated, E::kHigherDecision, kApproved, GoodCommand(E::kHigherDecision)},
      {kEscalated, E::kHigherDecision, kRejected,
       engine::HigherDecision{"77/QĐ-UBND", {}, false, "Không đủ tiêu chuẩn cấp huyện"}},
      {kApproved, E::kRevoke, kRevoked, GoodCommand(E::kRevoke)},
      {kDraft, E::kCutoff, kExpired, GoodCommand(E::kCutoff)},
      {kUnitReview, E::kCutoff, kExpired, GoodCommand(E::kCutoff)},
  };
  const std::vector<State> withdrawable = {
      kDraft,     kUnitReview,    kIntake,       kAwaitingSupplement,
      kAppraisal, kCouncilReview, kPublicNotice, kChairmanDecision};
  for (State from : withdrawable)
    rows.push_back({from, E::kWithdraw, kWithdrawn, GoodCommand(E::kWithdraw)});
  std::vector<State> open = withdrawable;
  open.push_back(kEscalated);
  for (State from : open) rows.push_back({from, E::kHold, kOnHold, GoodCommand(E::kHold)});
  // remind changes no state; it is accepted where a clock runs.
  for (State from : {kDraft, kUnitReview, kAwaitingSupplement, kAppraisal, kPublicNotice,
                     kChairmanDecision, kEscalated}) {
    rows.push_back({from, E::kRemind, from, GoodCommand(E::kRemind)});
  }
  return rows;
}

// resume: back to the state it was held from, for every state hold accepts.
std::vector<State> HoldableStates() {
  std::vector<State> states;
  for (const SpecRow& row : SpecRows()) {
    if (row.event == EventType::kHold) states.push_back(row.from);
  }
  return states;
}

engine::Timestamp NowFor(EventType event) {
  // cutoff needs the campaign's cut-off (31/7/2024) passed; submit needs it ahead.
  return event == EventType::kCutoff ? testing::At(2024, 8, 1) : testing::At(2024, 7, 15);
}

engine::Campaign CampaignFor(bool public_notice) {
  engine::Campaign campaign = testing::BinhLuong2024Campaign();
  if (public_notice) campaign.public_notice_working_days = 5;
  return campaign;
}

engine::Result<engine::Decision> Send(const engine::DossierSnapshot& dossier,
                                      const Command& command, bool public_notice = false) {
  const EventType type = engine::TypeOf(command);
  return Decide(dossier, command, testing::SenderFor(type), testing::ThanhHoa2024Pack(),
                CampaignFor(public_notice), {}, NowFor(type));
}

int AuditCount(const engine::Decision& decision, EventType type) {
  return static_cast<int>(std::count_if(
      decision.effects.begin(), decision.effects.end(), [type](const engine::Effect& effect) {
        const auto* audit = std::get_if<engine::AppendAudit>(&effect);
        return audit != nullptr && audit->event == type;
      }));
}

TEST(LifecycleTable, EveryRowOfTheEventTableIsAccepted) {
  const engine::RulePack pack = testing::ThanhHoa2024Pack();
  for (const SpecRow& row : SpecRows()) {
    SCOPED_TRACE(std::string(engine::StateName(row.from)) + " --" +
                 std::string(engine::EventName(row.event)) + "--> " +
                 std::string(engine::StateName(row.to)));
    const auto decision = Send(testing::DossierAt(row.from, pack), row.command, row.public_notice);
    ASSERT_OK(decision);
    EXPECT_EQ(decision->dossier.state, row.to);
    EXPECT_EQ(AuditCount(*decision, row.event), 1);
    ASSERT_FALSE(decision->effects.empty());
    EXPECT_TRUE(std::holds_alternative<engine::AppendAudit>(decision->effects.front()));
  }
}

TEST(LifecycleTable, ResumeReturnsToTheStateItWasHeldFrom) {
  const engine::RulePack pack = testing::ThanhHoa2024Pack();
  for (State held_from : HoldableStates()) {
    SCOPED_TRACE(engine::StateName(held_from));
    const auto held = Send(testing::DossierAt(held_from, pack), GoodCommand(EventType::kHold));
    ASSERT_OK(held);
    EXPECT_EQ(held->dossier.state, State::kOnHold);
    EXPECT_EQ(held->dossier.held_from, held_from);
    const auto resumed = Send(held->dossier, GoodCommand(EventType::kResume));
    ASSERT_OK(resumed);
    EXPECT_EQ(resumed->dossier.state, held_from);
    EXPECT_FALSE(resumed->dossier.held_from.has_value());
    EXPECT_EQ(AuditCount(*resumed, EventType::kResume), 1);
  }
}

TEST(LifecycleTable, EveryPairOutsideTheTableIsRefusedNamingStateAndSources) {
  const engine::RulePack pack = testing::ThanhHoa2024Pack();
  const std::vector<SpecRow> rows = SpecRows();
  auto listed = [&rows](State from, EventType event) {
    if (event == EventType::kResume) return from == State::kOnHold;
    // transfer: from every state in flight (tests/workflows/transfer_test.cpp)
    if (event == EventType::kTransfer) {
      return from != State::kDraft && !engine::IsTerminal(from);
    }
    return std::any_of(rows.begin(), rows.end(),
                       [&](const SpecRow& row) { return row.from == from && row.event == event; });
  };
  auto sources = [&](EventType event) {
    std::string text;
    std::vector<State> from;
    for (State state : engine::kAllStates) {
      if (listed(state, event)) from.push_back(state);
    }
    for (std::size_t i = 0; i < from.size(); ++i) {
      if (i > 0) text += (i + 1 == from.size()) ? " or " : ", ";
      text += engine::StateName(from[i]);
    }
    return text;
  };
  int refused = 0;
  for (State state : engine::kAllStates) {
    for (EventType event : engine::kAllEventTypes) {
      if (listed(state, event)) continue;
      SCOPED_TRACE(std::string(engine::StateName(state)) + " / " +
                   std::string(engine::EventName(event)));
      const engine::DossierSnapshot dossier = testing::DossierAt(state, pack);
      const auto decision = Send(dossier, GoodCommand(event));
      ASSERT_FALSE(decision.ok());
      EXPECT_EQ(decision.status().code(), engine::StatusCode::kRejectedTransition);
      EXPECT_EQ(decision.status().message(),
                "dossier is in " + std::string(engine::StateName(state)) + "; " +
                    std::string(engine::EventName(event)) + " needs " + sources(event));
      ++refused;
    }
  }
  // 16 states x 23 events, less the 44 listed (from, event) pairs and the 9 of transfer.
  EXPECT_EQ(refused, 16 * 23 - 44 - 9);
}

TEST(LifecycleTable, RefusalReadsAsTheIssueAsks) {
  const auto decision = Send(testing::DossierAt(State::kAppraisal, testing::ThanhHoa2024Pack()),
                             testing::Vote(11, 11, 11));
  ASSERT_FALSE(decision.ok());
  EXPECT_EQ(decision.status().message(),
            "dossier is in appraisal; council_vote needs council_review");
}

TEST(LifecycleTable, LabelsAndNamesRoundTrip) {
  for (State state : engine::kAllStates) {
    EXPECT_EQ(engine::ParseState(engine::StateName(state)), state);
    EXPECT_FALSE(engine::StateLabel(state).empty());
  }
  for (EventType event : engine::kAllEventTypes) {
    EXPECT_EQ(engine::ParseEventType(engine::EventName(event)), event);
  }
  EXPECT_EQ(engine::StateLabel(State::kChairmanDecision), "Chờ Chủ tịch quyết định");
  EXPECT_EQ(engine::StateLabel(State::kApproved), "Đã khen thưởng");
  EXPECT_FALSE(engine::ParseState("Draft").has_value());
  EXPECT_FALSE(engine::ParseEventType("approve ").has_value());
}

}  // namespace
}  // namespace tdkt::workflows
