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

}  // namespace tdkt::engine
