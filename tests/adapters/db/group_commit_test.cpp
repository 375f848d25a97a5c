#include "adapters/db/group_commit.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <future>
#include <latch>
#include <thread>
#include <vector>

#include "tests/adapters/support/db_fixture.hpp"

namespace tdkt::adapters::db {
namespace {

class GroupCommit : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    testing::DatabaseTest::SetUp();
    db_ = Open(8);
    ASSERT_TRUE(db_);
    auto sql = db_->Acquire();
    *sql << "CREATE TABLE gc_items (k TEXT NOT NULL, n INTEGER NOT NULL UNIQUE)";
  }

  int Count(const std::string& where = "1=1") {
    auto sql = db_->Acquire();
    int count = 0;
    *sql << "SELECT COUNT(*) FROM gc_items WHERE " + where, soci::into(count);
    return count;
  }

  static GroupCommitter::Work Insert(std::string key, int n) {
    return [key, n](soci::session& sql) {
      sql << "INSERT INTO gc_items (k, n) VALUES (:k, :n)", soci::use(key), soci::use(n);
      return engine::Status::Ok();
    };
  }

  std::unique_ptr<Database> db_;
};

TEST_P(GroupCommit, EveryCallersWorkIsDurableWhenRunReturns) {
  GroupCommitter committer(*db_, {.writers = 4, .max_batch = 16});
  constexpr int kThreads = 8;
  constexpr int kEach = 25;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        if (!committer
                 .Run("key" + std::to_string(t), Insert("key" + std::to_string(t), t * 1000 + i))
                 .ok()) {
          ++failures;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(Count(), kThreads * kEach);
  EXPECT_EQ(committer.stats().items, static_cast<std::size_t>(kThreads * kEach));
}

TEST_P(GroupCommit, WorkQueuedWhileAWriterIsBusyCommitsTogetherInOneTransaction) {
  GroupCommitter committer(*db_, {.writers = 1, .max_batch = 64});
  std::latch taken(1);
  std::latch release(1);
  // The first item holds the writer until nine more items are queued behind it.
  auto first = std::async(std::launch::async, [&] {
    return committer.Run("k", [&](soci::session& sql) {
      taken.count_down();
      release.wait();
      return Insert("k", 0)(sql);
    });
  });
  taken.wait();  // the writer is inside item 0's batch
  std::vector<std::future<engine::Status>> rest;
  for (int i = 1; i <= 9; ++i) {
    rest.push_back(
        std::async(std::launch::async, [&, i] { return committer.Run("k", Insert("k", i)); }));
  }
  // A bounded wait (a hang detector) until the nine are in the queue.
  for (int i = 0; i < 30000 && committer.stats().queued < 9; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_EQ(committer.stats().queued, 9u);  // (not ASSERT: item 0 must still be released)
  release.count_down();
  EXPECT_TRUE(first.get().ok());
  for (auto& f : rest) EXPECT_TRUE(f.get().ok());
  EXPECT_EQ(Count(), 10);
  EXPECT_EQ(committer.stats().items, 10u);
  EXPECT_EQ(committer.stats().batches, 2u) << "the nine queued items should share one commit";
}

TEST_P(GroupCommit, FailingWorkIsRolledBackAloneAndOthersCommit) {
  GroupCommitter committer(*db_, {.writers = 1, .max_batch = 64});
  std::vector<std::future<engine::Status>> results;
  for (int i = 0; i < 10; ++i) {
    results.push_back(std::async(std::launch::async, [&, i]() {
      if (i == 4) {
        return committer.Run("k", [](soci::session& sql) {
          sql << "INSERT INTO gc_items (k, n) VALUES ('bad', 999)";
          return engine::Status::Conflict("refused after writing");
        });
      }
      if (i == 7) {
        // A statement that fails inside the database (duplicate key) is rolled back alone too.
        return committer.Run("k", [](soci::session& sql) {
          sql << "INSERT INTO gc_items (k, n) VALUES ('dup', 5000)";
          sql << "INSERT INTO gc_items (k, n) VALUES ('dup', 5000)";
          return engine::Status::Ok();
        });
      }
      return committer.Run("k", Insert("k", i));
    }));
  }
  std::vector<engine::Status> statuses;
  for (auto& r : results) statuses.push_back(r.get());
  EXPECT_EQ(statuses[4].code(), engine::StatusCode::kConflict);
  EXPECT_EQ(statuses[7].code(), engine::StatusCode::kUnavailable);
  EXPECT_EQ(Count("k = 'k'"), 8);
  EXPECT_EQ(Count("k = 'bad'"), 0);
  EXPECT_EQ(Count("k = 'dup'"), 0);
}

// Tracked work runs without a savepoint on PostgreSQL: a refusal before any write costs the batch
// nothing; a failure after a write, or a statement failing in the database, rolls the whole batch
// back and every item runs again alone, so that each caller still gets its own answer and only
// what succeeded is kept.
TEST_P(GroupCommit, TrackedWorkThatFailsAfterWritingSendsItsBatchToRunAlone) {
  GroupCommitter committer(*db_, {.writers = 1, .max_batch = 64});
  std::latch taken(1);
  std::latch release(1);
  auto first = std::async(std::launch::async, [&] {
    return committer.Run("k", [&](soci::session& sql) {
      taken.count_down();
      release.wait();
      return Insert("k", 0)(sql);
    });
  });
  taken.wait();
  auto tracked_insert = [](int n) {
    return [n](soci::session& sql, bool& wrote) {
      wrote = true;
      return Insert("k", n)(sql);
    };
  };
  std::vector<std::future<engine::Status>> results;
  auto queue = [&](GroupCommitter::TrackedWork work) {
    results.push_back(std::async(std::launch::async, [&committer, work = std::move(work)] {
      return committer.RunTracked("k", work);
    }));
    // One at a time, so that they queue in this order.
    for (int i = 0; i < 30000 && committer.stats().queued < results.size(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  };
  queue(tracked_insert(1));
  queue([](soci::session&, bool&) { return engine::Status::Conflict("refused, nothing written"); });
  queue([](soci::session& sql, bool& wrote) {
    wrote = true;
    sql << "INSERT INTO gc_items (k, n) VALUES ('bad', 999)";
    return engine::Status::Conflict("refused after writing");
  });
  queue(tracked_insert(3));
  queue([](soci::session& sql, bool& wrote) {
    wrote = true;
    sql << "INSERT INTO gc_items (k, n) VALUES ('dup', 5000)";
    sql << "INSERT INTO gc_items (k, n) VALUES ('dup', 5000)";
    return engine::Status::Ok();
  });
  queue(tracked_insert(5));
  EXPECT_EQ(committer.stats().queued, 6u);
  release.count_down();
  EXPECT_TRUE(first.get().ok());
  std::vector<engine::Status> statuses;
  for (auto& r : results) statuses.push_back(r.get());
  EXPECT_TRUE(statuses[0].ok()) << statuses[0].ToString();
  EXPECT_EQ(statuses[1].code(), engine::StatusCode::kConflict);
  EXPECT_EQ(statuses[2].code(), engine::StatusCode::kConflict);
  EXPECT_TRUE(statuses[3].ok()) << statuses[3].ToString();
  EXPECT_EQ(statuses[4].code(), engine::StatusCode::kUnavailable) << statuses[4].ToString();
  EXPECT_TRUE(statuses[5].ok()) << statuses[5].ToString();
  EXPECT_EQ(Count("k = 'k'"), 4);  // 0, 1, 3, 5
  EXPECT_EQ(Count("k = 'bad'"), 0);
  EXPECT_EQ(Count("k = 'dup'"), 0);
  if (GetParam() == Backend::kPostgresql) {
    EXPECT_EQ(committer.stats().retried_alone, 6u) << "the batch of six ran again item by item";
  } else {
    EXPECT_EQ(committer.stats().retried_alone, 0u) << "SQLite keeps a savepoint per item";
  }
}

TEST_P(GroupCommit, AloneInItsBatchFailingWorkIsRolledBackAndTheNextCommits) {
  // One caller at a time: every batch holds one item, which runs without a savepoint.
  GroupCommitter committer(*db_, {.writers = 1, .max_batch = 64});
  EXPECT_EQ(committer
                .Run("k",
                     [](soci::session& sql) {
                       sql << "INSERT INTO gc_items (k, n) VALUES ('bad', 1)";
                       return engine::Status::Conflict("refused after writing");
                     })
                .code(),
            engine::StatusCode::kConflict);
  EXPECT_EQ(committer
                .Run("k",
                     [](soci::session& sql) {
                       sql << "INSERT INTO gc_items (k, n) VALUES ('dup', 2)";
                       sql << "INSERT INTO gc_items (k, n) VALUES ('dup', 2)";
                       return engine::Status::Ok();
                     })
                .code(),
            engine::StatusCode::kUnavailable);
  EXPECT_TRUE(committer.Run("k", Insert("k", 3)).ok());
  EXPECT_EQ(Count("k = 'bad'"), 0);
  EXPECT_EQ(Count("k = 'dup'"), 0);
  EXPECT_EQ(Count("k = 'k'"), 1);
  auto stats = committer.stats();
  EXPECT_EQ(stats.batches, 3u);
  EXPECT_EQ(stats.retried_alone, 0u) << "a failing item is not a failed commit";
}

TEST_P(GroupCommit, WorkOnOneKeyRunsInCallOrder) {
  GroupCommitter committer(*db_, {.writers = 4, .max_batch = 8});
  std::vector<int> order;
  std::mutex mutex;
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(committer
                    .Run("dossier-1",
                         [&, i](soci::session& sql) {
                           std::lock_guard lock(mutex);
                           order.push_back(i);
                           return Insert("dossier-1", i)(sql);
                         })
                    .ok());
  }
  std::vector<int> expected(50);
  for (int i = 0; i < 50; ++i) expected[i] = i;
  EXPECT_EQ(order, expected);
}

TDKT_ON_BOTH_BACKENDS(GroupCommit);

}  // namespace
}  // namespace tdkt::adapters::db
