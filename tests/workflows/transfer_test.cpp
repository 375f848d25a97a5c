// DOMAIN.md, "Administrative units change": a dossier in flight on 1/7/2025 under the 2024 pack
// (with its district) is moved by `transfer` to the authority the 2025 pack names. Its completed
// steps stay done (Nghị quyết 190/2025/QH15, Điều 5), the clock toward the level that ceased is
// cancelled and the successor's starts, and an award without a successor ends with its reason.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "engine/transfer.hpp"
#include "tests/support/lifecycle_fixture.hpp"
#include "tests/support/reference_packs.hpp"
#include "tests/support/status_testing.hpp"
#include "workflows/decide.hpp"

namespace tdkt::workflows {
namespace {

using engine::DeadlineKind;
using engine::EventType;
using engine::State;

const engine::RulePack& Pack2024() {
  static const engine::RulePack pack = testing::ThanhHoa2024Pack();
  return pack;
}
const engine::RulePack& Pack2025() {
  static const engine::RulePack pack = testing::ThanhHoa2025Pack();
  return pack;
}

// 14/7/2025: the district is gone, the 2025 pack is in force.
engine::Timestamp AfterTheReorganisation() { return testing::At(2025, 7, 14); }

engine::Transfer TransferCommand() {
  return std::get<engine::Transfer>(testing::GoodCommand(EventType::kTransfer));
}

// `command` sent by the secretariat after the reorganisation, with `facts`, to a dossier of `pack`.
engine::Result<engine::Decision> TransferWith(const engine::DossierSnapshot& dossier,
                                              const engine::DecideFacts& facts,
                                              const engine::Transfer& command = TransferCommand(),
                                              const engine::RulePack& pack = Pack2024()) {
  return Decide(dossier, command, testing::ActorAs(engine::Role::kSecretariat), pack,
                testing::BinhLuong2024Campaign(), facts, AfterTheReorganisation());
}

engine::Result<engine::Decision> SendTransfer(const engine::DossierSnapshot& dossier,
                                              engine::Transfer command = TransferCommand()) {
  engine::DecideFacts facts;
  facts.successor = &Pack2025();
  return TransferWith(dossier, facts, command);
}

template <class T>
std::vector<T> EffectsOf(const engine::Decision& decision) {
  std::vector<T> found;
  for (const engine::Effect& effect : decision.effects) {
    if (const auto* e = std::get_if<T>(&effect)) found.push_back(*e);
  }
  return found;
}

TEST(Transfer, ADossierSentUpToTheDistrictComesBackToTheChairmanWhoNowDecides) {
  // Chiến sĩ thi đua cơ sở was the district's (2024 pack) and is the commune's from 1/7/2025.
  engine::DossierSnapshot escalated =
      testing::DossierAt(State::kEscalated, Pack2024(), "chien_si_thi_dua_co_so");
  escalated.submission = engine::RoundId("ttr-2025-06");
  const auto moved = SendTransfer(escalated);
  ASSERT_OK(moved);
  EXPECT_EQ(moved->dossier.state, State::kChairmanDecision);
  EXPECT_EQ(moved->dossier.authority_pack, engine::RulePackId("thanh_hoa_2025"));
  // Criteria and documents stay the 2024 pack's; the completed steps stay as they were.
  EXPECT_EQ(moved->dossier.rule_pack, engine::RulePackId("thanh_hoa_2024"));
  EXPECT_EQ(moved->dossier.documents, escalated.documents);
  EXPECT_EQ(moved->dossier.submission, escalated.submission);

  // The audit record keeps the pack that took it over.
  const auto audit = EffectsOf<engine::AppendAudit>(*moved);
  ASSERT_EQ(audit.size(), 1U);
  EXPECT_EQ(audit[0].event, EventType::kTransfer);
  EXPECT_EQ(std::get<engine::Transfer>(audit[0].command).to_pack,
            engine::RulePackId("thanh_hoa_2025"));
  // The 20 working days toward the district are cancelled; the Chairman's 5 start now.
  const auto cancelled = EffectsOf<engine::CancelDeadline>(*moved);
  ASSERT_EQ(cancelled.size(), 1U);
  EXPECT_EQ(cancelled[0].kind, DeadlineKind::kHigherLevel);
  const auto scheduled = EffectsOf<engine::ScheduleDeadline>(*moved);
  ASSERT_EQ(scheduled.size(), 1U);
  EXPECT_EQ(scheduled[0].kind, DeadlineKind::kChairmanDecision);
  EXPECT_EQ(scheduled[0].working_days, Pack2025().deadlines.chairman_decision);
  EXPECT_EQ(scheduled[0].from, AfterTheReorganisation());

  // The Chairman approves it now under the successor's authority, and only with it.
  engine::DecideFacts facts;
  facts.authority = &Pack2025();
  const auto approved =
      Decide(moved->dossier, engine::Approve{}, testing::ActorAs(engine::Role::kChairman),
             Pack2024(), testing::BinhLuong2024Campaign(), facts, AfterTheReorganisation());
  ASSERT_OK(approved);
  EXPECT_EQ(approved->dossier.state, State::kApproved);
  const auto without =
      Decide(moved->dossier, engine::Approve{}, testing::ActorAs(engine::Role::kChairman),
             Pack2024(), testing::BinhLuong2024Campaign(), {}, AfterTheReorganisation());
  ASSERT_FALSE(without.ok());
  EXPECT_EQ(without.status().code(), engine::StatusCode::kInvalidArgument);
}

TEST(Transfer, ATitleTheChairmanCouldNotGiveBeforeIsHisAfterTransfer) {
  // In chairman_decision on 30/6/2025: under the 2024 pack it must go to the district.
  const engine::DossierSnapshot waiting =
      testing::DossierAt(State::kChairmanDecision, Pack2024(), "chien_si_thi_dua_co_so");
  const auto refused =
      Decide(waiting, engine::Approve{}, testing::ActorAs(engine::Role::kChairman), Pack2024(),
             testing::BinhLuong2024Campaign(), {}, AfterTheReorganisation());
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("district"), std::string::npos)
      << refused.status().message();

