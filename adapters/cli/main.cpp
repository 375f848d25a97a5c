// tdkt: the composition root. Parses the command line and runs one subcommand.

#include <CLI/CLI.hpp>

#include <iostream>

#include "adapters/cli/calendar_command.hpp"
#include "adapters/cli/commands.hpp"
#include "adapters/config/calendar_loader.hpp"
#include "engine/version.hpp"

int main(int argc, char** argv) {
  using namespace tdkt::adapters::cli;
  CLI::App app{
      "tdkt — the workflow engine for commendation dossiers (hồ sơ đề nghị khen thưởng) of "
      "thi đua – khen thưởng.",
      "tdkt"};
  app.set_version_flag("--version", std::string(tdkt::engine::kVersion));
  app.require_subcommand(1);
  app.fallthrough();  // --log-format may also follow the subcommand
  CommandContext context;
  app.add_option("--log-format", context.log_format, "Log format: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  app.add_option("--log-level", context.log_level, "Log level: trace, debug, info, warn, error")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}))
      ->capture_default_str();

  AddMigrateCommand(app, context);
  AddServeCommand(app, context);
  AddCalendarCommand(app, context,
                     [] { return tdkt::adapters::config::LoadWorkingCalendar("config/calendar"); });
  AddAuditCommand(app, context);
  AddReplayCommand(app, context);
  AddOutboxCommand(app, context);
  AddTimersCommand(app, context);
  AddUserCommands(app, context);
  AddAdminCommands(app, context);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return context.exit_code;
}
