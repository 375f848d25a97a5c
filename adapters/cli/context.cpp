#include <spdlog/spdlog.h>

#include <cstdlib>
#include <iostream>

#include "adapters/cli/commands.hpp"
#include "adapters/cli/data_paths.hpp"
#include "adapters/cli/logging.hpp"
#include "adapters/config/yaml_reader.hpp"
#include "adapters/db/database.hpp"
#include "adapters/db/migrations.hpp"

namespace tdkt::adapters::cli {

std::shared_ptr<spdlog::logger> CommandContext::Logger() {
  if (!logger_) logger_ = MakeLogger("tdkt", log_format, log_level);
  return logger_;
}

int Fail(int code, const std::string& message) {
  std::string line;
  line.reserve(message.size());
  for (char c : message) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n') {
      line += "\\n";
    } else if (byte < 0x20 || byte == 0x7f) {
      static constexpr char kHex[] = "0123456789abcdef";
      line += "\\x";
      line += kHex[byte >> 4];
      line += kHex[byte & 0xf];
    } else {
      line += c;
    }
  }
  std::cerr << "tdkt: error: " << line << std::endl;
  return code;
}

std::string ConfigFile(const std::string& flag) {
  if (!flag.empty()) return flag;
  // Read here, not with CLI11's envname: that one also validates the variable when the flag is
  // given, so a stale TDKT_CONFIG would break `--config FILE`.
  const char* env = std::getenv("TDKT_CONFIG");
  return env != nullptr ? env : "";
}

int ExitCodeOf(const engine::Status& status) {
  return status.code() == engine::StatusCode::kUnavailable ? 1 : 2;
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
    exit_code = Fail(ExitCodeOf(database.status()), database.status().message());
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

std::optional<std::string> DatabaseUrlOf(const std::string& db_flag, const std::string& config_flag,
                                         int& exit_code) {
  if (!db_flag.empty()) return db_flag;
  try {
    return LoadSettings(ConfigFile(config_flag)).database_url;
  } catch (const config::ConfigError& e) {
    exit_code = Fail(2, e.what());
    return std::nullopt;
  }
}

void AddDatabaseFlags(CLI::App* command, DatabaseFlags& flags) {
  command->add_option("--db", flags.db_url,
                      "Database: sqlite:PATH, postgresql://user@host:port/dbname or a libpq "
                      "key=value string (default: "
                      "database.url of --config or TDKT_CONFIG, else " +
                          std::string(db::kDefaultDatabaseUrl) + ")");
  command
      ->add_option("--config", flags.config_file,
                   "YAML configuration file of `tdkt serve` (default: TDKT_CONFIG): works on its "
                   "database.url")
      ->check(CLI::ExistingFile);
}

std::unique_ptr<db::Database> OpenConfiguredDatabase(const DatabaseFlags& flags, int min_version,
                                                     int& exit_code) {
  auto url = DatabaseUrlOf(flags.db_url, flags.config_file, exit_code);
  if (!url) return nullptr;
  return OpenDatabaseAtVersion(*url, min_version, exit_code);
}

}  // namespace tdkt::adapters::cli
