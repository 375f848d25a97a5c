#pragma once
// The subcommands of the tdkt program, each registered on the CLI11 app by one function.
//
// A command's callback stores its exit code in CommandContext::exit_code: 0 success, 1 a runtime
// failure (database unreachable, port taken), 2 bad input (bad URL, bad config file).

#include <CLI/CLI.hpp>

#include <memory>
#include <optional>
#include <string>

#include "engine/status.hpp"

namespace spdlog {
class logger;
}

namespace tdkt::adapters::db {
class Database;
}  // namespace tdkt::adapters::db

namespace tdkt::engine {
struct Actor;
}  // namespace tdkt::engine

namespace tdkt::adapters::cli {

struct CommandContext {
  std::string log_format = "text";
  std::string log_level = "info";
  int exit_code = 0;
  // The logger, made by the first command that needs one (after the options are parsed).
  std::shared_ptr<spdlog::logger> Logger();

 private:
  std::shared_ptr<spdlog::logger> logger_;
};

// Prints "tdkt: error: MESSAGE" on stderr, on one line, and returns `code`. Control characters in
// MESSAGE (a newline quoted from a flag's value) are written escaped, as \n or \xNN.
int Fail(int code, const std::string& message);

// The exit code for a failed status: 1 when the world failed (kUnavailable: a database that cannot
// be reached), 2 for every other code (the input was bad).
int ExitCodeOf(const engine::Status& status);

// The configuration file to read: `flag` (--config) when given, else the value of the environment
// variable TDKT_CONFIG, else "" (the defaults of config::ServiceSettings).
std::string ConfigFile(const std::string& flag);

// The database a command works on: `db_flag` (--db) when given, else database.url of the
// configuration file (`config_flag`, else TDKT_CONFIG), else the default. On a bad configuration
// file prints the one-line error, stores exit code 2 in `exit_code` and returns nullopt.
std::optional<std::string> DatabaseUrlOf(const std::string& db_flag, const std::string& config_flag,
                                         int& exit_code);

// Where a command finds its database: --db, else database.url of --config (or TDKT_CONFIG), else
// the default. AddDatabaseFlags adds both flags to `command`; OpenConfiguredDatabase resolves them
// (DatabaseUrlOf) and opens the database at `min_version` (OpenDatabaseAtVersion).
struct DatabaseFlags {
  std::string db_url;
  std::string config_file;
};
void AddDatabaseFlags(CLI::App* command, DatabaseFlags& flags);

// Opens `url` (one connection) and checks that its schema is at least `min_version`. On failure
// prints the one-line error, stores the exit code in `exit_code` (2 for a bad URL or an old
// schema, with the `tdkt migrate` to run; 1 when the database cannot be reached) and returns null.
std::unique_ptr<db::Database> OpenDatabaseAtVersion(const std::string& url, int min_version,
                                                    int& exit_code);
std::unique_ptr<db::Database> OpenConfiguredDatabase(const DatabaseFlags& flags, int min_version,
                                                     int& exit_code);

void AddMigrateCommand(CLI::App& app, CommandContext& context);
void AddServeCommand(CLI::App& app, CommandContext& context);
void AddAuditCommand(CLI::App& app, CommandContext& context);
void AddReplayCommand(CLI::App& app, CommandContext& context);
void AddOutboxCommand(CLI::App& app, CommandContext& context);
void AddTimersCommand(CLI::App& app, CommandContext& context);
// tdkt report structure|results: a campaign's report as XLSX or CSV.
void AddReportCommand(CLI::App& app, CommandContext& context);
void AddUserCommands(CLI::App& app, CommandContext& context);  // user add, token issue
// init, unit …, user disable|list, token revoke|list, commune show|set; after AddUserCommands.
// Their changes, and those of user add and token issue, are recorded in the administrative
// stream as made by CliAdminActor(): the user "cli" in the role admin.
void AddAdminCommands(CLI::App& app, CommandContext& context);
engine::Actor CliAdminActor();
// document decision|submission: the office's documents as DOCX or PDF (adapters/documents).
void AddDocumentCommand(CLI::App& app, CommandContext& context);

}  // namespace tdkt::adapters::cli
