#pragma once
// TimerFirer: turns one claimed timer into its event and notices.
//
// PlanTimer (pure) maps a timer row to the event the dossier receives from Role::kTimer and to
// the notices it sends: `cutoff` → Cutoff; a public notice's `due` → NoticeEnded; `reminder` →
// Remind{kind, N} to the role that must act; `due` → Remind{kind, 0} to that role; `overdue` →
// Remind{kind, 0} to that role and to its supervisor.
//
// Fire applies the event through ApplyService with request id "timer:" + timer_key, so a timer
// fired twice (its lease expired and another process claimed it) is recorded once; then, in one
// transaction, queues its notices in the outbox (deduplicated on timer_key + recipient) and marks
// the timer done. A refusal by the dossier (the cut-off of a dossier already submitted, a reminder
// in a state where no clock runs) marks the timer skipped: retrying would never succeed.
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

struct TimerNotice {
  std::string kind;       // "reminder", "due" or "overdue"
  std::string recipient;  // a role, or role@unit
};

struct TimerPlan {
  engine::Command command;
  std::string deadline_kind;  // empty for the cut-off
  int working_days_left = 0;
  std::string due_at;                // the deadline's due time, from the payload
  std::vector<TimerNotice> notices;  // none for cutoff and notice_ended
};

// Returns the plan of `timer`, or InvalidArgument when its kind or payload is not one EffectWriter
// writes (unknown timer kind, missing field).
engine::Result<TimerPlan> PlanTimer(const TimerRow& timer);

class TimerFirer {
 public:
  TimerFirer(db::Database& db, db::ApplyService& apply) : db_(db), apply_(apply) {}

  // Fires `timer` at `now`. Returns what it came to (and the timer is marked done), or the failure
  // that leaves it pending for a later claim: Conflict (concurrent events on the dossier won
  // several tries in a row), Unavailable (the database failed). A malformed timer is marked
  // skipped.
  engine::Result<TimerOutcome> Fire(const TimerRow& timer, engine::Timestamp now);

 private:
  engine::Status Finish(const TimerRow& timer, const TimerPlan* plan, TimerOutcome outcome,
                        engine::Timestamp now);

  db::Database& db_;
  db::ApplyService& apply_;
};

}  // namespace tdkt::adapters::scheduler
