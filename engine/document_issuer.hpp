#pragma once
// Which issuing body and signer a document carries (DOMAIN.md, "Administrative units change",
// "Documents and numbers"): a document names the commune in force on its date — a signed decision
// or tờ trình its signing day, council minutes and a nomination list the session's day, a draft
// today — not the commune the admin has set up today. So xã Bình Lương's decisions of June 2025
// still say "UBND XÃ BÌNH LƯƠNG" after the admin renamed the commune "Xã Hóa Quỳ".
//
// Pure; safe from any thread.

#include <chrono>
#include <string>

#include "engine/administration.hpp"
#include "engine/administrative_units.hpp"

namespace tdkt::engine {

// The commune as a document dated `dated` prints it, given the admin's `settings` (which describe
// the commune in force on `today`, map.CommuneOn(today)):
// - the name is that of map.CommuneOn(dated);
// - the signer (chairman_name, chairman_title) and issuer_symbol are the settings' when that
//   commune is the one in force today; for an earlier body they are its `signer` in the map, and
//   without one the name is left empty (the document prints dots for the office to fill) and the
//   symbol too (the document says UBND);
// - the province is the settings' (the merger kept the province).
// When no commune of the map carries the records on `dated`, `settings` as they are: the map
// knows no better.
CommuneSettings IssuerOn(const AdministrativeMap& map, const CommuneSettings& settings,
                         std::chrono::sys_days dated, std::chrono::sys_days today);

// The commune whose council kept the minutes of a session held on `held_on` (the one in force that
// day), as DocumentFacts::Minutes names it: "Xã Bình Lương"; "" when the map knows none then.
std::string CouncilCommuneOn(const AdministrativeMap& map, std::chrono::sys_days held_on);

// The body a tờ trình dated `dated` is addressed to, as running text ("huyện Như Xuân", "tỉnh
// Thanh Hóa"): the unit of level `target` above the commune in force that day, following the
// parents of the map as they stood then. "" when the map has none (the document then says
// "huyện", or "tỉnh" and the province).
std::string HigherLevelOn(const AdministrativeMap& map, Level target, std::chrono::sys_days dated);

}  // namespace tdkt::engine
