#pragma once
// The channels that speak to the network through libcurl: a webhook (HTTP POST of the message's
// JSON, signed with HMAC-SHA256) and e-mail over SMTP (UTF-8 plain text, RFC 2047 subject).
//
// Each Deliver() uses its own curl handle, so one instance may be shared by several threads.
// libcurl's global state is initialised once by the first channel made (CurlGlobal).

#include <chrono>
#include <string>

#include "adapters/notify/channel.hpp"

namespace tdkt::adapters::notify {

struct WebhookSettings {
  // The shared secret of the signature header; the receiver recomputes it over the raw body.
  std::string secret;
  std::chrono::milliseconds timeout{10000};
};

// The value of the X-Tdkt-Signature header for `body`: "sha256=" and the lower-case hex
// HMAC-SHA256 of the body under `secret`.
std::string WebhookSignature(const std::string& secret, const std::string& body);

class WebhookChannel final : public Channel {
 public:
  explicit WebhookChannel(WebhookSettings settings);
  std::string_view Name() const override { return "webhook"; }
  // POSTs message.json to the URL `target`. OK on a 2xx answer; Unavailable with the status or
  // the transport's error otherwise.
  engine::Status Deliver(const Message& message, const std::string& target) override;

 private:
  WebhookSettings settings_;
};

struct SmtpSettings {
  std::string url;         // "smtp://mail.example.vn:25", "smtps://…:465"
  std::string from;        // the envelope and header sender, "tdkt@binhluong.gov.vn"
  std::string from_name;   // the display name of From, UTF-8
  std::string username{};  // empty: no authentication
  std::string password{};
  bool require_tls = false;  // STARTTLS required on smtp://
  std::chrono::milliseconds timeout{20000};
};

// The whole RFC 5322 message SmtpChannel sends: headers (Subject and From encoded per RFC 2047)
// and the body in base64, so that any UTF-8 text survives every relay.
std::string FormatMailMessage(const SmtpSettings& settings, const Message& message,
                              const std::string& to);

class SmtpChannel final : public Channel {
 public:
  explicit SmtpChannel(SmtpSettings settings);
  std::string_view Name() const override { return "email"; }
  // Sends the message to the address `target`. OK once the server accepted it (250 after DATA).
  engine::Status Deliver(const Message& message, const std::string& target) override;

 private:
  SmtpSettings settings_;
};

}  // namespace tdkt::adapters::notify
