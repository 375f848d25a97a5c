#pragma once
// EventLogStore: the append-only, hash-chained event log in the `event_log` table.
//
// Append() runs inside the caller's transaction (Transaction, or a group commit's savepoint), so
// the record commits or rolls back with the rest of the event's effects. It links the record to
// the dossier's last record (prev_hash), numbers it (dossier_seq; the global seq comes from the
// sequence event_log_seq on PostgreSQL, drawn under the settling lock of settled_log.hpp, and from
// MAX(seq)+1 under SQLite's write lock), and seals it with engine/audit's hash
// (docs/audit-format.md). Two appends racing on one dossier collide on UNIQUE (dossier_id,
// dossier_seq): one gets Conflict and may retry.
//
// Reads page through the table by key (no result is ever held whole), so a log of any length is
// streamed in bounded memory. The store holds no state but the backend: one instance may be used
// from any thread, each thread with its own session.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "adapters/db/database_url.hpp"
#include "engine/audit/record.hpp"
#include "engine/ports/clock.hpp"
#include "engine/status.hpp"

namespace soci {
class session;
}

namespace tdkt::adapters::db {

// What the caller knows of an event; the store adds seq, dossier_seq, prev_hash and hash.
struct NewEvent {
  std::string dossier_id;
  std::string event_type;
  boost::json::object payload;
  std::string actor_id;
  std::string actor_role;
  std::optional<std::string> actor_unit;
  engine::Timestamp occurred_at;
  std::string request_id;
  std::optional<std::string> rule_pack;
};

class WriteBatch;

// A record numbered, linked and sealed, not yet written; `payload` is its canonical JSON.
struct SealedEvent {
  engine::audit::AuditRecord record;
  std::string payload;
};

class EventLogStore {
 public:
  // Records come back in one of two orders.
  enum class Order {
    kBySeq,      // the global order of the log (export)
    kByDossier,  // dossier by dossier, each in dossier_seq order (verification)
  };
  using Visitor = std::function<engine::Status(engine::audit::AuditRecord&& record)>;

  explicit EventLogStore(Backend backend) : backend_(backend) {}

  // Appends `event` as the dossier's next record and returns it sealed. Requires an open
  // transaction on `session`. Returns InvalidArgument for a malformed event (empty ids, a float in
  // the payload), Conflict when a concurrent append took the same dossier_seq or the request id is
  // already in the log (on PostgreSQL the transaction must then be rolled back), Unavailable when
  // the database fails.
  engine::Result<engine::audit::AuditRecord> Append(soci::session& session,
                                                    const NewEvent& event) const;

  // Append() in two steps, so that the INSERT can travel with the event's other writes: Seal()
  // draws the seq and reads the dossier's last record (one round trip; errors as Append's), and
  // Queue() adds the INSERT to `batch` (its failure is the batch's: Conflict as above).
  engine::Result<SealedEvent> Seal(soci::session& session, const NewEvent& event) const;
  void Queue(WriteBatch& batch, const SealedEvent& sealed) const;

  // The dossier's records in dossier_seq order (empty when it has none); Unavailable on failure.
  engine::Result<std::vector<engine::audit::AuditRecord>> ReadDossier(
      soci::session& session, const std::string& dossier_id) const;

  // Calls `visit` for every record (of `dossier_id` only, when given) in `order`, a page at a
  // time. Stops at the first non-OK Status from `visit` and returns it; Unavailable when the
  // database fails. A payload that is not valid JSON (tampered) is passed on as a JSON string of
  // its text, so that its hash fails to verify rather than the read.
  engine::Status ForEach(soci::session& session, Order order,
                         const std::optional<std::string>& dossier_id, const Visitor& visit) const;

  // The projection's version of every dossier (dossiers.version), and the length of every other
  // stream (stream_heads: the administrative stream), for LogVerifier.
  engine::Result<std::map<std::string, std::int64_t>> ProjectedVersions(
      soci::session& session, const std::optional<std::string>& dossier_id) const;

 private:
  Backend backend_;
};

}  // namespace tdkt::adapters::db
