// Crash safety: a process applying events is killed with SIGKILL at random points, many times.
// Afterwards every event it had acknowledged is in the log exactly once, `tdkt audit verify`
// passes and `tdkt replay --check` finds no difference. Then a projection changed behind the
// engine's back is reported by replay.

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <random>
#include <set>

#include "tests/adapters/support/db_fixture.hpp"
#include "tests/adapters/support/subprocess.hpp"

namespace tdkt {
namespace {

using namespace std::chrono_literals;

class Crash : public testing::DatabaseTest {};

// Runs the apply driver (THREADS clients on WRITERS group-commit writers, over `dossiers`
// dossiers of seven events) `kills` times killed with SIGKILL after a random number of
// acknowledgements in [1, max_acks_before_kill], then once to the end; returns every request id
// it acknowledged.
std::set<std::string> RunKilledDriver(const std::string& url, int dossiers, int threads,
                                      int writers, int kills, int max_acks_before_kill) {
  std::mt19937 random(20240722);
  std::set<std::string> acknowledged;
  for (int run = 0; run <= kills; ++run) {
    const bool kill = run < kills;
    testing::Subprocess driver({TDKT_APPLY_DRIVER, url, TDKT_SOURCE_DIR, "0",
                                std::to_string(dossiers), std::to_string(threads),
                                std::to_string(writers)});
    const int kill_after = std::uniform_int_distribution<int>(1, max_acks_before_kill)(random);
    int acks = 0;
    while (auto line = driver.ReadLine(60s)) {
      EXPECT_EQ(line->rfind("ack ", 0), 0u) << *line;
      acknowledged.insert(line->substr(4));
      if (kill && ++acks == kill_after) {
        ::kill(driver.pid(), SIGKILL);
        break;
      }
    }
    auto code = driver.Wait(60s);
    EXPECT_TRUE(code.has_value());
    if (!kill && code) {
      EXPECT_EQ(*code, 0) << driver.Stderr();
    }
  }
  return acknowledged;
}

TEST_P(Crash, KilledAppliersLoseNoAcknowledgedEventAndDuplicateNone) {
  constexpr int kDossiers = 12;  // 7 events each
  std::set<std::string> acknowledged = RunKilledDriver(url(), kDossiers, 4, 4, 8, 40);
  EXPECT_EQ(acknowledged.size(), static_cast<std::size_t>(kDossiers * 7));

  {
    auto db = Open(1);
    ASSERT_TRUE(db);
    auto lease = db->Acquire();
    soci::session& sql = *lease;
    for (const auto& request : acknowledged) {
      int count = 0;
      sql << "SELECT COUNT(*) FROM event_log WHERE request_id = :r", soci::into(count),
          soci::use(request);
      EXPECT_EQ(count, 1) << request;
    }
    // Each dossier's chain holds its seven records (the approval signs a decision of one, whose
    // own stream holds the rest).
    int total = 0;
    sql << "SELECT COUNT(*) FROM event_log WHERE dossier_id NOT LIKE '@%'", soci::into(total);
    EXPECT_EQ(total, kDossiers * 7);
  }

  auto verify = testing::RunToCompletion({TDKT_BINARY, "audit", "verify", "--db", url()});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  auto replay = testing::RunToCompletion({TDKT_BINARY, "replay", "--check", "--db", url(),
                                          "--rules", TDKT_SOURCE_DIR "/config/rules"});
  EXPECT_EQ(replay.exit_code, 0) << replay.out << replay.err;
  EXPECT_NE(replay.out.find("every projection matches"), std::string::npos) << replay.out;

  // A projection changed behind the engine's back is a difference replay names.
  {
    auto db = Open(1);
    ASSERT_TRUE(db);
    auto lease = db->Acquire();
    soci::session& sql = *lease;
    sql << "UPDATE dossiers SET decision_number = '99/QĐ-UBND' WHERE id = 'crash-3'";
  }
  auto tampered = testing::RunToCompletion({TDKT_BINARY, "replay", "--check", "--db", url(),
                                            "--rules", TDKT_SOURCE_DIR "/config/rules"});
  EXPECT_EQ(tampered.exit_code, 3) << tampered.out << tampered.err;
  EXPECT_NE(tampered.out.find("differs: dossier crash-3: decision number"), std::string::npos)
      << tampered.out;
}

// The batched path: 64 clients on 4 writers, so that each transaction carries many events (on
// SQLite, one writer). Every acknowledged event is in the log exactly once, each dossier's chain
// is whole and verifies, and every projection matches its log.
TEST_P(Crash, KilledBatchedAppliersAt64ClientsLoseNoAcknowledgedEventAndDuplicateNone) {
  constexpr int kDossiers = 128;  // 7 events each
  std::set<std::string> acknowledged = RunKilledDriver(url(), kDossiers, 64, 4, 4, 400);
  EXPECT_EQ(acknowledged.size(), static_cast<std::size_t>(kDossiers * 7));
  {
    auto db = Open(1);
    ASSERT_TRUE(db);
    auto lease = db->Acquire();
    soci::session& sql = *lease;
    int duplicated = -1;
    sql << "SELECT COUNT(*) FROM (SELECT request_id FROM event_log GROUP BY request_id"
           " HAVING COUNT(*) > 1) d",
        soci::into(duplicated);
    EXPECT_EQ(duplicated, 0);
    for (const auto& request : acknowledged) {
      int count = 0;
      sql << "SELECT COUNT(*) FROM event_log WHERE request_id = :r", soci::into(count),
          soci::use(request);
      EXPECT_EQ(count, 1) << request;
    }
    int total = 0;
    sql << "SELECT COUNT(*) FROM event_log WHERE dossier_id NOT LIKE '@%'", soci::into(total);
    EXPECT_EQ(total, kDossiers * 7);
    // Gapless chains: each dossier's records are numbered 1…7.
    int broken = -1;
    sql << "SELECT COUNT(*) FROM (SELECT dossier_id FROM event_log WHERE dossier_id NOT LIKE '@%'"
           " GROUP BY dossier_id HAVING MIN(dossier_seq) <> 1 OR MAX(dossier_seq) <> 7"
           " OR COUNT(*) <> 7) b",
        soci::into(broken);
    EXPECT_EQ(broken, 0);
  }
  auto verify = testing::RunToCompletion({TDKT_BINARY, "audit", "verify", "--db", url()});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  auto replay = testing::RunToCompletion({TDKT_BINARY, "replay", "--check", "--db", url(),
                                          "--rules", TDKT_SOURCE_DIR "/config/rules"});
  EXPECT_EQ(replay.exit_code, 0) << replay.out << replay.err;
  EXPECT_NE(replay.out.find("every projection matches"), std::string::npos) << replay.out;
}

TDKT_ON_BOTH_BACKENDS(Crash);

}  // namespace
}  // namespace tdkt
