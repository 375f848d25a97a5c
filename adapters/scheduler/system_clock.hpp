#pragma once
// SystemClock: the engine's Clock read from the operating system's wall clock, to the second.
// ShiftedClock: the same clock moved to start at a chosen instant and advance in real time (the
// demo's clock starts at 22/7/2024 08:00 +07). The only place outside tests that reads
// system_clock. Thread-safe (no mutable state).

#include <chrono>

#include "engine/ports/clock.hpp"

namespace tdkt::adapters::scheduler {

class SystemClock final : public engine::Clock {
 public:
  engine::Timestamp Now() const override {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

class ShiftedClock final : public engine::Clock {
 public:
  // Now() is `start` at construction and advances with the wall clock from there.
  explicit ShiftedClock(engine::Timestamp start)
      : offset_(start -
                std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())) {}
  engine::Timestamp Now() const override { return wall_.Now() + offset_; }

 private:
  SystemClock wall_;
  std::chrono::seconds offset_;
};

}  // namespace tdkt::adapters::scheduler
