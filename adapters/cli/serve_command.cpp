#include <spdlog/spdlog.h>

#include <unistd.h>

#include <array>
#include <filesystem>
#include <iostream>
#include <optional>

#include "adapters/cli/audit_checkpoint.hpp"
#include "adapters/cli/commands.hpp"
#include "adapters/cli/data_paths.hpp"
#include "adapters/cli/demo_loader.hpp"
#include "adapters/config/calendar_loader.hpp"
#include "adapters/config/rule_pack_loader.hpp"
#include "adapters/config/settings.hpp"
#include "adapters/config/yaml_reader.hpp"
#include "adapters/db/apply_service.hpp"
#include "adapters/db/database.hpp"
#include "adapters/db/group_commit.hpp"
#include "adapters/db/migrations.hpp"
#include "adapters/db/round_service.hpp"
#include "adapters/http/api_routes.hpp"
#include "adapters/http/checkpoint_routes.hpp"
#include "adapters/http/health_handlers.hpp"
#include "adapters/http/metrics.hpp"
#include "adapters/http/server.hpp"
#include "adapters/http/static_files.hpp"
#include "adapters/notify/curl_channels.hpp"
#include "adapters/notify/log_channel.hpp"
#include "adapters/notify/outbox_runner.hpp"
#include "adapters/scheduler/checkpoint_runner.hpp"
#include "adapters/scheduler/scheduler.hpp"
#include "adapters/scheduler/system_clock.hpp"
#include "engine/audit/record.hpp"
#include "engine/nominees.hpp"

namespace tdkt::adapters::cli {
namespace {

struct ServeOptions {
  std::string config_file;
  std::string db_url;
  std::string listen;
  bool migrate = false;
  bool no_scheduler = false;
  int scheduler_batch = 32;
  int scheduler_lease_seconds = 30;
  std::string notify_templates;  // empty: notify/templates.yaml beside the rules directory
  std::string smtp_url;
  std::string smtp_from;
  std::string webhook_secret;
  std::string webhook_url;
  bool demo = false;
  std::string scenario = "binh-luong-2024";
  std::string demo_dir;  // empty: the scenario's
  std::string web_dir;
  std::string checkpoint_key;  // signs the daily audit checkpoint; empty: none is taken
};

// The demo's scenarios: their files and the time their clock starts at.
struct DemoScenario {
  std::string_view name;
  std::string_view dir;
  std::string_view start;  // RFC 3339 UTC
  std::string_view banner;
};
constexpr std::array<DemoScenario, 2> kScenarios = {{
    // Wednesday 21/8/2024 08:00 +07: the movement ended on 31/7, the council has sat three times
    // in August and the Chairman has signed the decisions and tờ trình of rounds 1 and 2; two
    // days before the nomination cut-off (23/8), four before the ceremony (25/8).
    {"binh-luong-2024", "config/demo", "2024-08-21T01:00:00Z",
     "Bình Lương 2024, clock started at Wednesday 21/8/2024 08:00 (+07:00)"},
    // Friday 20/11/2026 08:00 +07: xã Hóa Quỳ, which took over Bình Lương on 1/7/2025, runs its
    // 2026 campaign under the 2025 pack; Bình Lương's dossiers sent to the district in June 2025
    // wait for a transfer, one was transferred and decided in July 2025.
    {"hoa-quy-2026", "config/demo/hoa-quy-2026", "2026-11-20T01:00:00Z",
     "xã Hóa Quỳ 2026 (Bình Lương merged into it on 1/7/2025), clock started at Friday "
     "20/11/2026 08:00 (+07:00)"},
}};
constexpr std::string_view kDemoDatabase = "var/demo.db";

const DemoScenario* FindScenario(std::string_view name) {
  for (const DemoScenario& scenario : kScenarios) {
    if (scenario.name == name) return &scenario;
  }
  return nullptr;
}

// Names this process in the timers it claims: "host/pid".
std::string ProcessOwner() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host[0] != '\0' ? host : "localhost") + "/" + std::to_string(getpid());
}

