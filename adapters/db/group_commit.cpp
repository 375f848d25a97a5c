#include "adapters/db/group_commit.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "adapters/db/sql_error.hpp"

namespace tdkt::adapters::db {
namespace {

struct Item {
  GroupCommitter::TrackedWork work;
  bool tracked = false;  // may run without a savepoint (PostgreSQL)
  std::promise<engine::Status> done;
};

// The batch's transaction cannot go on: roll it back and run each item alone.
struct BatchSpoiled {
  std::string why;
};

// True when the PostgreSQL connection's transaction is in error (a statement failed in it).
bool InFailedTransaction(soci::session& sql) {
  if (sql.get_backend_name() != "postgresql") return false;
  auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
  return backend != nullptr && backend->conn_ != nullptr &&
         PQtransactionStatus(backend->conn_) == PQTRANS_INERROR;
}

// One writer: a queue and the thread that drains it in batches.
class Writer {
 public:
  Writer(Database& db, std::size_t max_batch, GroupCommitStats& stats, std::mutex& stats_mutex)
      : db_(db), max_batch_(max_batch), stats_(stats), stats_mutex_(stats_mutex), thread_([this] {
          Loop();
        }) {}

  ~Writer() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
  }

  std::future<engine::Status> Push(GroupCommitter::TrackedWork work, bool tracked) {
    auto item = std::make_unique<Item>();
    item->work = std::move(work);
    item->tracked = tracked && db_.backend() == Backend::kPostgresql;
    auto future = item->done.get_future();
    {
      std::lock_guard lock(mutex_);
      queue_.push_back(std::move(item));
    }
    wake_.notify_one();
    return future;
  }

  // Items waiting for a batch (not the one being written).
  std::size_t Queued() {
    std::lock_guard lock(mutex_);
    return queue_.size();
  }

 private:
  void Loop() {
    while (true) {
      std::vector<std::unique_ptr<Item>> batch;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping, and everything queued is done
        while (!queue_.empty() && batch.size() < max_batch_) {
          batch.push_back(std::move(queue_.front()));
          queue_.pop_front();
        }
      }
      RunBatch(batch);
    }
  }

  void Begin(soci::session& sql) {
    if (db_.backend() == Backend::kSqlite) {
      sql << "BEGIN IMMEDIATE";
    } else {
      sql << "BEGIN";
    }
  }

  static void RollbackQuietly(soci::session& sql) {
    try {
      sql << "ROLLBACK";
    } catch (const soci::soci_error&) {
      // The connection is gone; the server has rolled back already.
    }
  }

  // Runs one item's work; a database error it throws becomes its status.
  static engine::Status RunWork(soci::session& sql, Item& item, bool& wrote) {
    try {
      return item.work(sql, wrote);
    } catch (const soci::soci_error& e) {
      return engine::Status::Unavailable(SqlErrorMessage(e));
    }
  }

  // Runs one item under a savepoint of the open transaction; returns its status.
  static engine::Status RunUnderSavepoint(soci::session& sql, Item& item) {
    sql << "SAVEPOINT tdkt_item";
    bool wrote = false;
    engine::Status status = RunWork(sql, item, wrote);
    if (status.ok()) {
      sql << "RELEASE SAVEPOINT tdkt_item";
    } else {
      sql << "ROLLBACK TO SAVEPOINT tdkt_item";
      sql << "RELEASE SAVEPOINT tdkt_item";
    }
    return status;
  }

  // Runs a tracked item with no savepoint; throws BatchSpoiled when what it did cannot be undone
  // alone (it failed after writing, or the transaction is in error).
  static engine::Status RunTrackedItem(soci::session& sql, Item& item) {
    bool wrote = false;
    engine::Status status = RunWork(sql, item, wrote);
    if (InFailedTransaction(sql)) throw BatchSpoiled{"a statement failed: " + status.ToString()};
    if (!status.ok() && wrote)
      throw BatchSpoiled{"an item failed after writing: " + status.ToString()};
    return status;
  }

