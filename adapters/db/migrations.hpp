#pragma once
// Schema migrations: versioned, applied in order, each recorded in schema_migrations.
//
// Migrate() is safe to run twice (applied versions are skipped) and safe when several processes
// run it at once: on PostgreSQL it holds a transaction-scoped advisory lock, on SQLite a
// `BEGIN IMMEDIATE` write lock, and every migration with its record commits in one transaction.
// The SQL of each migration stands in migrations.cpp, beside this code.

#include <string>
#include <string_view>
#include <vector>

#include "adapters/db/database.hpp"
#include "engine/status.hpp"

namespace tdkt::adapters::db {

struct Migration {
  int version;
  std::string_view name;
  // Statements run in order; SQLite runs one statement per call, so each is separate.
  std::vector<std::string_view> sqlite;
  std::vector<std::string_view> postgresql;
};

// Every migration of the schema, by ascending version.
const std::vector<Migration>& AllMigrations();
// The version a fully migrated database has.
int LatestSchemaVersion();

struct MigrationReport {
  int from_version = 0;
  int to_version = 0;
  std::vector<int> applied;
  // What a migration's step reports (migration 10: the nominees it registered and merged).
  std::vector<std::string> notes;
};

// Brings the schema to LatestSchemaVersion(). On failure nothing of the failing migration stays;
// returns Unavailable with the database's message.
engine::Result<MigrationReport> Migrate(Database& db);

// The highest applied version; 0 for an empty database.
engine::Result<int> SchemaVersion(Database& db);

}  // namespace tdkt::adapters::db
