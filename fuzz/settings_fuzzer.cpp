// The service settings loader (config/tdkt.yaml) on arbitrary text: any input either loads or is
// refused with a ConfigError; no other exception may escape.

#include "adapters/config/settings.hpp"
#include "adapters/config/yaml_reader.hpp"
#include "fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace config = tdkt::adapters::config;
  const std::string text(tdkt::fuzz::AsText(data, size));
  try {
    const config::ServiceSettings s = config::LoadServiceSettingsString(text, "fuzz.yaml");
    tdkt::fuzz::Check(s.database_pool_size >= 1 && s.http_threads >= 1 && s.max_body_bytes >= 1 &&
                          s.request_timeout_ms >= 1 && s.notify_max_attempts >= 1 &&
                          s.notify_backoff_base_seconds <= s.notify_backoff_cap_seconds,
                      "loaded settings must be within their ranges", text);
  } catch (const config::ConfigError&) {
    // Refused, with a message naming the key.
  }
  return 0;
}
