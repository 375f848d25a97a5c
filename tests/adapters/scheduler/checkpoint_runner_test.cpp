// The daily checkpoint on a manual clock, on both backends: one a day in Vietnam's local time
// however often a round runs, however many runners, each signed over the log as it was.

#include "adapters/scheduler/checkpoint_runner.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <spdlog/logger.h>

#include "adapters/db/checkpoint_outbox.hpp"
#include "engine/audit/checkpoint.hpp"
#include "tests/adapters/support/manual_clock.hpp"
#include "tests/adapters/support/store_fixture.hpp"

namespace tdkt {
namespace {

// Made once with `openssl genpkey -algorithm ed25519` for tests only.
constexpr const char* kPrivateKey =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEIDzOnr5fx5QsVAor5LFYw9W2ACSrkWgSB9FDhgRgje6y\n"
    "-----END PRIVATE KEY-----\n";

class CheckpointRunnerTest : public testing::MigratedDatabaseTest {
 protected:
  adapters::scheduler::CheckpointRunner Runner() {
    adapters::scheduler::CheckpointSettings settings;
    settings.private_key_pem = kPrivateKey;
    return adapters::scheduler::CheckpointRunner(
        *db_, clock_, settings, std::make_shared<spdlog::logger>("checkpoint-test"));
  }
  std::vector<engine::audit::Checkpoint> Queued() {
    auto sql = db_->Acquire();
    auto documents = adapters::db::RecentCheckpoints(*sql, 10);
    EXPECT_TRUE(documents.ok());
    std::vector<engine::audit::Checkpoint> out;
    for (const auto& d : *documents) out.push_back(*engine::audit::ParseCheckpoint(d));
    return out;
  }
  testing::ManualClock clock_{*engine::audit::ParseTimestamp("2024-07-22T01:00:00Z")};
};

TEST_P(CheckpointRunnerTest, OneCheckpointADayInLocalTime) {
  AppendEvents({"D-1", "D-2"}, 3);
  // 22/7/2024 23:30 in Vietnam (16:30 UTC).
  clock_.Set(*engine::audit::ParseTimestamp("2024-07-22T16:30:00Z"));
  auto first = Runner();
  auto second = Runner();  // another process
  EXPECT_TRUE(*first.RunOnce());
  EXPECT_FALSE(*second.RunOnce());
  EXPECT_FALSE(*first.RunOnce());
  ASSERT_EQ(Queued().size(), 1u);
  EXPECT_EQ(Queued()[0].size, 6u);
  EXPECT_EQ(Queued()[0].time, "2024-07-22T16:30:00Z");
  // Local midnight is 17:00 UTC: a new day, a new checkpoint over the grown log.
  AppendEvents({"D-3"}, 2);
  clock_.Set(*engine::audit::ParseTimestamp("2024-07-22T17:00:00Z"));
  EXPECT_TRUE(*second.RunOnce());
  EXPECT_FALSE(*first.RunOnce());
  auto queued = Queued();
  ASSERT_EQ(queued.size(), 2u);
  EXPECT_EQ(queued[0].size, 8u);  // newest first
  EXPECT_EQ(queued[1].size, 6u);
  auto sql = db_->Acquire();
  std::string recipient, payload;
  *sql << "SELECT recipient, payload FROM outbox WHERE dedupe_key = "
          "'audit_checkpoint:2024-07-23'",
      soci::into(recipient), soci::into(payload);
  EXPECT_EQ(recipient, "auditor");
  EXPECT_NE(payload.find("\"day\":\"2024-07-23\""), std::string::npos) << payload;
}

TEST_P(CheckpointRunnerTest, ABadKeyIsAnErrorNotACheckpoint) {
  adapters::scheduler::CheckpointSettings settings;
  settings.private_key_pem = "not a key";
  adapters::scheduler::CheckpointRunner runner(*db_, clock_, settings,
                                               std::make_shared<spdlog::logger>("test"));
  auto result = runner.RunOnce();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), engine::StatusCode::kInvalidArgument);
  EXPECT_TRUE(Queued().empty());
}

TDKT_ON_BOTH_BACKENDS(CheckpointRunnerTest);

}  // namespace
}  // namespace tdkt
