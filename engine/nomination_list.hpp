#pragma once
// The Danh sách đề nghị khen thưởng of a council session (issue #15, Documents 1): the dossiers
// put to the Hội đồng Thi đua - Khen thưởng at one session, grouped by award, with nominee, unit
// and achievement summary, as plain data for the document writer (engine/documents.hpp).
// Pure; safe from any thread.

#include <chrono>
#include <string>
#include <vector>

#include "engine/documents.hpp"
#include "engine/domain.hpp"
#include "engine/ids.hpp"
#include "engine/status.hpp"

namespace tdkt::engine {

// One dossier put to the session.
struct NominationEntry {
  DossierId dossier;
  UnitId unit;
  Nominee nominee;
  AwardId award;
  std::string award_name;
  std::string achievement_summary;

  friend bool operator==(const NominationEntry&, const NominationEntry&) = default;
};

struct NominationSession {
  std::string id;
  std::chrono::sys_days date{};
  std::vector<NominationEntry> entries;
};

// What `actor` may read of the session's list: Forbidden for the admin (as for dossiers); a unit's
// roles get their unit's entries only; others all of them.
Result<NominationSession> VisibleTo(const NominationSession& session, const Actor& actor);

// The list as a document: issued by the council (HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG XÃ …), dated the
// session's day, without a number; the entries grouped by award in the order the awards first
// appear, numbered within the table; signed for the council by its chair (the commune's
// Chairman).
OfficialDocument NominationListDocument(const NominationSession& session,
                                        const DocumentFacts& facts);

}  // namespace tdkt::engine
