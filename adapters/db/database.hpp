#pragma once
// Database: one interface over both backends (SQLite, PostgreSQL) through SOCI.
//
// A Database owns a pool of SOCI sessions. It is thread-safe: any thread may Acquire() a
// session; the lease returns it to the pool when destroyed. A session must not be shared between
// threads. On SQLite the pool holds one connection (SQLite serialises writers anyway) with WAL
// journalling and a busy timeout; on PostgreSQL it holds `pool_size` connections.
//
// SOCI throws soci::soci_error; functions here catch it at this edge and return Status
// (kUnavailable when the database cannot be reached, kInvalidArgument for a bad URL).

#include <cstddef>
#include <memory>
#include <string>

#include "adapters/db/database_url.hpp"
#include "engine/status.hpp"

namespace soci {
class session;
class connection_pool;
}  // namespace soci

namespace tdkt::adapters::db {

class Database {
 public:
  // A session borrowed from the pool; gives it back on destruction.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    ~Lease();
    soci::session& operator*() const { return *session_; }
    soci::session* operator->() const { return session_; }

   private:
    friend class Database;
    Lease(Database* db, std::size_t slot, soci::session* session)
        : db_(db), slot_(slot), session_(session) {}
    Database* db_;
    std::size_t slot_;
    soci::session* session_;
  };

  // Opens the pool. Returns Unavailable (with the backend's message) when a connection fails.
  // For SQLite, returns InvalidArgument naming the file's directory when it does not exist: the
  // file may be created, its directory never is.
  static engine::Result<std::unique_ptr<Database>> Open(const DatabaseUrl& url,
                                                        std::size_t pool_size = 4);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Backend backend() const { return url_.backend; }
  const DatabaseUrl& url() const { return url_; }

  // Blocks until a session is free. On PostgreSQL, a session whose connection broke is
  // reconnected first (when that fails too, its first statement fails as Unavailable).
  Lease Acquire();

 private:
  Database(DatabaseUrl url, std::size_t size);

  DatabaseUrl url_;
  std::size_t size_;
  std::unique_ptr<soci::connection_pool> pool_;
};

}  // namespace tdkt::adapters::db
