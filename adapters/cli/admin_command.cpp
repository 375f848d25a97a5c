// tdkt init | unit … | user disable|enable|change|list | token revoke|list | commune show|set:
// administering an installation from the server's shell, as the admin does from the dashboard.
//
// `tdkt init` is the first run: on a migrated database without an admin it creates one and
// prints their token once (stdout), so that the administrator can log in to the dashboard and do
// the rest there. Every change is recorded in the administrative stream (docs/audit-format.md)
// with the actor `cli` in the role admin, in the same transaction as the change. Each command
// works while `tdkt serve` runs on the same database.
//
// Exit codes: 0 done; 1 the database could not be reached; 2 bad input (unknown unit or user, an
// id that exists, an admin that exists for init, schema too old).

#include <functional>
#include <iostream>
#include <memory>
#include <string>

#include "adapters/cli/commands.hpp"
#include "adapters/db/admin_store.hpp"
#include "adapters/db/database.hpp"
#include "adapters/db/directory_store.hpp"
#include "adapters/db/transaction.hpp"
#include "adapters/scheduler/system_clock.hpp"
#include "engine/calendar/date_text.hpp"

namespace tdkt::adapters::cli {
namespace {

// The schema version that has the administrative stream and the commune's settings.
constexpr int kAdminSchemaVersion = 11;  // units with their succession

struct AdminOptions {
  DatabaseFlags database;
  std::string id;
  std::string name;
  std::string kind;
  std::string parent;
  std::string email;
  std::string province;
  std::string symbol;
  std::string chairman_name;
  std::string chairman_title;
  std::string successor;
  std::string last_day;
  std::string basis;
};

// Opens the database and runs `work` in one transaction; the exit code.
int Change(const AdminOptions& options,
           const std::function<engine::Status(soci::session&, const db::AdminStore&,
                                              engine::Timestamp)>& work) {
  int exit_code = 0;
  auto database = OpenConfiguredDatabase(options.database, kAdminSchemaVersion, exit_code);
  if (!database) return exit_code;
  db::AdminStore store(database->backend());
  const auto now = scheduler::SystemClock().Now();
  engine::Status status =
      db::RunInTransaction(*database, [&](soci::session& sql) { return work(sql, store, now); });
  if (!status.ok()) return Fail(ExitCodeOf(status), status.message());
  return 0;
}

// Opens the database and runs `read` on a session; the exit code.
int Read(const AdminOptions& options,
         const std::function<engine::Status(soci::session&, db::Backend)>& read) {
  int exit_code = 0;
  auto database = OpenConfiguredDatabase(options.database, kAdminSchemaVersion, exit_code);
  if (!database) return exit_code;
  auto sql = database->Acquire();
  engine::Status status = read(*sql, database->backend());
  if (!status.ok()) return Fail(ExitCodeOf(status), status.message());
  return 0;
}

int RunInit(const AdminOptions& options) {
  std::string token;
  int code = Change(options, [&](soci::session& sql, const db::AdminStore& store, auto now) {
    db::UserRecord admin;
    admin.id = options.id;
    admin.name = options.name;
    admin.role = engine::Role::kAdmin;
    if (!options.email.empty()) admin.email = options.email;
    auto issued = store.Init(sql, admin, CliAdminActor(), now);
    if (!issued.ok()) return issued.status();
    token = *issued;
    return engine::Status::Ok();
  });
  if (code != 0) return code;
  std::cerr << "admin " << options.id
            << " created; their token (shown once; only its SHA-256 is kept — store it now, then "
               "log in to the dashboard with it):"
            << std::endl;
  std::cout << token << std::endl;
  return 0;
}

void AddDbOption(CLI::App* command, AdminOptions& options) {
  AddDatabaseFlags(command, options.database);
}

std::string OrDash(const std::optional<std::string>& value) { return value.value_or("-"); }

// `name` under `app`, made when it does not exist yet (tdkt user and tdkt token are shared with
// user_command.cpp).
CLI::App* Subcommand(CLI::App& app, const std::string& name, const std::string& description) {
  for (CLI::App* existing : app.get_subcommands({})) {
    if (existing->get_name() == name) return existing;
  }
  auto* made = app.add_subcommand(name, description);
  made->require_subcommand(1);
  return made;
}

void AddUnitCommands(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<AdminOptions>();
  auto* unit = Subcommand(app, "unit", "The units (đơn vị) that propose nominations");

  auto* add = unit->add_subcommand("add", "Add a unit");
  AddDbOption(add, *options);
  add->add_option("--id", options->id, "The unit's id, e.g. thon-lang-sung")->required();
  add->add_option("--name", options->name, "Its name, e.g. \"Thôn Lang Sung\"")->required();
  add->add_option("--kind", options->kind, "village, school, health, agency, …")->required();
  add->add_option("--parent", options->parent, "The unit above it");
  add->callback([options, &context] {
    context.exit_code =
        Change(*options, [&](soci::session& sql, const db::AdminStore& store, auto now) {
          db::UnitRecord record;
          record.id = options->id;
          record.name = options->name;
          record.kind = options->kind;
          if (!options->parent.empty()) record.parent = options->parent;
          return store.AddUnit(sql, record, CliAdminActor(), now).status();
        });
    if (context.exit_code == 0) std::cout << "unit " << options->id << " added" << std::endl;
  });

  auto* rename = unit->add_subcommand("rename", "Rename a unit");
  AddDbOption(rename, *options);
  rename->add_option("--id", options->id, "The unit's id")->required();
  rename->add_option("--name", options->name, "Its new name")->required();
  rename->callback([options, &context] {
    context.exit_code =
        Change(*options, [&](soci::session& sql, const db::AdminStore& store, auto now) {
          db::UnitChange change;
          change.name = options->name;
          return store.ChangeUnit(sql, options->id, change, CliAdminActor(), now).status();
        });
    if (context.exit_code == 0) std::cout << "unit " << options->id << " renamed" << std::endl;
  });

  auto* retire = unit->add_subcommand(
      "retire", "Retire a unit: it keeps its dossiers and takes no new draft (never deleted)");
  AddDbOption(retire, *options);
  retire->add_option("--id", options->id, "The unit's id")->required();
  retire->callback([options, &context] {
    context.exit_code =
        Change(*options, [&](soci::session& sql, const db::AdminStore& store, auto now) {
          db::UnitChange change;
          change.retired = true;
          return store.ChangeUnit(sql, options->id, change, CliAdminActor(), now).status();
        });
    if (context.exit_code == 0) std::cout << "unit " << options->id << " retired" << std::endl;
  });

  auto* succeed = unit->add_subcommand(
      "succeed",
      "Record that a unit ended and which unit carries it on (a unit of a merged commune): it is "
      "retired, and a transfer moves its dossiers in flight to the successor");
  AddDbOption(succeed, *options);
  succeed->add_option("--id", options->id, "The unit that ended")->required();
  succeed->add_option("--successor", options->successor, "The unit that carries it on")->required();
  succeed->add_option("--last-day", options->last_day, "Its last day, YYYY-MM-DD or DD/MM/YYYY")
      ->required();
  succeed
      ->add_option("--basis", options->basis,
                   "The act that ended or merged it, e.g. \"Nghị quyết số 1686/NQ-UBTVQH15\"")
      ->required();
  succeed->callback([options, &context] {
    context.exit_code =
        Change(*options, [&](soci::session& sql, const db::AdminStore& store, auto now) {
          auto last_day = engine::calendar::ParseDate(options->last_day);
          if (!last_day.ok()) {
            return engine::Status::InvalidArgument("--last-day: " + last_day.status().message());
          }
          db::UnitChange change;
          change.succession =
              engine::UnitSuccession{engine::UnitId(options->successor), *last_day, options->basis};
          return store.ChangeUnit(sql, options->id, change, CliAdminActor(), now).status();
        });
    if (context.exit_code == 0) {
      std::cout << "unit " << options->id << " ended on " << options->last_day << "; "
                << options->successor << " carries it on" << std::endl;
    }
  });

  auto* list = unit->add_subcommand("list", "List the units: id, kind, parent, status, name");
  AddDbOption(list, *options);
  list->callback([options, &context] {
    context.exit_code = Read(*options, [](soci::session& sql, db::Backend backend) {
      auto units = db::DirectoryStore(backend).ListUnits(sql);
      if (!units.ok()) return units.status();
      for (const auto& u : *units) {
        std::cout << u.id << '\t' << (u.kind.empty() ? "-" : u.kind) << '\t' << OrDash(u.parent)
                  << '\t'
                  << (u.succession ? "succeeded by " + u.succession->successor.value()
                                   : std::string(u.retired ? "retired" : "active"))
                  << '\t' << u.name << '\n';
      }
      return engine::Status::Ok();
    });
  });
}

void AddUserAndTokenCommands(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<AdminOptions>();
  auto* user = Subcommand(app, "user", "The people who use the service");
  auto* disable = user->add_subcommand("disable", "Disable a user: their token stops working");
  AddDbOption(disable, *options);
  disable->add_option("--id", options->id, "The user's id")->required();
  disable->callback([options, &context] {
    context.exit_code =
        Change(*options, [&](soci::session& sql, const db::AdminStore& store, auto now) {
          db::UserChange change;
          change.active = false;
          return store.ChangeUser(sql, options->id, change, CliAdminActor(), now).status();
        });
    if (context.exit_code == 0) std::cout << "user " << options->id << " disabled" << std::endl;
  });
  auto* enable = user->add_subcommand("enable", "Enable a disabled user again");
  AddDbOption(enable, *options);
  enable->add_option("--id", options->id, "The user's id")->required();
  enable->callback([options, &context] {
    context.exit_code =
        Change(*options, [&](soci::session& sql, const db::AdminStore& store, auto now) {
          db::UserChange change;
          change.active = true;
          return store.ChangeUser(sql, options->id, change, CliAdminActor(), now).status();
        });
    if (context.exit_code == 0) std::cout << "user " << options->id << " enabled" << std::endl;
  });
  auto* change = user->add_subcommand(
      "change", "Change a user's role, unit, name or e-mail (a role without a unit drops it)");
  AddDbOption(change, *options);
  change->add_option("--id", options->id, "The user's id")->required();
  change->add_option("--role", options->kind, "The new role");
  change->add_option("--unit", options->parent, "The new unit (unit_officer, unit_head)");
  change->add_option("--name", options->name, "The new name");
  change->add_option("--email", options->email, "The new e-mail address");
  change->callback([options, &context] {
    db::UserChange change;
    if (!options->kind.empty()) {
      auto role = engine::ParseRole(options->kind);
      if (!role || *role == engine::Role::kTimer) {
        context.exit_code = Fail(2,
                                 "--role must be unit_officer, unit_head, secretariat, "
                                 "council_member, chairman, auditor or admin, not '" +
                                     options->kind + "'");
        return;
      }
      change.role = *role;
      if (!engine::IsUnitScoped(*role)) change.unit = std::optional<std::string>();
    }
    if (!options->parent.empty()) change.unit = std::optional<std::string>(options->parent);
    if (!options->name.empty()) change.name = options->name;
    if (!options->email.empty()) change.email = std::optional<std::string>(options->email);
    context.exit_code =
        Change(*options, [&](soci::session& sql, const db::AdminStore& store, auto now) {
          return store.ChangeUser(sql, options->id, change, CliAdminActor(), now).status();
        });
    if (context.exit_code == 0) std::cout << "user " << options->id << " changed" << std::endl;
  });
  auto* list = user->add_subcommand("list", "List the users: id, role, unit, status, name");
  AddDbOption(list, *options);
  list->callback([options, &context] {
    context.exit_code = Read(*options, [](soci::session& sql, db::Backend backend) {
      auto users = db::DirectoryStore(backend).ListUsers(sql);
      if (!users.ok()) return users.status();
      for (const auto& u : *users) {
        std::cout << u.id << '\t' << engine::RoleName(u.role) << '\t' << OrDash(u.unit) << '\t'
                  << (u.active ? "active" : "disabled") << '\t' << u.name << '\n';
      }
      return engine::Status::Ok();
    });
  });

  auto* token = Subcommand(app, "token", "Bearer tokens for the HTTP API and the dashboard");
  auto* revoke = token->add_subcommand("revoke", "Revoke a user's token");
  AddDbOption(revoke, *options);
  revoke->add_option("--user", options->id, "The user's id")->required();
  revoke->callback([options, &context] {
    context.exit_code =
        Change(*options, [&](soci::session& sql, const db::AdminStore& store, auto now) {
          return store.RevokeToken(sql, options->id, CliAdminActor(), now);
        });
    if (context.exit_code == 0) {
      std::cout << "token of user " << options->id << " revoked" << std::endl;
    }
  });
  auto* tokens = token->add_subcommand(
      "list", "List who holds a token: user, role, issued at, last used at (never the token)");
  AddDbOption(tokens, *options);
  tokens->callback([options, &context] {
    context.exit_code = Read(*options, [](soci::session& sql, db::Backend backend) {
      auto holders = db::AdminStore(backend).ListTokens(sql);
      if (!holders.ok()) return holders.status();
      for (const auto& u : *holders) {
        std::cout << u.id << '\t' << engine::RoleName(u.role) << '\t' << OrDash(u.token_issued_at)
                  << '\t' << OrDash(u.last_used_at) << '\n';
      }
      return engine::Status::Ok();
    });
  });
}

void AddCommuneCommands(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<AdminOptions>();
  auto* commune = app.add_subcommand("commune", "The commune's own settings, as documents name it");
  commune->require_subcommand(1);
  auto* show = commune->add_subcommand("show", "Show the commune's settings");
  AddDbOption(show, *options);
  show->callback([options, &context] {
    context.exit_code = Read(*options, [](soci::session& sql, db::Backend backend) {
      auto s = db::AdminStore(backend).LoadCommune(sql);
      if (!s.ok()) return s.status();
      std::cout << "name: " << s->name << "\nprovince: " << s->province
                << "\nissuer_symbol: " << s->issuer_symbol
                << "\nchairman_name: " << s->chairman_name
                << "\nchairman_title: " << s->chairman_title << std::endl;
      return engine::Status::Ok();
    });
  });
  auto* set = commune->add_subcommand("set", "Set the commune's settings (all of them)");
  AddDbOption(set, *options);
  set->add_option("--name", options->name, "e.g. \"UBND xã Bình Lương\"")->required();
  set->add_option("--province", options->province, "e.g. \"Thanh Hóa\"")->required();
  set->add_option("--symbol", options->symbol, "The issuing body's symbol in numbers, e.g. UBND")
      ->required();
  set->add_option("--chairman-name", options->chairman_name, "Who signs")->required();
  set->add_option("--chairman-title", options->chairman_title, "e.g. \"Chủ tịch\"")->required();
  set->callback([options, &context] {
    context.exit_code =
        Change(*options, [&](soci::session& sql, const db::AdminStore& store, auto now) {
          engine::CommuneSettings s{options->name, options->province, options->symbol,
                                    options->chairman_name, options->chairman_title};
          return store.SetCommune(sql, s, CliAdminActor(), now);
        });
    if (context.exit_code == 0) std::cout << "commune settings saved" << std::endl;
  });
}

}  // namespace

engine::Actor CliAdminActor() {
  engine::Actor actor;
  actor.user = engine::UserId("cli");
  actor.role = engine::Role::kAdmin;
  return actor;
}

void AddAdminCommands(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<AdminOptions>();
  auto* init = app.add_subcommand(
      "init",
      "First run: on a migrated database without an admin, create one and print their token once");
  AddDbOption(init, *options);
  init->add_option("--admin-id", options->id, "The admin's user id, e.g. quan-tri")->required();
  init->add_option("--admin-name", options->name, "The admin's name")->required();
  init->add_option("--admin-email", options->email, "Where notifications to the admin go");
  init->callback([options, &context] { context.exit_code = RunInit(*options); });
  AddUnitCommands(app, context);
  AddUserAndTokenCommands(app, context);
  AddCommuneCommands(app, context);
}

}  // namespace tdkt::adapters::cli
