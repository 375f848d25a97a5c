#include "adapters/db/database.hpp"

#include <soci/connection-pool.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <filesystem>
#include <system_error>

#include "adapters/db/sql_error.hpp"

namespace tdkt::adapters::db {

Database::Lease::Lease(Lease&& other) noexcept
    : db_(other.db_), slot_(other.slot_), session_(other.session_) {
  other.db_ = nullptr;
}

Database::Lease::~Lease() {
  if (db_ != nullptr) db_->pool_->give_back(slot_);
}

Database::Database(DatabaseUrl url, std::size_t size)
    : url_(std::move(url)), size_(size), pool_(std::make_unique<soci::connection_pool>(size)) {}

Database::~Database() = default;

engine::Result<std::unique_ptr<Database>> Database::Open(const DatabaseUrl& url,
                                                         std::size_t pool_size) {
  std::size_t size = url.backend == Backend::kSqlite ? 1 : std::max<std::size_t>(pool_size, 1);
  if (url.backend == Backend::kSqlite && url.sqlite_path != ":memory:") {
    // The file may be created, its directory never: a misspelt path must not quietly become a
    // fresh, empty database somewhere new.
    const std::filesystem::path parent = std::filesystem::path(url.sqlite_path).parent_path();
    std::error_code ec;
    if (!parent.empty() && !std::filesystem::is_directory(parent, ec)) {
      const bool exists = std::filesystem::exists(parent, ec);
      return engine::Status::InvalidArgument(
          "cannot open " + url.redacted + ": " + parent.string() +
          (exists ? " is not a directory" : " does not exist (tdkt creates no directories)"));
    }
  }
  std::unique_ptr<Database> db(new Database(url, size));
  try {
    for (std::size_t i = 0; i < size; ++i) {
      soci::session& session = db->pool_->at(i);
      if (url.backend == Backend::kSqlite) {
        session.open(soci::sqlite3, url.connect_string);
        session << "PRAGMA journal_mode=WAL";
        session << "PRAGMA foreign_keys=ON";
        session << "PRAGMA synchronous=FULL";
      } else {
        session.open(soci::postgresql, url.connect_string);
        // NOTICEs ("relation already exists, skipping") are noise on the program's stderr.
        session << "SET client_min_messages TO WARNING";
      }
    }
  } catch (const soci::soci_error& e) {
    return engine::Status::Unavailable("cannot open " + url.redacted + ": " + SqlErrorMessage(e));
  }
  return db;
}

Database::Lease Database::Acquire() {
  std::size_t slot = pool_->lease();
  soci::session& session = pool_->at(slot);
  // A PostgreSQL connection that broke (the server restarted, or failed over to a standby that
  // a multi-host URL with target_session_attrs=read-write finds) is opened again here, so that
  // the service recovers by itself; the statement that found it broken failed as Unavailable.
  if (url_.backend == Backend::kPostgresql && !session.is_connected()) {
    try {
      session.reconnect();
      session << "SET client_min_messages TO WARNING";
    } catch (const soci::soci_error&) {
      // Still no server: the lease's first statement fails as Unavailable, and the next
      // Acquire tries again.
    }
  }
  return Lease(this, slot, &session);
}

}  // namespace tdkt::adapters::db
