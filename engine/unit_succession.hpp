#pragma once
// The units of a commune that ended (villages, schools, agencies, mass organisations): when
// communes merge, each unit of an old commune that does not carry on as it is has a successor
// among the new commune's units, which carries on its tasks and its dossiers in flight (DOMAIN.md,
// "Administrative units change"; Nghị quyết 190/2025/QH15, Điều 5: the receiving body carries on
// without interruption). The admin records it; a transfer moves a dossier of an ended unit to the
// unit that carries it on, so that the successor's people see and act on it.
//
// A succession is recorded once and retires the unit (kept for its records, no new draft); a
// successor must be a unit in use, so successions never form a cycle.
//
// Pure functions; safe from any thread.

#include <chrono>
#include <map>
#include <optional>
#include <string>

#include "engine/ids.hpp"
#include "engine/status.hpp"

namespace tdkt::engine {

struct UnitSuccession {
  UnitId successor;
  std::chrono::sys_days last_day;  // the unit's last day; the successor carries on from the next
  std::string basis;               // the act that ended or merged it (decision, resolution)

  friend bool operator==(const UnitSuccession&, const UnitSuccession&) = default;
};

// The successions recorded, by the id of the unit that ended.
using UnitSuccessions = std::map<std::string, UnitSuccession>;

// What the check needs of a unit besides its succession.
struct UnitStanding {
  bool retired = false;
};

// Whether `unit` may be succeeded as `succession` says, given every unit (`units`: id → whether
// it is retired) and the successions recorded. OK; NotFound for an unknown `unit`; Conflict when
// it has a succession already (one is never changed: transfers may have followed it);
// InvalidArgument naming the field ("unit.succession.successor: ...", ".basis: ...") for a
// successor that is not a unit, is the unit itself or is retired, and a basis that is empty or
// over 500 bytes.
Status CheckUnitSuccession(const std::string& unit, const UnitSuccession& succession,
                           const std::map<std::string, UnitStanding>& units,
                           const UnitSuccessions& recorded);

// Whether a unit with `succession` may be given `retired` (InvalidArgument naming
// "unit.retired"): a unit that was succeeded stays retired; a unit that carries on another one
// (named as a successor in `recorded`) is not simply retired — it gets a succession of its own,
// so that the dossiers that come to it go on further.
Status CheckRetiredChange(const std::string& unit, const std::optional<UnitSuccession>& succession,
                          bool retired, const UnitSuccessions& recorded);

// Whether a unit is retired once its succession is known: a succession retires it for good.
bool RetiredAfter(const std::optional<UnitSuccession>& succession, bool retired);

// The unit that carries `unit`'s dossiers on `day`: its successor, and that one's while it too
// ended before `day`. nullopt while `unit` itself is in use on `day` (no succession, or its last
// day is `day` or later).
std::optional<UnitId> UnitCarryingOn(const UnitId& unit, std::chrono::sys_days day,
                                     const UnitSuccessions& successions);

}  // namespace tdkt::engine
