#include "adapters/cli/data_paths.hpp"

#include <filesystem>
#include <system_error>

#ifndef TDKT_DATA_DIR
#error "TDKT_DATA_DIR (the installed data directory) is set by adapters/cli/CMakeLists.txt"
#endif

namespace tdkt::adapters::cli {
namespace {

namespace fs = std::filesystem;

// A data directory holds at least the rule packs; the loaders check the rest and name what lacks.
bool HoldsData(const fs::path& rules_dir) {
  std::error_code ec;
  return fs::is_directory(rules_dir, ec);
}

// PREFIX/share/tdkt for a program at PREFIX/bin/tdkt; empty when the program's path is unknown.
fs::path BesideProgram() {
  std::error_code ec;
  const fs::path program = fs::read_symlink("/proc/self/exe", ec);
  if (ec || program.empty()) return {};
  return program.parent_path().parent_path() / "share" / "tdkt";
}

}  // namespace

config::ServiceSettings DefaultServiceSettings() {
  config::ServiceSettings settings;
  if (HoldsData(settings.rules_dir)) return settings;  // a checkout: its config/ and web/
  for (const fs::path& dir : {BesideProgram(), fs::path(TDKT_DATA_DIR)}) {
    if (dir.empty() || !HoldsData(dir / "rules")) continue;
    settings.rules_dir = (dir / "rules").string();
    settings.calendar_dir = (dir / "calendar").string();
    settings.web_dir = (dir / "web").string();
    // notify_templates stays empty: notify/templates.yaml beside the rules directory.
    return settings;
  }
  return settings;
}

config::ServiceSettings LoadSettings(const std::string& config_file) {
  if (config_file.empty()) return DefaultServiceSettings();
  return config::LoadServiceSettings(config_file, DefaultServiceSettings());
}

}  // namespace tdkt::adapters::cli
