// tdkt: the composition root. Parses the command line and runs one subcommand.

#include <CLI/CLI.hpp>

#include <iostream>
#include <string>

#include "adapters/cli/calendar_command.hpp"
#include "adapters/cli/commands.hpp"
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
  AddCalendarCommand(app, context);
  AddAuditCommand(app, context);
  AddReplayCommand(app, context);
  AddOutboxCommand(app, context);
  AddTimersCommand(app, context);
  AddReportCommand(app, context);
  AddUserCommands(app, context);
  AddAdminCommands(app, context);
  AddDocumentCommand(app, context);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);  // --help, --version: printed on stdout, exit 0
  } catch (const CLI::ParseError& e) {
    // Every other argument error is bad input: one line, exit 2 (CLI11's own exit codes and its
    // second line "Run with --help …" would break the program's rule, README "The program").
    std::string message = e.what();
    if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr &&
        message.find("subcommand") != std::string::npos) {
      // CLI11 says only "A subcommand is required" when the word given is not one of them.
      if (const auto rest = app.remaining(true); !rest.empty()) {
        message = "unknown subcommand '" + rest.front() + "' (--help lists them)";
      }
    }
    return Fail(2, message);
  }
  return context.exit_code;
}
