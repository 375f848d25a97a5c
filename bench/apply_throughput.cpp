// apply_throughput: the durable engine's hot path measured on a real PostgreSQL, beside pgbench.
//
//   apply_throughput DSN SOURCE_DIR [SECONDS]
//
// For 1, 4 and 16 concurrent clients, each client walks its own dossiers through the lifecycle
// (create, submit, unit_approve, accept, appraise_pass, council_vote, approve: every event a real
// transition with its hash-chained audit record, timers, outbox rows and, for approve, a gapless
// decision number) for SECONDS seconds, and the events per second and the p50/p99 latency of
// Apply are printed. In the same run pgbench, with a one-row INSERT script, runs at the same
// client counts on the same server as the baseline, with the ratio; pgbench's INSERT again with
// synchronous_commit=off for its session (no commit waits for the disk at all: the most any
// batching of commits could give that INSERT); and pgbench with the statements of one event per
// transaction (kEventScript), the same work without group commit. For the engine it also prints
// the CPU one event costs, in the engine's process and in the server's processes (when the server
// runs on this machine), which is where its time goes once commits are shared.
// Run it with scripts/bench, which starts a throwaway PostgreSQL with synchronous_commit=on.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <soci/soci.h>
#include <sys/resource.h>

#include "adapters/config/calendar_loader.hpp"
#include "adapters/config/rule_pack_loader.hpp"
#include "adapters/db/apply_service.hpp"
#include "adapters/db/dossier_store.hpp"
#include "adapters/db/migrations.hpp"
#include "adapters/db/transaction.hpp"
#include "engine/audit/record.hpp"
#include "tests/tools/lifecycle_walk.hpp"

using namespace tdkt;
using namespace tdkt::engine;
using SteadyClock = std::chrono::steady_clock;

