#include "engine/transfer.hpp"

namespace tdkt::engine {
namespace {

bool InFlight(const DossierSnapshot& dossier) {
  return dossier.state != State::kDraft && !IsTerminal(dossier.state);
}

}  // namespace

RulePackId AuthorityPackOf(const DossierSnapshot& dossier) {
  return dossier.authority_pack.value_or(dossier.rule_pack);
}

bool NeedsTransfer(const DossierSnapshot& dossier, const RulePack& in_force) {
  return InFlight(dossier) && in_force.TakesOverFrom(AuthorityPackOf(dossier));
}

bool AwaitsTransfer(const DossierSnapshot& dossier, const RulePack& in_force,
                    const std::optional<UnitId>& unit_successor) {
  return NeedsTransfer(dossier, in_force) || (InFlight(dossier) && unit_successor.has_value());
}

Status FillPackFacts(const RulePackRegistry& packs, const DossierSnapshot& dossier, bool transfer,
                     std::chrono::sys_days today, DecideFacts& facts) {
  if (dossier.authority_pack) {
    auto authority = packs.Find(*dossier.authority_pack);
    if (!authority.ok()) return authority.status();
    facts.authority = *authority;
  }
  auto in_force = packs.InForce(today);
  if (in_force.ok()) {
    facts.successor = *in_force;
  } else if (transfer) {
    return in_force.status();
  }
  return Status::Ok();
}

Result<TransferPlan> PlanTransfer(const DossierSnapshot& dossier, const RulePack& authority,
                                  const RulePack& successor, bool unit_moves) {
  if (!InFlight(dossier)) {
    return Status::RejectedTransition("only a dossier in flight is transferred; this one is " +
                                      std::string(StateName(dossier.state)));
  }
  if (!successor.TakesOverFrom(authority.id)) {
    if (unit_moves) {
      TransferPlan plan;
      plan.outcome = TransferOutcome::kUnitOnly;
      plan.state = dossier.state;
      plan.held_from = dossier.held_from;
      return plan;
    }
    return Status::RejectedTransition("rule pack '" + successor.id.value() +
                                      "' does not take over from '" + authority.id.value() +
                                      "', which decides this dossier, and its unit is in use: "
                                      "nothing to transfer");
  }
  TransferPlan plan;
  plan.state = dossier.state;
  plan.held_from = dossier.held_from;
  if (const EndedAward* ended = successor.takes_over->EndedFor(dossier.award)) {
    plan.outcome = TransferOutcome::kEnds;
    plan.state = State::kDiscontinued;
    plan.held_from.reset();
    plan.ended_reason = ended->reason;
    return plan;
  }
  const AwardRule* award = successor.FindAward(dossier.award);
  if (award == nullptr) {  // RulePackRegistry::Create accounts for every award; a hand-made pack
    return Status::RejectedTransition("rule pack '" + successor.id.value() +
                                      "' neither keeps nor "
                                      "ends award '" +
                                      dossier.award.value() + "'");
  }
  const State waiting =
      dossier.state == State::kOnHold && dossier.held_from ? *dossier.held_from : dossier.state;
  if (waiting == State::kEscalated && award->deciding_level == Level::kCommune) {
    plan.outcome = TransferOutcome::kToCommune;
    if (dossier.state == State::kOnHold) {
      plan.held_from = State::kChairmanDecision;
    } else {
      plan.state = State::kChairmanDecision;
    }
  }
  return plan;
}

}  // namespace tdkt::engine
