#pragma once
// CheckpointRunner: takes the daily signed checkpoint of the event log in `tdkt serve` and queues
// it for the auditor through the outbox (db/checkpoint_outbox.hpp; docs/audit-format.md, "Signed
// checkpoints").
//
// A round looks at the day (local time, UTC+7 by default) of clock.Now(); when that day has no
// checkpoint yet it settles the log, signs a checkpoint and queues it. Several processes may run
// one: the outbox's dedupe key keeps one checkpoint a day. Rounds repeat every `poll_interval`,
// so the day's checkpoint is taken within that much of local midnight (or of the start).
//
// Thread-safety: Start and Stop may be called from any thread; Stop joins the thread (the
// destructor stops it too). RunOnce must not be called while the thread runs (tests call it
// directly with a manual clock).

#include <spdlog/logger.h>

#include <chrono>
#include <memory>
#include <string>

#include "adapters/common/periodic_loop.hpp"
#include "adapters/db/database.hpp"
#include "engine/ports/clock.hpp"
#include "engine/status.hpp"

namespace tdkt::adapters::scheduler {

struct CheckpointSettings {
  std::string private_key_pem;  // the Ed25519 key that signs (tdkt audit keygen)
  std::chrono::milliseconds poll_interval{std::chrono::minutes(10)};
  int utc_offset_minutes = 7 * 60;  // the day is Vietnam's (Asia/Ho_Chi_Minh)
};

class CheckpointRunner {
 public:
  CheckpointRunner(db::Database& db, const engine::Clock& clock, CheckpointSettings settings,
                   std::shared_ptr<spdlog::logger> logger);
  ~CheckpointRunner();
  CheckpointRunner(const CheckpointRunner&) = delete;
  CheckpointRunner& operator=(const CheckpointRunner&) = delete;

  // Takes and queues today's checkpoint unless it is queued already. Returns whether this call
  // queued it; Unavailable when the database fails, InvalidArgument for a bad key or a record
  // that cannot be put in canonical form.
  engine::Result<bool> RunOnce();

  void Start();  // harmless when already started
  void Stop();   // idempotent

 private:
  db::Database& db_;
  const engine::Clock& clock_;
  CheckpointSettings settings_;
  std::shared_ptr<spdlog::logger> logger_;
  PeriodicLoop loop_;
};

}  // namespace tdkt::adapters::scheduler
