#include <spdlog/spdlog.h>

#include <iostream>

#include "adapters/cli/commands.hpp"
#include "adapters/db/database.hpp"
#include "adapters/db/migrations.hpp"
#include "engine/nominees.hpp"

namespace tdkt::adapters::cli {

void AddMigrateCommand(CLI::App& app, CommandContext& context) {
  auto* command = app.add_subcommand(
      "migrate",
      "Create or upgrade the database schema (versioned migrations, applied in order; safe to run "
      "twice, and from several processes at once)");
  // The package's post-install gives --config.
  auto options = std::make_shared<DatabaseFlags>();
  AddDatabaseFlags(command, *options);
  command->callback([options, &context] {
    auto db_url = DatabaseUrlOf(options->db_url, options->config_file, context.exit_code);
    if (!db_url) return;
    auto url = db::ParseDatabaseUrl(*db_url);
    if (!url.ok()) {
      context.exit_code = Fail(2, url.status().message());
      return;
    }
    auto database = db::Database::Open(*url, 1);
    if (!database.ok()) {
      context.exit_code = Fail(ExitCodeOf(database.status()), database.status().message());
      return;
    }
    // Migration 10 keys the nominees of existing dossiers through ICU.
    if (engine::Status keying = engine::CheckNameKeying(); !keying.ok()) {
      context.exit_code = Fail(1, keying.message());
      return;
    }
    auto report = db::Migrate(**database);
    if (!report.ok()) {
      context.exit_code = Fail(1, report.status().message());
      return;
    }
    if (report->applied.empty()) {
      std::cout << "schema of " << url->redacted << " is up to date at version "
                << report->from_version << std::endl;
    } else {
      std::cout << "migrated " << url->redacted << " from version " << report->from_version
                << " to " << report->to_version << std::endl;
      for (const auto& note : report->notes) std::cout << "  " << note << std::endl;
    }
    context.exit_code = 0;
  });
}

}  // namespace tdkt::adapters::cli
