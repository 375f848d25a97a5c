#pragma once
// The daily signed checkpoint's way out of the database: an outbox row of kind
// "audit_checkpoint" for the recipient "auditor", delivered like every notification (e-mail,
// webhook) by the outbox dispatcher, its payload carrying the checkpoint document. The rows are
// also where the no-token page GET /audit/checkpoints finds the checkpoints taken so far.
//
// One row per day at most, whatever the number of processes: its dedupe key is
// "audit_checkpoint:" and the day. Functions of the session they are given; the caller owns the
// session and its thread.

#include <string>
#include <vector>

#include "engine/audit/checkpoint.hpp"
#include "engine/ports/clock.hpp"
#include "engine/status.hpp"

namespace soci {
class session;
}

namespace tdkt::adapters::db {

// The outbox kind, the template of config/notify/templates.yaml that renders it.
inline constexpr const char* kCheckpointKind = "audit_checkpoint";
// Who receives it (notify/recipients.hpp: the active users in the role auditor).
inline constexpr const char* kCheckpointRecipient = "auditor";

// Whether the checkpoint of `day` (YYYY-MM-DD) is queued already. Unavailable on failure.
engine::Result<bool> CheckpointQueued(soci::session& sql, const std::string& day);

// Queues `checkpoint` as the one of `day`; does nothing when that day has one (another process
// was first). Unavailable on failure.
engine::Status QueueCheckpoint(soci::session& sql, const engine::audit::Checkpoint& checkpoint,
                               const std::string& day, engine::Timestamp now);

// The documents of the `limit` latest checkpoints queued, newest first. Unavailable on failure.
engine::Result<std::vector<std::string>> RecentCheckpoints(soci::session& sql, int limit);

}  // namespace tdkt::adapters::db
