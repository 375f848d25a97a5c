#pragma once
// Where the tdkt program finds its data — rule packs, calendar, notification templates and the
// dashboard — when no configuration file names them: in the source checkout it runs from, or in
// the data directory of an installed program (PREFIX/share/tdkt: rules/, calendar/,
// notify/templates.yaml, web/). Finding it is the composition root's job: the core and the config
// adapter only ever receive the paths.
//
// Reads the file system and /proc/self/exe; meant for the main thread at start-up.

#include <string>

#include "adapters/config/settings.hpp"

namespace tdkt::adapters::cli {

// config::ServiceSettings{} with its data paths pointing at the first of:
//   1. the working directory, when it is a checkout (it holds config/rules): the relative paths
//      of config/tdkt.yaml (config/rules, config/calendar, web), unchanged;
//   2. share/tdkt beside the program's directory (PREFIX/bin/tdkt -> PREFIX/share/tdkt), so an
//      installed program finds its data wherever its prefix is;
//   3. the data directory the program was built for (CMAKE_INSTALL_FULL_DATADIR/tdkt).
// When none holds the data, the relative paths of 1, which the loaders then name in their error.
config::ServiceSettings DefaultServiceSettings();

// The settings of `config_file` (keys it leaves out keep DefaultServiceSettings()'s values), or
// DefaultServiceSettings() when `config_file` is empty. Throws config::ConfigError as
// config::LoadServiceSettings does.
config::ServiceSettings LoadSettings(const std::string& config_file);

}  // namespace tdkt::adapters::cli
