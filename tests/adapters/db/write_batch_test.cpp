#include "adapters/db/write_batch.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "adapters/db/transaction.hpp"
#include "tests/adapters/support/store_fixture.hpp"

namespace tdkt::adapters::db {
namespace {

class WriteBatchTest : public testing::MigratedDatabaseTest {
 protected:
  // The outbox rows' dedupe keys in id order.
  std::vector<std::string> OutboxKeys() {
    auto sql = db_->Acquire();
    std::vector<std::string> keys;
    soci::rowset<std::string> rows = (sql->prepare << "SELECT dedupe_key FROM outbox ORDER BY id");
    for (const auto& key : rows) keys.push_back(key);
    return keys;
  }

  static void QueueOutbox(WriteBatch& batch, const std::string& key) {
    batch.Add(
        "INSERT INTO outbox (dedupe_key, dossier_id, kind, channel, recipient, payload, status,"
        " next_attempt_at, created_at) VALUES (?, ?, 'reminder', 'log', 'secretariat', '{}',"
        " 'pending', ?, ?) ON CONFLICT (dedupe_key) DO NOTHING",
        {key, nullptr, std::string("2024-07-22T01:00:00Z"), std::string("2024-07-22T01:00:00Z")},
        "queue " + key);
  }

  static void QueueTimer(WriteBatch& batch, const std::string& key, long long attempts) {
    batch.Add(
        "INSERT INTO timers (timer_key, dossier_id, kind, due_at, payload, status, created_at,"
        " attempts) VALUES (?, 'd-1', 'appraisal', '2024-08-01T01:00:00Z', '{}', 'pending',"
        " '2024-07-22T01:00:00Z', ?)",
        {key, attempts}, "schedule " + key);
  }
};

TEST_P(WriteBatchTest, StatementsOfSeveralTablesGoInOneRoundTripOnPostgresqlRowsInQueuedOrder) {
  std::size_t executions = 0;
  ASSERT_TRUE(RunInTransaction(*db_, [&](soci::session& sql) {
                WriteBatch batch(sql, db_->backend());
                QueueOutbox(batch, "b");
                QueueTimer(batch, "t-1", 3);
                QueueOutbox(batch, "a");
                QueueOutbox(batch, "c");
                batch.Add("UPDATE timers SET attempts = attempts + 1 WHERE timer_key = ?",
                          {std::string("no-such-timer")}, "touch nothing");
                engine::Status s = batch.Flush();
                executions = batch.executions();
                return s;
              }).ok());
  EXPECT_EQ(executions, db_->backend() == Backend::kPostgresql ? 1u : 5u);
  // Ids follow the order the rows were queued in, not the keys' order.
  EXPECT_EQ(OutboxKeys(), (std::vector<std::string>{"b", "a", "c"}));
  auto sql = db_->Acquire();
  int attempts = 0;
  *sql << "SELECT attempts FROM timers WHERE timer_key = 't-1'", soci::into(attempts);
  EXPECT_EQ(attempts, 3);
}

TEST_P(WriteBatchTest, ARowCountOtherThanExpectedIsAConflictWithItsMessage) {
  engine::Status status = RunInTransaction(*db_, [&](soci::session& sql) {
    WriteBatch batch(sql, db_->backend());
    QueueOutbox(batch, "x");
    batch.Add("UPDATE timers SET attempts = 1 WHERE timer_key = ?", {std::string("absent")},
              "touch the timer", 1, "the timer 'absent' is gone");
    return batch.Flush();
  });
  EXPECT_EQ(status.code(), engine::StatusCode::kConflict) << status.ToString();
  EXPECT_EQ(status.message(), "the timer 'absent' is gone");
  EXPECT_TRUE(OutboxKeys().empty());  // the transaction was rolled back
}

TEST_P(WriteBatchTest, ATakenKeyIsAConflictNamingWhatFailedAndNothingAfterItRuns) {
  {
    auto sql = db_->Acquire();
    WriteBatch first(*sql, db_->backend());
    QueueTimer(first, "t-1", 0);
    ASSERT_TRUE(first.Flush().ok());
  }
  engine::Status status = RunInTransaction(*db_, [&](soci::session& sql) {
    WriteBatch batch(sql, db_->backend());
    QueueTimer(batch, "t-1", 0);
    QueueOutbox(batch, "after");
    engine::Status s = batch.Flush();
    EXPECT_FALSE(batch.Flush().ok());  // the failure stays
    return s;
  });
  EXPECT_EQ(status.code(), engine::StatusCode::kConflict) << status.ToString();
  EXPECT_NE(status.message().find("schedule t-1"), std::string::npos) << status.ToString();
  EXPECT_TRUE(OutboxKeys().empty());
}

TEST_P(WriteBatchTest, AFlushBetweenStatementsLetsTheLaterSeeTheEarlier) {
  ASSERT_TRUE(RunInTransaction(*db_, [&](soci::session& sql) {
                WriteBatch batch(sql, db_->backend());
                QueueTimer(batch, "t-2", 0);
                if (engine::Status s = batch.Flush(); !s.ok()) return s;
                batch.Add("UPDATE timers SET status = 'cancelled' WHERE timer_key = ?",
                          {std::string("t-2")}, "cancel t-2", 1, "t-2 not found");
                return batch.Flush();
              }).ok());
  auto sql = db_->Acquire();
  std::string status;
  *sql << "SELECT status FROM timers WHERE timer_key = 't-2'", soci::into(status);
  EXPECT_EQ(status, "cancelled");
}

TDKT_ON_BOTH_BACKENDS(WriteBatchTest);

}  // namespace
}  // namespace tdkt::adapters::db
