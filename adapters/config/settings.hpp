#pragma once
// ServiceSettings: the service's configuration as a plain struct, and its YAML loader.
//
// Only the composition root (adapters/cli) reads configuration; engine classes receive plain
// structs. LoadServiceSettings throws ConfigError (file, key, what was expected) on an unknown
// key, a wrong type or a missing required value. The shipped example is config/tdkt.yaml.

#include <cstdint>
#include <string>

namespace tdkt::adapters::config {

struct ServiceSettings {
  // database:
  std::string database_url = "sqlite:var/tdkt.db";
  int database_pool_size = 8;
  // http:
  std::string listen = "127.0.0.1:8080";
  int http_threads = 2;
  std::int64_t max_body_bytes = 1 << 20;
  int request_timeout_ms = 10000;
  // log:
  std::string log_format = "text";  // text | json
  std::string log_level = "info";   // trace | debug | info | warn | error
  // paths: (relative paths are relative to the working directory)
  std::string rules_dir = "config/rules";
  std::string calendar_dir = "config/calendar";
  std::string web_dir = "web";
};

// Reads `path`; keys absent from the file keep their defaults above.
ServiceSettings LoadServiceSettings(const std::string& path);

}  // namespace tdkt::adapters::config