// config/rules -> config/notify/templates.yaml: the layout of the configuration directory.
std::string DefaultTemplates(const std::string& rules_dir) {
  std::filesystem::path rules = std::filesystem::path(rules_dir).lexically_normal();
  if (rules.filename().empty()) rules = rules.parent_path();
  return (rules.parent_path() / "notify" / "templates.yaml").string();
}

int RunServe(const ServeOptions& options, CommandContext& context) {
  // Nominees are stored and searched by ICU keys: none made with a broken ICU.
  if (engine::Status keying = engine::CheckNameKeying(); !keying.ok()) {
    return Fail(1, keying.message());
  }
  config::ServiceSettings settings;
  const std::string config_file = ConfigFile(options.config_file);
  try {
    settings = LoadSettings(config_file);
  } catch (const config::ConfigError& e) {
    return Fail(2, e.what());
  }
  if (!options.db_url.empty()) settings.database_url = options.db_url;
  const DemoScenario* scenario = FindScenario(options.scenario);
  if (scenario == nullptr) {
    return Fail(2, "--scenario: expected binh-luong-2024 or hoa-quy-2026, got \"" +
                       options.scenario + "\"");
  }
  const std::string demo_dir =
      options.demo_dir.empty() ? std::string(scenario->dir) : options.demo_dir;
  if (options.demo && options.db_url.empty()) {
    // A fresh demo database each time: the campaign's history is loaded anew. Its directory is
    // the demo's own (a --db path's directory is never created, see Database::Open).
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::error_code ignored;
      std::filesystem::remove(std::string(kDemoDatabase) + suffix, ignored);
    }
    std::error_code ec;
    const auto demo_dir = std::filesystem::path(kDemoDatabase).parent_path();
    std::filesystem::create_directories(demo_dir, ec);
    if (ec) return Fail(1, "cannot create " + demo_dir.string() + " for the demo: " + ec.message());
    settings.database_url = "sqlite:" + std::string(kDemoDatabase);
  }
  if (!options.web_dir.empty()) settings.web_dir = options.web_dir;
  if (!options.notify_templates.empty()) settings.notify_templates = options.notify_templates;
  if (!options.smtp_url.empty()) settings.smtp_url = options.smtp_url;
  if (!options.smtp_from.empty()) settings.smtp_from = options.smtp_from;
  if (!options.webhook_url.empty()) settings.webhook_url = options.webhook_url;
  if (!options.listen.empty()) settings.listen = options.listen;
  auto listen = http::ParseListenAddress(settings.listen);
  if (!listen.ok()) return Fail(2, listen.status().message());
  auto url = db::ParseDatabaseUrl(settings.database_url);
  if (!url.ok()) return Fail(2, url.status().message());

  auto log = context.Logger();
  auto database = db::Database::Open(*url, static_cast<std::size_t>(settings.database_pool_size));
  if (!database.ok()) return Fail(ExitCodeOf(database.status()), database.status().message());
  db::Database& db = **database;
  if (options.migrate || options.demo) {
    auto report = db::Migrate(db);
    if (!report.ok()) return Fail(1, report.status().message());
    for (const auto& note : report->notes) log->info("migration: {}", note);
  }
  auto version = db::SchemaVersion(db);
  if (!version.ok()) return Fail(1, version.status().message());
  if (*version < db::LatestSchemaVersion()) {
    return Fail(1, "the schema of " + url->redacted + " is at version " + std::to_string(*version) +
                       ", this tdkt needs " + std::to_string(db::LatestSchemaVersion()) +
                       ": run `tdkt migrate --db " + url->redacted +
                       "` first (or serve with --migrate)");
  }

  // Events from HTTP and from the scheduler's timers go through the same Apply path.
  engine::RulePackRegistry packs;
  engine::BaseSalaryTable salaries;
  engine::calendar::WorkingCalendar calendar;
  notify::TemplateSet templates;
  std::optional<engine::AdministrativeMap> administration;
  try {
    packs = config::LoadRulePackDirectory(settings.rules_dir);
    salaries = config::LoadBaseSalaryFile(config::BaseSalaryFileBeside(settings.rules_dir));
    administration = config::LoadAdministrationBeside(settings.rules_dir);
    calendar = config::LoadWorkingCalendar(settings.calendar_dir);
    if (!options.no_scheduler) {
      templates = notify::LoadTemplates(settings.notify_templates.empty()
                                            ? DefaultTemplates(settings.rules_dir)
                                            : settings.notify_templates);
    }
  } catch (const config::ConfigError& e) {
    return Fail(2, e.what());
  }
  // The dashboard's root is checked now, not at the first request: a misspelt path would
  // otherwise serve 404s to every browser while the service looks healthy.
  if (std::error_code ec; !std::filesystem::is_directory(settings.web_dir, ec)) {
    const std::string origin = !options.web_dir.empty() ? "--web"
                               : !config_file.empty()   ? config_file + ": paths.web"
                                                        : "paths.web (default)";
    return Fail(
        2, origin + ": " + settings.web_dir + " is not a directory (the dashboard's static files)");
  }
  if (!settings.smtp_url.empty() && settings.smtp_from.empty()) {
    return Fail(2, "--smtp-url (notify.smtp_url) needs --smtp-from (the sender's address)");
  }
  // The daily checkpoint's key is read now: a wrong path must stop the start, not a night's run.
  scheduler::CheckpointSettings checkpoint_settings;
  if (!options.checkpoint_key.empty()) {
    auto key = ReadSigningKey(options.checkpoint_key);
    if (!key.ok()) return Fail(2, "--checkpoint-key: " + key.status().message());
    checkpoint_settings.private_key_pem = std::move(*key);
  }
  db::GroupCommitter committer(db, db::GroupCommitSettings{});
  db::ApplySettings apply_settings;
  if (administration) apply_settings.administration = &*administration;
  db::ApplyService apply(db, committer, packs, calendar, apply_settings);
  db::RoundService rounds(db, committer, packs, salaries, calendar, apply_settings);
  std::unique_ptr<engine::Clock> clock_holder;
  if (options.demo) {
    clock_holder =
        std::make_unique<scheduler::ShiftedClock>(*engine::audit::ParseTimestamp(scenario->start));
  } else {
    clock_holder = std::make_unique<scheduler::SystemClock>();
  }
  const engine::Clock& clock = *clock_holder;
  std::optional<DemoLoad> demo;
  if (options.demo) {
    try {
      auto loaded = LoadDemo(demo_dir, db, apply, rounds, calendar);
      if (!loaded.ok()) {
        return Fail(loaded.status().code() == engine::StatusCode::kUnavailable ? 1 : 2,
                    "demo: " + loaded.status().message());
      }
      demo = std::move(*loaded);
    } catch (const config::ConfigError& e) {
      return Fail(2, std::string("demo: ") + e.what());
    }
    log->info("demo loaded: {} units, {} users, {} campaigns, {} dossiers, {} events", demo->units,
              demo->users, demo->campaigns, demo->dossiers, demo->events);
  }
  scheduler::TimerStore timer_store(db);
  scheduler::TimerFirer firer(db, apply);
  scheduler::SchedulerSettings scheduler_settings;
  scheduler_settings.owner = ProcessOwner();
  scheduler_settings.batch_size = options.scheduler_batch;
  scheduler_settings.lease = std::chrono::seconds(options.scheduler_lease_seconds);
  scheduler::Scheduler timers(scheduler_settings, timer_store, firer, clock, log);

  // The outbox is delivered by the same processes that fire timers: to the log always, by e-mail
  // when an SMTP server is given, to webhooks when a signing secret is.
  notify::LogChannel log_channel(log);
  notify::SmtpSettings smtp_settings;
  smtp_settings.url = settings.smtp_url;
  smtp_settings.from = settings.smtp_from;
  notify::SmtpChannel smtp(smtp_settings);
  notify::WebhookSettings webhook_settings;
  webhook_settings.secret = options.webhook_secret;
  notify::WebhookChannel webhook(webhook_settings);
  notify::Channels channels;
  channels.log = &log_channel;
  if (!settings.smtp_url.empty()) channels.email = &smtp;
  if (!options.webhook_secret.empty()) channels.webhook = &webhook;
  notify::DispatcherSettings dispatcher_settings;
  dispatcher_settings.owner = ProcessOwner();
  dispatcher_settings.default_webhook = settings.webhook_url;
  dispatcher_settings.max_attempts = settings.notify_max_attempts;
  dispatcher_settings.backoff_base = std::chrono::seconds(settings.notify_backoff_base_seconds);
  dispatcher_settings.backoff_cap = std::chrono::seconds(settings.notify_backoff_cap_seconds);
  notify::OutboxDispatcher dispatcher(db, clock, templates, channels, dispatcher_settings, log);
  notify::OutboxRunner outbox(dispatcher, dispatcher_settings.batch, std::chrono::seconds(5), log);
  scheduler::CheckpointRunner checkpoints(db, clock, checkpoint_settings, log);

  // Metrics count every event this process writes (timers included); a written event may have
  // planned an earlier timer, so the scheduler looks again.
  http::Metrics metrics;
  auto observe = [&metrics, &timers, &options](const db::ApplyOutcome& outcome) {
    metrics.CountEvent(outcome.event);
    if (!options.no_scheduler) timers.Wake();
  };
  apply.SetObserver(observe);
  rounds.SetObserver(observe);

  http::Router router;
  http::AddHealthRoutes(router, db);
  http::AddMetricsRoute(router, metrics, db, clock);
  http::AddCheckpointRoutes(router, db);
  http::ApiServices api{db, apply, rounds, packs, calendar, clock, metrics, options.demo};
  if (administration) api.administration = &*administration;
  http::AddApiRoutes(router, api);
  router.SetFallback(http::StaticFiles(settings.web_dir));

  http::HttpServerSettings server_settings;
  server_settings.host = listen->first;
  server_settings.port = listen->second;
  server_settings.threads = settings.http_threads;
  server_settings.max_body_bytes = static_cast<std::size_t>(settings.max_body_bytes);
  server_settings.request_timeout = std::chrono::milliseconds(settings.request_timeout_ms);
  server_settings.on_response = [&metrics](const http::HttpRequest& request,
                                           const http::HttpResponse& response,
                                           std::chrono::microseconds elapsed) {
    metrics.ObserveRequest(request.method, response.route.empty() ? "unmatched" : response.route,
                           response.status, elapsed);
  };
  http::HttpServer server(std::move(server_settings), std::move(router), log);
  auto port = server.Listen();
  if (!port.ok()) return Fail(1, port.status().message());
  std::string host =
      listen->first.find(':') != std::string::npos ? "[" + listen->first + "]" : listen->first;
  std::cout << "tdkt serving " << url->redacted << " on http://" << host << ":" << *port << "/"
            << std::endl;
  if (demo) {
    std::cout << "demo: " << scenario->banner << "; open "
              << "http://" << host << ":" << *port << "/ and log in with one of these tokens:\n";
    for (const auto& token : demo->tokens) {
      std::cout << "  " << token.role << " " << token.token << "  (" << token.user_name
                << (token.unit.empty() ? "" : ", " + token.unit) << ")\n";
    }
    std::cout << std::flush;
  }
  log->info("listening on {}:{} with {} ({} schema version {})", host, *port, url->redacted,
            db::BackendName(db.backend()), *version);
  if (!options.no_scheduler) {
    timers.Start();
    outbox.Start();
    if (!options.checkpoint_key.empty()) checkpoints.Start();
  }
  server.Run();
  timers.Stop();
  checkpoints.Stop();
  outbox.Stop();
  log->info("stopped");
  return 0;
}

}  // namespace

