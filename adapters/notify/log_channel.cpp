#include "adapters/notify/log_channel.hpp"

namespace tdkt::adapters::notify {

engine::Status LogChannel::Deliver(const Message& message, const std::string& target) {
  logger_->info("notification {} to {} ({}): {}", message.outbox_id, target, message.kind,
                message.subject);
  return engine::Status::Ok();
}

}  // namespace tdkt::adapters::notify
