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
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void OutboxRunner::Stop() {
  std::thread thread;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    thread = std::move(thread_);
  }
  wake_.notify_all();
  if (thread.joinable()) thread.join();
}

void OutboxRunner::Loop() {
  while (true) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    auto handled = dispatcher_.RunOnce();
    if (!handled.ok()) logger_->error("notification delivery: {}", handled.status().ToString());
    if (handled.ok() && *handled >= batch_) continue;  // more may be due right now
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, poll_interval_, [this] { return stopping_; });
    if (stopping_) return;
  }
}

}  // namespace tdkt::adapters::notify
