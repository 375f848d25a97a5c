#include "adapters/db/idempotency_store.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "adapters/db/transaction.hpp"
#include "engine/audit/record.hpp"
#include "tests/adapters/support/store_fixture.hpp"

namespace tdkt::adapters::db {
namespace {

const engine::Timestamp kNow = engine::audit::ParseTimestamp("2024-07-22T01:00:00Z").value();
constexpr std::string_view kBody = R"({"event":"approve","dossier":"D-1"})";
constexpr std::string_view kOtherBody = R"({"event":"reject","dossier":"D-1"})";

class IdempotencyStoreTest : public testing::MigratedDatabaseTest {};

TEST_P(IdempotencyStoreTest, SameBodyGetsTheStoredOutcomeEvenAfterReopening) {
  IdempotencyStore store;
  ASSERT_TRUE(RunInTransaction(*db_, [&](soci::session& sql) {
                auto seen = store.Lookup(sql, "req-1", kBody);
                if (!seen.ok()) return seen.status();
                EXPECT_FALSE(seen->has_value());
                return store.Record(sql, "req-1", kBody, R"({"status":200,"version":4})", kNow);
              }).ok());
  db_.reset();
  db_ = Open();
  ASSERT_TRUE(db_);
  auto sql = db_->Acquire();
  auto again = store.Lookup(*sql, "req-1", kBody);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  ASSERT_TRUE(again->has_value());
  EXPECT_EQ(**again, R"({"status":200,"version":4})");
}

TEST_P(IdempotencyStoreTest, SameRequestIdWithADifferentBodyIsAConflict) {
  IdempotencyStore store;
  auto sql = db_->Acquire();
  ASSERT_TRUE(store.Record(*sql, "req-1", kBody, "{}", kNow).ok());
  auto other = store.Lookup(*sql, "req-1", kOtherBody);
  EXPECT_EQ(other.status().code(), engine::StatusCode::kConflict) << other.status().ToString();
}

TEST_P(IdempotencyStoreTest, RecordingARequestIdTwiceIsAConflict) {
  IdempotencyStore store;
  auto sql = db_->Acquire();
  ASSERT_TRUE(store.Record(*sql, "req-1", kBody, "{}", kNow).ok());
  EXPECT_EQ(store.Record(*sql, "req-1", kBody, "{}", kNow).code(), engine::StatusCode::kConflict);
  EXPECT_EQ(store.Record(*sql, "", kBody, "{}", kNow).code(), engine::StatusCode::kInvalidArgument);
}

TEST_P(IdempotencyStoreTest, ARolledBackRecordLeavesTheRequestUnseen) {
  IdempotencyStore store;
  auto sql = db_->Acquire();
  {
    auto tx = Transaction::Begin(*sql, db_->backend());
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(store.Record(*sql, "req-1", kBody, "{}", kNow).ok());
  }
  auto seen = store.Lookup(*sql, "req-1", kBody);
  ASSERT_TRUE(seen.ok());
  EXPECT_FALSE(seen->has_value());
}

TDKT_ON_BOTH_BACKENDS(IdempotencyStoreTest);

}  // namespace
}  // namespace tdkt::adapters::db