namespace {

struct Measurement {
  int clients = 0;
  double events_per_second = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  double engine_cpu_ms = 0;  // per event, the engine's process
  double server_cpu_ms = 0;  // per event, the server's processes; negative when not measurable
  double pgbench_tps = 0;
  double pgbench_async_tps = 0;  // the same INSERT with synchronous_commit=off
  double pgbench_event_tps = 0;
  double statements_per_event = -1;  // from pg_stat_statements; negative when not loaded
};

// Statements the server has run so far (pg_stat_statements, every database); negative when the
// extension is not loaded (scripts/with-postgres loads it with TDKT_PG_STAT_STATEMENTS=1).
double StatementsRun(adapters::db::Database& db) {
  try {
    auto sql = db.Acquire();
    double calls = 0;
    *sql << "SELECT COALESCE(SUM(calls), 0) FROM pg_stat_statements WHERE query NOT LIKE "
            "'%pg_stat_statements%'",
        soci::into(calls);
    return calls;
  } catch (const soci::soci_error&) {
    return -1;
  }
}

// CPU seconds this process has used (every thread).
double ProcessCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// utime + stime of a process from /proc, in clock ticks, and its parent's pid; nullopt when the
// process is not visible here.
struct ProcStat {
  long parent = 0;
  long ticks = 0;
};
std::optional<ProcStat> ReadProcStat(long pid) {
  std::ifstream file("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(file, line)) return std::nullopt;
  auto close = line.rfind(')');  // the command name may hold spaces
  if (close == std::string::npos) return std::nullopt;
  std::istringstream rest(line.substr(close + 2));
  std::vector<std::string> fields;
  for (std::string f; rest >> f;) fields.push_back(f);
  // After the name: state(0) ppid(1) ... utime(11) stime(12).
  if (fields.size() < 13) return std::nullopt;
  return ProcStat{std::stol(fields[1]), std::stol(fields[11]) + std::stol(fields[12])};
}

// CPU seconds used so far by the server's postmaster and every process it started, found from a
// backend's pid; a negative value when the server is not on this machine.
double ServerCpuSeconds(long postmaster) {
  if (postmaster <= 0) return -1;
  long ticks = 0;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || !std::all_of(name.begin(), name.end(), ::isdigit)) continue;
    long pid = std::stol(name);
    auto stat = ReadProcStat(pid);
    if (stat && (pid == postmaster || stat->parent == postmaster)) ticks += stat->ticks;
  }
  return static_cast<double>(ticks) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double Percentile(std::vector<double>& values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  std::size_t index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
  return values[index];
}

Measurement RunEngine(adapters::db::Database& db, const RulePackRegistry& packs,
                      const BaseSalaryTable& salaries, const calendar::WorkingCalendar& calendar,
                      int clients, int seconds, int round, long postmaster) {
  adapters::db::GroupCommitter committer(
      db, {.writers = static_cast<std::size_t>(std::min(clients, 4)), .max_batch = 128});
  adapters::db::ApplyService service(db, committer, packs, calendar);
  adapters::db::RoundService rounds(db, committer, packs, salaries, calendar);
  const Timestamp now = audit::ParseTimestamp("2024-07-22T01:00:00Z").value();
  std::mutex mutex;
  std::vector<double> latencies;
  std::atomic<long> events{0};
  std::atomic<long> failures{0};
  auto deadline = SteadyClock::now() + std::chrono::seconds(seconds);
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      std::vector<double> mine;
      for (int n = 0; SteadyClock::now() < deadline; ++n) {
        std::string id =
            "b" + std::to_string(round) + "-" + std::to_string(c) + "-" + std::to_string(n);
        auto timed = [&](auto&& call) {
          auto start = SteadyClock::now();
          bool ok = call();
          mine.push_back(
              std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count());
          if (ok) {
            ++events;
          } else {
            ++failures;
          }
          return ok;
        };
        if (!timed([&] {
              return service.Create(tools::WalkDraft("bench", id), tools::kOfficer, id + "-c", now)
                  .ok();
            })) {
          continue;
        }
        const auto steps = tools::WalkSteps(tools::kWalkSession);
        for (std::size_t s = 0; s < steps.size(); ++s) {
          if (!timed([&] {
                return tools::ApplyWalkStep(service, rounds, id, steps[s],
                                            id + "-" + std::to_string(s),
                                            now + std::chrono::hours(static_cast<int>(s) + 1))
                    .ok();
              })) {
            break;
          }
        }
      }
      std::lock_guard lock(mutex);
      latencies.insert(latencies.end(), mine.begin(), mine.end());
    });
  }
  const auto started = SteadyClock::now();
  const double engine_cpu_before = ProcessCpuSeconds();
  const double server_cpu_before = ServerCpuSeconds(postmaster);
  const double statements_before = StatementsRun(db);
  for (auto& t : threads) t.join();
  const double statements = StatementsRun(db) - statements_before;
  const double engine_cpu = ProcessCpuSeconds() - engine_cpu_before;
  const double server_cpu = ServerCpuSeconds(postmaster) - server_cpu_before;
  double elapsed = std::chrono::duration<double>(SteadyClock::now() - started).count();
  if (failures > 0) std::cerr << "  (" << failures << " refused or failed events)\n";
  Measurement r;
  r.clients = clients;
  r.events_per_second = static_cast<double>(events) / elapsed;
  r.p50_ms = Percentile(latencies, 0.50);
  r.p99_ms = Percentile(latencies, 0.99);
  if (events > 0) {
    r.engine_cpu_ms = 1000 * engine_cpu / static_cast<double>(events);
    r.server_cpu_ms = server_cpu_before < 0 ? -1 : 1000 * server_cpu / static_cast<double>(events);
    if (statements_before >= 0) r.statements_per_event = statements / static_cast<double>(events);
  }
  return r;
}

// pgbench's one-row INSERT: the baseline the durable-engine issue names.
constexpr const char* kInsertScript =
    "INSERT INTO pgbench_baseline (v, at) VALUES (:client_id, now());\n";

