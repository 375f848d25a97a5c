#pragma once
// SettledLog: the part of the event log a signed checkpoint may cover, and its Merkle leaves.
//
// A checkpoint covers the log's first records in seq order. It must never cover a seq below
// which a transaction could still commit a record, or that record would later land inside the
// signed prefix and every honest log would fail to extend the checkpoint. How seq is assigned
// decides what is settled (docs/audit-format.md, "Signed checkpoints"):
//  - PostgreSQL: seq comes from the sequence event_log_seq, which hands numbers out at once and
//    outside any transaction, so a transaction holding seq 10 may commit after one holding 11.
//    EventLogStore::Append takes the advisory lock kSeqAdvisoryLock in shared mode, for its
//    transaction, before it draws the number; SettledSeq() takes the same lock exclusively, which
//    waits until every transaction that drew a number has ended (committed or rolled back), and
//    then reads MAX(seq): every number at or below it is either committed or will never be.
//    Numbers drawn after that are greater, the sequence being monotonic.
//  - SQLite: seq is MAX(seq) + 1 under the database's single write lock, so records commit in
//    seq order and every committed prefix is settled: SettledSeq() is MAX(seq).
//
// Holds no state but the backend; usable from any thread, each with its own session.

#include <cstdint>
#include <functional>
#include <string_view>

#include "adapters/db/database_url.hpp"
#include "engine/audit/checkpoint.hpp"
#include "engine/ports/clock.hpp"
#include "engine/status.hpp"

namespace soci {
class session;
}

namespace tdkt::adapters::db {

// The advisory lock (PostgreSQL) that orders drawing a seq against settling the log: "tdkt" in
// ASCII, 0x74646b74.
inline constexpr long long kSeqAdvisoryLock = 0x74646b74;

class SettledLog {
 public:
  using RecordVisitor = std::function<void(const engine::audit::AuditRecord& record)>;

  explicit SettledLog(Backend backend) : backend_(backend) {}

  // The highest seq of the settled prefix (0 for an empty log). On PostgreSQL this waits for the
  // transactions that drew a seq to end, a few milliseconds under load; requires no open
  // transaction on `session`. Unavailable when the database fails.
  engine::Result<std::int64_t> SettledSeq(soci::session& session) const;

  // The leaf hash and seq of every record with seq <= `up_to`, in seq order, streamed from the
  // table a page at a time (the result holds 40 bytes a record); `visit`, when given, sees each
  // record too. InvalidArgument naming the record when one cannot be put in canonical form
  // (tampered), Unavailable when the database fails.
  engine::Result<engine::audit::LogLeaves> Leaves(soci::session& session, std::int64_t up_to,
                                                  const RecordVisitor& visit = {}) const;

 private:
  Backend backend_;
};

// Settles the log, builds the Merkle tree over the settled prefix and signs its head with the
// Ed25519 private key in `private_key_pem`, stamped `now`. InvalidArgument for a key that is not
// one, or a record that cannot be put in canonical form; Unavailable when the database fails.
engine::Result<engine::audit::Checkpoint> TakeCheckpoint(soci::session& session, Backend backend,
                                                         std::string_view private_key_pem,
                                                         engine::Timestamp now);

}  // namespace tdkt::adapters::db
