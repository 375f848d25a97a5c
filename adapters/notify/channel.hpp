#pragma once
// Channel: one way of delivering a rendered notification to one target (an e-mail address, a
// webhook URL, the log).
//
// Deliver() blocks until the target accepted the message or refused it; it never throws. A
// Channel is used by one dispatcher thread at a time; implementations keep no per-call state, so
// one instance may be shared by several threads when its own header says so.

#include <string>

#include "engine/ports/clock.hpp"
#include "engine/status.hpp"

namespace tdkt::adapters::notify {

// A notification rendered for people (subject and body, Vietnamese) and for machines (JSON).
struct Message {
  long long outbox_id = 0;
  std::string kind;        // the template id, "dossier_entered_appraisal", "reminder", ...
  std::string dossier_id;  // may be empty
  std::string recipient;   // the role, "secretariat" or "unit_officer@thon-1"
  std::string subject;
  std::string body;
  std::string json;  // the machine form, a JSON object (webhook body)
  engine::Timestamp created_at{};
};

class Channel {
 public:
  virtual ~Channel() = default;
  // "log", "webhook", "email": recorded with each attempt.
  virtual std::string_view Name() const = 0;
  // Delivers `message` to `target`. OK once the target accepted it; Unavailable with what the
  // target or the transport said otherwise (the dispatcher retries later).
  virtual engine::Status Deliver(const Message& message, const std::string& target) = 0;
};

}  // namespace tdkt::adapters::notify
