#pragma once
// A tdkt.yaml for `tdkt serve` in tests: the database under test and the source tree's rule
// packs, calendar and dashboard (the tests do not run from the source directory).

#include <filesystem>
#include <fstream>
#include <string>

namespace tdkt::testing {

// Writes the file at `path`, with `extra` YAML sections after the paths, and returns `path` as a
// string.
inline std::string WriteServiceConfig(const std::filesystem::path& path, const std::string& db_url,
                                      const std::string& extra = "") {
  std::ofstream(path) << "database:\n  url: \"" << db_url << "\"\npaths:\n  rules: \""
                      << TDKT_SOURCE_DIR "/config/rules\"\n  calendar: \""
                      << TDKT_SOURCE_DIR "/config/calendar\"\n  web: \""
                      << TDKT_SOURCE_DIR "/web\"\n"
                      << extra;
  return path.string();
}

}  // namespace tdkt::testing
