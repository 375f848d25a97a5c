#pragma once
// The two records of a dossier's audit chain that are not lifecycle events (DOMAIN.md's table):
// creating the draft (dự thảo) and attaching a document. Who may, and what each must be, is decided
// here in the core like every event; the store only supplies the facts and writes the result.
//
// Pure functions; safe from any thread.

#include <cstdint>
#include <optional>
#include <string>

#include "engine/domain.hpp"
#include "engine/dossier.hpp"
#include "engine/ids.hpp"
#include "engine/status.hpp"

namespace tdkt::engine {

// A nomination as a unit officer (or the secretariat) drafts it.
struct NewDraft {
  DossierId id;
  CampaignId campaign;
  UnitId unit;
  Nominee nominee;  // as the register has it; its id names the registered nominee
  AwardId award;
  std::string achievement_summary;
};

// What only the store knows when a draft is created.
struct CreateFacts {
  // The nominee's open (draft included) or approved dossier in the same campaign, if any.
  std::optional<DossierId> nominee_other_dossier;
  // Whether the draft's unit was retired by the admin: it keeps its dossiers, takes no new one.
  bool unit_retired = false;
};

// The draft as it is stored, or the refusal, nothing created:
//   kForbidden        AuthorizeCreate's rule (the unit's own officer or the secretariat);
//   kInvalidArgument  an empty id, nominee id (no registered nominee), nominee name or award, or an
//   award `campaign` does not allow
//                     (naming the field: "dossier.award: campaign 'c' does not allow ..."), or a
//                     retired unit ("dossier.unit_id: unit 'u' is retired ...");
//   kConflict         Luật Thi đua, khen thưởng 2022, Điều 5 (one achievement, one award): the
//                     nominee already has an open or approved dossier in the campaign, named.
Result<DossierSnapshot> DecideCreate(const NewDraft& draft, const Actor& actor,
                                     const Campaign& campaign, const CreateFacts& facts);

// A document uploaded to a dossier, as its audit record keeps it: the file's bytes stay in the
// store; the record proves which file (SHA-256) of which kind was attached, by whom and when.
struct Attachment {
  std::string id;  // the stored document's id
  DocumentKind kind = DocumentKind::kSubmissionLetter;
  std::string file_name;
  std::string media_type;
  std::int64_t size = 0;
  std::string sha256;  // lower-case hex of the bytes

  friend bool operator==(const Attachment&, const Attachment&) = default;
};

// The dossier with `attachment`'s kind attached (the accept guard sees it), or the refusal:
//   kForbidden           AuthorizeAttach's rule;
//   kRejectedTransition  the dossier is in a terminal state (decided or closed);
//   kInvalidArgument     a file name that is empty, longer than 255 bytes or holds / or \, an
//                        empty media type, a sha256 that is not 64 lower-case hex digits.
Result<DossierSnapshot> DecideAttach(const DossierSnapshot& dossier, const Actor& actor,
                                     const Attachment& attachment);

}  // namespace tdkt::engine
