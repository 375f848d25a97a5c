// tdkt timers list: the deadline timers in the database, for an operator checking what the
// scheduler has still to fire (or has fired).
//
// Exit codes: 0 listed; 1 the database could not be read; 2 bad input (URL, time, schema too old).

#include <iostream>
#include <string>

#include "adapters/cli/commands.hpp"
#include "adapters/db/database.hpp"
#include "adapters/db/migrations.hpp"
#include "adapters/scheduler/timer_store.hpp"
#include "engine/calendar/date_text.hpp"
#include "engine/calendar/working_calendar.hpp"

namespace tdkt::adapters::cli {
namespace {

// The schema version that has the timers table.
constexpr int kTimersSchemaVersion = 2;

struct TimersOptions {
  std::string db_url{db::kDefaultDatabaseUrl};
  std::string due_before;
  std::string status = "pending";
  int limit = 1000;
};

int RunTimersList(const TimersOptions& options) {
  // A local date is a day in the calendar's time zone. Calendar files cannot change the UTC
  // offset, so the calendar's own (Vietnam's, UTC+7) is the configured one, without reading them.
  auto before = engine::calendar::ParseInstantOrLocalDate(
      options.due_before, engine::calendar::CalendarSettings{}.utc_offset_minutes);
  if (!before.ok()) return Fail(2, "--due-before: " + before.status().message());
  int exit_code = 0;
  auto database = OpenDatabaseAtVersion(options.db_url, kTimersSchemaVersion, exit_code);
  if (!database) return exit_code;
  scheduler::TimerStore store(*database);
  const std::string status = options.status == "any" ? "" : options.status;
  auto rows = store.List(*before, status, options.limit);
  if (!rows.ok()) return Fail(1, rows.status().message());
  std::cout << "due_at\tstatus\tkind\tdossier\ttimer_key\tattempts\towner\tlease_until\n";
  for (const auto& row : *rows) {
    std::cout << row.due_at << '\t' << row.status << '\t' << row.kind << '\t' << row.dossier << '\t'
              << row.key << '\t' << row.attempts << '\t' << row.owner.value_or("-") << '\t'
              << row.lease_until.value_or("-") << '\n';
  }
  std::cout << std::flush;
  return 0;
}

}  // namespace

void AddTimersCommand(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<TimersOptions>();
  auto* timers = app.add_subcommand("timers", "Deadline timers kept in the database");
  timers->require_subcommand(1);
  auto* list = timers->add_subcommand(
      "list", "List timers due before a time, earliest first, as tab-separated lines");
  list->add_option("--due-before", options->due_before,
                   "Timers due strictly before this: a local date in Vietnam (UTC+7), "
                   "e.g. 2024-07-22 (before that day starts), or a UTC time, e.g. "
                   "2024-07-22T01:00:00Z")
      ->required();
  list->add_option("--db", options->db_url,
                   "Database: sqlite:PATH or postgresql://user@host:port/dbname")
      ->capture_default_str();
  list->add_option("--status", options->status,
                   "pending (not yet fired), fired, skipped (refused by the dossier), cancelled "
                   "(its deadline was met) or any")
      ->check(CLI::IsMember({"pending", "fired", "skipped", "cancelled", "any"}))
      ->capture_default_str();
  list->add_option("--limit", options->limit, "At most this many timers")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  list->callback([options, &context] { context.exit_code = RunTimersList(*options); });
}

}  // namespace tdkt::adapters::cli