  const auto moved = SendTransfer(waiting);
  ASSERT_OK(moved);
  EXPECT_EQ(moved->dossier.state, State::kChairmanDecision);
  // The stage's clock restarts as the successor's.
  const auto cancelled = EffectsOf<engine::CancelDeadline>(*moved);
  const auto scheduled = EffectsOf<engine::ScheduleDeadline>(*moved);
  ASSERT_EQ(cancelled.size(), 1U);
  ASSERT_EQ(scheduled.size(), 1U);
  EXPECT_EQ(cancelled[0].kind, DeadlineKind::kChairmanDecision);
  EXPECT_EQ(scheduled[0].kind, DeadlineKind::kChairmanDecision);
  const auto notices = EffectsOf<engine::Notify>(*moved);
  ASSERT_EQ(notices.size(), 1U);
  EXPECT_EQ(notices[0].template_id, "dossier_transferred");
  EXPECT_EQ(notices[0].role, engine::Role::kChairman);

  engine::DecideFacts facts;
  facts.authority = &Pack2025();
  const auto approved =
      Decide(moved->dossier, engine::Approve{}, testing::ActorAs(engine::Role::kChairman),
             Pack2024(), testing::BinhLuong2024Campaign(), facts, AfterTheReorganisation());
  ASSERT_OK(approved);
  EXPECT_EQ(approved->dossier.state, State::kApproved);
}

TEST(Transfer, AProvinceAwardSentThroughTheDistrictGoesOnToTheProvince) {
  const engine::DossierSnapshot escalated =
      testing::DossierAt(State::kEscalated, Pack2024(), "bang_khen_tinh");
  const auto moved = SendTransfer(escalated);
  ASSERT_OK(moved);
  EXPECT_EQ(moved->dossier.state, State::kEscalated);
  const auto cancelled = EffectsOf<engine::CancelDeadline>(*moved);
  const auto scheduled = EffectsOf<engine::ScheduleDeadline>(*moved);
  ASSERT_EQ(cancelled.size(), 1U);
  EXPECT_EQ(cancelled[0].kind, DeadlineKind::kHigherLevel);
  ASSERT_EQ(scheduled.size(), 1U);
  EXPECT_EQ(scheduled[0].kind, DeadlineKind::kHigherLevel);
  EXPECT_EQ(scheduled[0].working_days, Pack2025().deadlines.higher_level);
}

TEST(Transfer, AnAwardWithoutASuccessorEndsWithThePacksReason) {
  for (State state : {State::kAppraisal, State::kChairmanDecision, State::kEscalated}) {
    SCOPED_TRACE(engine::StateName(state));
    const auto ended = SendTransfer(testing::DossierAt(state, Pack2024(), "giay_khen_huyen"));
    ASSERT_OK(ended);
    EXPECT_EQ(ended->dossier.state, State::kDiscontinued);
    EXPECT_TRUE(engine::IsTerminal(ended->dossier.state));
    EXPECT_EQ(ended->dossier.outcome_reason, Pack2025().takes_over->ended[0].reason);
    const auto notices = EffectsOf<engine::Notify>(*ended);
    ASSERT_EQ(notices.size(), 1U);
    EXPECT_EQ(notices[0].template_id, "dossier_entered_discontinued");
  }
}

TEST(Transfer, EarlierStagesStayWhereTheyAreWithTheirWorkKept) {
  engine::DossierSnapshot appraisal =
      testing::DossierAt(State::kAppraisal, Pack2024(), "tap_the_lao_dong_tien_tien");
  appraisal.supplement_requests = 1;
  const auto moved = SendTransfer(appraisal);
  ASSERT_OK(moved);
  EXPECT_EQ(moved->dossier.state, State::kAppraisal);
  EXPECT_EQ(moved->dossier.supplement_requests, 1);
  EXPECT_EQ(moved->dossier.documents, appraisal.documents);
  const auto scheduled = EffectsOf<engine::ScheduleDeadline>(*moved);
  ASSERT_EQ(scheduled.size(), 1U);
  EXPECT_EQ(scheduled[0].kind, DeadlineKind::kAppraisal);

  // Stages without a clock change nothing but who decides.
  const auto council = SendTransfer(testing::DossierAt(State::kCouncilReview, Pack2024()));
  ASSERT_OK(council);
  EXPECT_EQ(council->dossier.state, State::kCouncilReview);
  EXPECT_TRUE(EffectsOf<engine::ScheduleDeadline>(*council).empty());
  EXPECT_TRUE(EffectsOf<engine::CancelDeadline>(*council).empty());
}

TEST(Transfer, OnHoldFromTheDistrictItWillResumeAtTheChairman) {
  engine::DossierSnapshot held =
      testing::DossierAt(State::kOnHold, Pack2024(), "chien_si_thi_dua_co_so");
  held.held_from = State::kEscalated;
  const auto moved = SendTransfer(held);
  ASSERT_OK(moved);
  EXPECT_EQ(moved->dossier.state, State::kOnHold);
  EXPECT_EQ(moved->dossier.held_from, State::kChairmanDecision);
  EXPECT_EQ(moved->dossier.authority_pack, engine::RulePackId("thanh_hoa_2025"));
}

TEST(Transfer, RefusalsChangeNothingAndSayWhy) {
  const engine::DossierSnapshot escalated =
      testing::DossierAt(State::kEscalated, Pack2024(), "chien_si_thi_dua_co_so");
  // Only the secretariat transfers.
  engine::DecideFacts facts;
  facts.successor = &Pack2025();
  const auto by_chairman =
      Decide(escalated, TransferCommand(), testing::ActorAs(engine::Role::kChairman), Pack2024(),
             testing::BinhLuong2024Campaign(), facts, AfterTheReorganisation());
  ASSERT_FALSE(by_chairman.ok());
  EXPECT_EQ(by_chairman.status().code(), engine::StatusCode::kForbidden);
  // Reason and legal ground are both required.
  engine::Transfer no_ground = TransferCommand();
  no_ground.legal_ground.clear();
  const auto without_ground = SendTransfer(escalated, no_ground);
  ASSERT_FALSE(without_ground.ok());
  EXPECT_NE(without_ground.status().message().find("legal ground"), std::string::npos)
      << without_ground.status().message();
  // A pack named that is not the one in force.
  engine::Transfer elsewhere = TransferCommand();
  elsewhere.to_pack = engine::RulePackId("thanh_hoa_2024");
  const auto wrong_pack = SendTransfer(escalated, elsewhere);
  ASSERT_FALSE(wrong_pack.ok());
  EXPECT_EQ(wrong_pack.status().code(), engine::StatusCode::kInvalidArgument);
  EXPECT_EQ(wrong_pack.status().message().rfind("to_pack: ", 0), 0U);
  // No pack in force takes it over (before 1/7/2025, or nothing to take over).
  const auto no_successor =
      Decide(escalated, TransferCommand(), testing::ActorAs(engine::Role::kSecretariat), Pack2024(),
             testing::BinhLuong2024Campaign(), {}, AfterTheReorganisation());
  ASSERT_FALSE(no_successor.ok());
  EXPECT_EQ(no_successor.status().code(), engine::StatusCode::kRejectedTransition);
  // Transferred once: the pack in force does not take over from itself.
  auto moved = SendTransfer(escalated);
  ASSERT_OK(moved);
  engine::DecideFacts again;
  again.authority = &Pack2025();
  again.successor = &Pack2025();
  const auto twice =
      Decide(moved->dossier, TransferCommand(), testing::ActorAs(engine::Role::kSecretariat),
             Pack2024(), testing::BinhLuong2024Campaign(), again, AfterTheReorganisation());
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.status().message().find("does not take over from 'thanh_hoa_2025'"),
            std::string::npos)
      << twice.status().message();
  // A draft or a closed dossier is not in flight.
  const auto draft = SendTransfer(testing::DossierAt(State::kDraft, Pack2024()));
  ASSERT_FALSE(draft.ok());
  EXPECT_EQ(draft.status().message().find("dossier is in draft; transfer needs "), 0U)
      << draft.status().message();
}

