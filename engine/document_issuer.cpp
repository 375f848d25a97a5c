#include "engine/document_issuer.hpp"

namespace tdkt::engine {

CommuneSettings IssuerOn(const AdministrativeMap& map, const CommuneSettings& settings,
                         std::chrono::sys_days dated, std::chrono::sys_days today) {
  auto body = map.CommuneOn(dated);
  if (!body.ok()) return settings;
  auto current = map.CommuneOn(today);
  if (current.ok() && *current == *body) {
    CommuneSettings issuer = settings;
    issuer.name = (*body)->name;
    return issuer;
  }
  CommuneSettings issuer;
  issuer.name = (*body)->name;
  issuer.province = settings.province;
  if ((*body)->signer) {
    issuer.chairman_name = (*body)->signer->name;
    issuer.chairman_title = (*body)->signer->title;
  }
  return issuer;
}

std::string CouncilCommuneOn(const AdministrativeMap& map, std::chrono::sys_days held_on) {
  auto body = map.CommuneOn(held_on);
  return body.ok() ? (*body)->name : std::string();
}

std::string HigherLevelOn(const AdministrativeMap& map, Level target, std::chrono::sys_days dated) {
  auto body = map.CommuneOn(dated);
  if (!body.ok()) return "";
  const AdministrativeUnit* unit = *body;
  // At most one step per unit of the map (Create refuses a parent that is not in it).
  for (std::size_t steps = 0; unit != nullptr && steps < map.units().size(); ++steps) {
    if (unit->level == target && unit->ExistsOn(dated)) {
      // "Huyện Như Xuân" → "huyện Như Xuân": the level in lower case, as running text has it.
      for (std::string_view kind : {"Huyện ", "Tỉnh ", "Thành phố "}) {
        if (unit->name.starts_with(kind)) {
          std::string lower = kind == "Huyện "  ? "huyện "
                              : kind == "Tỉnh " ? "tỉnh "
                                                : "thành phố ";
          return lower + unit->name.substr(kind.size());
        }
      }
      return unit->name;
    }
    unit = unit->parent ? map.Find(*unit->parent) : nullptr;
  }
  return "";
}

}  // namespace tdkt::engine
