// tdkt outbox list | retry: what operators see of notification delivery. `list --status failed`
// shows the dead letters (rows that used up their attempts) with their last error; `retry ID` puts
// one back in the queue, due now, with its attempts reset (its history stays in outbox_attempts).
//
// Exit codes: 0 done; 1 the database could not be read; 2 bad input (URL, unknown or not failed
// row, schema too old).

#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <iostream>

#include "adapters/cli/commands.hpp"
#include "adapters/db/database.hpp"
#include "adapters/db/migrations.hpp"
#include "adapters/notify/outbox_dispatcher.hpp"
#include "adapters/scheduler/system_clock.hpp"

namespace tdkt::adapters::cli {
namespace {

// The schema version that records delivery attempts (migration 4).
constexpr int kNotifySchemaVersion = 4;

struct OutboxOptions {
  std::string db_url{db::kDefaultDatabaseUrl};
  std::string status;
  int limit = 100;
  long long id = 0;
};

// The wall clock, to the second: a retried row is due at once.
std::unique_ptr<db::Database> OpenForOutbox(const OutboxOptions& options, CommandContext& context) {
  return OpenDatabaseAtVersion(options.db_url, kNotifySchemaVersion, context.exit_code);
}

// Runs `work` with a dispatcher that delivers nothing (listing and retrying need no channel).
void WithOutbox(const OutboxOptions& options, CommandContext& context,
                const std::function<void(notify::OutboxDispatcher&)>& work) {
  auto database = OpenForOutbox(options, context);
  if (!database) return;
  static const notify::TemplateSet kNoTemplates;
  scheduler::SystemClock clock;
  auto quiet =
      std::make_shared<spdlog::logger>("outbox", std::make_shared<spdlog::sinks::null_sink_mt>());
  notify::OutboxDispatcher dispatcher(*database, clock, kNoTemplates, {}, {}, quiet);
  work(dispatcher);
}

void List(const OutboxOptions& options, CommandContext& context) {
  WithOutbox(options, context, [&](notify::OutboxDispatcher& dispatcher) {
    auto entries = dispatcher.List(options.status, options.limit);
    if (!entries.ok()) {
      context.exit_code = Fail(1, entries.status().message());
      return;
    }
    std::cout << "id\tstatus\tattempts\tnext_attempt_at\tdossier\tkind\trecipient\tlast_error\n";
    for (const auto& e : *entries) {
      std::cout << e.id << '\t' << e.status << '\t' << e.attempts << '\t' << e.next_attempt_at
                << '\t' << e.dossier_id << '\t' << e.kind << '\t' << e.recipient << '\t'
                << e.last_error << '\n';
    }
    std::cout << entries->size() << (entries->size() == 1 ? " notification" : " notifications")
              << std::endl;
    context.exit_code = 0;
  });
}

void Retry(const OutboxOptions& options, CommandContext& context) {
  WithOutbox(options, context, [&](notify::OutboxDispatcher& dispatcher) {
    engine::Status status = dispatcher.Retry(options.id);
    if (!status.ok()) {
      context.exit_code =
          Fail(status.code() == engine::StatusCode::kNotFound ? 2 : 1, status.message());
      return;
    }
    std::cout << "notification " << options.id << " is pending again" << std::endl;
    context.exit_code = 0;
  });
}

}  // namespace

void AddOutboxCommand(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<OutboxOptions>();
  auto* outbox = app.add_subcommand("outbox", "The notification outbox: list rows, retry one");
  outbox->require_subcommand(1);

  auto* list = outbox->add_subcommand("list", "List notifications, newest first");
  list->add_option("--db", options->db_url, "Database URL")->capture_default_str();
  list->add_option("--status", options->status, "Only rows with this status")
      ->check(CLI::IsMember({"pending", "sent", "failed"}));
  list->add_option("--limit", options->limit, "At most this many rows")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  list->callback([options, &context] { List(*options, context); });

  auto* retry = outbox->add_subcommand("retry", "Put a failed notification back in the queue");
  retry->add_option("--db", options->db_url, "Database URL")->capture_default_str();
  retry->add_option("id", options->id, "The notification's id (from `outbox list`)")->required();
  retry->callback([options, &context] { Retry(*options, context); });
}

}  // namespace tdkt::adapters::cli
