#include "engine/administration.hpp"

#include <algorithm>
#include <set>

namespace tdkt::engine {

namespace {

Status CheckText(const char* field, const std::string& value) {
  if (value.empty() || value.size() > 200) {
    return Status::InvalidArgument(std::string("commune.") + field + ": 1 to 200 bytes");
  }
  return Status::Ok();
}

}  // namespace

Status CheckCommuneSettings(const CommuneSettings& s) {
  for (const auto& [field, value] : {std::pair<const char*, const std::string&>{"name", s.name},
                                     {"province", s.province},
                                     {"issuer_symbol", s.issuer_symbol},
                                     {"chairman_name", s.chairman_name},
                                     {"chairman_title", s.chairman_title}}) {
    if (Status status = CheckText(field, value); !status.ok()) return status;
  }
  const bool symbol_ok = s.issuer_symbol.size() <= 20 &&
                         std::all_of(s.issuer_symbol.begin(), s.issuer_symbol.end(), [](char c) {
                           return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                                  (c >= '0' && c <= '9') || c == '-';
                         });
  if (!symbol_ok) {
    return Status::InvalidArgument(
        "commune.issuer_symbol: 1 to 20 ASCII letters, digits or '-' (it stands after the '-' "
        "of a number such as 15/QĐ-UBND), got \"" +
        s.issuer_symbol + "\"");
  }
  return Status::Ok();
}

Status CheckUnitParent(const std::string& unit, const std::optional<std::string>& parent,
                       const std::map<std::string, std::optional<std::string>>& parents) {
  if (!parent) return Status::Ok();
  if (*parent == unit) return Status::InvalidArgument("unit.parent: a unit is not its own parent");
  if (!parents.contains(*parent)) {
    return Status::InvalidArgument("unit.parent: no unit '" + *parent + "'");
  }
  // Walk up from the new parent: meeting `unit` means the parent is one of its descendants.
  std::set<std::string> seen;
  std::optional<std::string> at = parent;
  while (at && seen.insert(*at).second) {
    if (*at == unit) {
      return Status::InvalidArgument("unit.parent: '" + *parent + "' lies under '" + unit +
                                     "'; the units would form a cycle");
    }
    auto it = parents.find(*at);
    at = it == parents.end() ? std::nullopt : it->second;
  }
  return Status::Ok();
}

Status CheckKeepsAnAdmin(int active_admins_after) {
  if (active_admins_after >= 1) return Status::Ok();
  return Status::Conflict(
      "the last active admin cannot be disabled or given another role: nobody could manage "
      "users and tokens any more");
}

}  // namespace tdkt::engine
