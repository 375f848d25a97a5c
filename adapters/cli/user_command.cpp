// tdkt user add / tdkt token issue: the people who use the service and their bearer tokens.
//
// A token is printed once, on standard output, and only its SHA-256 is stored; issuing a new
// token to a user replaces the old one. Both commands work while `tdkt serve` runs on the same
// database (SQLite waits for the server's write lock).
//
// Exit codes: 0 done; 1 the database could not be reached; 2 bad input (unknown role or unit,
// a user that exists, schema too old).

#include <iostream>
#include <string>
#include <utility>

#include "adapters/cli/commands.hpp"
#include "adapters/db/admin_store.hpp"
#include "adapters/db/database.hpp"
#include "adapters/db/directory_store.hpp"
#include "adapters/db/migrations.hpp"
#include "adapters/db/transaction.hpp"
#include "adapters/scheduler/system_clock.hpp"

namespace tdkt::adapters::cli {
namespace {

// The schema version with the administrative stream, where these changes are recorded.
constexpr int kUsersSchemaVersion = 11;  // a user's unit is read with its succession

struct UserOptions {
  DatabaseFlags database;
  std::string id;
  std::string name;
  std::string role;
  std::string unit;
  std::string email;
};

// A flag's text must be printable: an id or name with a newline would forge lines in the logs,
// the CSV exports and this program's own output. Returns InvalidArgument naming the flag.
engine::Status CheckPrintable(const char* flag, const std::string& value) {
  for (char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      return engine::Status::InvalidArgument(
          std::string(flag) + ": must not contain control characters, got '" + value + "'");
    }
  }
  return engine::Status::Ok();
}

// Checks every text flag of `options`; `id_flag` is how the id was given (--id or --user).
engine::Status CheckFlags(const UserOptions& options, const char* id_flag) {
  for (const auto& [flag, value] : {std::pair<const char*, const std::string&>{id_flag, options.id},
                                    {"--name", options.name},
                                    {"--role", options.role},
                                    {"--unit", options.unit},
                                    {"--email", options.email}}) {
    if (auto status = CheckPrintable(flag, value); !status.ok()) return status;
  }
  return engine::Status::Ok();
}

engine::Result<db::UserRecord> UserFrom(const UserOptions& options) {
  auto role = engine::ParseRole(options.role);
  if (!role || *role == engine::Role::kTimer) {
    return engine::Status::InvalidArgument(
        "--role must be unit_officer, unit_head, secretariat, council_member, chairman, auditor "
        "or admin, not '" +
        options.role + "'");
  }
  db::UserRecord user;
  user.id = options.id;
  user.name = options.name;
  user.role = *role;
  if (!options.unit.empty()) user.unit = options.unit;
  if (!options.email.empty()) user.email = options.email;
  return user;
}

int RunUserAdd(const UserOptions& options) {
  if (auto checked = CheckFlags(options, "--id"); !checked.ok()) return Fail(2, checked.message());
  if (options.id.empty()) return Fail(2, "--id: must not be empty");
  auto user = UserFrom(options);
  if (!user.ok()) return Fail(2, user.status().message());
  int exit_code = 0;
  auto database = OpenConfiguredDatabase(options.database, kUsersSchemaVersion, exit_code);
  if (!database) return exit_code;
  engine::Status added = db::RunInTransaction(*database, [&](soci::session& sql) {
    return db::AdminStore(database->backend())
        .AddUser(sql, *user, CliAdminActor(), scheduler::SystemClock().Now())
        .status();
  });
  if (!added.ok()) return Fail(ExitCodeOf(added), added.message());
  std::cout << "user " << user->id << " added (" << options.role
            << (user->unit ? " of " + *user->unit : "") << ")" << std::endl;
  return 0;
}

int RunTokenIssue(const UserOptions& options) {
  if (auto checked = CheckFlags(options, "--user"); !checked.ok()) {
    return Fail(2, checked.message());
  }
  int exit_code = 0;
  auto database = OpenConfiguredDatabase(options.database, kUsersSchemaVersion, exit_code);
  if (!database) return exit_code;
  db::DirectoryStore directory(database->backend());
  std::string token;
  std::string user_id = options.id;
  engine::Status issued = db::RunInTransaction(*database, [&](soci::session& sql) {
    if (!user_id.empty()) {
      // An existing user gets a new token; the role and unit given must be theirs.
      auto existing = directory.LoadUser(sql, user_id);
      if (existing.ok()) {
        if (!options.role.empty() && engine::RoleName(existing->role) != options.role) {
          return engine::Status::InvalidArgument("user " + user_id + " is " +
                                                 std::string(engine::RoleName(existing->role)) +
                                                 ", not " + options.role);
        }
        auto fresh = db::AdminStore(database->backend())
                         .IssueToken(sql, user_id, CliAdminActor(), scheduler::SystemClock().Now());
        if (!fresh.ok()) return fresh.status();
        token = *fresh;
        return engine::Status::Ok();
      }
      if (existing.status().code() != engine::StatusCode::kNotFound) return existing.status();
    } else {
      user_id = "u-" + db::NewToken().substr(5, 10);
    }
    UserOptions create = options;
    create.id = user_id;
    auto user = UserFrom(create);
    if (!user.ok()) return user.status();
    if (user->name.empty())
      return engine::Status::InvalidArgument("--name is required for a new user");
    const db::AdminStore admin(database->backend());
    const auto now = scheduler::SystemClock().Now();
    if (auto s = admin.AddUser(sql, *user, CliAdminActor(), now).status(); !s.ok()) return s;
    auto fresh = admin.IssueToken(sql, user_id, CliAdminActor(), now);
    if (!fresh.ok()) return fresh.status();
    token = *fresh;
    return engine::Status::Ok();
  });
  if (!issued.ok()) return Fail(ExitCodeOf(issued), issued.message());
  std::cerr << "token for user " << user_id
            << " (shown once; only its SHA-256 is kept — store it now):" << std::endl;
  std::cout << token << std::endl;
  return 0;
}

void AddDbOption(CLI::App* command, UserOptions& options) {
  AddDatabaseFlags(command, options.database);
}

}  // namespace

