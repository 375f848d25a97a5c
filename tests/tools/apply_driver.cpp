// apply_driver: a test program that applies real lifecycle events through ApplyService and prints
// "ack REQUEST_ID" on stdout (flushed) after each one has committed. The crash test kills it with
// SIGKILL at random points and checks that every acknowledged event survived exactly once.
//
//   apply_driver DB_URL SOURCE_DIR FIRST_DOSSIER DOSSIERS THREADS [WRITERS]
//
// WRITERS (default THREADS) is the group commit's writer count: fewer writers than threads make
// batches of several events per transaction.
//
// Request ids are deterministic (dossier and step), so a restarted driver re-sends what it may
// not have seen acknowledged; the engine answers those from its idempotency record.

#include <atomic>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "adapters/config/calendar_loader.hpp"
#include "adapters/config/rule_pack_loader.hpp"
#include "adapters/db/apply_service.hpp"
#include "adapters/db/migrations.hpp"
#include "engine/audit/record.hpp"
#include "tests/tools/lifecycle_walk.hpp"

using namespace tdkt;
using namespace tdkt::engine;

namespace {

std::mutex out_mutex;

void Ack(const std::string& request_id) {
  std::lock_guard lock(out_mutex);
  std::cout << "ack " << request_id << std::endl;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6 && argc != 7) {
    std::cerr << "usage: apply_driver DB_URL SOURCE_DIR FIRST_DOSSIER DOSSIERS THREADS [WRITERS]\n";
    return 2;
  }
  std::string source = argv[2];
  int first = std::stoi(argv[3]);
  int count = std::stoi(argv[4]);
  int threads = std::stoi(argv[5]);
  int writers = argc == 7 ? std::stoi(argv[6]) : threads;
  auto url = adapters::db::ParseDatabaseUrl(argv[1]);
  if (!url.ok()) return 2;
  auto db = adapters::db::Database::Open(*url, static_cast<std::size_t>(threads) + 2);
  if (!db.ok()) {
    std::cerr << db.status().ToString() << "\n";
    return 1;
  }
  if (!adapters::db::Migrate(**db).ok()) return 1;
  auto packs = adapters::config::LoadRulePackDirectory(source + "/config/rules");
  auto calendar = adapters::config::LoadWorkingCalendar(source + "/config/calendar");
  Timestamp now = audit::ParseTimestamp("2024-07-22T01:00:00Z").value();
  if (Status status = tools::SetUpWalkCampaign(**db, "crash", "Phong trào thử", now);
      !status.ok()) {
    std::cerr << status.ToString() << "\n";
    return 1;
  }
  adapters::db::GroupCommitter committer(**db, {.writers = static_cast<std::size_t>(writers)});
  adapters::db::ApplyService service(**db, committer, packs, calendar);
  auto salaries = adapters::config::LoadBaseSalaryFile(source + "/config/base_salary.yaml");
  adapters::db::RoundService rounds(**db, committer, packs, salaries, calendar);
  std::atomic<int> failures{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int i = first + t; i < first + count; i += threads) {
        std::string id = "crash-" + std::to_string(i);
        std::string request = id + "-create";
        auto created = service.Create(tools::WalkDraft("crash", id), tools::kOfficer, request, now);
        if (!created.ok()) {
          ++failures;
          continue;
        }
        Ack(request);
        const auto steps = tools::WalkSteps(tools::kWalkSession);
        for (std::size_t step = 0; step < steps.size(); ++step) {
          request = id + "-" + std::to_string(step);
          auto outcome = tools::ApplyWalkStep(service, rounds, id, steps[step], request,
                                              now + std::chrono::hours(static_cast<int>(step) + 1));
          if (!outcome.ok()) {
            std::cerr << request << ": " << outcome.status().ToString() << "\n";
            ++failures;
            break;
          }
          Ack(request);
        }
      }
    });
  }
  for (auto& w : workers) w.join();
  return failures == 0 ? 0 : 1;
}
