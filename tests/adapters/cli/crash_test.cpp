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

TEST_P(Crash, KilledAppliersLoseNoAcknowledgedEventAndDuplicateNone) {
  constexpr int kDossiers = 12;  // 7 events each
  constexpr int kKills = 8;
  std::mt19937 random(20240722);
  std::set<std::string> acknowledged;
  for (int run = 0; run <= kKills; ++run) {
    const bool kill = run < kKills;
    testing::Subprocess driver(
        {TDKT_APPLY_DRIVER, url(), TDKT_SOURCE_DIR, "0", std::to_string(kDossiers), "4"});
    const int kill_after = std::uniform_int_distribution<int>(1, 40)(random);
    int acks = 0;
    while (auto line = driver.ReadLine(60s)) {
      ASSERT_EQ(line->rfind("ack ", 0), 0u) << *line;
      acknowledged.insert(line->substr(4));
      if (kill && ++acks == kill_after) {
        ::kill(driver.pid(), SIGKILL);
        break;
      }
    }
    auto code = driver.Wait(60s);
    ASSERT_TRUE(code.has_value());
    if (!kill) {
      EXPECT_EQ(*code, 0) << driver.Stderr();
    }
  }
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

TDKT_ON_BOTH_BACKENDS(Crash);

}  // namespace
}  // namespace tdkt
