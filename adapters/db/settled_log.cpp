#include "adapters/db/settled_log.hpp"

#include <soci/soci.h>

#include "adapters/db/event_log_store.hpp"
#include "adapters/db/sql_error.hpp"

namespace tdkt::adapters::db {

engine::Result<std::int64_t> SettledLog::SettledSeq(soci::session& session) const {
  long long settled = 0;
  soci::indicator ind = soci::i_null;
  try {
    if (backend_ == Backend::kPostgresql) {
      // The exclusive lock waits for every transaction holding it shared (each drew a seq); the
      // next statement's snapshot, taken after, sees all of them that committed.
      session << "BEGIN";
      try {
        session << "SELECT pg_advisory_xact_lock(" + std::to_string(kSeqAdvisoryLock) + ")";
        session << "SELECT MAX(seq) FROM event_log", soci::into(settled, ind);
        session << "COMMIT";
      } catch (const soci::soci_error&) {
        try {
          session << "ROLLBACK";
        } catch (const soci::soci_error&) {
          // The connection is gone; the server rolled back.
        }
        throw;
      }
    } else {
      session << "SELECT MAX(seq) FROM event_log", soci::into(settled, ind);
    }
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "cannot settle the event log");
  }
  return ind == soci::i_ok ? static_cast<std::int64_t>(settled) : 0;
}

engine::Result<engine::audit::LogLeaves> SettledLog::Leaves(soci::session& session,
                                                            std::int64_t up_to,
                                                            const RecordVisitor& visit) const {
  engine::audit::LogLeaves leaves;
  engine::Status failure = engine::Status::Ok();
  EventLogStore log(backend_);
  engine::Status status =
      log.ForEach(session, EventLogStore::Order::kBySeq, std::nullopt,
                  [&](engine::audit::AuditRecord&& record) {
                    if (record.seq > up_to)
                      return engine::Status::Ok();  // after the settled prefix
                    auto leaf = engine::audit::RecordLeafHash(record);
                    if (!leaf.ok()) {
                      return engine::Status::InvalidArgument(
                          "record seq " + std::to_string(record.seq) +
                          " cannot be put in canonical form: " + leaf.status().message());
                    }
                    leaves.hashes.push_back(*leaf);
                    leaves.seqs.push_back(record.seq);
                    if (visit) visit(record);
                    return engine::Status::Ok();
                  });
  if (!status.ok()) return status;
  return leaves;
}

engine::Result<engine::audit::Checkpoint> TakeCheckpoint(soci::session& session, Backend backend,
                                                         std::string_view private_key_pem,
                                                         engine::Timestamp now) {
  SettledLog log(backend);
  auto settled = log.SettledSeq(session);
  if (!settled.ok()) return settled.status();
  auto leaves = log.Leaves(session, *settled);
  if (!leaves.ok()) return leaves.status();
  engine::audit::Checkpoint checkpoint;
  checkpoint.size = leaves->hashes.size();
  checkpoint.last_seq = leaves->seqs.empty() ? 0 : leaves->seqs.back();
  checkpoint.root = engine::audit::TreeHash(leaves->hashes);
  checkpoint.time = engine::audit::FormatTimestamp(now);
  if (engine::Status signed_ = engine::audit::SignCheckpoint(checkpoint, private_key_pem);
      !signed_.ok()) {
    return signed_;
  }
  return checkpoint;
}

}  // namespace tdkt::adapters::db
