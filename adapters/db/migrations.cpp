#include "adapters/db/migrations.hpp"

#include <soci/soci.h>

#include <iterator>

#include "adapters/db/nominee_store.hpp"
#include "adapters/db/sql_error.hpp"

namespace tdkt::adapters::db {
namespace {

// The key of the advisory lock that serialises concurrent migrations on PostgreSQL ("tdkt").
constexpr long long kMigrationLockKey = 0x74646b74;

constexpr std::string_view kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_at TEXT NOT NULL)";

// Migration 2: the durable engine's store. Ids and times are TEXT (times in RFC 3339 UTC,
// "2024-07-22T01:00:00Z", which sort as text); JSON is TEXT in canonical form. The tables and
// their columns are the same on both backends; only auto-numbering, BLOB/BYTEA and the
// append-only enforcement differ.
#define TDKT_STORE_TABLES(AUTO_ID, BYTES)                                   \
  "CREATE TABLE campaigns ("                                                \
  " id TEXT PRIMARY KEY,"                                                   \
  " name TEXT NOT NULL,"                                                    \
  " procedure TEXT NOT NULL DEFAULT 'campaign',"                            \
  " rule_pack TEXT,"                                                        \
  " nomination_cutoff TEXT,"                                                \
  " ceremony_date TEXT,"                                                    \
  " settings TEXT NOT NULL DEFAULT '{}',"                                   \
  " created_at TEXT NOT NULL)",                                             \
      "CREATE TABLE units ("                                                \
      " id TEXT PRIMARY KEY,"                                               \
      " name TEXT NOT NULL,"                                                \
      " kind TEXT NOT NULL DEFAULT '',"                                     \
      " parent_id TEXT REFERENCES units (id))",                             \
      "CREATE TABLE users ("                                                \
      " id TEXT PRIMARY KEY,"                                               \
      " display_name TEXT NOT NULL,"                                        \
      " role TEXT NOT NULL,"                                                \
      " unit_id TEXT REFERENCES units (id),"                                \
      " token_sha256 TEXT UNIQUE,"                                          \
      " active INTEGER NOT NULL DEFAULT 1,"                                 \
      " created_at TEXT NOT NULL)",                                         \
      "CREATE TABLE dossiers ("                                             \
      " id TEXT PRIMARY KEY,"                                               \
      " campaign_id TEXT NOT NULL REFERENCES campaigns (id),"               \
      " unit_id TEXT NOT NULL REFERENCES units (id),"                       \
      " state TEXT NOT NULL,"                                               \
      " held_from TEXT,"                                                    \
      " version BIGINT NOT NULL DEFAULT 0,"                                 \
      " rule_pack TEXT,"                                                    \
      " nominee_kind TEXT NOT NULL,"                                        \
      " nominee_name TEXT NOT NULL,"                                        \
      " nominee TEXT NOT NULL DEFAULT '{}',"                                \
      " award TEXT NOT NULL,"                                               \
      " deadlines TEXT NOT NULL DEFAULT '{}',"                              \
      " next_deadline_at TEXT,"                                             \
      " supplement_requested INTEGER NOT NULL DEFAULT 0,"                   \
      " submission_number TEXT,"                                            \
      " decision_number TEXT,"                                              \
      " decision_date TEXT,"                                                \
      " register_number TEXT,"                                              \
      " outcome_reason TEXT,"                                               \
      " data TEXT NOT NULL DEFAULT '{}',"                                   \
      " created_at TEXT NOT NULL,"                                          \
      " updated_at TEXT NOT NULL)",                                         \
      "CREATE INDEX dossiers_by_campaign ON dossiers (campaign_id, state)", \
      "CREATE INDEX dossiers_by_unit ON dossiers (unit_id, state)",         \
      "CREATE TABLE event_log ("                                            \
      " seq BIGINT PRIMARY KEY,"                                            \
      " dossier_id TEXT NOT NULL,"                                          \
      " dossier_seq BIGINT NOT NULL,"                                       \
      " event_type TEXT NOT NULL,"                                          \
      " payload TEXT NOT NULL,"                                             \
      " actor_id TEXT NOT NULL,"                                            \
      " actor_role TEXT NOT NULL,"                                          \
      " actor_unit TEXT,"                                                   \
      " occurred_at TEXT NOT NULL,"                                         \
      " request_id TEXT NOT NULL UNIQUE,"                                   \
      " rule_pack TEXT,"                                                    \
      " prev_hash TEXT NOT NULL,"                                           \
      " hash TEXT NOT NULL,"                                                \
      " UNIQUE (dossier_id, dossier_seq))",                                 \
      "CREATE TABLE documents ("                                            \
      " id TEXT PRIMARY KEY,"                                               \
      " dossier_id TEXT NOT NULL REFERENCES dossiers (id),"                 \
      " kind TEXT NOT NULL,"                                                \
      " file_name TEXT NOT NULL,"                                           \
      " media_type TEXT NOT NULL DEFAULT 'application/octet-stream',"       \
      " size BIGINT NOT NULL,"                                              \
      " sha256 TEXT NOT NULL,"                                              \
      " content " BYTES                                                     \
      " NOT NULL,"                                                          \
      " uploaded_by TEXT NOT NULL,"                                         \
      " uploaded_at TEXT NOT NULL)",                                        \
      "CREATE INDEX documents_by_dossier ON documents (dossier_id, kind)",  \
      "CREATE TABLE timers ("                                               \
      " id " AUTO_ID                                                        \
      ","                                                                   \
      " timer_key TEXT NOT NULL UNIQUE,"                                    \
      " dossier_id TEXT NOT NULL,"                                          \
      " kind TEXT NOT NULL,"                                                \
      " due_at TEXT NOT NULL,"                                              \
      " payload TEXT NOT NULL DEFAULT '{}',"                                \
      " status TEXT NOT NULL DEFAULT 'pending',"                            \
      " owner TEXT,"                                                        \
      " lease_until TEXT,"                                                  \
      " attempts INTEGER NOT NULL DEFAULT 0,"                               \
      " created_at TEXT NOT NULL,"                                          \
      " fired_at TEXT)",                                                    \
      "CREATE INDEX timers_due ON timers (status, due_at)",                 \
      "CREATE INDEX timers_by_dossier ON timers (dossier_id, status)",      \
      "CREATE TABLE outbox ("                                               \
      " id " AUTO_ID                                                        \
      ","                                                                   \
      " dedupe_key TEXT NOT NULL UNIQUE,"                                   \
      " dossier_id TEXT,"                                                   \
      " kind TEXT NOT NULL,"                                                \
      " channel TEXT NOT NULL,"                                             \
      " recipient TEXT NOT NULL,"                                           \
      " payload TEXT NOT NULL DEFAULT '{}',"                                \
      " status TEXT NOT NULL DEFAULT 'pending',"                            \
      " attempts INTEGER NOT NULL DEFAULT 0,"                               \
      " next_attempt_at TEXT NOT NULL,"                                     \
      " owner TEXT,"                                                        \
      " lease_until TEXT,"                                                  \
      " last_error TEXT,"                                                   \
      " created_at TEXT NOT NULL,"                                          \
      " sent_at TEXT)",                                                     \
      "CREATE INDEX outbox_due ON outbox (status, next_attempt_at)",        \
      "CREATE TABLE number_sequences ("                                     \
      " issuer TEXT NOT NULL,"                                              \
      " year INTEGER NOT NULL,"                                             \
      " series TEXT NOT NULL,"                                              \
      " last_value BIGINT NOT NULL,"                                        \
      " PRIMARY KEY (issuer, year, series))",                               \
      "CREATE TABLE idempotency ("                                          \
      " request_id TEXT PRIMARY KEY,"                                       \
      " body_sha256 TEXT NOT NULL,"                                         \
      " outcome TEXT NOT NULL,"                                             \
      " created_at TEXT NOT NULL)"

constexpr std::string_view kStoreSqlite[] = {
    TDKT_STORE_TABLES("INTEGER PRIMARY KEY", "BLOB"),
    // The event log is append-only; DROP TRIGGER by someone with the file is what audit verify
    // is for.
    "CREATE TRIGGER event_log_no_update BEFORE UPDATE ON event_log BEGIN"
    " SELECT RAISE(ABORT, 'event_log is append-only; UPDATE refused'); END",
    "CREATE TRIGGER event_log_no_delete BEFORE DELETE ON event_log BEGIN"
    " SELECT RAISE(ABORT, 'event_log is append-only; DELETE refused'); END",
};

constexpr std::string_view kStorePostgresql[] = {
    TDKT_STORE_TABLES("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "BYTEA"),
    // The global order of the event log; gaps (rolled-back appends) are allowed.
    "CREATE SEQUENCE event_log_seq AS BIGINT",
    "CREATE FUNCTION event_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$"
    " BEGIN RAISE EXCEPTION 'event_log is append-only; % refused', TG_OP"
    " USING ERRCODE = 'insufficient_privilege'; END $$",
    "CREATE TRIGGER event_log_no_update_delete BEFORE UPDATE OR DELETE ON event_log"
    " FOR EACH ROW EXECUTE FUNCTION event_log_refuse_change()",
    "CREATE TRIGGER event_log_no_truncate BEFORE TRUNCATE ON event_log"
    " FOR EACH STATEMENT EXECUTE FUNCTION event_log_refuse_change()",
    // The role the engine's login is granted (docs/operations.md): it may read and append to
    // the event log, never change it. Roles are cluster-wide, so another database's migration may
    // create it at the same moment; a migrator without CREATEROLE leaves it to the administrator.
    "DO $$ BEGIN"
    " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tdkt_engine') THEN"
    "  BEGIN CREATE ROLE tdkt_engine NOLOGIN;"
    "  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;"
    "   WHEN insufficient_privilege THEN"
    "    RAISE WARNING 'cannot create role tdkt_engine; see docs/operations.md'; RETURN;"
    "  END;"
    " END IF;"
    " GRANT SELECT, INSERT ON event_log TO tdkt_engine;"
    " REVOKE UPDATE, DELETE, TRUNCATE ON event_log FROM tdkt_engine;"
    " GRANT USAGE, SELECT ON SEQUENCE event_log_seq TO tdkt_engine;"
    " GRANT SELECT, INSERT, UPDATE, DELETE ON campaigns, units, users, dossiers, documents,"
    "  timers, outbox, number_sequences, idempotency TO tdkt_engine;"
    " GRANT SELECT ON schema_migrations, installation TO tdkt_engine;"
    " END $$",
};

#undef TDKT_STORE_TABLES

}  // namespace

// Migration 5's statements, the same on both backends.
constexpr std::string_view kCouncilSessionsTable =
    "CREATE TABLE council_sessions ("
    " id TEXT PRIMARY KEY,"
    " campaign_id TEXT NOT NULL REFERENCES campaigns (id),"
    " held_on TEXT NOT NULL,"
    " members INTEGER NOT NULL,"
    " present INTEGER NOT NULL,"
    " created_by TEXT NOT NULL,"
    " created_at TEXT NOT NULL)";
constexpr std::string_view kDeadlineIndex =
    "CREATE INDEX dossiers_by_deadline ON dossiers (next_deadline_at)";

// A table added after migration 2 is granted to the engine's role when that role exists (it is
// created by migration 2 only where the migrating user may create roles).
#define TDKT_GRANT_SELECT_INSERT_TO_ENGINE(TABLE)                          \
  "DO $$ BEGIN"                                                            \
  " IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tdkt_engine') THEN" \
  "  GRANT SELECT, INSERT ON " TABLE                                       \
  " TO tdkt_engine;"                                                       \
  " END IF;"                                                               \
  " END $$"

// Migration 3's statements, the same on both backends.
#define TDKT_NUMBERING_CHANGES                                                  \
  "ALTER TABLE dossiers ADD COLUMN nominee_id TEXT NOT NULL DEFAULT ''",        \
      "CREATE INDEX dossiers_by_nominee ON dossiers (campaign_id, nominee_id)", \
      "CREATE TABLE scoped_numbers ("                                           \
      " series TEXT NOT NULL, scope TEXT NOT NULL, number TEXT NOT NULL,"       \
      " PRIMARY KEY (series, scope))"

// Migration 4's statements; AUTO_ID is the backend's auto-numbered key column.
#define TDKT_NOTIFY_CHANGES(AUTO_ID)                                                    \
  "ALTER TABLE users ADD COLUMN email TEXT", "ALTER TABLE units ADD COLUMN email TEXT", \
      "ALTER TABLE units ADD COLUMN webhook_url TEXT",                                  \
      "CREATE TABLE outbox_attempts ("                                                  \
      " id " AUTO_ID                                                                    \
      ","                                                                               \
      " outbox_id BIGINT NOT NULL,"                                                     \
      " attempt INTEGER NOT NULL,"                                                      \
      " channel TEXT NOT NULL,"                                                         \
      " target TEXT NOT NULL,"                                                          \
      " outcome TEXT NOT NULL,"                                                         \
      " error TEXT,"                                                                    \
      " attempted_at TEXT NOT NULL)",                                                   \
      "CREATE INDEX outbox_attempts_by_outbox ON outbox_attempts (outbox_id, channel, target)"

// Migration 6's statements, the same on both backends: units that are retired (kept, since
// dossiers refer to them, but taking no new draft), when a token was issued and last used, the
// commune's own settings (one row), and the head of each audited stream that is not a dossier
// (the administrative stream "@admin"), so that audit verify can tell a stream cut short.
#define TDKT_ADMINISTRATION_CHANGES                                  \
  "ALTER TABLE units ADD COLUMN retired INTEGER NOT NULL DEFAULT 0", \
      "ALTER TABLE users ADD COLUMN token_issued_at TEXT",           \
      "ALTER TABLE users ADD COLUMN last_used_at TEXT",              \
      "CREATE TABLE commune ("                                       \
      " id INTEGER PRIMARY KEY CHECK (id = 1),"                      \
      " name TEXT NOT NULL,"                                         \
      " province TEXT NOT NULL,"                                     \
      " issuer_symbol TEXT NOT NULL,"                                \
      " chairman_name TEXT NOT NULL,"                                \
      " chairman_title TEXT NOT NULL,"                               \
      " updated_at TEXT NOT NULL)",                                  \
      "CREATE TABLE stream_heads (stream_id TEXT PRIMARY KEY, version BIGINT NOT NULL)"

// Migration 7's statements, the same on both backends: decisions and submissions (one row each,
// the round whole as JSON beside its key columns), the open draft each dossier is listed in (at
// most one), and the commune's register of honours (sổ vàng: one entry per awardee, numbered
// without gaps and never reused).
#define TDKT_ROUND_CHANGES                                             \
  "CREATE TABLE rounds ("                                              \
  " id TEXT PRIMARY KEY,"                                              \
  " kind TEXT NOT NULL,"                                               \
  " campaign_id TEXT NOT NULL REFERENCES campaigns (id),"              \
  " status TEXT NOT NULL,"                                             \
  " number TEXT,"                                                      \
  " data TEXT NOT NULL,"                                               \
  " version BIGINT NOT NULL,"                                          \
  " created_at TEXT NOT NULL,"                                         \
  " updated_at TEXT NOT NULL)",                                        \
      "CREATE INDEX rounds_by_campaign ON rounds (campaign_id, kind)", \
      "CREATE TABLE round_open_lines ("                                \
      " dossier_id TEXT PRIMARY KEY REFERENCES dossiers (id),"         \
      " round_id TEXT NOT NULL REFERENCES rounds (id))",               \
      "CREATE TABLE honour_register ("                                 \
      " number BIGINT PRIMARY KEY,"                                    \
      " dossier_id TEXT NOT NULL UNIQUE REFERENCES dossiers (id),"     \
      " decision_id TEXT NOT NULL REFERENCES rounds (id),"             \
      " decision_number TEXT NOT NULL,"                                \
      " entered_on TEXT NOT NULL)"

// Migration 8's statements, the same on both backends: a council session's members by name (with
// their council role and whether present, as JSON), who chaired, where it sat, and its agenda (the
// dossier ids put to it, as JSON). Sessions recorded before keep their counts and read as having
// no members by name and no agenda. The engine's role already holds SELECT, INSERT on the table,
// which covers the new columns.
#define TDKT_COUNCIL_MEMBER_CHANGES                          \
  "ALTER TABLE council_sessions ADD COLUMN place TEXT",      \
      "ALTER TABLE council_sessions ADD COLUMN chair TEXT",  \
      "ALTER TABLE council_sessions ADD COLUMN roster TEXT", \
      "ALTER TABLE council_sessions ADD COLUMN agenda TEXT NOT NULL DEFAULT '[]'"

// Migration 11's statements, the same on both backends: a unit's succession.
#define TDKT_UNIT_SUCCESSION_CHANGES                                      \
  "ALTER TABLE units ADD COLUMN successor_id TEXT REFERENCES units (id)", \
      "ALTER TABLE units ADD COLUMN last_day TEXT",                       \
      "ALTER TABLE units ADD COLUMN succession_basis TEXT"

// Migration 10's statements, the same on both backends: the nominee register (engine/nominees.hpp).
// name_key is NameKey (the duplicate rule), search_key SearchKey (search); the citizen identity
// number is unique where given. nominee_merges keeps what the migration merged (the dossiers
// drafted before the register, linked by LinkDossiersToNominees). Dossiers refer to their nominee
// by dossiers.nominee_id, written when the draft is created and never changed afterwards.
#define TDKT_NOMINEE_CHANGES                                                                   \
  "CREATE TABLE nominees ("                                                                    \
  " id TEXT PRIMARY KEY,"                                                                      \
  " kind TEXT NOT NULL,"                                                                       \
  " name TEXT NOT NULL,"                                                                       \
  " name_key TEXT NOT NULL,"                                                                   \
  " search_key TEXT NOT NULL,"                                                                 \
  " unit_id TEXT NOT NULL REFERENCES units (id),"                                              \
  " direct_worker INTEGER NOT NULL DEFAULT 0,"                                                 \
  " gender TEXT,"                                                                              \
  " date_of_birth TEXT,"                                                                       \
  " position TEXT NOT NULL DEFAULT '',"                                                        \
  " citizen_id TEXT UNIQUE,"                                                                   \
  " collective_kind TEXT,"                                                                     \
  " created_by TEXT NOT NULL,"                                                                 \
  " created_at TEXT NOT NULL)",                                                                \
      "CREATE INDEX nominees_by_name_key ON nominees (kind, name_key)",                        \
      "CREATE UNIQUE INDEX nominees_individual_identity ON nominees (name_key, date_of_birth)" \
      " WHERE kind = 'individual' AND date_of_birth IS NOT NULL",                              \
      "CREATE INDEX nominees_by_unit ON nominees (unit_id, search_key)",                       \
      "CREATE INDEX dossiers_by_nominee_id ON dossiers (nominee_id)",                          \
      "CREATE TABLE nominee_merges ("                                                          \
      " dossier_id TEXT PRIMARY KEY REFERENCES dossiers (id),"                                 \
      " from_nominee_id TEXT NOT NULL,"                                                        \
      " nominee_id TEXT NOT NULL REFERENCES nominees (id) DEFERRABLE INITIALLY DEFERRED,"      \
      " note TEXT NOT NULL)"

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
      {2,
       "durable_engine",
       {std::begin(kStoreSqlite), std::end(kStoreSqlite)},
       {std::begin(kStorePostgresql), std::end(kStorePostgresql)}},
      {3,
       "apply",
       // The nominee's identity, for the one-achievement-one-award rule (Luật Điều 5), and the
       // numbers shared by several dossiers (one council session has one set of minutes).
       {TDKT_NUMBERING_CHANGES},
       {TDKT_NUMBERING_CHANGES, TDKT_GRANT_SELECT_INSERT_TO_ENGINE("scoped_numbers")}},
      {4,
       "notify",
       // Where notifications go (a user's e-mail, a unit's e-mail and webhook), and every delivery
       // attempt of an outbox row, per channel and target, for operators and for not sending
       // twice to a target that already has it.
       {TDKT_NOTIFY_CHANGES("INTEGER PRIMARY KEY")},
       {TDKT_NOTIFY_CHANGES("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
        TDKT_GRANT_SELECT_INSERT_TO_ENGINE("outbox_attempts")}},
      {5,
       "service",
       // The council's sessions (a council_vote names one and must agree with it), and the index
       // the dashboard's "next deadline first" and the overdue filter read.
       {kCouncilSessionsTable, kDeadlineIndex},
       {kCouncilSessionsTable, kDeadlineIndex,
        TDKT_GRANT_SELECT_INSERT_TO_ENGINE("council_sessions")}},
      {6,
       "administration",
       {TDKT_ADMINISTRATION_CHANGES},
       {TDKT_ADMINISTRATION_CHANGES,
        "DO $$ BEGIN"
        " IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tdkt_engine') THEN"
        "  GRANT SELECT, INSERT, UPDATE ON commune, stream_heads TO tdkt_engine;"
        " END IF;"
        " END $$"}},
      {7,
       "rounds",
       {TDKT_ROUND_CHANGES},
       {TDKT_ROUND_CHANGES,
        "DO $$ BEGIN"
        " IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tdkt_engine') THEN"
        "  GRANT SELECT, INSERT, UPDATE ON rounds TO tdkt_engine;"
        "  GRANT SELECT, INSERT, DELETE ON round_open_lines TO tdkt_engine;"
        "  GRANT SELECT, INSERT ON honour_register TO tdkt_engine;"
        " END IF;"
        " END $$"}},
      {8, "council_members", {TDKT_COUNCIL_MEMBER_CHANGES}, {TDKT_COUNCIL_MEMBER_CHANGES}},
      // The pack that decides a dossier's authority once a transfer moved it to a successor
      // (DOMAIN.md, "Administrative units change"); NULL: its own rule_pack. A column so that the
      // dossiers waiting for a transfer are found by a query. Covered by the engine's UPDATE.
      {9,
       "transfers",
       {"ALTER TABLE dossiers ADD COLUMN authority_pack TEXT"},
       {"ALTER TABLE dossiers ADD COLUMN authority_pack TEXT"}},
      // 10: the nominee register; after its statements
      // LinkDossiersToNominees (RunStep) registers the nominees of existing dossiers. On
      // PostgreSQL, search by name uses a trigram index (pg_trgm, PostgreSQL's contrib) when the
      // extension is available to the migrating user, a plain scan of the folded key otherwise.
      {10,
       "nominees",
       {TDKT_NOMINEE_CHANGES, "CREATE INDEX nominees_by_search_key ON nominees (search_key)"},
       {TDKT_NOMINEE_CHANGES,
        "CREATE INDEX nominees_by_search_key ON nominees (search_key text_pattern_ops)",
        "DO $$ BEGIN"
        " CREATE EXTENSION IF NOT EXISTS pg_trgm;"
        " EXECUTE 'CREATE INDEX nominees_by_search_trgm ON nominees"
        " USING gin (search_key gin_trgm_ops)';"
        " EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN"
        "  RAISE NOTICE 'pg_trgm is not available: nominee search scans the folded names';"
        " END $$",
        "DO $$ BEGIN"
        " IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tdkt_engine') THEN"
        "  GRANT SELECT, INSERT ON nominees, nominee_merges TO tdkt_engine;"
        "  GRANT UPDATE (nominee_id) ON dossiers TO tdkt_engine;"
        " END IF;"
        " END $$"}},
      // A unit that ended, the unit that carries it on and the act that says so
      // (engine/unit_succession: the units of communes merged on 1/7/2025). NULL: in use.
      {11, "unit_successions", {TDKT_UNIT_SUCCESSION_CHANGES}, {TDKT_UNIT_SUCCESSION_CHANGES}},
  };
  return kMigrations;
}

