#include "adapters/db/sql_error.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <string>

namespace tdkt::adapters::db {
namespace {

// SQLite's primary result codes (sqlite3.h), kept here so this file needs only SOCI's headers.
constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr int kSqliteConstraint = 19;

}  // namespace

std::string SqlErrorMessage(const soci::soci_error& error) {
  std::string message = error.get_error_message();
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  return message;
}

engine::Status StatusFromSqlError(const soci::soci_error& error, std::string_view context) {
  std::string message = std::string(context) + ": " + SqlErrorMessage(error);
  const bool append_only = message.find("append-only") != std::string::npos;
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&error)) {
    const std::string state = pg->sqlstate();
    if (state == "40001" || state == "40P01" || state == "23505" || state == "55P03") {
      return engine::Status::Conflict(message);
    }
    if (state == "42501" || append_only) return engine::Status::Forbidden(message);
    return engine::Status::Unavailable(message);
  }
  if (const auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&error)) {
    const int code = lite->result() & 0xFF;
    if (append_only) return engine::Status::Forbidden(message);
    if (code == kSqliteBusy || code == kSqliteLocked) return engine::Status::Conflict(message);
    if (code == kSqliteConstraint && message.find("UNIQUE") != std::string::npos) {
      return engine::Status::Conflict(message);
    }
    return engine::Status::Unavailable(message);
  }
  if (append_only) return engine::Status::Forbidden(message);
  return engine::Status::Unavailable(message);
}

}  // namespace tdkt::adapters::db
