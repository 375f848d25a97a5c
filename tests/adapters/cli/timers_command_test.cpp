// End-to-end: `tdkt timers list --due-before` takes a local date in Vietnam as well as a UTC time,
// through the real binary on both backends.

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>

#include "tests/adapters/support/store_fixture.hpp"
#include "tests/adapters/support/subprocess.hpp"

namespace tdkt {
namespace {

using testing::RunToCompletion;

class TimersCommand : public testing::MigratedDatabaseTest {
 protected:
  void SetUp() override {
    MigratedDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    auto sql = db_->Acquire();
    // 21/07/2024 23:59:59 and 22/07/2024 00:00:00 in Vietnam (UTC+7).
    *sql << "INSERT INTO timers (timer_key, dossier_id, kind, due_at, created_at) VALUES"
            " ('HS-1:due', 'HS-1', 'due', '2024-07-21T16:59:59Z', '2024-07-01T01:00:00Z')";
    *sql << "INSERT INTO timers (timer_key, dossier_id, kind, due_at, created_at) VALUES"
            " ('HS-2:due', 'HS-2', 'due', '2024-07-21T17:00:00Z', '2024-07-01T01:00:00Z')";
  }

  std::string List(const std::string& due_before) {
    auto result =
        RunToCompletion({TDKT_BINARY, "timers", "list", "--due-before", due_before, "--db", url()});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.out;
  }
};

TEST_P(TimersCommand, ALocalDateMeansBeforeThatDayStartsInVietnam) {
  const std::string out = List("2024-07-22");
  EXPECT_NE(out.find("HS-1:due"), std::string::npos) << out;
  EXPECT_EQ(out.find("HS-2:due"), std::string::npos) << out;
}

TEST_P(TimersCommand, AUtcTimeIsTakenAsItIs) {
  EXPECT_EQ(List("2024-07-21T17:00:00Z").find("HS-2:due"), std::string::npos);
  const std::string out = List("2024-07-21T17:00:01Z");
  EXPECT_NE(out.find("HS-1:due"), std::string::npos) << out;
  EXPECT_NE(out.find("HS-2:due"), std::string::npos) << out;
}

TEST_P(TimersCommand, AnythingElseIsOneLineAndExitCode2) {
  for (const char* bad : {"22/07/2024", "2024-07-22T01:00:00", "2024-02-30", ""}) {
    auto result =
        RunToCompletion({TDKT_BINARY, "timers", "list", "--due-before", bad, "--db", url()});
    EXPECT_EQ(result.exit_code, 2) << bad << ": " << result.err;
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
    EXPECT_NE(result.err.find("--due-before"), std::string::npos) << result.err;
  }
}

TEST(TimersHelp, SaysBothForms) {
  auto help = RunToCompletion({TDKT_BINARY, "timers", "list", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("2024-07-22T01:00:00Z"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("local date"), std::string::npos) << help.out;
}

TDKT_ON_BOTH_BACKENDS(TimersCommand);

}  // namespace
}  // namespace tdkt
