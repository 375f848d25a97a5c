// End-to-end: `tdkt outbox list --status failed` shows the dead letters, and `tdkt outbox retry`
// puts one back in the queue, through the real binary on both backends.

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "tests/adapters/support/store_fixture.hpp"
#include "tests/adapters/support/subprocess.hpp"

namespace tdkt {
namespace {

using testing::RunToCompletion;

class OutboxCommand : public testing::MigratedDatabaseTest {
 protected:
  void SetUp() override {
    MigratedDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    auto sql = db_->Acquire();
    *sql << "INSERT INTO outbox (dedupe_key, dossier_id, kind, channel, recipient, status,"
            " attempts, next_attempt_at, last_error, created_at) VALUES ('r-1:0', 'HS-17',"
            " 'dossier_entered_appraisal', 'log', 'secretariat', 'failed', 8,"
            " '2024-08-01T02:00:00Z', 'webhook http://127.0.0.1:9/x: Could not connect',"
            " '2024-08-01T01:00:00Z')";
    *sql << "INSERT INTO outbox (dedupe_key, dossier_id, kind, channel, recipient, status,"
            " attempts, next_attempt_at, created_at, sent_at) VALUES ('r-2:0', 'HS-18',"
            " 'dossier_entered_intake', 'log', 'secretariat', 'sent', 1, '2024-08-01T02:00:00Z',"
            " '2024-08-01T01:00:00Z', '2024-08-01T01:00:05Z')";
    *sql << "SELECT id FROM outbox WHERE dedupe_key = 'r-1:0'", soci::into(failed_id_);
  }

  long long failed_id_ = 0;
};

TEST_P(OutboxCommand, ListFailedShowsTheDeadLetterAndRetryRequeuesIt) {
  auto list = RunToCompletion({TDKT_BINARY, "outbox", "list", "--status", "failed", "--db", url()});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find(std::to_string(failed_id_) + "\tfailed\t8\t"), std::string::npos)
      << list.out;
  EXPECT_NE(list.out.find("Could not connect"), std::string::npos) << list.out;
  EXPECT_EQ(list.out.find("HS-18"), std::string::npos) << "a sent row listed as failed";
  EXPECT_NE(list.out.find("1 notification\n"), std::string::npos) << list.out;

  auto retry =
      RunToCompletion({TDKT_BINARY, "outbox", "retry", std::to_string(failed_id_), "--db", url()});
  ASSERT_EQ(retry.exit_code, 0) << retry.err;
  std::string status;
  int attempts = -1;
  {
    auto sql = db_->Acquire();
    *sql << "SELECT status, attempts FROM outbox WHERE id = :id", soci::into(status),
        soci::into(attempts), soci::use(failed_id_);
  }
  EXPECT_EQ(status, "pending");
  EXPECT_EQ(attempts, 0);

  auto again =
      RunToCompletion({TDKT_BINARY, "outbox", "retry", std::to_string(failed_id_), "--db", url()});
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("no failed notification"), std::string::npos) << again.err;
  auto none = RunToCompletion({TDKT_BINARY, "outbox", "list", "--status", "failed", "--db", url()});
  EXPECT_NE(none.out.find("0 notifications"), std::string::npos) << none.out;
}

TDKT_ON_BOTH_BACKENDS(OutboxCommand);

}  // namespace
}  // namespace tdkt
