#pragma once
// DatabaseUrl: what `--db` names, parsed. Pure value type; thread-safe to share.
//
// Accepted forms:
//   sqlite:PATH                               the embedded default (sqlite:var/tdkt.db)
//   sqlite::memory:                           an in-memory SQLite database
//   postgresql://user@host:port/dbname?...    a libpq URI (also postgres://)
//   host=... port=... dbname=... user=...     a libpq key=value string

#include <string>
#include <string_view>

#include "engine/status.hpp"

namespace tdkt::adapters::db {

enum class Backend { kSqlite, kPostgresql };

// "sqlite" or "postgresql".
std::string_view BackendName(Backend backend);

struct DatabaseUrl {
  Backend backend = Backend::kSqlite;
  std::string connect_string;  // what the SOCI backend is opened with (libpq key=value form)
  std::string sqlite_path;     // SQLite only: the file (":memory:" for in-memory)
  std::string redacted;        // for logs and messages: the URL without its password
};

inline constexpr std::string_view kDefaultDatabaseUrl = "sqlite:var/tdkt.db";

// Returns InvalidArgument naming the problem when `url` is none of the accepted forms.
engine::Result<DatabaseUrl> ParseDatabaseUrl(std::string_view url);

}  // namespace tdkt::adapters::db