// Units of the merged communes (engine/unit_succession): a dossier whose proposing unit ended goes
// to the unit that carries it on, and the record keeps that unit.
TEST(Transfer, ADossierOfAUnitThatEndedGoesToTheUnitThatCarriesItOn) {
  const engine::DossierSnapshot escalated =
      testing::DossierAt(State::kEscalated, Pack2024(), "chien_si_thi_dua_co_so");
  engine::DecideFacts facts;
  facts.successor = &Pack2025();
  facts.unit_successor = engine::UnitId("hoi-nong-dan");
  const auto moved = TransferWith(escalated, facts);
  ASSERT_OK(moved);
  EXPECT_EQ(moved->dossier.unit, engine::UnitId("hoi-nong-dan"));
  EXPECT_NE(escalated.unit, moved->dossier.unit);
  // Everything else the transfer does is as for a unit still in use.
  const auto kept = SendTransfer(escalated);
  ASSERT_OK(kept);
  EXPECT_EQ(kept->dossier.unit, escalated.unit);
  engine::DossierSnapshot expected = kept->dossier;
  expected.unit = engine::UnitId("hoi-nong-dan");
  EXPECT_EQ(moved->dossier, expected);
  const auto audit = EffectsOf<engine::AppendAudit>(*moved);
  ASSERT_EQ(audit.size(), 1U);
  EXPECT_EQ(std::get<engine::Transfer>(audit[0].command).to_unit, engine::UnitId("hoi-nong-dan"));
  EXPECT_EQ(
      std::get<engine::Transfer>(EffectsOf<engine::AppendAudit>(*kept).front().command).to_unit,
      std::nullopt);

  // A unit named must be the one that carries it on; none may be named while the unit is in use.
  engine::Transfer elsewhere = TransferCommand();
  elsewhere.to_unit = engine::UnitId("thon-minh-thanh");
  const auto wrong_unit = TransferWith(escalated, facts, elsewhere);
  ASSERT_FALSE(wrong_unit.ok());
  EXPECT_EQ(wrong_unit.status().code(), engine::StatusCode::kInvalidArgument);
  EXPECT_NE(
      wrong_unit.status().message().find("to_unit: the dossier's unit " + escalated.unit.value() +
                                         " is carried on by 'hoi-nong-dan', not 'thon-minh-thanh'"),
      std::string::npos)
      << wrong_unit.status().message();
  const auto unit_in_use = SendTransfer(escalated, elsewhere);
  ASSERT_FALSE(unit_in_use.ok());
  EXPECT_NE(unit_in_use.status().message().find("is in use; the dossier stays with it"),
            std::string::npos)
      << unit_in_use.status().message();
}

