#pragma once
// GroupCommitter: commits many callers' work in one database transaction (group commit), so that
// the cost of a durable commit (an fsync with synchronous_commit=on) is shared by every caller in
// the batch, without weakening durability: Run() returns only after the transaction that holds
// the caller's work has committed.
//
// Each caller's work runs inside the batch's transaction under its own SAVEPOINT (a batch of one
// needs none: its transaction is rolled back instead): work that fails (returns a non-OK Status or
// throws soci::soci_error) is rolled back alone and its caller gets the error; the others still
// commit. If the commit itself fails (the connection dropped, a serialisation failure or deadlock
// on PostgreSQL), every item of that batch is retried alone, each in its own transaction, so one
// item cannot sink the others.
//
// Ordering: work with the same key (a dossier id) always goes to the same writer and runs in the
// order Run() was called, so events on one dossier are applied one at a time, first come first
// served. Writers: one per database connection it may use (SQLite: one).
//
// Thread-safe: Run() may be called from any number of threads. The destructor waits for queued
// work to finish.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "adapters/db/database.hpp"
#include "engine/status.hpp"

namespace tdkt::adapters::db {

struct GroupCommitSettings {
  std::size_t writers = 4;      // parallel transactions (PostgreSQL); SQLite always uses 1
  std::size_t max_batch = 128;  // items per transaction at most
};

struct GroupCommitStats {
  std::size_t batches = 0;
  std::size_t items = 0;
  std::size_t retried_alone = 0;
  std::size_t queued = 0;  // now: items waiting behind the batches being written
};

class GroupCommitter {
 public:
  // Runs inside a transaction on `session`; whatever it writes commits with its batch.
  using Work = std::function<engine::Status(soci::session& session)>;

  GroupCommitter(Database& db, GroupCommitSettings settings);
  ~GroupCommitter();
  GroupCommitter(const GroupCommitter&) = delete;
  GroupCommitter& operator=(const GroupCommitter&) = delete;

  // Queues `work` for the writer that owns `key` and blocks until its batch committed. Returns the
  // work's own Status when it failed (nothing of it was kept), Unavailable when the database could
  // not commit it, OK when it is durable.
  engine::Status Run(const std::string& key, Work work);

  // Work that says whether it has written anything yet: it sets `wrote` before its first write.
  // On PostgreSQL it runs in a batch without a savepoint of its own (two round trips fewer): when
  // it fails having written nothing, there is nothing to undo; when it fails after writing, or
  // leaves the transaction in error, the whole batch is rolled back and each of its items runs
  // again in a transaction of its own (as when a commit fails). SQLite: as Run().
  using TrackedWork = std::function<engine::Status(soci::session& session, bool& wrote)>;
  engine::Status RunTracked(const std::string& key, TrackedWork work);

  GroupCommitStats stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tdkt::adapters::db
