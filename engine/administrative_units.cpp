#include "engine/administrative_units.hpp"

#include <set>
#include <utility>

namespace tdkt::engine {
namespace {

Status Invalid(const AdministrativeUnit& unit, const std::string& what) {
  return Status::InvalidArgument("administrative unit '" + unit.id + "': " + what);
}

}  // namespace

bool AdministrativeUnit::ExistsOn(std::chrono::sys_days day) const {
  return (!valid_from || *valid_from <= day) && (!valid_until || day <= *valid_until);
}

Result<AdministrativeMap> AdministrativeMap::Create(std::vector<AdministrativeUnit> units,
                                                    std::string commune) {
  AdministrativeMap map;
  map.units_ = std::move(units);
  map.commune_ = std::move(commune);
  std::set<std::string> ids;
  for (const AdministrativeUnit& unit : map.units_) {
    if (unit.id.empty()) return Status::InvalidArgument("administrative unit: id is empty");
    if (!ids.insert(unit.id).second) return Invalid(unit, "given twice");
    if (unit.name.empty()) return Invalid(unit, "name is empty");
    if (unit.signer && unit.signer->name.empty()) return Invalid(unit, "signer: name is empty");
  }
  for (const AdministrativeUnit& unit : map.units_) {
    if (unit.parent && map.Find(*unit.parent) == nullptr) {
      return Invalid(unit, "parent: no unit '" + *unit.parent + "'");
    }
    if (unit.valid_from && unit.valid_until && *unit.valid_until < *unit.valid_from) {
      return Invalid(unit, "valid_until is before valid_from");
    }
    if ((unit.valid_from || unit.valid_until) && unit.basis.empty()) {
      return Invalid(unit, "basis: the act that created or ended it is required with its dates");
    }
    if (unit.successor) {
      const AdministrativeUnit* next = map.Find(*unit.successor);
      if (next == nullptr) return Invalid(unit, "successor: no unit '" + *unit.successor + "'");
      if (!unit.valid_until) return Invalid(unit, "successor: given without valid_until");
      if (next->valid_from != *unit.valid_until + std::chrono::days(1)) {
        return Invalid(unit, "successor: '" + next->id + "' must start the day after " +
                                 "valid_until (no gap, no overlap)");
      }
    }
  }
  const AdministrativeUnit* first = map.Find(map.commune_);
  if (first == nullptr || first->level != Level::kCommune) {
    return Status::InvalidArgument("administrative units: commune '" + map.commune_ +
                                   "' is not a commune of the list");
  }
  return map;
}

const AdministrativeUnit* AdministrativeMap::Find(std::string_view id) const {
  for (const AdministrativeUnit& unit : units_) {
    if (unit.id == id) return &unit;
  }
  return nullptr;
}

Result<const AdministrativeUnit*> AdministrativeMap::CommuneOn(std::chrono::sys_days day) const {
  const AdministrativeUnit* unit = Find(commune_);
  // Successors form a chain; Create checked each link, and a chain is at most as long as the map.
  for (std::size_t step = 0; unit != nullptr && step <= units_.size(); ++step) {
    if (unit->ExistsOn(day)) return unit;
    if (unit->valid_from && day < *unit->valid_from) break;
    if (!unit->successor) break;
    unit = Find(*unit->successor);
  }
  return Status::NotFound("no commune carries the records of '" + commune_ + "' on that day");
}

std::string AdministrativeMap::SeriesKeyOn(std::chrono::sys_days day) const {
  auto unit = CommuneOn(day);
  if (!unit.ok() || (*unit)->id == commune_) return "";
  return (*unit)->id;
}

}  // namespace tdkt::engine