// A succession recorded after the dossier's authority moved, or under a pack that takes nothing
// over: the transfer moves only the unit. Who decides and the stage's clock stay as they were.
TEST(Transfer, OnlyTheUnitMovesWhenTheAuthorityHasNothingToTakeOver) {
  engine::DossierSnapshot moved_once =
      testing::DossierAt(State::kChairmanDecision, Pack2024(), "chien_si_thi_dua_co_so");
  moved_once.authority_pack = engine::RulePackId("thanh_hoa_2025");
  engine::DecideFacts facts;
  facts.authority = &Pack2025();
  facts.successor = &Pack2025();
  facts.unit_successor = engine::UnitId("hoi-nong-dan");
  const auto moved = TransferWith(moved_once, facts);
  ASSERT_OK(moved);
  engine::DossierSnapshot expected = moved_once;
  expected.unit = engine::UnitId("hoi-nong-dan");
  EXPECT_EQ(moved->dossier, expected);
  EXPECT_TRUE(EffectsOf<engine::CancelDeadline>(*moved).empty());
  EXPECT_TRUE(EffectsOf<engine::ScheduleDeadline>(*moved).empty());
  const auto audit = EffectsOf<engine::AppendAudit>(*moved);
  ASSERT_EQ(audit.size(), 1U);
  const auto& recorded = std::get<engine::Transfer>(audit[0].command);
  EXPECT_EQ(recorded.to_pack, std::nullopt);
  EXPECT_EQ(recorded.to_unit, engine::UnitId("hoi-nong-dan"));

  // Listed in a draft decision under its old unit: taken off the draft first.
  engine::DecideFacts listed = facts;
  listed.open_draft = engine::RoundId("qd-2025-07");
  const auto on_draft = TransferWith(moved_once, listed);
  ASSERT_FALSE(on_draft.ok());
  EXPECT_EQ(on_draft.status().code(), engine::StatusCode::kRejectedTransition);
  EXPECT_NE(on_draft.status().message().find("remove it from that draft"), std::string::npos)
      << on_draft.status().message();

  // A pack named is refused: none takes the dossier over.
  engine::Transfer with_pack = TransferCommand();
  with_pack.to_pack = engine::RulePackId("thanh_hoa_2025");
  const auto refused = TransferWith(moved_once, facts, with_pack);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message().rfind("to_pack: rule pack 'thanh_hoa_2025' takes nothing "
                                             "over from 'thanh_hoa_2025'",
                                             0),
            0U)
      << refused.status().message();

  // A dossier under the pack in force (a 2026 campaign) whose unit ended.
  const engine::DossierSnapshot current =
      testing::DossierAt(State::kAppraisal, Pack2025(), "giay_khen_xa");
  engine::DecideFacts current_facts;
  current_facts.successor = &Pack2025();
  current_facts.unit_successor = engine::UnitId("hoi-nong-dan");
  const auto current_moved = TransferWith(current, current_facts, TransferCommand(), Pack2025());
  ASSERT_OK(current_moved);
  EXPECT_EQ(current_moved->dossier.unit, engine::UnitId("hoi-nong-dan"));
  EXPECT_EQ(current_moved->dossier.state, State::kAppraisal);
  EXPECT_EQ(current_moved->dossier.authority_pack, std::nullopt);
  EXPECT_TRUE(engine::AwaitsTransfer(current, Pack2025(), engine::UnitId("hoi-nong-dan")));
  EXPECT_FALSE(engine::AwaitsTransfer(current, Pack2025(), std::nullopt));
}

