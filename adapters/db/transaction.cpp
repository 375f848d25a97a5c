#include "adapters/db/transaction.hpp"

#include <soci/soci.h>

#include <chrono>
#include <thread>

#include "adapters/db/sql_error.hpp"

namespace tdkt::adapters::db {

engine::Result<Transaction> Transaction::Begin(soci::session& session, Backend backend) {
  try {
    session << (backend == Backend::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN");
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "cannot begin a transaction");
  }
  return Transaction(&session);
}

Transaction::Transaction(Transaction&& other) noexcept
    : session_(other.session_), open_(other.open_) {
  other.open_ = false;
}

Transaction::~Transaction() { Rollback(); }

engine::Status Transaction::Commit() {
  if (!open_) return engine::Status::Unavailable("the transaction is already over");
  try {
    *session_ << "COMMIT";
    open_ = false;
    return engine::Status::Ok();
  } catch (const soci::soci_error& e) {
    engine::Status status = StatusFromSqlError(e, "cannot commit");
    Rollback();
    return status;
  }
}

void Transaction::Rollback() noexcept {
  if (!open_) return;
  open_ = false;
  try {
    *session_ << "ROLLBACK";
  } catch (const soci::soci_error&) {
    // The connection is gone or no transaction is open; the server rolls back by itself.
  } catch (...) {
    // Nothing else may escape a destructor.
  }
}

engine::Status RunInTransaction(Database& db,
                                const std::function<engine::Status(soci::session&)>& work,
                                int max_attempts) {
  engine::Status status = engine::Status::Conflict("no attempt was made");
  for (int attempt = 1; attempt <= max_attempts; ++attempt) {
    if (attempt > 1) {
      // Spread the retries of writers that lost the same race.
      std::this_thread::sleep_for(std::chrono::milliseconds(attempt * attempt));
    }
    auto session = db.Acquire();
    auto transaction = Transaction::Begin(*session, db.backend());
    if (!transaction.ok()) {
      status = transaction.status();
    } else {
      try {
        status = work(*session);
      } catch (const soci::soci_error& e) {
        status = StatusFromSqlError(e, "the transaction failed");
      }
      if (status.ok()) status = transaction->Commit();
    }
    if (status.code() != engine::StatusCode::kConflict) return status;
  }
  return status;
}

}  // namespace tdkt::adapters::db
