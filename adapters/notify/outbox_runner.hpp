#pragma once
// OutboxRunner: runs an OutboxDispatcher on a thread of its own, in `tdkt serve`: a round delivers
// what is due, rounds follow each other while full batches come back, then the thread sleeps
// `poll_interval` (rows are enqueued by other processes too, and retries come due).
//
// Thread-safety: Start and Stop may be called from any thread; Stop joins the thread (the
// destructor stops it too). The dispatcher must outlive the runner.

#include <chrono>
#include <memory>

#include "adapters/common/periodic_loop.hpp"

#include "adapters/notify/outbox_dispatcher.hpp"

namespace tdkt::adapters::notify {

class OutboxRunner {
 public:
  OutboxRunner(OutboxDispatcher& dispatcher, int batch, std::chrono::milliseconds poll_interval,
               std::shared_ptr<spdlog::logger> logger);
  ~OutboxRunner();
  OutboxRunner(const OutboxRunner&) = delete;
  OutboxRunner& operator=(const OutboxRunner&) = delete;

  // Starts the thread. Harmless when already started.
  void Start();
  // Stops after the row in progress and joins the thread. Idempotent.
  void Stop();

 private:
  OutboxDispatcher& dispatcher_;
  int batch_;
  std::chrono::milliseconds poll_interval_;
  std::shared_ptr<spdlog::logger> logger_;
  PeriodicLoop loop_;
};

}  // namespace tdkt::adapters::notify