void AddServeCommand(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<ServeOptions>();
  auto* command = app.add_subcommand(
      "serve", "Run the HTTP service (GET /healthz, /api/v1/…) until SIGINT or SIGTERM");
  command
      ->add_option("--config", options->config_file,
                   "YAML configuration file (see config/tdkt.yaml; default: TDKT_CONFIG); flags "
                   "override it")
      ->check(CLI::ExistingFile);
  command->add_option("--db", options->db_url,
                      "Database: sqlite:PATH (default sqlite:var/tdkt.db), "
                      "postgresql://user@host:port/dbname or a libpq key=value string");
  command->add_option("--listen", options->listen,
                      "Address to listen on, HOST:PORT (default 127.0.0.1:8080; port 0 picks a "
                      "free port)");
  command->add_flag("--migrate", options->migrate,
                    "Apply pending schema migrations before serving");
  command->add_flag("--no-scheduler", options->no_scheduler,
                    "Do not fire deadline timers in this process (serve HTTP only)");
  command
      ->add_option("--scheduler-batch", options->scheduler_batch,
                   "Timers claimed at once by this process")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  command
      ->add_option("--scheduler-lease", options->scheduler_lease_seconds,
                   "Seconds a claimed timer stays with this process; when it dies, another "
                   "process takes the timer over after this")
      ->check(CLI::Range(1, 86400))
      ->capture_default_str();
  command->add_option("--notify-templates", options->notify_templates,
                      "The notification texts, delivered by processes that run the scheduler "
                      "(default: notify/templates.yaml beside the rules directory)");
  command->add_option("--smtp-url", options->smtp_url,
                      "Send e-mail notifications through this server (smtp://HOST:PORT, "
                      "smtps://HOST:PORT)");
  command->add_option("--smtp-from", options->smtp_from, "The sender's e-mail address");
  command
      ->add_option("--webhook-secret", options->webhook_secret,
                   "Sign webhook notifications with this HMAC-SHA256 secret (and send them)")
      ->envname("TDKT_WEBHOOK_SECRET");
  command->add_option("--webhook-url", options->webhook_url,
                      "Webhook for recipients whose unit has none");
  command
      ->add_option("--checkpoint-key", options->checkpoint_key,
                   "Take a signed checkpoint of the audit log every day with this Ed25519 private "
                   "key (tdkt audit keygen) and send it to the auditor through the outbox "
                   "(processes that run the scheduler; docs/audit-format.md)")
      ->envname("TDKT_CHECKPOINT_KEY");
  CLI::Option* demo_flag = command->add_flag(
      "--demo", options->demo,
      "Load the reference campaign (config/demo) into an empty database — without "
      "--db a fresh var/demo.db — and run on a clock that starts at 21/8/2024 08:00 "
      "(+07:00); prints a token for each role");
  command
      ->add_option("--scenario", options->scenario,
                   "With --demo: binh-luong-2024 (the reference campaign, clock 21/8/2024) or "
                   "hoa-quy-2026 (the merged commune after 1/7/2025, clock 20/11/2026)")
      ->capture_default_str()
      ->needs(demo_flag);
  command
      ->add_option("--demo-dir", options->demo_dir,
                   "The demo's files (default: the scenario's, config/demo or "
                   "config/demo/hoa-quy-2026)")
      ->needs(demo_flag);
  command->add_option("--web", options->web_dir,
                      "The dashboard's static files (default: web, or paths.web of --config)");
  command->callback([options, &context] { context.exit_code = RunServe(*options, context); });
}

}  // namespace tdkt::adapters::cli
