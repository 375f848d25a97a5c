#pragma once
// The Biên bản họp Hội đồng Thi đua - Khen thưởng of a session (issue #15, Documents 2): when and
// where the council sat, who chaired, its members present and absent, the dossiers put to it
// with each one's vote and result, and the conclusion, numbered in the council's BB-HĐTĐKT
// series. Plain data for the document writer (engine/documents.hpp); pure, safe from any thread.

#include <optional>
#include <string>
#include <vector>

#include "engine/council.hpp"
#include "engine/documents.hpp"
#include "engine/nomination_list.hpp"
#include "engine/status.hpp"

namespace tdkt::engine {

// One dossier put to the session and how the council voted on it there.
struct MinutesItem {
  NominationEntry entry;
  std::optional<int> yes;  // none: not voted on at this session (yet)
  std::optional<int> no;
  bool passed = false;
};

struct CouncilMinutes {
  CouncilSession session;  // roster (members present or not), chair, place, date
  std::string number;      // "02/BB-HĐTĐKT", given by the session's first vote; "" before it
  std::vector<MinutesItem> items;
};

// What `actor` may read: Forbidden for the admin; a unit's roles get their unit's items only.
Result<CouncilMinutes> VisibleTo(const CouncilMinutes& minutes, const Actor& actor);

// The minutes as a document. Before any vote it has no number and says DỰ THẢO. Signed by the
// chair (CHỦ TRÌ) and, on the left, the standing member who keeps the minutes (THƯ KÝ) when the
// roster names one.
OfficialDocument MinutesDocument(const CouncilMinutes& minutes, const DocumentFacts& facts);

}  // namespace tdkt::engine
