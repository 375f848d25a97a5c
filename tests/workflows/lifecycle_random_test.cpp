// Thousands of random event sequences from random actors: the lifecycle's invariants hold, and
// replaying the audit records from draft rebuilds the same dossier. Seeded, so deterministic.

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <vector>

#include "engine/authorization.hpp"
#include "tests/support/lifecycle_fixture.hpp"
#include "tests/support/reference_packs.hpp"
#include "tests/support/status_testing.hpp"
#include "workflows/decide.hpp"

namespace tdkt::workflows {
namespace {

using engine::EventType;
using engine::Role;
using engine::State;

constexpr Role kAllRoles[] = {Role::kUnitOfficer,   Role::kUnitHead, Role::kSecretariat,
                              Role::kCouncilMember, Role::kChairman, Role::kAuditor,
                              Role::kAdmin,         Role::kTimer};

bool IsDetour(EventType type) {
  switch (type) {
    case EventType::kUnitReturn:
    case EventType::kUnitReject:
    case EventType::kAppraiseFail:
    case EventType::kReject:
    case EventType::kWithdraw:
    case EventType::kHold:
    case EventType::kRemind:
    case EventType::kTransfer:
    case EventType::kCutoff: return true;
    default: return false;
  }
}

class Randomizer {
 public:
  explicit Randomizer(unsigned seed) : rng_(seed) {}

  int Int(int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng_); }
  bool Chance(int percent) { return Int(1, 100) <= percent; }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(Int(0, static_cast<int>(items.size()) - 1))];
  }

  // Mostly an event the state has a row for, sometimes any event.
  EventType Event(State state) {
    std::vector<EventType> candidates;
    for (EventType type : engine::kAllEventTypes) {
      const std::vector<State> sources = SourceStates(type);
      if (std::find(sources.begin(), sources.end(), state) != sources.end()) {
        candidates.push_back(type);
      }
    }
    if (candidates.empty() || Chance(15)) {
      return engine::kAllEventTypes[static_cast<std::size_t>(
          Int(0, static_cast<int>(engine::kAllEventTypes.size()) - 1))];
    }
    // Lean towards the events that carry a dossier forward, so that walks reach the late states.
    std::vector<EventType> forward;
    for (EventType type : candidates) {
      if (!IsDetour(type)) forward.push_back(type);
    }
    if (!forward.empty() && Chance(70)) return Pick(forward);
    return Pick(candidates);
  }

  // Good payloads mostly; empty ones and random council votes otherwise.
  engine::Command Command(EventType type) {
    if (type == EventType::kCouncilVote) {
      const int members = Int(1, 15);
      const int present = Int(0, members);
      return testing::Vote(members, present, Int(0, present));
    }
    if (type == EventType::kHigherDecision && Chance(40)) {
      return engine::HigherDecision{"9/QĐ-UBND", {}, false, Chance(80) ? "Không đạt" : ""};
    }
    if (type == EventType::kUnitApprove && Chance(20)) return engine::UnitApprove{3, 4, 7};
    if (Chance(12)) {
      engine::Command empty = testing::GoodCommand(type);
      std::visit([](auto& payload) { payload = std::decay_t<decltype(payload)>{}; }, empty);
      return empty;
    }
    return testing::GoodCommand(type);
  }

  engine::Actor Actor(EventType type) {
    if (Chance(85)) return testing::SenderFor(type);
    const Role role = kAllRoles[Int(0, 7)];
    return testing::ActorAs(role, Chance(50) ? testing::kVillage : testing::kOtherVillage);
  }

 private:
  std::mt19937 rng_;
};

