#pragma once
// Decide: the dossier lifecycle as a pure function. Given a dossier, a command from an actor, the
// dossier's rule pack, its campaign, the facts only the store knows, and the time, it returns the
// dossier after the event with the effects to carry out, or a typed refusal a person can read.
//
// It lives in workflows/ because it drives the Boost.MSM machine (lifecycle_machine.cpp); it
// reads no clock and does no I/O. Pure and reentrant: callable from any thread.

#include <vector>

#include "engine/commands.hpp"
#include "engine/domain.hpp"
#include "engine/dossier.hpp"
#include "engine/lifecycle_names.hpp"
#include "engine/ports/clock.hpp"
#include "engine/rule_pack.hpp"
#include "engine/status.hpp"

namespace tdkt::workflows {

// On success, Decision::effects holds, in order: exactly one AppendAudit; the AssignNumber the row
// asks for (decision, tờ trình or council minutes); CancelDeadline for the stage left;
// ScheduleDeadline for the stage entered; Notify whoever must act next. A remind changes no state:
// its audit record, then its notices (DOMAIN.md, "Reminders": to whoever must act now, and when
// overdue to their supervisor too). A council_vote that leaves out members or present takes them
// from facts.council_session; its ballot ("secret" or "show_of_hands") is the award's, and a
// secret ballot's written votes, left out, are the votes beyond those present; its audit record
// keeps the completed vote. A vote on a dossier not on the session's agenda (when it has one) is
// refused.
//
// Refusals, nothing changed:
//   kNotFound            a unit-scoped role and another unit's dossier (engine::Authorize)
//   kForbidden           the authorization rule that refused ("role rule: ...", "unit rule: ...",
//                        "read-only rule: ...")
//   kRejectedTransition  "dossier is in appraisal; council_vote needs council_review", or
//                        "dossier is in intake; request_supplement refused: <the guard's reason>"
//   kInvalidArgument     `pack` is not the dossier's pack (a dossier keeps the pack in force when
//                        it was submitted; for a draft pass the pack in force today), or
//                        `campaign` is not the dossier's campaign.
engine::Result<engine::Decision> Decide(const engine::DossierSnapshot& dossier,
                                        const engine::Command& command, const engine::Actor& actor,
                                        const engine::RulePack& pack,
                                        const engine::Campaign& campaign,
                                        const engine::DecideFacts& facts, engine::Timestamp now);

// The events `actor` may send to `dossier` now: exact on state, role and unit, not on payload
// guards (the dashboard shows these buttons; Decide still judges the payload).
std::vector<engine::EventType> AllowedEvents(const engine::DossierSnapshot& dossier,
                                             const engine::Actor& actor);

// The states with a row for `type`, in lifecycle order ("needs council_review").
std::vector<engine::State> SourceStates(engine::EventType type);

}  // namespace tdkt::workflows
