#pragma once
// WriteBatch: the writes of one event (its audit record, timers, notifications, projection and
// idempotency record), collected in order and sent to the database in as few round trips as the
// backend allows, inside the caller's transaction.
//
// PostgreSQL: the statements queued since the last Flush() go as ONE statement, each a
// data-modifying WITH clause (they all run, to completion, once). They see the same snapshot, so a
// statement must not depend on what an earlier one of the same flush wrote: the caller flushes
// between two that do (EffectWriter flushes before cancelling timers it may just have planned).
// SQLite: each statement runs when it is added (the database is in the process: a round trip
// costs nothing), in the same order.
//
// Parameters are written `?` in the statement text. A failure is reported by Flush() (the first
// one, with the context its statement was given); after it nothing more runs, and on PostgreSQL
// the transaction must be rolled back. A statement may ask for its row count to be checked
// (`expect_rows`): a different count is reported by Flush() as Conflict with the message given.

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "adapters/db/database_url.hpp"
#include "engine/status.hpp"

namespace soci {
class session;
}

namespace tdkt::adapters::db {

// The backend `sql` is connected to.
Backend BackendOf(soci::session& sql);

class WriteBatch {
 public:
  // A parameter: text, an integer, or NULL.
  using Value = std::variant<std::string, long long, std::nullptr_t>;

  WriteBatch(soci::session& sql, Backend backend) : sql_(sql), backend_(backend) {}
  WriteBatch(const WriteBatch&) = delete;
  WriteBatch& operator=(const WriteBatch&) = delete;

  // Queues `statement` (an INSERT, UPDATE or DELETE without RETURNING). `context` names what it
  // does for an error message ("append approve to the event log of dossier d-1").
  void Add(std::string statement, std::vector<Value> values, std::string context,
           std::optional<long long> expect_rows = std::nullopt, std::string mismatch = {});

  // Runs what is queued. OK, or the first failure: Conflict (a unique key taken, a lost race, a
  // row count other than expected), Forbidden (the append-only log), Unavailable.
  engine::Status Flush();

  // Round trips Flush() has made (PostgreSQL) or statements run (SQLite), for the tests.
  std::size_t executions() const { return executions_; }

 private:
  struct Pending {
    std::string statement;
    std::vector<Value> values;
    std::string context;
    std::optional<long long> expect_rows;
    std::string mismatch;
  };

  engine::Status Run(std::vector<Pending>& pending);

  soci::session& sql_;
  Backend backend_;
  std::vector<Pending> pending_;
  engine::Status failed_;
  std::size_t executions_ = 0;
};

}  // namespace tdkt::adapters::db