#undef TDKT_GRANT_SELECT_INSERT_TO_ENGINE
#undef TDKT_NUMBERING_CHANGES
#undef TDKT_NOTIFY_CHANGES
#undef TDKT_ADMINISTRATION_CHANGES
#undef TDKT_ROUND_CHANGES
#undef TDKT_COUNCIL_MEMBER_CHANGES
#undef TDKT_NOMINEE_CHANGES
#undef TDKT_UNIT_SUCCESSION_CHANGES

int LatestSchemaVersion() { return AllMigrations().empty() ? 0 : AllMigrations().back().version; }

namespace {

// The part of a migration that SQL alone cannot do (names keyed through ICU, merges reported):
// run after its statements, in its transaction.
engine::Status RunStep(int version, soci::session& sql, Backend backend, MigrationReport& report) {
  if (version == 10) return LinkDossiersToNominees(sql, backend, report.notes);
  return engine::Status::Ok();
}

int ReadVersion(soci::session& sql) {
  soci::indicator ind = soci::i_null;
  int version = 0;
  sql << "SELECT MAX(version) FROM schema_migrations", soci::into(version, ind);
  return ind == soci::i_ok ? version : 0;
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
    return engine::Status::Unavailable("cannot read the schema version: " + SqlErrorMessage(e));
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
      if (engine::Status step = RunStep(migration.version, *sql, db.backend(), report);
          !step.ok()) {
        throw soci::soci_error(step.message());
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
                                       " failed: " + SqlErrorMessage(e));
  }
}

}  // namespace tdkt::adapters::db
