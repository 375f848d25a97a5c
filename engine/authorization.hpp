#pragma once
// Authorization in the core: which role may send which event (DOMAIN.md, the events table's
// "role" column), unit-scoped roles only for their own unit's dossiers, read-only roles never.
//
// Pure functions; safe from any thread.

#include <optional>

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
//   "unit rule: unit_officer of unit 'thon-1' acts only on its own unit's dossiers (this one is
//    'thon-2')"
Status Authorize(const Actor& actor, EventType type, const DossierSnapshot& dossier);

}  // namespace tdkt::engine
