#include "adapters/db/idempotency_store.hpp"

#include <soci/soci.h>

#include "adapters/db/sql_error.hpp"
#include "adapters/db/write_batch.hpp"
#include "engine/audit/record.hpp"
#include "engine/audit/sha256.hpp"

namespace tdkt::adapters::db {

engine::Result<std::optional<std::string>> IdempotencyStore::Lookup(soci::session& session,
                                                                    const std::string& request_id,
                                                                    std::string_view body) const {
  std::string stored_hash;
  std::string outcome;
  try {
    session << "SELECT body_sha256, outcome FROM idempotency WHERE request_id = :id",
        soci::use(request_id), soci::into(stored_hash), soci::into(outcome);
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "cannot look up request " + request_id);
  }
  if (!session.got_data()) return std::optional<std::string>();
  if (stored_hash != engine::audit::Sha256Hex(body)) {
    return engine::Status::Conflict("request id " + request_id +
                                    " was already used for a different request");
  }
  return std::optional<std::string>(std::move(outcome));
}

engine::Status IdempotencyStore::Record(soci::session& session, const std::string& request_id,
                                        std::string_view body, const std::string& outcome,
                                        engine::Timestamp now) const {
  if (request_id.empty()) return engine::Status::InvalidArgument("the request id is empty");
  WriteBatch batch(session, BackendOf(session));
  Queue(batch, request_id, body, outcome, now);
  return batch.Flush();
}

void IdempotencyStore::Queue(WriteBatch& batch, const std::string& request_id,
                             std::string_view body, const std::string& outcome,
                             engine::Timestamp now) const {
  batch.Add(
      "INSERT INTO idempotency (request_id, body_sha256, outcome, created_at) VALUES (?, ?, ?, ?)",
      {request_id, engine::audit::Sha256Hex(body), outcome, engine::audit::FormatTimestamp(now)},
      "record request " + request_id);
}

}  // namespace tdkt::adapters::db
