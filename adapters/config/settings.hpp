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
  std::string notify_templates;  // empty: notify/templates.yaml beside the rules directory
  // notify: delivery of the outbox (flags override: --smtp-url, --smtp-from, --webhook-url).
  int notify_max_attempts = 8;  // then a message is dead-lettered (status failed) for an operator
  int notify_backoff_base_seconds = 60;       // the wait after the first failure; doubles
  int notify_backoff_cap_seconds = 6 * 3600;  // the longest wait between attempts
  std::string smtp_url;                       // smtp://host:port; empty: no e-mail
  std::string smtp_from;                      // the sender's address
  std::string webhook_url;                    // for recipients whose unit has no webhook
};

// Reads `path`; keys absent from the file keep their values in `defaults` (by default those
// above; the program passes the data directory it found, adapters/cli/data_paths.hpp).
ServiceSettings LoadServiceSettings(const std::string& path, const ServiceSettings& defaults = {});
// The same from YAML text; `origin` names it in errors.
ServiceSettings LoadServiceSettingsString(const std::string& text, const std::string& origin,
                                          const ServiceSettings& defaults = {});

}  // namespace tdkt::adapters::config
