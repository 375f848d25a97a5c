#include <spdlog/spdlog.h>

#include <iostream>

#include "adapters/cli/commands.hpp"
#include "adapters/cli/logging.hpp"
#include "adapters/db/database.hpp"
#include "adapters/db/migrations.hpp"

namespace tdkt::adapters::cli {

std::shared_ptr<spdlog::logger> CommandContext::Logger() {
  if (!logger_) logger_ = MakeLogger("tdkt", log_format, log_level);
  return logger_;
}

int Fail(int code, const std::string& message) {
  std::cerr << "tdkt: error: " << message << std::endl;
  return code;
}

std::unique_ptr<db::Database> OpenDatabaseAtVersion(const std::string& url, int min_version,
                                                    int& exit_code) {
  auto parsed = db::ParseDatabaseUrl(url);
  if (!parsed.ok()) {
    exit_code = Fail(2, parsed.status().message());
    return nullptr;
  }
  auto database = db::Database::Open(*parsed, 1);
  if (!database.ok()) {
    exit_code = Fail(1, database.status().message());
    return nullptr;
  }
  auto version = db::SchemaVersion(**database);
  if (!version.ok()) {
    exit_code = Fail(1, version.status().message());
    return nullptr;
  }
  if (*version < min_version) {
    exit_code = Fail(2, parsed->redacted + " is at schema version " + std::to_string(*version) +
                            ", this command needs " + std::to_string(min_version) +
                            "; run `tdkt migrate --db " + parsed->redacted + "` first");
    return nullptr;
  }
  return std::move(*database);
}

}  // namespace tdkt::adapters::cli
