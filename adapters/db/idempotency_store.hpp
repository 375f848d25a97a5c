#pragma once
// IdempotencyStore: remembers each request id with a SHA-256 of its body and the outcome that was
// answered, in the `idempotency` table, so that a retried request gets the original answer and
// changes nothing.
//
// Use, inside the transaction that applies the request: Lookup() first; when it returns an outcome,
// answer it and write nothing; when it returns nullopt, apply the request and Record() its outcome
// before committing. Two identical requests racing both miss in Lookup(); the second Record() hits
// the primary key and returns Conflict, its transaction rolls back, and its retry finds the first
// one's outcome. Stateless; usable from any thread, each with its own session.

#include <optional>
#include <string>
#include <string_view>

#include "engine/ports/clock.hpp"
#include "engine/status.hpp"

namespace soci {
class session;
}

namespace tdkt::adapters::db {

class WriteBatch;

class IdempotencyStore {
 public:
  // The outcome stored for `request_id` when it was seen with the same `body`; nullopt when it was
  // never seen. Returns Conflict when it was seen with a different body (HTTP 409: a request id
  // may not be reused), Unavailable on failure.
  engine::Result<std::optional<std::string>> Lookup(soci::session& session,
                                                    const std::string& request_id,
                                                    std::string_view body) const;

  // Stores `outcome` (JSON text) for `request_id` and the SHA-256 of `body`. Returns Conflict when
  // the request id is already stored (a concurrent duplicate; roll back and look up again),
  // InvalidArgument for an empty request id, Unavailable on failure.
  engine::Status Record(soci::session& session, const std::string& request_id,
                        std::string_view body, const std::string& outcome,
                        engine::Timestamp now) const;

  // Record() as a write of `batch` (its Flush() reports the Conflict).
  void Queue(WriteBatch& batch, const std::string& request_id, std::string_view body,
             const std::string& outcome, engine::Timestamp now) const;
};

}  // namespace tdkt::adapters::db
