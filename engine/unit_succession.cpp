#include "engine/unit_succession.hpp"

#include "engine/calendar/date_text.hpp"

namespace tdkt::engine {

Status CheckUnitSuccession(const std::string& unit, const UnitSuccession& succession,
                           const std::map<std::string, UnitStanding>& units,
                           const UnitSuccessions& recorded) {
  if (!units.contains(unit)) return Status::NotFound("no unit " + unit);
  if (auto it = recorded.find(unit); it != recorded.end()) {
    return Status::Conflict("unit " + unit + " was succeeded by " + it->second.successor.value() +
                            " after " + calendar::FormatDate(it->second.last_day) +
                            "; a succession is recorded once");
  }
  const std::string& successor = succession.successor.value();
  auto found = units.find(successor);
  if (found == units.end()) {
    return Status::InvalidArgument("unit.succession.successor: no unit '" + successor + "'");
  }
  if (successor == unit) {
    return Status::InvalidArgument("unit.succession.successor: a unit cannot succeed itself");
  }
  if (found->second.retired) {
    return Status::InvalidArgument("unit.succession.successor: unit '" + successor +
                                   "' is retired; the successor must be a unit in use");
  }
  if (succession.basis.empty() || succession.basis.size() > 500) {
    return Status::InvalidArgument(
        "unit.succession.basis: 1 to 500 bytes, the act that ended or merged the unit");
  }
  return Status::Ok();
}

Status CheckRetiredChange(const std::string& unit, const std::optional<UnitSuccession>& succession,
                          bool retired, const UnitSuccessions& recorded) {
  if (succession && !retired) {
    return Status::InvalidArgument(
        "unit.retired: unit " + unit + " was succeeded by " + succession->successor.value() +
        " after " + calendar::FormatDate(succession->last_day) + "; it stays retired");
  }
  if (!succession && retired) {
    for (const auto& [ended, s] : recorded) {
      if (s.successor.value() != unit) continue;
      return Status::InvalidArgument(
          "unit.retired: unit " + unit + " carries on " + ended + " (since " +
          calendar::FormatDate(s.last_day + std::chrono::days(1)) +
          "); record its own succession instead, naming the unit that carries both on");
    }
  }
  return Status::Ok();
}

bool RetiredAfter(const std::optional<UnitSuccession>& succession, bool retired) {
  return succession.has_value() || retired;
}

std::optional<UnitId> UnitCarryingOn(const UnitId& unit, std::chrono::sys_days day,
                                     const UnitSuccessions& successions) {
  std::optional<UnitId> carrying;
  std::string current = unit.value();
  // At most one step per succession: a cycle (which CheckUnitSuccession never lets in) ends it.
  for (std::size_t steps = 0; steps < successions.size(); ++steps) {
    auto it = successions.find(current);
    if (it == successions.end() || day <= it->second.last_day) break;
    carrying = it->second.successor;
    current = it->second.successor.value();
  }
  return carrying;
}

}  // namespace tdkt::engine
