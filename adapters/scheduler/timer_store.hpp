#pragma once
// TimerStore: the `timers` table as a work queue shared by every engine process.
//
// A process claims due timers by writing its owner name and a lease into them. On PostgreSQL the
// claim locks the rows it picks with FOR UPDATE SKIP LOCKED, so concurrent claimers take disjoint
// batches without waiting on each other; on SQLite (one process) the claim runs under BEGIN
// IMMEDIATE. A claim whose lease has passed without the timer being marked done is free again, so a
// process that dies mid-batch loses its timers to the next claimer. A timer may therefore be fired
// more than once; firing is idempotent (see TimerFirer), marking it done is not repeated.
//
// Thread-safe: each call acquires its own session from the Database and releases it before
// returning. The Database must outlive the store.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "adapters/db/database.hpp"
#include "engine/ports/clock.hpp"
#include "engine/status.hpp"

namespace tdkt::adapters::scheduler {

struct TimerRow {
  std::int64_t id = 0;
  std::string key;      // timer_key: unique, names the dossier, version, deadline and offset
  std::string dossier;  // dossier_id
  std::string kind;     // a deadline kind ("appraisal") or "cutoff"
  std::string due_at;   // RFC 3339 UTC
  std::string payload;  // JSON written by EffectWriter
  std::string status;   // pending, fired, skipped, cancelled
  int attempts = 0;     // how many times it was claimed
  std::optional<std::string> owner;
  std::optional<std::string> lease_until;
};

// What the timer's firing came to.
enum class TimerOutcome {
  kFired,    // the event was applied (or had been before) and its notices are queued
  kSkipped,  // the dossier refused the event: the timer had nothing left to do
};

class TimerStore {
 public:
  explicit TimerStore(db::Database& db) : db_(db) {}

  // Claims up to `limit` pending timers due at or before `now` whose lease is free, earliest due
  // first, for `owner` until `now + lease`. Returns the claimed timers (possibly none), or
  // Unavailable/Conflict when the database fails (nothing is claimed then).
  engine::Result<std::vector<TimerRow>> Claim(const std::string& owner, engine::Timestamp now,
                                              std::chrono::seconds lease, int limit);

  // The earliest instant at which a pending timer may be claimed (its due time, or the end of the
  // lease holding it), or an earlier instant when many early timers are leased (it reads only the
  // first few by due time); nullopt when no timer is pending. Unavailable when the database fails.
  engine::Result<std::optional<engine::Timestamp>> NextClaimable();

  // Marks the timer done with `outcome` at `now`, inside the caller's transaction on `sql`. A timer
  // already done is left as it is. Returns Unavailable/Conflict when the database fails.
  static engine::Status MarkDone(soci::session& sql, std::int64_t id, TimerOutcome outcome,
                                 engine::Timestamp now);
  // MarkDone for several timers in one statement per outcome, in a transaction of its own.
  engine::Status MarkDone(const std::vector<std::pair<std::int64_t, TimerOutcome>>& done,
                          engine::Timestamp now);

  // Timers due strictly before `due_before` with `status` ("pending", … or empty for any), in due
  // order, at most `limit`. Unavailable when the database fails.
  engine::Result<std::vector<TimerRow>> List(engine::Timestamp due_before,
                                             const std::string& status, int limit);

 private:
  db::Database& db_;
};

}  // namespace tdkt::adapters::scheduler
