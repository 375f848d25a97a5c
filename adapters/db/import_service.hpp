#pragma once
// ImportService: a unit's nomination list, read from its file into an engine::Sheet, becomes draft
// dossiers in one transaction, all or nothing. The core judges the list
// (engine::ReadNominationSheet, engine::DecideImport) on the facts this service gathers: each
// row's nominee found in the register by its duplicate rule or registered (NomineeStore::Register;
// a household in the village its «Thôn» names), and that nominee's open or approved dossier in the
// campaign. Each draft is then created by CreateDraftIn, the path of a draft created by hand
// (engine::DecideCreate, its "create" audit record, the campaign's cut-off timer), referring to
// the registered nominee, under the request id "import:<file>:<campaign>:<unit>:<row>" (<file>:
// the first 16 hex digits of its SHA-256), so that each dossier's
// audit trail names the file and row it came from. A refused list rolls back every registration.
//
// Idempotency: a list is the same list when its bytes are (SHA-256) for the same campaign and unit;
// importing it again answers with the dossiers the first import created (replayed) and writes
// nothing, whoever sends it.
//
// Thread-safe: Import may be called from many threads at once. The referenced objects must outlive
// the service.

#include <string>
#include <vector>

#include "adapters/db/apply_service.hpp"
#include "adapters/db/database.hpp"
#include "engine/import_sheet.hpp"
#include "engine/nomination_import.hpp"
#include "engine/status.hpp"

namespace tdkt::adapters::db {

struct ImportRequest {
  engine::CampaignId campaign;
  engine::UnitId unit;
  engine::Sheet sheet;
  std::string file_sha256;  // lower-case hex of the file's bytes
};

struct ImportedDossier {
  int row = 0;         // the file's row
  DossierRow dossier;  // as stored now
};

struct ImportOutcome {
  // Not empty: the list was refused and nothing was written; every problem, by row and column.
  std::vector<engine::ImportProblem> problems;
  std::vector<ImportedDossier> created;  // in the file's order
  bool replayed = false;                 // the same list was imported before; nothing written
};

class ImportService {
 public:
  ImportService(Database& db, const ApplyService& apply) : db_(db), apply_(apply) {}

  // Imports `request` for `actor` at `now`. Returns the outcome (problems, or the drafts created),
  // or refuses the whole request: NotFound for an unknown campaign, InvalidArgument for an unknown
  // or retired unit, Forbidden (the unit's own officer or the secretariat), Unavailable when no
  // rule pack is in force or the database fails.
  engine::Result<ImportOutcome> Import(const ImportRequest& request, const engine::Actor& actor,
                                       engine::Timestamp now) const;

 private:
  Database& db_;
  const ApplyService& apply_;
};

}  // namespace tdkt::adapters::db
