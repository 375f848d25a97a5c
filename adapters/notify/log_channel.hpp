#pragma once
// LogChannel: delivers a notification by writing it to the engine's log (one line, with the
// outbox id, the recipient and the subject). Thread-safe (spdlog loggers are).

#include <spdlog/logger.h>

#include <memory>

#include "adapters/notify/channel.hpp"

namespace tdkt::adapters::notify {

class LogChannel final : public Channel {
 public:
  explicit LogChannel(std::shared_ptr<spdlog::logger> logger) : logger_(std::move(logger)) {}
  std::string_view Name() const override { return "log"; }
  // Always OK.
  engine::Status Deliver(const Message& message, const std::string& target) override;

 private:
  std::shared_ptr<spdlog::logger> logger_;
};

}  // namespace tdkt::adapters::notify
