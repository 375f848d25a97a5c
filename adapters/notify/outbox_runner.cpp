#include "adapters/notify/outbox_runner.hpp"

namespace tdkt::adapters::notify {

OutboxRunner::OutboxRunner(OutboxDispatcher& dispatcher, int batch,
                           std::chrono::milliseconds poll_interval,
                           std::shared_ptr<spdlog::logger> logger)
    : dispatcher_(dispatcher),
      batch_(batch),
      poll_interval_(poll_interval),
      logger_(std::move(logger)) {}

OutboxRunner::~OutboxRunner() { Stop(); }

void OutboxRunner::Start() {
  loop_.Start(
      [this] {
        auto handled = dispatcher_.RunOnce();
        if (!handled.ok()) logger_->error("notification delivery: {}", handled.status().ToString());
        return handled.ok() && *handled >= batch_;  // more may be due right now
      },
      poll_interval_);
}

void OutboxRunner::Stop() { loop_.Stop(); }

}  // namespace tdkt::adapters::notify
