#include "adapters/db/migrations.hpp"

#include <soci/soci.h>

namespace tdkt::adapters::db {
namespace {

// The key of the advisory lock that serialises concurrent migrations on PostgreSQL ("tdkt").
constexpr long long kMigrationLockKey = 0x74646b74;

constexpr std::string_view kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_at TEXT NOT NULL)";

}  // namespace

const std::vector<Migration>& AllMigrations() {
  static const std::vector<Migration> kMigrations = {
      {1,
       "installation",
       // One row that names this installation; written once, read by /healthz and support.
       {"CREATE TABLE installation ("
        " id INTEGER PRIMARY KEY CHECK (id = 1),"
        " created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
        " note TEXT NOT NULL DEFAULT '')",
        "INSERT INTO installation (id) VALUES (1)"},
       {"CREATE TABLE installation ("
        " id INTEGER PRIMARY KEY CHECK (id = 1),"
        " created_at TEXT NOT NULL"
        "  DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
        " note TEXT NOT NULL DEFAULT '')",
        "INSERT INTO installation (id) VALUES (1)"}},
  };
  return kMigrations;
}

int LatestSchemaVersion() { return AllMigrations().empty() ? 0 : AllMigrations().back().version; }

namespace {

int ReadVersion(soci::session& sql) {
  soci::indicator ind = soci::i_null;
  int version = 0;
  sql << "SELECT MAX(version) FROM schema_migrations", soci::into(version, ind);
  return ind == soci::i_ok ? version : 0;
}

std::string Trimmed(std::string message) {
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  return message;
}

}  // namespace

engine::Result<int> SchemaVersion(Database& db) {
  try {
    auto sql = db.Acquire();
    // A database nobody has migrated has no schema_migrations table: version 0.
    int tables = 0;
    if (db.backend() == Backend::kSqlite) {
      *sql << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = "
              "'schema_migrations'",
          soci::into(tables);
    } else {
      *sql << "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = "
              "current_schema() AND table_name = 'schema_migrations'",
          soci::into(tables);
    }
    if (tables == 0) return 0;
    return ReadVersion(*sql);
  } catch (const soci::soci_error& e) {
    return engine::Status::Unavailable("cannot read the schema version: " +
                                       Trimmed(e.get_error_message()));
  }
}

engine::Result<MigrationReport> Migrate(Database& db) {
  MigrationReport report;
  auto sql = db.Acquire();
  const bool postgres = db.backend() == Backend::kPostgresql;
  int current_version = 0;
  try {
    if (postgres) {
      sql->begin();
      *sql << "SELECT pg_advisory_xact_lock(" + std::to_string(kMigrationLockKey) + ")";
    } else {
      *sql << "BEGIN IMMEDIATE";
    }
    *sql << std::string(kCreateMigrationsTable);
    report.from_version = ReadVersion(*sql);
    current_version = report.from_version;
    for (const Migration& migration : AllMigrations()) {
      if (migration.version <= report.from_version) continue;
      current_version = migration.version;
      for (std::string_view statement : postgres ? migration.postgresql : migration.sqlite) {
        *sql << std::string(statement);
      }
      std::string name(migration.name);
      *sql << (postgres ? "INSERT INTO schema_migrations (version, name, applied_at) VALUES "
                          "(:v, :n, to_char(now() AT TIME ZONE 'UTC', "
                          "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))"
                        : "INSERT INTO schema_migrations (version, name, applied_at) VALUES "
                          "(:v, :n, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"),
          soci::use(migration.version), soci::use(name);
      report.applied.push_back(migration.version);
    }
    if (postgres) {
      sql->commit();
    } else {
      *sql << "COMMIT";
    }
    report.to_version = report.applied.empty() ? report.from_version : report.applied.back();
    return report;
  } catch (const soci::soci_error& e) {
    try {
      if (postgres) {
        sql->rollback();
      } else {
        *sql << "ROLLBACK";
      }
    } catch (const soci::soci_error&) {
      // The connection is gone; the server rolls the transaction back itself.
    }
    return engine::Status::Unavailable("migration " + std::to_string(current_version) +
                                       " failed: " + Trimmed(e.get_error_message()));
  }
}

}  // namespace tdkt::adapters::db
