#pragma once
// Transfer: a dossier in flight when its authority ceased moves to the successor authority that
// the pack in force names (DOMAIN.md, "Administrative units change"). Nghị quyết 190/2025/QH15,
// Điều 5: the receiving body carries on without interruption, asks for no resubmission and redoes
// no completed step — so a transfer keeps the dossier's stage, documents and votes; it changes who
// decides (the successor pack), and restarts the clock of the stage it waits in.
//
// Pure functions; safe from any thread.

#include <chrono>
#include <optional>
#include <string>

#include "engine/dossier.hpp"
#include "engine/lifecycle_names.hpp"
#include "engine/rule_pack.hpp"
#include "engine/status.hpp"

namespace tdkt::engine {

// The pack that decides `dossier`'s authority: its authority_pack once transferred, else the pack
// it was submitted under (empty for a draft).
RulePackId AuthorityPackOf(const DossierSnapshot& dossier);

// Whether `dossier`'s authority waits for a transfer: it is in flight (submitted and not closed)
// and `in_force` takes over from the pack that decides its authority. Approve and escalate are
// refused until then.
bool NeedsTransfer(const DossierSnapshot& dossier, const RulePack& in_force);
// Whether `dossier` waits for a transfer for either reason: its authority (NeedsTransfer), or its
// unit ended and `unit_successor` (engine::UnitCarryingOn on the day) carries it on — so that a
// succession the admin records after the dossier's authority moved, or under a pack that takes
// nothing over, still brings the dossier to the successor's people.
bool AwaitsTransfer(const DossierSnapshot& dossier, const RulePack& in_force,
                    const std::optional<UnitId>& unit_successor);

enum class TransferOutcome {
  kUnitOnly,   // the pack in force takes nothing over: only the unit moves, to its successor
  kContinues,  // the same stage, decided as the successor pack says
  kToCommune,  // sent up to a level that is gone, and now the commune's to decide: back to the
               // Chairman (the council's vote stands)
  kEnds,       // the award has no successor: discontinued, with the pack's reason
};

struct TransferPlan {
  TransferOutcome outcome = TransferOutcome::kContinues;
  State state = State::kDraft;     // the state after the transfer
  std::optional<State> held_from;  // for a dossier on hold: where it resumes after the transfer
  std::string ended_reason;        // kEnds: the successor pack's reason
};

// Fills what Decide needs of the rule packs beyond the dossier's own: facts.authority (the pack
// that decides its authority, once a transfer set one) and, for a transfer, facts.successor (the
// pack in force on `today`, the event's local date). kNotFound when a pack is unknown.
Status FillPackFacts(const RulePackRegistry& packs, const DossierSnapshot& dossier, bool transfer,
                     std::chrono::sys_days today, DecideFacts& facts);

// What transferring `dossier`, now decided under `authority`, to `successor` does; `unit_moves`
// when its unit ended and another carries it on. Refused (kRejectedTransition, saying why) when
// `successor` does not take over from `authority` and the unit does not move, and for a dossier
// not in flight.
Result<TransferPlan> PlanTransfer(const DossierSnapshot& dossier, const RulePack& authority,
                                  const RulePack& successor, bool unit_moves);

}  // namespace tdkt::engine
