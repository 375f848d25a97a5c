// `tdkt serve` fires due timers through the real binary, and `tdkt timers list` shows them; three
// serve processes on one PostgreSQL, one killed with SIGKILL midway, fire every timer exactly once.
//
// Timers come due on the real clock: the dossiers are accepted by ApplyService at a time in 2024,
// so every appraisal timer is already past when the servers start. The multi-process test runs on
// PostgreSQL only: SQLite serves one process.

#include <gtest/gtest.h>
#include <signal.h>
#include <soci/soci.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "adapters/config/calendar_loader.hpp"
#include "adapters/config/rule_pack_loader.hpp"
#include "adapters/db/apply_service.hpp"
#include "adapters/db/directory_store.hpp"
#include "adapters/db/dossier_store.hpp"
#include "engine/audit/record.hpp"
#include "tests/adapters/support/service_config.hpp"
#include "tests/adapters/support/store_fixture.hpp"
#include "tests/adapters/support/subprocess.hpp"

namespace tdkt::adapters::cli {
namespace {

using namespace engine;
using namespace std::chrono_literals;
using testing::RunToCompletion;
using testing::Subprocess;

const std::vector<DocumentKind> kAllDocuments = {
    DocumentKind::kSubmissionLetter, DocumentKind::kAchievementReport, DocumentKind::kReviewMinutes,
    DocumentKind::kInitiativeCertificate};

class ServeTimers : public testing::MigratedDatabaseTest {
 protected:
  void TearDown() override {
    if (!config_.empty()) std::filesystem::remove(config_);
    testing::MigratedDatabaseTest::TearDown();
  }

  // Brings `count` dossiers to appraisal in February 2024: four appraisal timers each (two
  // reminders, due, overdue), all past by now.
  void AcceptDossiers(int count) {
    auto packs = config::LoadRulePackDirectory(TDKT_SOURCE_DIR "/config/rules");
    auto calendar = config::LoadWorkingCalendar(TDKT_SOURCE_DIR "/config/calendar");
    db::GroupCommitter committer(*db_, db::GroupCommitSettings{});
    db::ApplyService service(*db_, committer, packs, calendar);
    Timestamp now = audit::ParseTimestamp("2024-02-01T23:00:00Z").value();
    {
      Campaign campaign;
      campaign.id = CampaignId("c-1");
      campaign.name = "Thi đua năm 2024";
      campaign.plan_number = "25/KH-UBND";
      campaign.allowed_awards = {AwardId("giay_khen_xa")};
      campaign.nomination_cutoff = std::chrono::sys_days(std::chrono::year(2024) / 7 / 31);
      auto sql = db_->Acquire();
      db::DossierStore store(db_->backend());
      ASSERT_TRUE(store.SaveCampaign(*sql, campaign, now).ok());
      ASSERT_TRUE(db::DirectoryStore(db_->backend())
                      .SaveUnit(*sql, {"thon-1", "Thôn 1", "village", {}, {}})
                      .ok());
    }
    const Actor officer{UserId("u-officer"), Role::kUnitOfficer, UnitId("thon-1")};
    const Actor head{UserId("u-head"), Role::kUnitHead, UnitId("thon-1")};
    const Actor secretariat{UserId("u-secretariat"), Role::kSecretariat, std::nullopt};
    for (int i = 0; i < count; ++i) {
      const std::string id = "d-" + std::to_string(i);
      db::NewDossier d{
          DossierId(id),
          CampaignId("c-1"),
          UnitId("thon-1"),
          Nominee{NomineeId("n-" + id), NomineeKind::kIndividual, "Lê Văn " + id, true, true},
          AwardId("giay_khen_xa"),
          "Hoàn thành xuất sắc nhiệm vụ"};
      ASSERT_TRUE(service.Create(d, officer, "create-" + id, now).ok());
      int n = 0;
      for (auto [command, actor] : std::vector<std::pair<Command, Actor>>{
               {Submit{"Hoàn thành xuất sắc nhiệm vụ", kAllDocuments}, officer},
               {UnitApprove{9, 1, 10}, head},
               {Accept{}, secretariat}}) {
        auto outcome = service.Apply(
            {DossierId(id), command, actor, id + "-r" + std::to_string(++n)}, now + 1h * n);
        ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
      }
    }
  }

  // A configuration file naming the database and the source tree's rule packs and calendar.
  std::string Config() {
    config_ = (std::filesystem::temp_directory_path() /
               ("tdkt-serve-timers-" + std::to_string(::getpid()) + ".yaml"))
                  .string();
    testing::WriteServiceConfig(config_, url());
    return config_;
  }

  std::vector<std::string> ServeArgs() {
    return {TDKT_BINARY,   "--log-level",       "error", "serve", "--config", Config(), "--listen",
            "127.0.0.1:0", "--scheduler-lease", "3"};
  }

  int Count(const std::string& query) {
    auto sql = db_->Acquire();
    int n = 0;
    *sql << query, soci::into(n);
    return n;
  }

  // Waits (bounded: a hang detector, not a timing) until no timer is pending.
  void WaitUntilNonePending(std::chrono::seconds at_most) {
    auto deadline = std::chrono::steady_clock::now() + at_most;
    while (Count("SELECT COUNT(*) FROM timers WHERE status = 'pending'") > 0 &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(100ms);
    }
  }

