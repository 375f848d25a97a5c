#include <spdlog/spdlog.h>

#include <iostream>
#include <optional>

#include "adapters/cli/commands.hpp"
#include "adapters/config/settings.hpp"
#include "adapters/config/yaml_reader.hpp"
#include "adapters/db/database.hpp"
#include "adapters/db/migrations.hpp"
#include "adapters/http/health_handlers.hpp"
#include "adapters/http/server.hpp"

namespace tdkt::adapters::cli {
namespace {

struct ServeOptions {
  std::string config_file;
  std::string db_url;
  std::string listen;
  bool migrate = false;
};

int RunServe(const ServeOptions& options, CommandContext& context) {
  config::ServiceSettings settings;
  if (!options.config_file.empty()) {
    try {
      settings = config::LoadServiceSettings(options.config_file);
    } catch (const config::ConfigError& e) {
      return Fail(2, e.what());
    }
  }
  if (!options.db_url.empty()) settings.database_url = options.db_url;
  if (!options.listen.empty()) settings.listen = options.listen;
  auto listen = http::ParseListenAddress(settings.listen);
  if (!listen.ok()) return Fail(2, listen.status().message());
  auto url = db::ParseDatabaseUrl(settings.database_url);
  if (!url.ok()) return Fail(2, url.status().message());

  auto log = context.Logger();
  auto database = db::Database::Open(*url, static_cast<std::size_t>(settings.database_pool_size));
  if (!database.ok()) return Fail(1, database.status().message());
  db::Database& db = **database;
  if (options.migrate) {
    auto report = db::Migrate(db);
    if (!report.ok()) return Fail(1, report.status().message());
  }
  auto version = db::SchemaVersion(db);
  if (!version.ok()) return Fail(1, version.status().message());
  if (*version < db::LatestSchemaVersion()) {
    return Fail(1, "the schema of " + url->redacted + " is at version " + std::to_string(*version) +
                       ", this tdkt needs " + std::to_string(db::LatestSchemaVersion()) +
                       ": run `tdkt migrate --db " + url->redacted +
                       "` first (or serve with --migrate)");
  }

  http::Router router;
  http::AddHealthRoutes(router, db);

  http::HttpServerSettings server_settings;
  server_settings.host = listen->first;
  server_settings.port = listen->second;
  server_settings.threads = settings.http_threads;
  server_settings.max_body_bytes = static_cast<std::size_t>(settings.max_body_bytes);
  server_settings.request_timeout = std::chrono::milliseconds(settings.request_timeout_ms);
  http::HttpServer server(std::move(server_settings), std::move(router), log);
  auto port = server.Listen();
  if (!port.ok()) return Fail(1, port.status().message());
  std::string host =
      listen->first.find(':') != std::string::npos ? "[" + listen->first + "]" : listen->first;
  std::cout << "tdkt serving " << url->redacted << " on http://" << host << ":" << *port << "/"
            << std::endl;
  log->info("listening on {}:{} with {} ({} schema version {})", host, *port, url->redacted,
            db::BackendName(db.backend()), *version);
  server.Run();
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
                   "YAML configuration file (see config/tdkt.yaml); flags override it")
      ->check(CLI::ExistingFile);
  command->add_option("--db", options->db_url,
                      "Database: sqlite:PATH (default sqlite:var/tdkt.db), "
                      "postgresql://user@host:port/dbname or a libpq key=value string");
  command->add_option("--listen", options->listen,
                      "Address to listen on, HOST:PORT (default 127.0.0.1:8080; port 0 picks a "
                      "free port)");
  command->add_flag("--migrate", options->migrate,
                    "Apply pending schema migrations before serving");
  command->callback([options, &context] { context.exit_code = RunServe(*options, context); });
}

}  // namespace tdkt::adapters::cli
