#pragma once
// Scheduler: fires the database's due timers, in this process, on a thread of its own.
//
// The loop claims a batch of due timers (TimerStore::Claim with this process's owner name and a
// lease), fires each (TimerFirer), and when the batch was not full sleeps until the next timer
// becomes claimable, at most `poll_interval` (other processes schedule timers too, and a lease
// held by a dead process runs out). Wake() cuts the sleep short, for a caller that has just
// scheduled an earlier timer. A timer whose firing fails (database down, a concurrent event won)
// stays claimed until its lease ends and is then retried, by this process or another.
//
// Time comes from the Clock: "due" means due_at <= clock.Now(). The sleep itself is a steady
// timer; with a manual clock in tests, call FireDue() directly instead of Start().
//
// Thread-safety: Start, Wake and Stop may be called from any thread; Stop joins the loop's thread
// (the destructor stops it too). FireDue must not be called while the loop runs.

#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "adapters/scheduler/timer_firer.hpp"
#include "adapters/scheduler/timer_store.hpp"
#include "engine/ports/clock.hpp"

namespace spdlog {
class logger;
}

namespace tdkt::adapters::scheduler {

struct SchedulerSettings {
  std::string owner;  // names this process in the timers it claims ("host/pid")
  int batch_size = 32;
  // Timers of a batch fired at once (one dossier's always one after another, in due order), so
  // that their events share commits in the GroupCommitter.
  int fire_threads = 8;
  std::chrono::seconds lease{30};
  std::chrono::milliseconds poll_interval{5000};
};

struct FireReport {
  int claimed = 0;
  int fired = 0;
  int skipped = 0;
  int failed = 0;  // left for a later claim
};

class Scheduler {
 public:
  Scheduler(SchedulerSettings settings, TimerStore& store, TimerFirer& firer,
            const engine::Clock& clock, std::shared_ptr<spdlog::logger> log);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Claims and fires one batch of the timers due now. Returns what happened; a claim that fails
  // (database down) counts nothing and is logged.
  FireReport FireBatch();
  // Fires batches until none is due now. Returns the sum of their reports.
  FireReport FireDue();

  // Starts the loop on its own thread. Harmless when already started.
  void Start();
  // Makes the loop look for due timers now instead of at the end of its sleep.
  void Wake();
  // Stops the loop and joins its thread; the batch in progress finishes first. Idempotent.
  void Stop();

 private:
  struct Loop;  // the Asio parts, kept out of this header

  // One round on the loop's thread: a batch, then the timer armed for the next round.
  void Round(Loop& loop);  // on the loop's thread; `loop` outlives it (Stop joins first)

  SchedulerSettings settings_;
  TimerStore& store_;
  TimerFirer& firer_;
  const engine::Clock& clock_;
  std::shared_ptr<spdlog::logger> log_;
  std::mutex mutex_;  // guards loop_ against concurrent Start, Wake and Stop
  std::unique_ptr<Loop> loop_;
};

}  // namespace tdkt::adapters::scheduler
