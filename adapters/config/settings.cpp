#include "adapters/config/settings.hpp"

#include "adapters/config/yaml_reader.hpp"

namespace tdkt::adapters::config {
namespace {

int PositiveInt(YamlMap& map, const std::string& key, int fallback, int max) {
  std::int64_t value = map.Int(key, fallback);
  if (value < 1 || value > max) {
    map.Fail(key, "expected an integer from 1 to " + std::to_string(max) + ", got " +
                      std::to_string(value));
  }
  return static_cast<int>(value);
}

ServiceSettings FromYaml(const YAML::Node& document, const std::string& origin,
                         const ServiceSettings& defaults) {
  ServiceSettings s = defaults;
  if (!document || document.IsNull()) return s;  // an empty file keeps every default
  YamlMap root(document, origin);
  if (auto db = root.OptionalMap("database")) {
    s.database_url = db->RequiredString("url");
    s.database_pool_size = PositiveInt(*db, "pool_size", s.database_pool_size, 256);
    db->RejectUnknownKeys();
  }
  if (auto http = root.OptionalMap("http")) {
    s.listen = http->String("listen", s.listen);
    s.http_threads = PositiveInt(*http, "threads", s.http_threads, 256);
    s.max_body_bytes =
        PositiveInt(*http, "max_body_bytes", static_cast<int>(s.max_body_bytes), 256 * 1024 * 1024);
    s.request_timeout_ms = PositiveInt(*http, "request_timeout_ms", s.request_timeout_ms, 3600000);
    http->RejectUnknownKeys();
  }
  if (auto log = root.OptionalMap("log")) {
    s.log_format = log->Enum("format", {"text", "json"}, s.log_format);
    s.log_level = log->Enum("level", {"trace", "debug", "info", "warn", "error"}, s.log_level);
    log->RejectUnknownKeys();
  }
  if (auto paths = root.OptionalMap("paths")) {
    s.rules_dir = paths->String("rules", s.rules_dir);
    s.calendar_dir = paths->String("calendar", s.calendar_dir);
    s.web_dir = paths->String("web", s.web_dir);
    s.notify_templates = paths->String("notify_templates", s.notify_templates);
    paths->RejectUnknownKeys();
  }
  if (auto notify = root.OptionalMap("notify")) {
    s.notify_max_attempts = PositiveInt(*notify, "max_attempts", s.notify_max_attempts, 100);
    s.notify_backoff_base_seconds =
        PositiveInt(*notify, "backoff_base_seconds", s.notify_backoff_base_seconds, 86400);
    s.notify_backoff_cap_seconds =
        PositiveInt(*notify, "backoff_cap_seconds", s.notify_backoff_cap_seconds, 7 * 86400);
    if (s.notify_backoff_cap_seconds < s.notify_backoff_base_seconds) {
      notify->Fail("backoff_cap_seconds", "must not be shorter than backoff_base_seconds (" +
                                              std::to_string(s.notify_backoff_base_seconds) + ")");
    }
    s.smtp_url = notify->String("smtp_url", s.smtp_url);
    s.smtp_from = notify->String("smtp_from", s.smtp_from);
    s.webhook_url = notify->String("webhook_url", s.webhook_url);
    notify->RejectUnknownKeys();
  }
  root.RejectUnknownKeys();
  return s;
}

}  // namespace

ServiceSettings LoadServiceSettings(const std::string& path, const ServiceSettings& defaults) {
  return FromYaml(LoadYamlFile(path), path, defaults);
}

ServiceSettings LoadServiceSettingsString(const std::string& text, const std::string& origin,
                                          const ServiceSettings& defaults) {
  return FromYaml(LoadYamlString(text, origin), origin, defaults);
}

}  // namespace tdkt::adapters::config