TEST(Transfer, ADossierWaitingForATransferIsNeitherDecidedNorSentUp) {
  // giay_khen_xa is the commune's under both packs, but Bình Lương's Chairman is gone.
  const engine::DossierSnapshot waiting =
      testing::DossierAt(State::kChairmanDecision, Pack2024(), "giay_khen_xa");
  engine::DecideFacts facts;
  facts.successor = &Pack2025();
  for (const engine::Command& command :
       {engine::Command(engine::Approve{}), testing::GoodCommand(EventType::kEscalate)}) {
    const auto refused =
        Decide(waiting, command, testing::ActorAs(engine::Role::kChairman), Pack2024(),
               testing::BinhLuong2024Campaign(), facts, AfterTheReorganisation());
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.status().code(), engine::StatusCode::kRejectedTransition);
    EXPECT_NE(refused.status().message().find("transfer it first"), std::string::npos)
        << refused.status().message();
  }
  // Before 1/7/2025 the pack in force takes nothing over: the Chairman decides.
  facts.successor = &Pack2024();
  EXPECT_OK(Decide(waiting, engine::Approve{}, testing::ActorAs(engine::Role::kChairman),
                   Pack2024(), testing::BinhLuong2024Campaign(), facts, testing::At(2025, 6, 20)));
  // Once transferred, the successor's Chairman decides.
  const auto moved = SendTransfer(waiting);
  ASSERT_OK(moved);
  facts.successor = &Pack2025();
  facts.authority = &Pack2025();
  EXPECT_OK(Decide(moved->dossier, engine::Approve{}, testing::ActorAs(engine::Role::kChairman),
                   Pack2024(), testing::BinhLuong2024Campaign(), facts, AfterTheReorganisation()));
}