TEST(LifecycleRandom, InvariantsHoldAndTheAuditReplays) {
  Randomizer random(20240825);
  const std::vector<engine::RulePack> packs = {testing::ThanhHoa2024Pack(),
                                               testing::ThanhHoa2025Pack()};
  const std::vector<engine::NomineeKind> kinds = {engine::NomineeKind::kIndividual,
                                                  engine::NomineeKind::kCollective,
                                                  engine::NomineeKind::kHousehold};
  std::set<State> reached;
  int accepted = 0;
  int refused = 0;
  // A dossier of the 2024 pack may be transferred to the 2025 pack, which takes it over; from
  // then on the 2025 pack decides its authority.
  const engine::RulePack& successor = packs[1];
  auto facts_for = [&](const engine::DossierSnapshot& d, EventType type,
                       engine::DecideFacts facts) {
    if (type == EventType::kTransfer) facts.successor = &successor;
    if (d.authority_pack) facts.authority = &successor;
    return facts;
  };
  for (int run = 0; run < 3000; ++run) {
    const engine::RulePack& pack = random.Pick(packs);
    const int year = pack.id.value() == "thanh_hoa_2024" ? 2024 : 2025;
    engine::Campaign campaign = testing::BinhLuong2024Campaign();
    campaign.nomination_cutoff = std::chrono::sys_days(std::chrono::year(year) / 7 / 31);
    if (random.Chance(30)) campaign.public_notice_working_days = 5;
    const engine::AwardRule& award = random.Pick(pack.awards);
    const engine::DossierSnapshot initial = testing::NewDossier(
        award.id.value().c_str(),
        random.Chance(80) ? random.Pick(award.nominee_kinds) : random.Pick(kinds), campaign.id);

    engine::DossierSnapshot dossier = initial;
    std::vector<engine::AppendAudit> log;
    engine::Timestamp now = testing::At(year, 7, 10);
    for (int step = 0; step < 40; ++step) {
      now += std::chrono::hours(random.Int(1, 30));
      const EventType type = random.Event(dossier.state);
      const engine::Actor actor = random.Actor(type);
      const engine::DecideFacts facts = facts_for(dossier, type, testing::Facts(random.Chance(5)));
      const auto decision =
          Decide(dossier, random.Command(type), actor, pack, campaign, facts, now);
      if (!decision.ok()) {
        ++refused;
        const engine::StatusCode code = decision.status().code();
        // kNotFound: a unit-scoped actor of another unit, to whom the dossier does not exist.
        ASSERT_TRUE(code == engine::StatusCode::kForbidden ||
                    code == engine::StatusCode::kNotFound ||
                    code == engine::StatusCode::kRejectedTransition)
            << decision.status().ToString();
        continue;
      }
      ++accepted;
      const State before = dossier.state;
      const engine::DossierSnapshot& after = decision->dossier;
      // Only the one who sends this event, and unit roles only for their own unit.
      ASSERT_EQ(actor.role, engine::SenderOf(type));
      ASSERT_TRUE(!engine::IsUnitScoped(actor.role) || actor.unit == dossier.unit);
      // Terminal states stay terminal, except approved → revoked.
      if (engine::IsTerminal(before)) {
        ASSERT_EQ(before, State::kApproved);
        ASSERT_EQ(after.state, State::kRevoked);
      }
      ASSERT_LE(after.supplement_requests, 1);
      // Approved only within the commune's authority (the successor's once transferred), or by
      // the higher level.
      if (after.state == State::kApproved && before != State::kApproved) {
        const engine::AwardRule* decided_by =
            dossier.authority_pack ? successor.FindAward(award.id) : &award;
        ASSERT_TRUE(
            type == EventType::kHigherDecision ||
            (decided_by != nullptr && decided_by->deciding_level == engine::Level::kCommune))
            << award.id.value() << " approved by the commune under " << pack.id.value();
      }
      // A transfer ends only an award the successor ends; it keeps every completed step.
      if (type == EventType::kTransfer) {
        ASSERT_EQ(after.documents, dossier.documents);
        ASSERT_EQ(after.state == State::kDiscontinued,
                  successor.takes_over->EndedFor(award.id) != nullptr);
      }
      if (after.state == State::kOnHold) {
        ASSERT_TRUE(after.held_from.has_value());
        ASSERT_FALSE(engine::IsTerminal(*after.held_from));
      }
      // Exactly one audit record, first.
      const auto audits = std::count_if(
          decision->effects.begin(), decision->effects.end(),
          [](const auto& e) { return std::holds_alternative<engine::AppendAudit>(e); });
      ASSERT_EQ(audits, 1);
      const auto& audit = std::get<engine::AppendAudit>(decision->effects.front());
      ASSERT_EQ(audit.event, type);
      ASSERT_EQ(audit.from, before);
      ASSERT_EQ(audit.to, after.state);
      log.push_back(audit);
      dossier = after;
      reached.insert(dossier.state);
    }

    // Replaying the audit records from draft reaches the same dossier.
    engine::DossierSnapshot replayed = initial;
    for (const engine::AppendAudit& audit : log) {
      engine::Actor actor{audit.actor, audit.role, std::nullopt};
      if (engine::IsUnitScoped(audit.role)) actor.unit = initial.unit;
      const auto decision = Decide(replayed, audit.command, actor, pack, campaign,
                                   facts_for(replayed, audit.event, {}), audit.at);
      ASSERT_OK(decision);
      replayed = decision->dossier;
    }
    ASSERT_EQ(replayed, dossier) << "run " << run;
  }
  // The walk must reach every state, or the invariants above were checked on too little.
  for (State state : engine::kAllStates) {
    EXPECT_TRUE(reached.count(state) == 1) << "never reached " << engine::StateName(state);
  }
  EXPECT_GT(accepted, 10000);
  EXPECT_GT(refused, 1000);
}

}  // namespace
}  // namespace tdkt::workflows
