#pragma once
// Transaction: one database transaction on one session, rolled back unless committed (RAII).
//
// On PostgreSQL it is a plain BEGIN (READ COMMITTED; the store's statements take the row locks
// they need). On SQLite it is BEGIN IMMEDIATE: the write lock is taken at the start, so two
// writers never deadlock upgrading a read lock, and the busy timeout makes the second wait.
// A Transaction belongs to the thread that uses its session; it is movable, not copyable.

#include <functional>

#include "adapters/db/database.hpp"
#include "engine/status.hpp"

namespace tdkt::adapters::db {

class Transaction {
 public:
  // Begins a transaction on `session`. Returns Conflict when the database is busy (SQLite's lock
  // not obtained within the busy timeout), Unavailable when the connection is broken.
  static engine::Result<Transaction> Begin(soci::session& session, Backend backend);

  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  ~Transaction();  // rolls back when still open; never throws

  // Commits. Returns Conflict on a serialization failure or a busy database (nothing was kept; the
  // whole transaction may be retried), Unavailable otherwise. Either way the transaction is over.
  engine::Status Commit();
  // Rolls back now; harmless when already over.
  void Rollback() noexcept;

  soci::session& session() const { return *session_; }

 private:
  explicit Transaction(soci::session* session) : session_(session) {}
  soci::session* session_;
  bool open_ = true;
};

// Runs `work` in a transaction on a session of `db` and commits it. When the work or the commit
// returns Conflict (a concurrent writer won), the whole transaction is rolled back and run again,
// at most `max_attempts` times. Returns the last Status: the work's own failure (rolled back),
// Conflict when every attempt lost, or OK once committed.
engine::Status RunInTransaction(Database& db,
                                const std::function<engine::Status(soci::session&)>& work,
                                int max_attempts = 10);

}  // namespace tdkt::adapters::db