TEST(Transfer, NeedsTransferUntilMovedAndNeverOnceClosed) {
  const auto escalated = testing::DossierAt(State::kEscalated, Pack2024(), "bang_khen_tinh");
  EXPECT_TRUE(engine::NeedsTransfer(escalated, Pack2025()));
  EXPECT_FALSE(engine::NeedsTransfer(escalated, Pack2024()));  // nothing taken over yet
  EXPECT_FALSE(engine::NeedsTransfer(testing::DossierAt(State::kDraft, Pack2024()), Pack2025()));
  EXPECT_FALSE(engine::NeedsTransfer(testing::DossierAt(State::kApproved, Pack2024()), Pack2025()));
  const auto moved = SendTransfer(escalated);
  ASSERT_OK(moved);
  EXPECT_FALSE(engine::NeedsTransfer(moved->dossier, Pack2025()));
  // A dossier submitted under the 2025 pack never waits.
  EXPECT_FALSE(
      engine::NeedsTransfer(testing::DossierAt(State::kEscalated, Pack2025()), Pack2025()));
}

TEST(Transfer, ATakeoverMustAccountForEveryAwardOfThePackBefore) {
  engine::RulePack successor = testing::ThanhHoa2025Pack();
  successor.takes_over->ended.clear();  // giay_khen_huyen: neither kept nor ended
  const auto registry =
      engine::RulePackRegistry::Create({testing::ThanhHoa2024Pack(), std::move(successor)});
  ASSERT_FALSE(registry.ok());
  EXPECT_NE(registry.status().message().find("'giay_khen_huyen'"), std::string::npos)
      << registry.status().message();
  EXPECT_OK(
      engine::RulePackRegistry::Create({testing::ThanhHoa2024Pack(), testing::ThanhHoa2025Pack()}));
}

// Luật Thi đua, khen thưởng 2022, Điều 85: the simplified procedure lightens the file of a
// commendation; a title keeps what Điều 84 requires (the initiative certificate of Chiến sĩ thi
// đua cơ sở, khoản 1 điểm d).
TEST(SimplifiedProcedure, KeepsEveryDocumentATitleRequires) {
  for (const engine::RulePack* pack : {&Pack2024(), &Pack2025()}) {
    SCOPED_TRACE(pack->id.value());
    const auto* title = pack->FindAward(engine::AwardId("chien_si_thi_dua_co_so"));
    ASSERT_NE(title, nullptr);
    const auto title_documents = pack->RequiredDocuments(*title, engine::Procedure::kSimplified);
    EXPECT_NE(std::find(title_documents.begin(), title_documents.end(),
                        engine::DocumentKind::kInitiativeCertificate),
              title_documents.end());
    EXPECT_EQ(title_documents, title->required_documents);
    const auto* commendation = pack->FindAward(engine::AwardId("giay_khen_xa"));
    ASSERT_NE(commendation, nullptr);
    EXPECT_EQ(pack->RequiredDocuments(*commendation, engine::Procedure::kSimplified),
              (std::vector<engine::DocumentKind>{engine::DocumentKind::kSubmissionLetter,
                                                 engine::DocumentKind::kAchievementReport}));
  }
}

}  // namespace
}  // namespace tdkt::workflows
