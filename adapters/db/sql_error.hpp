#pragma once
// Translation of SOCI's exceptions into Status at the database edge. Pure functions; thread-safe.
//
//   Conflict     another transaction got there first and a retry may succeed: PostgreSQL
//                serialization failure, deadlock, unique violation, lock not available; SQLite
//                busy/locked, or a UNIQUE constraint
//   Forbidden    the database refused the change itself: the event log's append-only trigger, a
//                missing privilege
//   Unavailable  anything else (the connection dropped, a broken statement)

#include <string>
#include <string_view>

#include "engine/status.hpp"

namespace soci {
class soci_error;
}

namespace tdkt::adapters::db {

// `context` says what was being done ("append to the event log of D-1").
engine::Status StatusFromSqlError(const soci::soci_error& error, std::string_view context);

// The database's message, without the trailing newline drivers add.
std::string SqlErrorMessage(const soci::soci_error& error);

}  // namespace tdkt::adapters::db
