#pragma once
// The reference campaign (config/demo/): the commune's units and people, the Bình Lương 2024
// campaign, its council sessions and a few dozen dossiers, each brought to its state through
// ApplyService at the times its steps give, so that its audit trail, numbers and deadlines are
// the engine's own.
//
// Loads only into a database that holds no campaign, unit, user or dossier. Configuration
// errors (a misspelt key, an unknown user, a step the lifecycle refuses) name the file, the entry
// and the reason, and leave what was loaded before them in place — the database is a throwaway
// demo database.

#include <string>
#include <vector>

#include "engine/status.hpp"

namespace tdkt::engine::calendar {
class WorkingCalendar;
}
namespace tdkt::adapters::db {
class ApplyService;
class Database;
class RoundService;
}  // namespace tdkt::adapters::db

namespace tdkt::adapters::cli {

struct DemoToken {
  std::string role;
  std::string user_id;
  std::string user_name;
  std::string unit;  // empty for roles without a unit
  std::string token;
};

struct DemoLoad {
  int units = 0;
  int users = 0;
  int campaigns = 0;
  int dossiers = 0;
  int events = 0;
  std::vector<DemoToken> tokens;  // one per role: the first user of that role in the file
};

// Reads `dir`/commune.yaml, campaign.yaml and dossiers.yaml and applies them. Throws
// config::ConfigError for files that do not read; returns a failed Status when the database
// refuses (not empty, unreachable) or a step is refused.
engine::Result<DemoLoad> LoadDemo(const std::string& dir, db::Database& db, db::ApplyService& apply,
                                  db::RoundService& rounds,
                                  const engine::calendar::WorkingCalendar& calendar);

}  // namespace tdkt::adapters::cli
