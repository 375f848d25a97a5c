#pragma once
// Clock: the core's only source of "now".
//
// The core never reads the system clock; adapters pass the time in (Decide takes `now`) or hold a
// Clock. The real implementation lives in adapters/ (system clock, or the demo's shifted clock);
// tests use tests/support/manual_clock.hpp. Implementations must be safe to call from any thread.

#include <chrono>

namespace tdkt::engine {

// An instant, UTC, to the second. Local dates in Vietnam are UTC+7 (see the calendar).
using Timestamp = std::chrono::sys_seconds;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

}  // namespace tdkt::engine