  void RunBatch(std::vector<std::unique_ptr<Item>>& batch) {
    std::vector<engine::Status> results(batch.size());
    bool ended = false;  // committed, or rolled back a lone item that failed
    std::string failure;
    {
      auto sql = db_.Acquire();
      try {
        Begin(*sql);
        if (batch.size() == 1) {
          // A lone item needs no savepoint (two round trips fewer): when it fails, the whole
          // transaction is rolled back, which is all the savepoint would have undone.
          bool wrote = false;
          results[0] = RunWork(*sql, *batch[0], wrote);
          *sql << (results[0].ok() ? "COMMIT" : "ROLLBACK");
        } else {
          for (std::size_t i = 0; i < batch.size(); ++i) {
            results[i] = batch[i]->tracked ? RunTrackedItem(*sql, *batch[i])
                                           : RunUnderSavepoint(*sql, *batch[i]);
          }
          *sql << "COMMIT";
        }
        ended = true;
      } catch (const soci::soci_error& e) {
        failure = SqlErrorMessage(e);
        RollbackQuietly(*sql);
      } catch (const BatchSpoiled& spoiled) {
        failure = spoiled.why;
        RollbackQuietly(*sql);
      }
    }
    {
      std::lock_guard lock(stats_mutex_);
      ++stats_.batches;
      stats_.items += batch.size();
      if (!ended && batch.size() > 1) stats_.retried_alone += batch.size();
    }
    if (ended) {
      for (std::size_t i = 0; i < batch.size(); ++i) batch[i]->done.set_value(results[i]);
      return;
    }
    if (batch.size() == 1) {
      batch[0]->done.set_value(
          engine::Status::Unavailable("the database did not commit: " + failure));
      return;
    }
    // The batch's transaction failed as a whole: give each item a transaction of its own.
    for (auto& item : batch) {
      std::vector<std::unique_ptr<Item>> alone;
      alone.push_back(std::move(item));
      RunBatch(alone);
    }
  }

  Database& db_;
  std::size_t max_batch_;
  GroupCommitStats& stats_;
  std::mutex& stats_mutex_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::unique_ptr<Item>> queue_;
  bool stopping_ = false;
  std::thread thread_;  // last: starts after everything it uses exists
};

}  // namespace

struct GroupCommitter::Impl {
  mutable std::mutex stats_mutex;
  GroupCommitStats stats;
  std::vector<std::unique_ptr<Writer>> writers;
};

GroupCommitter::GroupCommitter(Database& db, GroupCommitSettings settings)
    : impl_(std::make_unique<Impl>()) {
  std::size_t count =
      db.backend() == Backend::kSqlite ? 1 : std::max<std::size_t>(1, settings.writers);
  for (std::size_t i = 0; i < count; ++i) {
    impl_->writers.push_back(std::make_unique<Writer>(
        db, std::max<std::size_t>(1, settings.max_batch), impl_->stats, impl_->stats_mutex));
  }
}

GroupCommitter::~GroupCommitter() = default;

engine::Status GroupCommitter::Run(const std::string& key, Work work) {
  std::size_t writer = std::hash<std::string>{}(key) % impl_->writers.size();
  return impl_->writers[writer]
      ->Push([work = std::move(work)](soci::session& sql, bool&) { return work(sql); }, false)
      .get();
}

engine::Status GroupCommitter::RunTracked(const std::string& key, TrackedWork work) {
  std::size_t writer = std::hash<std::string>{}(key) % impl_->writers.size();
  return impl_->writers[writer]->Push(std::move(work), true).get();
}

GroupCommitStats GroupCommitter::stats() const {
  GroupCommitStats stats;
  {
    std::lock_guard lock(impl_->stats_mutex);
    stats = impl_->stats;
  }
  for (const auto& writer : impl_->writers) stats.queued += writer->Queued();
  return stats;
}

}  // namespace tdkt::adapters::db
