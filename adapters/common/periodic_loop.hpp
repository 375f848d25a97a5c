#pragma once
// PeriodicLoop: a thread of its own that calls a step again and again until stopped, sleeping
// `interval` between calls unless the step says more is due at once. The background workers of
// `tdkt serve` (notification delivery, the daily audit checkpoint) run on one each.
//
// Thread-safety: Start and Stop may be called from any thread; Stop wakes the sleep and joins the
// thread after the step in progress (the destructor stops it too). Header-only.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace tdkt::adapters {

class PeriodicLoop {
 public:
  PeriodicLoop() = default;
  ~PeriodicLoop() { Stop(); }
  PeriodicLoop(const PeriodicLoop&) = delete;
  PeriodicLoop& operator=(const PeriodicLoop&) = delete;

  // Starts calling `step` (true: call again at once; false: sleep `interval` first). Harmless
  // when already started.
  void Start(std::function<bool()> step, std::chrono::milliseconds interval) {
    std::lock_guard lock(mutex_);
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread([this, step = std::move(step), interval] { Loop(step, interval); });
  }

  // Idempotent.
  void Stop() {
    std::thread thread;
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
      thread = std::move(thread_);
    }
    wake_.notify_all();
    if (thread.joinable()) thread.join();
  }

 private:
  void Loop(const std::function<bool()>& step, std::chrono::milliseconds interval) {
    while (true) {
      {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
      }
      if (step()) continue;
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, interval, [this] { return stopping_; });
      if (stopping_) return;
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace tdkt::adapters
