#pragma once
// DossierStore: the dossier projection (the `dossiers` table) and the campaigns and units it
// refers to. The event log is the source of truth; these rows are what Apply keeps up to date in
// the same transaction, and what queries read.
//
// Stateless apart from the backend; every call takes the session of the caller's transaction and
// may be used from any thread with its own session. Failures of the database are Unavailable.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "adapters/db/database_url.hpp"
#include "engine/dossier.hpp"
#include "engine/ports/clock.hpp"
#include "engine/status.hpp"

namespace soci {
class session;
}

namespace tdkt::adapters::db {

// One dossier row: the snapshot Decide works on, its version (= the dossier_seq of its last
// audit record) and what only the projection carries.
struct DossierRow {
  engine::DossierSnapshot snapshot;
  std::int64_t version = 0;
  std::string submission_number;      // the tờ trình's number, when escalated
  std::string decision_number;        // the Chairman's decision number, when approved
  std::string deadlines_json = "{}";  // {"appraisal": "2024-08-20T10:00:00Z", ...}
  std::optional<std::string> next_deadline_at;
};

// A row from its stored columns (the nullable ones as optionals); Unavailable when `data` is not
// a readable snapshot.
engine::Result<DossierRow> DossierRowFromColumns(const std::string& id, const std::string& data,
                                                 std::int64_t version,
                                                 const std::optional<std::string>& submission,
                                                 const std::optional<std::string>& decision,
                                                 const std::string& deadlines,
                                                 const std::optional<std::string>& next);

class WriteBatch;

class DossierStore {
 public:
  explicit DossierStore(Backend backend) : backend_(backend) {}

  // NotFound when there is no such dossier. With `for_update`, PostgreSQL locks the row until the
  // transaction ends, so that appliers of one dossier queue behind each other (SQLite's write
  // lock already serialises them).
  engine::Result<DossierRow> Load(soci::session& sql, const engine::DossierId& id,
                                  bool for_update = false) const;
  // Inserts a new dossier at version 0; Conflict when the id exists.
  engine::Status Insert(soci::session& sql, const DossierRow& row, engine::Timestamp now) const;
  // Writes `row` as version `row.version` if the stored version is still `expected_version`;
  // Conflict otherwise (someone else changed it first).
  engine::Status Save(soci::session& sql, const DossierRow& row, std::int64_t expected_version,
                      engine::Timestamp now) const;
  // Save() as a write of `batch` (its Flush() reports the Conflict).
  void QueueSave(WriteBatch& batch, const DossierRow& row, std::int64_t expected_version,
                 engine::Timestamp now) const;
  // Another dossier of the same nominee in the same campaign that is open (a draft included) or
  // approved, if any (the first by id).
  engine::Result<std::optional<engine::DossierId>> NomineeOtherDossier(
      soci::session& sql, const engine::DossierSnapshot& dossier) const;
  // How many dossiers of the campaign are approved for `award` (the campaign's quota).
  engine::Result<int> ApprovedWithAward(soci::session& sql, const engine::CampaignId& campaign,
                                        const engine::AwardId& award) const;
  // Every dossier id, in id order.
  engine::Result<std::vector<std::string>> AllIds(soci::session& sql) const;

  // Campaigns: stored whole as JSON (with their key fields as columns). NotFound when absent.
  engine::Result<engine::Campaign> LoadCampaign(soci::session& sql,
                                                const engine::CampaignId& id) const;
  // Inserts, or replaces one with the same id; with `replace` false an existing id is Conflict.
  engine::Status SaveCampaign(soci::session& sql, const engine::Campaign& campaign,
                              engine::Timestamp now, bool replace = true) const;

  // Units (đơn vị) are saved by DirectoryStore::SaveUnit.
  // Whether the unit was retired (it takes no new draft); false for an unknown unit.
  engine::Result<bool> UnitRetired(soci::session& sql, const engine::UnitId& id) const;
  engine::Result<bool> UnitExists(soci::session& sql, const engine::UnitId& id) const;

 private:
  Backend backend_;
};

}  // namespace tdkt::adapters::db
