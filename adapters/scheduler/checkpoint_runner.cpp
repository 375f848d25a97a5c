#include "adapters/scheduler/checkpoint_runner.hpp"

#include "adapters/db/checkpoint_outbox.hpp"
#include "adapters/db/settled_log.hpp"
#include "engine/audit/record.hpp"

namespace tdkt::adapters::scheduler {

CheckpointRunner::CheckpointRunner(db::Database& db, const engine::Clock& clock,
                                   CheckpointSettings settings,
                                   std::shared_ptr<spdlog::logger> logger)
    : db_(db), clock_(clock), settings_(std::move(settings)), logger_(std::move(logger)) {}

CheckpointRunner::~CheckpointRunner() { Stop(); }

engine::Result<bool> CheckpointRunner::RunOnce() {
  const engine::Timestamp now = clock_.Now();
  // The local day: FormatTimestamp's date part of the local wall-clock time.
  const std::string day =
      engine::audit::FormatTimestamp(now + std::chrono::minutes(settings_.utc_offset_minutes))
          .substr(0, 10);
  auto sql = db_.Acquire();
  auto queued = db::CheckpointQueued(*sql, day);
  if (!queued.ok()) return queued.status();
  if (*queued) return false;
  auto checkpoint = db::TakeCheckpoint(*sql, db_.backend(), settings_.private_key_pem, now);
  if (!checkpoint.ok()) return checkpoint.status();
  if (engine::Status status = db::QueueCheckpoint(*sql, *checkpoint, day, now); !status.ok()) {
    return status;
  }
  logger_->info("audit checkpoint of {}: {} records up to seq {}, root {}", day, checkpoint->size,
                checkpoint->last_seq, engine::audit::MerkleHex(checkpoint->root));
  return true;
}

void CheckpointRunner::Start() {
  loop_.Start(
      [this] {
        auto done = RunOnce();
        if (!done.ok()) logger_->error("audit checkpoint: {}", done.status().ToString());
        return false;
      },
      settings_.poll_interval);
}

void CheckpointRunner::Stop() { loop_.Stop(); }

}  // namespace tdkt::adapters::scheduler
