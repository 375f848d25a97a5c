#pragma once
// The admin's rules (DOMAIN.md: the `admin` role manages configuration, units, users and tokens)
// that do not depend on who asks: what a unit's place in the tree may be, what the commune's
// settings must hold, and that the commune always keeps an administrator. Who may do these things
// is engine/authorization's AuthorizeOperation.
//
// Pure functions; safe from any thread.

#include <map>
#include <optional>
#include <string>

#include "engine/status.hpp"

namespace tdkt::engine {

// The commune itself, as documents name it: "UBND xã Bình Lương", its province, the issuing
// body's symbol in document numbers ("UBND" in "15/QĐ-UBND"), and who signs for the Chairman.
struct CommuneSettings {
  std::string name;
  std::string province;
  std::string issuer_symbol;
  std::string chairman_name;
  std::string chairman_title;
};

// OK, or kInvalidArgument naming the field ("commune.issuer_symbol: ..."): every field 1 to 200
// bytes; the symbol 1 to 20 letters, digits or '-' (it is written between '/' and '-' in a
// number, so neither '/' nor a space).
Status CheckCommuneSettings(const CommuneSettings& settings);

// Whether `unit` may have `parent` given every unit's current parent (`parents`: unit id → its
// parent, absent for a unit at the top). OK, or kInvalidArgument naming "unit.parent": a unit
// that does not exist (in `parents`), the unit itself, or one of its own descendants (a cycle).
Status CheckUnitParent(const std::string& unit, const std::optional<std::string>& parent,
                       const std::map<std::string, std::optional<std::string>>& parents);

// A change that leaves `active_admins_after` active administrators: OK when at least one is left,
// kConflict otherwise (nobody could manage the users any more).
Status CheckKeepsAnAdmin(int active_admins_after);

}  // namespace tdkt::engine
