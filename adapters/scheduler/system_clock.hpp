#pragma once
// SystemClock: the engine's Clock read from the operating system's wall clock, to the second.
// The only place outside tests that reads system_clock. Thread-safe (stateless).

#include <chrono>

#include "engine/ports/clock.hpp"

namespace tdkt::adapters::scheduler {

class SystemClock final : public engine::Clock {
 public:
  engine::Timestamp Now() const override {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

}  // namespace tdkt::adapters::scheduler