  std::string config_;
};

TEST_P(ServeTimers, ServeFiresDueTimersAndTimersListShowsThem) {
  AcceptDossiers(2);
  const std::string list = "--due-before=2030-01-01T00:00:00Z";
  auto pending = RunToCompletion({TDKT_BINARY, "timers", "list", list, "--db", url()});
  ASSERT_EQ(pending.exit_code, 0) << pending.err;
  EXPECT_EQ(std::count(pending.out.begin(), pending.out.end(), '\n'), 1 + 8) << pending.out;
  EXPECT_NE(pending.out.find("2024-02-20T01:00:00Z\tpending\tappraisal\td-0\t"), std::string::npos)
      << pending.out;

  Subprocess server(ServeArgs());
  ASSERT_TRUE(server.ReadLine(30s)) << server.Stderr();
  WaitUntilNonePending(60s);
  ASSERT_EQ(::kill(server.pid(), SIGTERM), 0);
  EXPECT_EQ(server.Wait(30s), 0) << server.Stderr();

  EXPECT_EQ(Count("SELECT COUNT(*) FROM event_log WHERE request_id LIKE 'timer:%'"), 8);
  auto fired =
      RunToCompletion({TDKT_BINARY, "timers", "list", list, "--db", url(), "--status", "fired"});
  ASSERT_EQ(fired.exit_code, 0) << fired.err;
  EXPECT_EQ(std::count(fired.out.begin(), fired.out.end(), '\n'), 1 + 8) << fired.out;
}

TEST_P(ServeTimers, ListRefusesABadTime) {
  auto result =
      RunToCompletion({TDKT_BINARY, "timers", "list", "--due-before", "tomorrow", "--db", url()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("--due-before"), std::string::npos) << result.err;
}

TEST_P(ServeTimers, ServeWithoutRulePacksIsAClearError) {
  std::string config = Config();
  std::ofstream(config) << "database:\n  url: \"" << url()
                        << "\"\npaths:\n  rules: /nonexistent/rules\n";
  auto result = RunToCompletion({TDKT_BINARY, "serve", "--config", config});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("/nonexistent/rules"), std::string::npos) << result.err;
}

TDKT_ON_BOTH_BACKENDS(ServeTimers);

class ServeTimersProcesses : public ServeTimers {};

TEST_P(ServeTimersProcesses, ThreeServersOneKilledFireEveryTimerExactlyOnce) {
  AcceptDossiers(250);
  // Doubles the timers (new keys, same dossiers): 2,000 due timers.
  {
    auto sql = db_->Acquire();
    *sql << "INSERT INTO timers (timer_key, dossier_id, kind, due_at, payload, status, created_at)"
            " SELECT timer_key || ':again', dossier_id, kind, due_at, payload, 'pending',"
            " created_at FROM timers WHERE status = 'pending' AND kind = 'appraisal'";
  }
  const int timers = Count("SELECT COUNT(*) FROM timers WHERE status = 'pending'");
  ASSERT_EQ(timers, 2000);

  std::vector<std::unique_ptr<Subprocess>> servers;
  for (int i = 0; i < 3; ++i) {
    auto args = ServeArgs();
    args.insert(args.end(), {"--scheduler-batch", "16"});
    servers.push_back(std::make_unique<Subprocess>(args));
    ASSERT_TRUE(servers.back()->ReadLine(30s)) << servers.back()->Stderr();
  }
  // Kill the first server once a fifth of the timers have fired: it holds claims it never marks.
  auto deadline = std::chrono::steady_clock::now() + 120s;
  while (Count("SELECT COUNT(*) FROM timers WHERE status = 'fired'") < timers / 5 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(20ms);
  }
  ASSERT_EQ(::kill(servers[0]->pid(), SIGKILL), 0);
  // Midway: some timers were still to fire when it died.
  EXPECT_LT(Count("SELECT COUNT(*) FROM timers WHERE status = 'fired'"), timers);
  EXPECT_EQ(servers[0]->Wait(10s), 128 + SIGKILL);

  WaitUntilNonePending(180s);
  for (int i = 1; i < 3; ++i) {
    ASSERT_EQ(::kill(servers[i]->pid(), SIGTERM), 0);
    EXPECT_EQ(servers[i]->Wait(30s), 0) << servers[i]->Stderr();
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM timers WHERE status = 'pending'"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM timers WHERE status = 'fired'"), timers);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM event_log WHERE request_id LIKE 'timer:%'"), timers);
  EXPECT_EQ(Count("SELECT COUNT(DISTINCT request_id) FROM event_log WHERE request_id LIKE "
                  "'timer:%'"),
            timers);
  // Each reminder and due timer notices one role, each overdue notice two.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE kind IN ('reminder', 'due', 'overdue')"),
            timers + timers / 4);
}

INSTANTIATE_TEST_SUITE_P(Postgresql, ServeTimersProcesses,
                         ::testing::Values(testing::Backend::kPostgresql),
                         testing::BackendTestName);

}  // namespace
}  // namespace tdkt::adapters::cli