// The statements Apply runs for one ordinary event (idempotency lookup, row lock, campaign,
// nominee rule, previous hash, sequence, audit insert, timers cancelled and planned, outbox,
// projection update, idempotency record), one transaction each as a plain client would send
// them, on shadow tables: the same work without group commit. A second point of comparison, not
// a substitute for the issue's baseline.
constexpr const char* kEventScript =
    "\\set d random(1, 10000)\n"
    "BEGIN;\n"
    "SELECT outcome FROM bench_idem WHERE request_id = 'r-' || :client_id || '-' || :d || '-' || "
    "random();\n"
    "SELECT data, version FROM bench_dossiers WHERE id = :d FOR UPDATE;\n"
    "SELECT settings FROM bench_campaigns WHERE id = 1;\n"
    "SELECT COUNT(*) FROM bench_dossiers WHERE nominee = :d AND id <> :d;\n"
    "SELECT hash FROM bench_log WHERE dossier = :d ORDER BY seq DESC LIMIT 1;\n"
    "SELECT nextval('bench_log_seq');\n"
    "INSERT INTO bench_log (dossier, payload, hash) VALUES (:d, '{\"command\":{}}', "
    "md5(random()::text));\n"
    "UPDATE bench_timers SET status = 'cancelled' WHERE dossier = :d AND status = 'pending';\n"
    "INSERT INTO bench_timers (dossier, due, status) VALUES (:d, now(), 'pending');\n"
    "INSERT INTO bench_timers (dossier, due, status) VALUES (:d, now(), 'pending');\n"
    "INSERT INTO bench_timers (dossier, due, status) VALUES (:d, now(), 'pending');\n"
    "INSERT INTO bench_outbox (dossier, payload) VALUES (:d, '{}');\n"
    "UPDATE bench_dossiers SET version = version + 1, data = '{\"state\":\"x\"}' WHERE id = :d;\n"
    "INSERT INTO bench_idem (request_id, outcome) VALUES ('r-' || :client_id || '-' || :d || "
    "'-' || random(), '{}');\n"
    "COMMIT;\n";

// The same statements for 16 events at once, as multi-row statements in one transaction: what a
// set-based group commit could reach at best (no C++ work at all), to judge a redesign against.
constexpr const char* kBatch16Script =
    "\\set b random(1, 600)\n"
    "BEGIN;\n"
    "SELECT request_id FROM bench_idem WHERE request_id = ANY(ARRAY(SELECT 'r-' || g || '-' || "
    "random() FROM generate_series(1, 16) g));\n"
    "SELECT id, data, version FROM bench_dossiers WHERE id BETWEEN :b * 16 AND :b * 16 + 15 "
    "ORDER BY id FOR UPDATE;\n"
    "SELECT settings FROM bench_campaigns WHERE id = 1;\n"
    "SELECT nominee, COUNT(*) FROM bench_dossiers WHERE nominee BETWEEN :b * 16 AND :b * 16 + 15 "
    "GROUP BY nominee;\n"
    "SELECT DISTINCT ON (dossier) dossier, hash FROM bench_log WHERE dossier BETWEEN :b * 16 AND "
    ":b * 16 + 15 ORDER BY dossier, seq DESC;\n"
    "SELECT nextval('bench_log_seq') FROM generate_series(1, 16);\n"
    "INSERT INTO bench_log (dossier, payload, hash) SELECT :b * 16 + g, '{\"command\":{}}', "
    "md5(random()::text) FROM generate_series(0, 15) g;\n"
    "UPDATE bench_timers SET status = 'cancelled' WHERE dossier BETWEEN :b * 16 AND :b * 16 + 15 "
    "AND status = 'pending';\n"
    "INSERT INTO bench_timers (dossier, due, status) SELECT :b * 16 + g % 16, now(), 'pending' "
    "FROM generate_series(0, 47) g;\n"
    "INSERT INTO bench_outbox (dossier, payload) SELECT :b * 16 + g, '{}' FROM "
    "generate_series(0, 15) g;\n"
    "UPDATE bench_dossiers SET version = version + 1, data = '{\"state\":\"x\"}' WHERE id "
    "BETWEEN :b * 16 AND :b * 16 + 15;\n"
    "INSERT INTO bench_idem (request_id, outcome) SELECT 'r-' || g || '-' || random(), '{}' FROM "
    "generate_series(1, 16) g;\n"
    "COMMIT;\n";

