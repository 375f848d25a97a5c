#pragma once
// A decision's or submission's document as a file: gathers from the store what the document
// says besides the round (the commune's settings, the campaign, the units' names, the level a
// submission goes to), builds the document (engine/documents.hpp) and writes it as DOCX, or as
// PDF through LibreOffice.
//
// Thread-safe: each call acquires its own database session.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "adapters/db/database.hpp"
#include "engine/administrative_units.hpp"
#include "engine/council_minutes.hpp"
#include "engine/documents.hpp"
#include "engine/nomination_list.hpp"
#include "engine/rounds.hpp"
#include "engine/rule_pack.hpp"
#include "engine/status.hpp"

namespace tdkt::adapters::documents {

enum class DocumentFormat { kDocx, kPdf };
// "docx", "pdf"; nullopt otherwise.
std::optional<DocumentFormat> ParseDocumentFormat(std::string_view name);

struct RenderedDocument {
  std::string bytes;
  std::string content_type;  // of the format
  std::string file_name;     // "Quyết định 05-QĐ-UBND.docx" (UTF-8)
};

// The facts of the record a document of `campaign` dated `dated` needs. The commune is the
// admin's settings, or with `administration` (config/administration.yaml; null when the install
// has none) the issuing body in force on `dated` (engine::IssuerOn: the settings describe the
// commune in force `today`). A commune not yet set up leaves its fields empty (the document
// prints dots there); the level a submission goes to is the rule pack's in force on `dated`;
// `today` is the local date a draft is printed on. Unavailable when the store fails; NotFound for
// a campaign that is gone.
engine::Result<engine::DocumentFacts> LoadDocumentFacts(
    db::Database& db, const engine::CampaignId& campaign, const engine::RulePackRegistry& packs,
    const engine::AdministrativeMap* administration, std::chrono::sys_days dated,
    std::chrono::sys_days today);
// The round's: dated its signing day, or today for a draft.
engine::Result<engine::DocumentFacts> LoadDocumentFacts(
    db::Database& db, const engine::Round& round, const engine::RulePackRegistry& packs,
    const engine::AdministrativeMap* administration, std::chrono::sys_days today);

// The dossiers put to the council session `session_id`: its agenda when one was recorded;
// otherwise those whose council vote names it, and, for a session not yet past (its date today
// or later), the campaign's dossiers now awaiting the council (council_review). Each with its
// nominee, unit, award (its name in the dossier's rule pack) and achievement summary. NotFound for
// an unknown session; `campaign` receives the session's campaign.
engine::Result<engine::NominationSession> LoadNominationSession(
    db::Database& db, const std::string& session_id, const engine::RulePackRegistry& packs,
    std::chrono::sys_days today, engine::CampaignId& campaign);

// The minutes of the council session `session_id`: its roster, chair, place and date, its agenda
// (else the dossiers it voted on) with each one's last vote there, and the BB-HĐTĐKT number its
// first vote took ("" before any). NotFound for an unknown session; `campaign` receives its
// campaign.
engine::Result<engine::CouncilMinutes> LoadCouncilMinutes(db::Database& db,
                                                          const std::string& session_id,
                                                          const engine::RulePackRegistry& packs,
                                                          engine::CampaignId& campaign);

// `document` in `format`. Unavailable when PDF is asked for and LibreOffice is not installed
// (the message says which package to install) or fails.
engine::Result<RenderedDocument> Render(const engine::OfficialDocument& document,
                                        DocumentFormat format);

}  // namespace tdkt::adapters::documents
