// timer_throughput: how fast the scheduler fires timers with a million pending in the database,
// and the process's memory while it does.
//
//   timer_throughput DATABASE_URL SOURCE_DIR [PENDING [FIRE]]
//
// Brings 200 dossiers to appraisal, inserts PENDING (default 1,000,000) reminder timers for them
// in one statement, FIRE (default 10,000) of them already due and the rest due in 2030, then fires
// the due ones (and the dossiers' own 800) through Scheduler::FireDue (claim a batch of 256 in one
// statement, Apply them from 32 threads, one dossier's in due order, so that they share the group
// commit's transactions; each through the audit log with its notice; mark the batch fired in one
// transaction) and prints timers fired per second with the resident memory sampled while it
// fires, its peak and its end (VmRSS, VmHWM from /proc/self/status). Use an
// empty database: scripts/with-postgres sets TDKT_TEST_PG_DSN to a throwaway server.

#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "adapters/config/calendar_loader.hpp"
#include "adapters/config/rule_pack_loader.hpp"
#include "adapters/db/apply_service.hpp"
#include "adapters/db/directory_store.hpp"
#include "adapters/db/dossier_store.hpp"
#include "adapters/db/migrations.hpp"
#include "adapters/scheduler/scheduler.hpp"
#include "engine/audit/record.hpp"

using namespace tdkt;
using namespace tdkt::engine;

namespace {

constexpr int kDossiers = 200;

// A clock stopped at one instant: every timer due in 2024 is due, none of 2030 is.
class FixedClock final : public Clock {
 public:
  Timestamp Now() const override { return audit::ParseTimestamp("2026-01-05T01:00:00Z").value(); }
};

std::string MemoryLine(const std::string& key) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(key + ":", 0) == 0) return line.substr(key.size() + 1);
  }
  return "?";
}

// A /proc/self/status memory line in KiB ("VmRSS:   1234 kB" → 1234); -1 when absent.
long KiB(const std::string& key) {
  const std::string line = MemoryLine(key);
  try {
    return std::stol(line);
  } catch (const std::exception&) {
    return -1;
  }
}

