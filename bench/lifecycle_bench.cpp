// Events per second through the lifecycle: the Boost.MSM machine (rebuilt at the stored state for
// every event, as Decide does), beside a hand-written switch over the same table with the same
// guards, and the whole of Decide (authorization, machine, effects).
//
// Each iteration walks one dossier along the same eight events: submit, unit_approve,
// request_supplement, supplement, accept, appraise_pass, council_vote, approve.

#include <benchmark/benchmark.h>

#include <array>
#include <stdexcept>

#include "engine/guards.hpp"
#include "tests/support/lifecycle_fixture.hpp"
#include "tests/support/reference_packs.hpp"
#include "workflows/decide.hpp"
#include "workflows/lifecycle_machine.hpp"

namespace tdkt {
namespace {

using engine::EventType;
using engine::State;

struct Fixture {
  engine::RulePack pack = testing::ThanhHoa2025Pack();
  engine::Campaign campaign = [] {
    engine::Campaign c = testing::BinhLuong2024Campaign();
    c.nomination_cutoff = std::chrono::sys_days(std::chrono::year(2025) / 12 / 31);
    return c;
  }();
  engine::DossierSnapshot initial = testing::NewDossier("giay_khen_xa");
  engine::DecideFacts facts;
  engine::Timestamp now = testing::At(2025, 9, 1);
  std::array<engine::Command, 8> path = {testing::GoodCommand(EventType::kSubmit),
                                         testing::GoodCommand(EventType::kUnitApprove),
                                         testing::GoodCommand(EventType::kRequestSupplement),
                                         testing::GoodCommand(EventType::kSupplement),
                                         testing::GoodCommand(EventType::kAccept),
                                         testing::GoodCommand(EventType::kAppraisePass),
                                         testing::GoodCommand(EventType::kCouncilVote),
                                         testing::GoodCommand(EventType::kApprove)};
  std::array<engine::Actor, 8> actors = [this] {
    std::array<engine::Actor, 8> a;
    for (std::size_t i = 0; i < a.size(); ++i) a[i] = testing::SenderFor(engine::TypeOf(path[i]));
    return a;
  }();
};

// The baseline: the same rows as workflows/lifecycle_machine.cpp for the events on the path, and
// the same guards, as a switch. Returns false when the event is refused.
bool SwitchFire(engine::DossierSnapshot& d, const engine::Command& command, const Fixture& f) {
  const engine::AwardRule* award = f.pack.FindAward(d.award);
  switch (d.state) {
    case State::kDraft:
      if (const auto* e = std::get_if<engine::Submit>(&command)) {
        if (!engine::SubmissionComplete{}(d, *e) ||
            !engine::NomineeKindAllowed{}(f.pack, d.award, d.nominee.kind) ||
            !engine::AwardAllowedInCampaign{}(f.campaign, d.award) ||
            !engine::BeforeNominationCutoff{}(f.campaign, f.now) ||
            !engine::NoOtherOpenDossier{}(f.facts)) {
          return false;
        }
        d.rule_pack = f.pack.id;
        d.achievement_summary = e->achievement_summary;
        d.documents = e->documents;
        d.state = State::kUnitReview;
        return true;
      }
      return false;
    case State::kUnitReview:
      if (const auto* e = std::get_if<engine::UnitApprove>(&command)) {
        if (!engine::UnitMeetingPassed{}(*e)) return false;
        d.state = State::kIntake;
        return true;
      }
      return false;
    case State::kIntake:
      if (const auto* e = std::get_if<engine::RequestSupplement>(&command)) {
        if (!engine::FirstSupplementRequest{}(d, *e)) return false;
        ++d.supplement_requests;
        d.state = State::kAwaitingSupplement;
        return true;
      }
      if (std::holds_alternative<engine::Accept>(command)) {
        if (award == nullptr || !engine::RequiredDocumentsAttached{}(
                                    f.pack, *award, f.campaign.procedure, d.documents)) {
          return false;
        }
        d.state = State::kAppraisal;
        return true;
      }
      return false;
    case State::kAwaitingSupplement:
      if (const auto* e = std::get_if<engine::Supplement>(&command)) {
        if (!engine::SupplementBringsDocuments{}(*e)) return false;
        d.state = State::kIntake;
        return true;
      }
      return false;
    case State::kAppraisal:
      if (const auto* e = std::get_if<engine::AppraisePass>(&command)) {
        if (!engine::TextGiven{}("appraisal note", e->note)) return false;
        d.state = State::kCouncilReview;
        return true;
      }
      return false;
    case State::kCouncilReview:
      if (const auto* e = std::get_if<engine::CouncilVote>(&command)) {
        if (award == nullptr || !engine::VoteCountsConsistent{}(*e) ||
            !engine::CouncilQuorumMet{}(f.pack.quorum, *e)) {
          return false;
        }
        if (!engine::CouncilThresholdMet{}(*award, *e)) {
          d.state = State::kRejected;
        } else {
          d.state = engine::PublicNoticeRequired{}(f.campaign) ? State::kPublicNotice
                                                               : State::kChairmanDecision;
        }
        return true;
      }
      return false;
    case State::kChairmanDecision:
      if (std::holds_alternative<engine::Approve>(command)) {
        if (award == nullptr || !engine::WithinCommuneAuthority{}(f.pack, *award) ||
            !engine::QuotaAvailable{}(f.campaign, *award, f.facts)) {
          return false;
        }
        d.state = State::kApproved;
        return true;
      }
      return false;
    default: return false;
  }
}

void BM_SwitchBaseline(benchmark::State& state) {
  const Fixture f;
  for (auto _ : state) {
    engine::DossierSnapshot dossier = f.initial;
    for (const engine::Command& command : f.path) {
      // Copied like the machine's context copies it, so both pay for the same snapshot values.
      engine::DossierSnapshot after = dossier;
      if (!SwitchFire(after, command, f)) throw std::logic_error("switch refused the path");
      dossier = std::move(after);
    }
    benchmark::DoNotOptimize(dossier);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(f.path.size()));
}
BENCHMARK(BM_SwitchBaseline);

void BM_MsmMachine(benchmark::State& state) {
  const Fixture f;
  for (auto _ : state) {
    engine::DossierSnapshot dossier = f.initial;
    for (std::size_t i = 0; i < f.path.size(); ++i) {
      workflows::TransitionContext ctx{
          dossier, f.actors[i], f.pack, f.pack.FindAward(dossier.award), f.campaign, f.facts, f.now,
          dossier, {},          {}};
      if (workflows::Fire(ctx, f.path[i]) != workflows::FireResult::kAccepted) {
        throw std::logic_error("machine refused the path");
      }
      dossier = std::move(ctx.after);
    }
    benchmark::DoNotOptimize(dossier);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(f.path.size()));
}
BENCHMARK(BM_MsmMachine);

void BM_Decide(benchmark::State& state) {
  const Fixture f;
  for (auto _ : state) {
    engine::DossierSnapshot dossier = f.initial;
    for (std::size_t i = 0; i < f.path.size(); ++i) {
      auto decision =
          workflows::Decide(dossier, f.path[i], f.actors[i], f.pack, f.campaign, f.facts, f.now);
      if (!decision.ok()) throw std::logic_error(decision.status().ToString());
      dossier = std::move(decision->dossier);
    }
    benchmark::DoNotOptimize(dossier);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(f.path.size()));
}
BENCHMARK(BM_Decide);

}  // namespace
}  // namespace tdkt

BENCHMARK_MAIN();
