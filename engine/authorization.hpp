#pragma once
// Authorization in the core: which role may send which event (DOMAIN.md, the events table's
// "role" column), unit-scoped roles only for their own unit's dossiers, read-only roles never.
//
// Pure functions; safe from any thread.

#include <optional>
#include <string_view>

#include "engine/domain.hpp"
#include "engine/dossier.hpp"
#include "engine/lifecycle_names.hpp"
#include "engine/status.hpp"

namespace tdkt::engine {

// The one role that sends `type`.
Role SenderOf(EventType type);

// OK, or kForbidden naming the rule that refused:
//   "read-only rule: auditor changes nothing"
//   "role rule: submit is sent by unit_officer, not secretariat"
//   "unit rule: unit_officer without a unit may not act"
// or, for a unit-scoped role and another unit's dossier, kNotFound "no dossier ID": the same
// answer as for a dossier that does not exist, so that other units' dossier ids do not leak.
Status Authorize(const Actor& actor, EventType type, const DossierSnapshot& dossier);

// Who may create a draft for `unit`: the unit's own officer (cán bộ đơn vị), or the secretariat.
// OK, or kForbidden naming the rule.
Status AuthorizeCreate(const Actor& actor, const UnitId& unit);

// Who may attach a document to `dossier`: its unit's officer, or the secretariat. OK, kNotFound
// for a unit-scoped role and another unit's dossier (as AuthorizeRead), or kForbidden naming the
// rule.
Status AuthorizeAttach(const Actor& actor, const DossierSnapshot& dossier);

// Who may read dossiers at all: everyone but the admin (who manages configuration, units and
// users). OK, or kForbidden.
Status AuthorizeReadDossiers(const Actor& actor);

// Who may read the dossier `id` of `unit`: AuthorizeReadDossiers, and a unit-scoped role only its
// own unit's. Another unit's dossier is kNotFound, worded as for a dossier that does not exist,
// so that other units' dossier ids do not leak.
Status AuthorizeRead(const Actor& actor, const DossierId& id, const UnitId& unit);

// Which role a person's account may hold: any but the system's timer, with a unit exactly when the
// role is unit-scoped. OK, or kInvalidArgument saying which.
Status CheckAccountRole(Role role, bool has_unit);

// Operations on the commune's records other than a dossier's events.
enum class Operation {
  kCreateCampaign,         // secretariat, admin
  kRecordCouncilSession,   // secretariat
  kManageUnits,            // admin: create, rename, re-parent, retire units
  kManageUsers,            // admin: create users, change their role or unit, disable them
  kManageTokens,           // admin: issue, revoke and list bearer tokens
  kManageCommune,          // admin: the commune's settings (name, symbol, Chairman)
  kReadAdministrativeLog,  // admin, auditor: the administrative stream's records
  kDraftRound,             // secretariat: draft a decision or submission, add dossiers to it
  kRemoveFromRound,        // secretariat, chairman: take a dossier off a draft
  kSignRound,              // chairman: sign a decision or submission
  kRecordHigherAnswer,     // secretariat: the higher level's answer to a submission
  kListRoundCandidates,    // secretariat, chairman: the dossiers a draft may list
};
// "managing units", … for messages.
std::string_view OperationName(Operation operation);
// OK, or kForbidden naming the roles that do `operation`.
Status AuthorizeOperation(const Actor& actor, Operation operation);

// Which unit's dossiers a list may show `actor`: its own for a unit-scoped role (kForbidden when
// it asks for another unit's, or has none), `requested` (empty = every unit) otherwise.
Result<UnitId> ReadableUnit(const Actor& actor, const UnitId& requested);

}  // namespace tdkt::engine
