#pragma once
// TimerFirer: turns one claimed timer into its event and notices.
//
// PlanTimer (pure) maps a timer row to the event the dossier receives from Role::kTimer:
// `cutoff` → Cutoff; a public notice's `due` → NoticeEnded; `reminder` → Remind{kind, N, before};
// `due` → Remind{kind, 0, due}; `overdue` → Remind{kind, 0, overdue}. Who is told is not the
// timer's business: Decide returns a remind's notices as effects, and Apply queues them in the
// outbox in the event's own transaction.
//
// Fire applies the event through ApplyService with request id "timer:" + timer_key, so a timer
// fired twice (its lease expired and another process claimed it) is recorded once, then marks the
// timer done. A refusal by the dossier (the cut-off of a dossier already submitted, a reminder in
// a state where no clock runs) marks the timer skipped: retrying would never succeed.
//
// Thread-safe: Fire may be called from several threads for different timers. The referenced
// objects must outlive the firer.

#include <string>
#include <vector>

#include "adapters/db/apply_service.hpp"
#include "adapters/db/database.hpp"
#include "adapters/scheduler/timer_store.hpp"
#include "engine/commands.hpp"
#include "engine/status.hpp"

namespace tdkt::adapters::scheduler {

struct TimerPlan {
  engine::Command command;
};

// Returns the plan of `timer`, or InvalidArgument when its kind or payload is not one EffectWriter
// writes (unknown timer kind, missing field).
engine::Result<TimerPlan> PlanTimer(const TimerRow& timer);

class TimerFirer {
 public:
  TimerFirer(db::Database& db, db::ApplyService& apply) : db_(db), apply_(apply) {}

  // Fires `timer` at `now`. Returns what it came to (and the timer is marked done), or the failure
  // that leaves it pending for a later claim: Conflict (concurrent events on the dossier won
  // the tries of Apply), Unavailable (the database failed). A malformed timer is marked skipped.
  engine::Result<TimerOutcome> Fire(const TimerRow& timer, engine::Timestamp now);

  // Fire without marking the timer done: the caller marks it (TimerStore::MarkDone), e.g. with
  // the rest of its batch. Until then the timer stays pending under its lease; fired again after
  // a crash, its event is answered from the request id's record, not recorded twice.
  engine::Result<TimerOutcome> Apply(const TimerRow& timer, engine::Timestamp now);

 private:
  engine::Status Finish(const TimerRow& timer, TimerOutcome outcome, engine::Timestamp now);

  db::Database& db_;
  db::ApplyService& apply_;
};

}  // namespace tdkt::adapters::scheduler
