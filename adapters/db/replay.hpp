#pragma once
// Replay: rebuilds every dossier from the event log, the source of truth, and compares the result
// with the projection (the dossiers table). A record's command is decided again by the pure
// Decide, as the actor who sent it, at the time it was recorded, under the rule pack it names;
// the state it reached, the numbers it was given and, at the end, the whole snapshot and version
// must agree with what is stored.
//
// Reads one dossier's records at a time (the log is streamed, never loaded whole). Thread-safe in
// the sense that it only reads; run it with a Database of its own.

#include <cstdint>
#include <string>
#include <vector>

#include "adapters/db/database.hpp"
#include "engine/rule_pack.hpp"
#include "engine/status.hpp"

namespace tdkt::adapters::db {

struct ReplayDifference {
  std::string dossier_id;
  std::string what;  // "state: the projection has approved, the log rebuilds rejected"
};

struct ReplayReport {
  std::int64_t dossiers = 0;
  std::int64_t rounds = 0;  // decisions and submissions, whose streams end in their stored row
  std::int64_t records = 0;
  std::vector<ReplayDifference> differences;  // empty when every projection matches
};

// Unavailable when the database fails; differences (also a log whose record cannot be decided
// again, or a projection row without a log) are reported, not returned as errors.
engine::Result<ReplayReport> CheckReplay(Database& db, const engine::RulePackRegistry& packs,
                                         int utc_offset_minutes = 7 * 60);

}  // namespace tdkt::adapters::db