void AddUserCommands(CLI::App& app, CommandContext& context) {
  auto user_options = std::make_shared<UserOptions>();
  auto* user = app.add_subcommand("user", "The people who use the service");
  user->require_subcommand(1);
  auto* add = user->add_subcommand("add", "Add a user (give them a token with `tdkt token issue`)");
  AddDbOption(add, *user_options);
  add->add_option("--id", user_options->id, "The user's id, e.g. thon1-canbo")->required();
  add->add_option("--name", user_options->name, "The user's name, as people read it")->required();
  add->add_option("--role", user_options->role,
                  "unit_officer, unit_head, secretariat, council_member, chairman, auditor or "
                  "admin")
      ->required();
  add->add_option("--unit", user_options->unit, "The unit of a unit_officer or unit_head");
  add->add_option("--email", user_options->email, "Where notifications to this user go");
  add->callback([user_options, &context] { context.exit_code = RunUserAdd(*user_options); });

  auto token_options = std::make_shared<UserOptions>();
  auto* token = app.add_subcommand("token", "Bearer tokens for the HTTP API and the dashboard");
  token->require_subcommand(1);
  auto* issue = token->add_subcommand(
      "issue",
      "Issue a token and print it once: to --user when that user exists (replacing their old "
      "token), otherwise to a new user with --role, --unit and --name");
  AddDbOption(issue, *token_options);
  issue->add_option("--user", token_options->id, "An existing user's id (or the new user's)");
  issue->add_option("--role", token_options->role, "The role (required for a new user)");
  issue->add_option("--unit", token_options->unit, "The unit of a unit_officer or unit_head");
  issue->add_option("--name", token_options->name, "The new user's name");
  issue->add_option("--email", token_options->email, "The new user's e-mail address");
  issue->callback([token_options, &context] { context.exit_code = RunTokenIssue(*token_options); });
}

}  // namespace tdkt::adapters::cli