// `session_options`: PGOPTIONS for pgbench's connections ("" for the server's settings).
double RunPgbench(const std::string& dsn, int clients, int seconds,
                  const char* script_text = kInsertScript,
                  const std::string& session_options = "") {
  const char* script = "/tmp/tdkt_pgbench_script.sql";
  std::ofstream(script) << script_text;
  std::string pgbench = "/usr/lib/postgresql/15/bin/pgbench";
  std::string command = (session_options.empty() ? "" : "PGOPTIONS='" + session_options + "' ") +
                        pgbench + " -n -f " + script + " -c " + std::to_string(clients) + " -j " +
                        std::to_string(clients) + " -T " + std::to_string(seconds) + " '" + dsn +
                        "' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return 0;
  std::string output;
  char buffer[512];
  while (fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
  pclose(pipe);
  std::smatch match;
  static const std::regex kTps(R"(tps = ([0-9.]+))");
  if (!std::regex_search(output, match, kTps)) {
    std::cerr << "pgbench failed:\n" << output;
    return 0;
  }
  return std::stod(match[1]);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: apply_throughput DSN SOURCE_DIR [SECONDS]\n";
    return 2;
  }
  std::string dsn = argv[1];
  std::string source = argv[2];
  int seconds = argc > 3 ? std::stoi(argv[3]) : 10;
  auto url = adapters::db::ParseDatabaseUrl(dsn);
  if (!url.ok()) {
    std::cerr << url.status().ToString() << "\n";
    return 2;
  }
  auto db = adapters::db::Database::Open(*url, 24);
  if (!db.ok() || !adapters::db::Migrate(**db).ok()) {
    std::cerr << "cannot open or migrate " << url->redacted << "\n";
    return 1;
  }
  auto packs = adapters::config::LoadRulePackDirectory(source + "/config/rules");
  auto calendar = adapters::config::LoadWorkingCalendar(source + "/config/calendar");
  auto salaries = adapters::config::LoadBaseSalaryFile(source + "/config/base_salary.yaml");
  Timestamp now = audit::ParseTimestamp("2024-07-22T01:00:00Z").value();
  long postmaster = 0;  // the server's process when it runs on this machine
  {
    auto status = tools::SetUpWalkCampaign(**db, "bench", "Đo hiệu năng", now);
    if (status.ok()) {
      status = adapters::db::RunInTransaction(**db, [](soci::session& sql) {
        sql << "CREATE TABLE IF NOT EXISTS pgbench_baseline (id BIGSERIAL PRIMARY KEY,"
               " v INTEGER, at TIMESTAMPTZ)";
        // The shadow tables of kEventScript.
        sql << "CREATE TABLE IF NOT EXISTS bench_dossiers (id INTEGER PRIMARY KEY,"
               " nominee INTEGER, version BIGINT, data TEXT)";
        sql << "CREATE INDEX IF NOT EXISTS bench_dossiers_nominee ON bench_dossiers (nominee)";
        sql << "INSERT INTO bench_dossiers SELECT g, g, 1, '{}' FROM generate_series(1, 10000) g"
               " ON CONFLICT DO NOTHING";
        sql << "CREATE TABLE IF NOT EXISTS bench_campaigns (id INTEGER PRIMARY KEY,"
               " settings TEXT)";
        sql << "INSERT INTO bench_campaigns VALUES (1, '{}') ON CONFLICT DO NOTHING";
        sql << "CREATE SEQUENCE IF NOT EXISTS bench_log_seq";
        sql << "CREATE TABLE IF NOT EXISTS bench_log (seq BIGSERIAL PRIMARY KEY,"
               " dossier INTEGER, payload TEXT, hash TEXT)";
        sql << "CREATE INDEX IF NOT EXISTS bench_log_dossier ON bench_log (dossier, seq)";
        sql << "CREATE TABLE IF NOT EXISTS bench_timers (id BIGSERIAL PRIMARY KEY,"
               " dossier INTEGER, due TIMESTAMPTZ, status TEXT)";
        sql << "CREATE INDEX IF NOT EXISTS bench_timers_dossier ON bench_timers (dossier, status)";
        sql << "CREATE TABLE IF NOT EXISTS bench_outbox (id BIGSERIAL PRIMARY KEY,"
               " dossier INTEGER, payload TEXT)";
        sql << "CREATE TABLE IF NOT EXISTS bench_idem (request_id TEXT PRIMARY KEY,"
               " outcome TEXT)";
        return Status::Ok();
      });
    }
    if (!status.ok()) {
      std::cerr << status.ToString() << "\n";
      return 1;
    }
    auto sql = (*db)->Acquire();
    std::string setting;
    *sql << "SHOW synchronous_commit", soci::into(setting);
    std::cout << "PostgreSQL synchronous_commit=" << setting << ", " << seconds
              << " s per measurement\n";
    try {
      *sql << "CREATE EXTENSION IF NOT EXISTS pg_stat_statements";
    } catch (const soci::soci_error&) {
      // Not loaded by the server: statements per event are not reported.
    }
    long backend = 0;
    *sql << "SELECT pg_backend_pid()", soci::into(backend);
    auto stat = ReadProcStat(backend);
    if (stat) postmaster = stat->parent;
  }
  std::vector<Measurement> results;
  int round = 0;
  // BENCH_ENGINE_ONLY=1: the engine's figures alone (no pgbench), to compare two builds quickly.
  const char* engine_only_env = std::getenv("BENCH_ENGINE_ONLY");
  const bool engine_only = engine_only_env != nullptr && std::string(engine_only_env) == "1";
  std::vector<int> client_counts{1, 4, 16, 64};
  if (const char* list = std::getenv("BENCH_CLIENTS"); list != nullptr && *list != '\0') {
    client_counts.clear();
    std::istringstream in(list);
    for (int n = 0; in >> n;) client_counts.push_back(n);
  }
  for (int clients : client_counts) {
    Measurement r =
        RunEngine(**db, packs, salaries, calendar, clients, seconds, round++, postmaster);
    if (engine_only) {
      results.push_back(r);
      continue;
    }
    r.pgbench_tps = RunPgbench(dsn, clients, seconds);
    r.pgbench_async_tps =
        RunPgbench(dsn, clients, seconds, kInsertScript, "-c synchronous_commit=off");
    r.pgbench_event_tps = RunPgbench(dsn, clients, seconds, kEventScript);
    results.push_back(r);
  }
  auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
  std::printf("\n%-8s %14s %8s %8s %20s %7s %12s\n", "clients", "tdkt events/s", "p50 ms", "p99 ms",
              "pgbench INSERT tps", "ratio", "statements/ev");
  for (const auto& r : results) {
    std::printf("%-8d %14.0f %8.2f %8.2f %20.0f %6.2fx %12.1f\n", r.clients, r.events_per_second,
                r.p50_ms, r.p99_ms, r.pgbench_tps, ratio(r.events_per_second, r.pgbench_tps),
                r.statements_per_event);
  }
  for (const auto& r : results) {
    std::printf("SUMMARY apply_eps_%d %.1f\nSUMMARY apply_p50_%d %.2f\nSUMMARY apply_p99_%d %.2f\n",
                r.clients, r.events_per_second, r.clients, r.p50_ms, r.clients, r.p99_ms);
    if (r.statements_per_event >= 0) {
      std::printf("SUMMARY apply_statements_%d %.1f\n", r.clients, r.statements_per_event);
    }
    if (r.pgbench_tps > 0)
      std::printf("SUMMARY pgbench_insert_%d %.1f\n", r.clients, r.pgbench_tps);
  }
  if (engine_only) {
    for (const auto& r : results) {
      std::printf("%-8d engine CPU %.3f ms/ev, server CPU %.3f ms/ev\n", r.clients, r.engine_cpu_ms,
                  r.server_cpu_ms);
    }
    return 0;
  }
  std::printf("\nwhere the gap comes from:\n%-8s %22s %9s %18s %7s %17s %17s\n", "clients",
              "INSERT, no commit wait", "over INSERT", "event-shape tps", "ratio",
              "engine CPU ms/ev", "server CPU ms/ev");
  for (const auto& r : results) {
    std::printf("%-8d %22.0f %10.2fx %18.0f %6.2fx %17.3f ", r.clients, r.pgbench_async_tps,
                ratio(r.pgbench_async_tps, r.pgbench_tps), r.pgbench_event_tps,
                ratio(r.events_per_second, r.pgbench_event_tps), r.engine_cpu_ms);
    if (r.server_cpu_ms < 0) {
      std::printf("%17s\n", "(remote server)");
    } else {
      std::printf("%17.3f\n", r.server_cpu_ms);
    }
  }
  std::printf(
      "\nset-based ceiling: pgbench running 16 events' statements as multi-row statements "
      "per transaction, events/s (= 16 x tps):\n");
  for (int writers : {1, 2, 4}) {
    const double ceiling = 16 * RunPgbench(dsn, writers, seconds, kBatch16Script);
    std::printf("  %d concurrent batch%s: %.0f\n", writers, writers == 1 ? "" : "es", ceiling);
    std::printf("SUMMARY ceiling_%d %.1f\n", writers, ceiling);
  }
  std::printf(
      "\nratio: tdkt events/s over pgbench tps. \"INSERT\" is the one-row INSERT baseline; "
      "\"INSERT, no commit wait\" is the same script with synchronous_commit=off, the most that "
      "sharing (or skipping) commits could give it; \"event-shape\" runs the statements of one "
      "event, one transaction each, without group commit. CPU per event: the engine's process and "
      "the server's processes, while the engine alone runs (%ld CPUs here).\n",
      static_cast<long>(std::thread::hardware_concurrency()));
  return 0;
}
