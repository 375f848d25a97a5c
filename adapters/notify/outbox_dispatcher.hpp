#pragma once
// OutboxDispatcher: delivers the notifications that Apply enqueued in the outbox (in the same
// transaction as their event), through the log, e-mail and webhook channels.
//
// RunOnce() claims due rows with a lease (PostgreSQL: FOR UPDATE SKIP LOCKED, so several engine
// processes share the work; SQLite: its write lock), renders each row from its template and the
// dossier's facts, delivers it to every target of its recipient, and records every attempt in
// outbox_attempts. A target that already has the message is not sent it again when the row is
// retried. A failed row waits `backoff_base * 2^attempts` (at most `backoff_cap`) and after
// `max_attempts` becomes `failed` (the dead letter the secretariat sees); Retry() makes it pending.
//
// Thread-safety: RunOnce() calls from several threads (or processes) never deliver the same row
// at the same time; the other methods are safe from any thread. Channels must outlive it.

#include <spdlog/logger.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adapters/db/database.hpp"
#include "adapters/notify/channel.hpp"
#include "adapters/notify/templates.hpp"
#include "engine/ports/clock.hpp"
#include "engine/status.hpp"

namespace tdkt::adapters::notify {

struct DispatcherSettings {
  std::string owner = "tdkt";  // names this process in the lease (host:pid)
  int max_attempts = 8;
  std::chrono::seconds backoff_base{60};
  std::chrono::seconds backoff_cap{std::chrono::hours(6)};
  std::chrono::seconds lease{300};  // a claim older than this is taken over
  int batch = 20;
  std::string default_webhook{};    // for recipients whose unit has no webhook; empty: none
  int utc_offset_minutes = 7 * 60;  // deadlines are shown in local time (Asia/Ho_Chi_Minh)
};

// The channels a dispatcher delivers through; a null channel is switched off.
struct Channels {
  Channel* log = nullptr;
  Channel* email = nullptr;
  Channel* webhook = nullptr;
};

// One outbox row, as operators see it.
struct OutboxEntry {
  long long id = 0;
  std::string dossier_id;
  std::string kind;
  std::string recipient;
  std::string status;  // pending, sent, failed
  int attempts = 0;
  std::string next_attempt_at;
  std::string last_error;
  std::string created_at;
  std::string sent_at;
};

// One recorded delivery attempt.
struct OutboxAttempt {
  int attempt = 0;
  std::string channel;
  std::string target;
  std::string outcome;  // sent, failed
  std::string error;
  std::string attempted_at;
};

class OutboxDispatcher {
 public:
  OutboxDispatcher(db::Database& db, const engine::Clock& clock, const TemplateSet& templates,
                   Channels channels, DispatcherSettings settings,
                   std::shared_ptr<spdlog::logger> logger);

  // Delivers the rows due now, at most `batch`. Returns how many rows it handled (sent or not);
  // Unavailable when the database could not be read (nothing was claimed then).
  engine::Result<int> RunOnce();

  // Puts a failed row back to pending, due now, with its attempt count reset; its history stays.
  // NotFound unless row `id` exists and is failed.
  engine::Status Retry(long long id);

  // The rows with `status` (all when empty), newest first, at most `limit`.
  engine::Result<std::vector<OutboxEntry>> List(const std::string& status, int limit = 100);
  // The recorded attempts of row `id`, oldest first.
  engine::Result<std::vector<OutboxAttempt>> Attempts(long long id);

 private:
  struct Claimed;
  engine::Result<std::vector<long long>> Claim(engine::Timestamp now);
  engine::Status Process(long long id, engine::Timestamp now);
  engine::Result<Claimed> Load(long long id);
  std::string LocalTime(const std::string& rfc3339) const;

  db::Database& db_;
  const engine::Clock& clock_;
  const TemplateSet& templates_;
  Channels channels_;
  DispatcherSettings settings_;
  std::shared_ptr<spdlog::logger> logger_;
};

}  // namespace tdkt::adapters::notify