int Fail(const std::string& message) {
  std::cerr << "timer_throughput: " << message << std::endl;
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return Fail("usage: timer_throughput DATABASE_URL SOURCE_DIR [PENDING [FIRE]]");
  const std::string source = argv[2];
  long long pending = argc > 3 ? std::stoll(argv[3]) : 1000000;
  long long fire = argc > 4 ? std::stoll(argv[4]) : 10000;
  int dossiers = kDossiers;
  auto url = adapters::db::ParseDatabaseUrl(argv[1]);
  if (!url.ok()) return Fail(url.status().ToString());
  auto opened = adapters::db::Database::Open(*url, 8);
  if (!opened.ok()) return Fail(opened.status().ToString());
  adapters::db::Database& db = **opened;
  if (auto migrated = adapters::db::Migrate(db); !migrated.ok()) {
    return Fail(migrated.status().ToString());
  }
  auto packs = adapters::config::LoadRulePackDirectory(source + "/config/rules");
  auto calendar = adapters::config::LoadWorkingCalendar(source + "/config/calendar");
  adapters::db::GroupCommitter committer(db, adapters::db::GroupCommitSettings{});
  adapters::db::ApplyService service(db, committer, packs, calendar);

  const Timestamp start = audit::ParseTimestamp("2024-02-01T23:00:00Z").value();
  {
    Campaign campaign;
    campaign.id = CampaignId("bench");
    campaign.name = "Thi đua năm 2024";
    campaign.plan_number = "1/KH-UBND";
    campaign.allowed_awards = {AwardId("giay_khen_xa")};
    campaign.nomination_cutoff = std::chrono::sys_days(std::chrono::year(2024) / 7 / 31);
    auto sql = db.Acquire();
    adapters::db::DossierStore store(db.backend());
    if (!store.SaveCampaign(*sql, campaign, start).ok() ||
        !adapters::db::DirectoryStore(db.backend())
             .SaveUnit(*sql, {"thon-1", "Thôn 1", "village", {}, {}})
             .ok()) {
      return Fail("cannot set up the campaign (is the database empty?)");
    }
  }
  const Actor officer{UserId("u-officer"), Role::kUnitOfficer, UnitId("thon-1")};
  const Actor head{UserId("u-head"), Role::kUnitHead, UnitId("thon-1")};
  const Actor secretariat{UserId("u-secretariat"), Role::kSecretariat, std::nullopt};
  const std::vector<DocumentKind> documents = {
      DocumentKind::kSubmissionLetter, DocumentKind::kAchievementReport,
      DocumentKind::kReviewMinutes, DocumentKind::kInitiativeCertificate};
  for (int i = 0; i < dossiers; ++i) {
    const std::string id = "d-" + std::to_string(i);
    adapters::db::NewDossier d{
        DossierId(id),
        CampaignId("bench"),
        UnitId("thon-1"),
        Nominee{NomineeId("n-" + id), NomineeKind::kIndividual, "Lê Văn " + id, true, true},
        AwardId("giay_khen_xa"),
        "Hoàn thành xuất sắc nhiệm vụ"};
    if (auto created = service.Create(d, officer, "create-" + id, start); !created.ok()) {
      return Fail(created.status().ToString());
    }
    int n = 0;
    for (auto [command, actor] : std::vector<std::pair<Command, Actor>>{
             {Submit{"Hoàn thành xuất sắc nhiệm vụ", documents}, officer},
             {UnitApprove{9, 1, 10}, head},
             {Accept{}, secretariat}}) {
      ++n;
      auto outcome = service.Apply({DossierId(id), command, actor, id + "-" + std::to_string(n)},
                                   start + std::chrono::hours(n));
      if (!outcome.ok()) return Fail(outcome.status().ToString());
    }
  }

  auto insert_started = std::chrono::steady_clock::now();
  {
    auto sql = db.Acquire();
    // One statement on both backends: a recursive counter, reminders for the dossiers in turn.
    *sql << "INSERT INTO timers (timer_key, dossier_id, kind, due_at, payload, status, created_at)"
            " WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < :pending)"
            " SELECT 'bench:' || CAST(n AS TEXT), 'd-' || CAST(n % :dossiers AS TEXT),"
            " 'appraisal', CASE WHEN n <= :fire THEN '2024-02-20T01:00:00Z'"
            " ELSE '2030-01-01T01:00:00Z' END,"
            " '{\"deadline_kind\":\"appraisal\",\"timer\":\"reminder\",\"working_days_before\":1,"
            "\"due_at\":\"2024-02-23T10:00:00Z\",\"remind_role\":\"secretariat\","
            "\"remind_unit\":null,\"supervisor_role\":\"chairman\"}', 'pending',"
            " '2024-02-02T03:00:00Z' FROM g",
        soci::use(pending), soci::use(dossiers), soci::use(fire);
  }
  const double insert_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - insert_started).count();
  std::cout << "inserted " << pending << " timers in " << insert_seconds << " s; RSS "
            << MemoryLine("VmRSS") << std::endl;

  // The dossiers' own appraisal timers (four each, from 2024) are due as well.
  int due = 0;
  {
    auto sql = db.Acquire();
    *sql << "SELECT COUNT(*) FROM timers WHERE status = 'pending' AND due_at < '2026'",
        soci::into(due);
  }

  adapters::scheduler::TimerStore store(db);
  adapters::scheduler::TimerFirer firer(db, service);
  FixedClock clock;
  adapters::scheduler::SchedulerSettings settings;
  settings.owner = "bench";
  settings.batch_size = 256;
  settings.fire_threads = 32;
  adapters::scheduler::Scheduler scheduler(settings, store, firer, clock,
                                           std::make_shared<spdlog::logger>("bench"));
  const long rss_start_kb = KiB("VmRSS");
  // RSS sampled every half second while the timers fire: flat, or growing with what was fired.
  std::vector<long> rss_samples;
  std::atomic<bool> firing{true};
  std::thread sampler([&] {
    while (firing) {
      rss_samples.push_back(KiB("VmRSS"));
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
  });
  auto fire_started = std::chrono::steady_clock::now();
  adapters::scheduler::FireReport report = scheduler.FireDue();
  firing = false;
  sampler.join();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - fire_started).count();
  std::cout << adapters::db::BackendName(db.backend()) << ": fired " << report.fired << " of "
            << due << " due timers (" << pending << " pending) in " << seconds
            << " s: " << static_cast<long long>(report.fired / seconds) << " timers/s; skipped "
            << report.skipped << ", failed " << report.failed << "; peak RSS" << MemoryLine("VmHWM")
            << ", RSS" << MemoryLine("VmRSS") << std::endl;
  std::cout << "RSS samples (KiB, every 0.5 s while firing):";
  for (std::size_t i = 0; i < rss_samples.size();
       i += std::max<std::size_t>(1, rss_samples.size() / 10)) {
    std::cout << " " << rss_samples[i];
  }
  std::cout << " … " << (rss_samples.empty() ? 0 : rss_samples.back()) << std::endl;
  std::cout << "SUMMARY timers_per_s " << report.fired / seconds << "\nSUMMARY timers_pending "
            << pending << "\nSUMMARY timers_rss_start_kb " << rss_start_kb
            << "\nSUMMARY timers_rss_peak_kb " << KiB("VmHWM") << "\nSUMMARY timers_rss_end_kb "
            << KiB("VmRSS") << std::endl;
  return report.fired == due ? 0 : 1;
}
