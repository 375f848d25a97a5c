#pragma once
// The dossier lifecycle machine (Boost.MSM, in lifecycle_machine.cpp only: MSM is heavy to
// compile, so nothing else includes it).
//
// Fire rebuilds the machine at the dossier's stored state, sends it one command and reports what
// happened. Guards write the reason they refused into the context; actions write the dossier's new
// fields and their effects. Reentrant: each call builds its own machine, so it is safe from any
// thread as long as each context is used by one thread.

#include <optional>
#include <string>
#include <vector>

#include "engine/commands.hpp"
#include "engine/domain.hpp"
#include "engine/dossier.hpp"
#include "engine/effects.hpp"
#include "engine/lifecycle_names.hpp"
#include "engine/ports/clock.hpp"
#include "engine/rule_pack.hpp"
#include "engine/transfer.hpp"

namespace tdkt::workflows {

// Everything a guard or an action may read, and what they write. `award` is null when the pack
// has no such award (then every guard that needs it refuses).
struct TransitionContext {
  const engine::DossierSnapshot& before;
  const engine::Actor& actor;
  const engine::RulePack& pack;
  const engine::AwardRule* award;
  const engine::Campaign& campaign;
  const engine::DecideFacts& facts;
  engine::Timestamp now;

  engine::DossierSnapshot after;        // starts as a copy of `before`
  std::vector<engine::Effect> effects;  // the actions' effects (AssignNumber)
  std::string refusal;                  // the first guard's reason

  // The pack that decides who decides and the stage deadlines: the successor once a transfer set
  // one (DossierSnapshot::authority_pack), else `pack`. Null means `pack`.
  const engine::RulePack* authority = nullptr;
  // For a transfer: what it does (PlanTransfer), worked out before the machine runs.
  std::optional<engine::TransferPlan> transfer = std::nullopt;

  void Refuse(const std::string& reason) {
    if (refusal.empty()) refusal = reason;
  }
  const engine::RulePack& Authority() const { return authority != nullptr ? *authority : pack; }
  const engine::AwardRule* AuthorityAward() const {
    return authority != nullptr ? authority->FindAward(before.award) : award;
  }
};

enum class FireResult {
  kAccepted,       // a row fired; ctx.after.state is the new state
  kGuardRejected,  // the state has rows for the event but every guard said no (ctx.refusal)
  kNoTransition,   // the state has no row for the event
};

// Requires ctx.after == ctx.before on entry.
FireResult Fire(TransitionContext& ctx, const engine::Command& command);

// Whether the transition table has a row for `type` leaving `state` (guards aside). Computed once
// from the table itself.
bool HasRow(engine::State state, engine::EventType type);

}  // namespace tdkt::workflows
