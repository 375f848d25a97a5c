#pragma once
// DossierQuery: what the service reads — dossiers filtered and paged, a campaign's counts, and
// the documents attached to a dossier.
//
// Reads only the projection (the `dossiers` table), which Apply keeps in step with the event log.
// Stateless apart from the backend; every call takes the caller's session. Database failures are
// Unavailable.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "adapters/db/database_url.hpp"
#include "adapters/db/dossier_store.hpp"
#include "engine/ports/clock.hpp"
#include "engine/status.hpp"

namespace soci {
class session;
}

namespace tdkt::adapters::db {

// Every field narrows the list; empty fields do not.
struct DossierFilter {
  std::string state;
  std::string unit;
  std::string campaign;
  std::string award;
  bool overdue = false;     // the next deadline has passed at `now`
  std::string due_before;   // RFC 3339 UTC: the next deadline falls before it
  std::string after;        // the cursor: ids greater than this
  int limit = 50;           // 1..200
  engine::Timestamp now{};  // for `overdue`
  // Dossiers in flight that may wait for a transfer (engine::AwaitsTransfer): those whose
  // authority is still decided by `awaiting_transfer_from` (the pack that the one in force takes
  // over; empty: none), and those of a unit whose last day is before `today` ("YYYY-MM-DD", the
  // local date) and which another carries on. The caller judges each row with the core.
  bool awaiting_transfer = false;
  std::string awaiting_transfer_from;
  std::string today;
};

struct DossierPage {
  std::vector<DossierRow> rows;       // by id
  std::optional<std::string> cursor;  // pass as `after` for the next page; none on the last
};

struct CampaignSummary {
  std::int64_t total = 0;
  std::int64_t overdue = 0;
  std::map<std::string, std::int64_t> by_state;
  std::map<std::string, std::int64_t> by_award;
  std::map<std::string, std::int64_t> by_unit;
};

struct DocumentRecord {
  std::string id;
  std::string dossier_id;
  std::string kind;
  std::string file_name;
  std::string media_type;
  std::int64_t size = 0;
  std::string sha256;
  std::string uploaded_by;
  std::string uploaded_at;
};

class DossierQuery {
 public:
  explicit DossierQuery(Backend backend) : backend_(backend) {}

  engine::Result<DossierPage> List(soci::session& sql, const DossierFilter& filter) const;
  // Every dossier of `campaign` (of `unit` when not empty), in id order, streamed through `visit`
  // in one indexed query (the reports read a province's campaign whole); stops at the first
  // non-OK Status `visit` returns and returns it.
  engine::Status ForEachInCampaign(soci::session& sql, const std::string& campaign,
                                   const std::string& unit,
                                   const std::function<engine::Status(DossierRow&&)>& visit) const;
  // Counts of one campaign's dossiers (of one unit when `unit` is not empty).
  engine::Result<CampaignSummary> Summarise(soci::session& sql, const std::string& campaign,
                                            const std::string& unit, engine::Timestamp now) const;

  // Stores `content` as a document of the dossier; fills in id (when empty), size and sha256.
  engine::Result<DocumentRecord> AddDocument(soci::session& sql, DocumentRecord document,
                                             const std::string& content) const;
  engine::Result<std::vector<DocumentRecord>> ListDocuments(soci::session& sql,
                                                            const std::string& dossier) const;

 private:
  Backend backend_;
};

}  // namespace tdkt::adapters::db
