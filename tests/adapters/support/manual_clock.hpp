#pragma once
// ManualClock: a Clock that tells the time it was set to, for tests that drive timers by advancing
// it. Thread-safe: Now, Set and Advance may be called from any thread.

#include <atomic>
#include <chrono>

#include "engine/ports/clock.hpp"

namespace tdkt::testing {

class ManualClock final : public engine::Clock {
 public:
  explicit ManualClock(engine::Timestamp start) : now_(start.time_since_epoch().count()) {}
  engine::Timestamp Now() const override {
    return engine::Timestamp(std::chrono::seconds(now_.load()));
  }
  void Set(engine::Timestamp t) { now_.store(t.time_since_epoch().count()); }
  void Advance(std::chrono::seconds by) { now_.fetch_add(by.count()); }

 private:
  std::atomic<std::chrono::seconds::rep> now_;
};

}  // namespace tdkt::testing
