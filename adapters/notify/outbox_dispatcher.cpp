#include "adapters/notify/outbox_dispatcher.hpp"

#include <soci/soci.h>

#include <boost/json.hpp>
#include <cstdio>
#include <set>
#include <utility>

#include "adapters/db/sql_error.hpp"
#include "adapters/db/transaction.hpp"
#include "adapters/notify/recipients.hpp"
#include "engine/audit/record.hpp"
#include "engine/lifecycle_names.hpp"

namespace tdkt::adapters::notify {

using engine::Result;
using engine::Status;

struct OutboxDispatcher::Claimed {
  Message message;
  boost::json::object payload;
  std::map<std::string, std::string> values;  // the template's placeholders
  Addresses addresses;
  std::set<std::pair<std::string, std::string>> delivered;  // (channel, target) already sent
  int attempts = 0;
};

namespace {

struct Delivery {
  Channel* channel;
  std::string target;
};

std::string Text(const boost::json::value& value) {
  if (value.is_string()) return std::string(value.get_string());
  if (value.is_int64()) return std::to_string(value.get_int64());
  if (value.is_uint64()) return std::to_string(value.get_uint64());
  if (value.is_bool()) return value.get_bool() ? "true" : "false";
  return boost::json::serialize(value);
}

}  // namespace

OutboxDispatcher::OutboxDispatcher(db::Database& db, const engine::Clock& clock,
                                   const TemplateSet& templates, Channels channels,
                                   DispatcherSettings settings,
                                   std::shared_ptr<spdlog::logger> logger)
    : db_(db),
      clock_(clock),
      templates_(templates),
      channels_(channels),
      settings_(std::move(settings)),
      logger_(std::move(logger)) {}

std::string OutboxDispatcher::LocalTime(const std::string& rfc3339) const {
  auto at = engine::audit::ParseTimestamp(rfc3339);
  if (!at.ok()) return rfc3339;
  auto local = *at + std::chrono::minutes(settings_.utc_offset_minutes);
  auto day = std::chrono::floor<std::chrono::days>(local);
  std::chrono::year_month_day date(day);
  std::chrono::hh_mm_ss time(local - day);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%02d:%02d %02u/%02u/%04d",
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<unsigned>(date.day()), static_cast<unsigned>(date.month()),
                static_cast<int>(date.year()));
  return buffer;
}

Result<std::vector<long long>> OutboxDispatcher::Claim(engine::Timestamp now) {
  std::vector<long long> claimed;
  // SOCI binds non-const lvalues.
  std::string at = engine::audit::FormatTimestamp(now);
  std::string until = engine::audit::FormatTimestamp(now + settings_.lease);
  const bool postgres = db_.backend() == db::Backend::kPostgresql;
  Status status = db::RunInTransaction(db_, [&](soci::session& sql) -> Status {
    claimed.clear();
    try {
      std::vector<long long> ids(static_cast<std::size_t>(std::max(settings_.batch, 1)));
      std::string query =
          "SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= :now"
          " AND (lease_until IS NULL OR lease_until <= :now2) ORDER BY next_attempt_at, id"
          " LIMIT " +
          std::to_string(ids.size()) + (postgres ? " FOR UPDATE SKIP LOCKED" : "");
      std::string now2 = at;
      sql << query, soci::into(ids), soci::use(at, "now"), soci::use(now2, "now2");
      for (long long id : ids) {
        sql << "UPDATE outbox SET owner = :o, lease_until = :l WHERE id = :id",
            soci::use(settings_.owner), soci::use(until), soci::use(id);
        claimed.push_back(id);
      }
      return Status::Ok();
    } catch (const soci::soci_error& e) {
      return db::StatusFromSqlError(e, "claim due notifications");
    }
  });
  if (!status.ok()) return status;
  return claimed;
}

Result<OutboxDispatcher::Claimed> OutboxDispatcher::Load(long long id) {
  Claimed c;
  auto sql = db_.Acquire();
  try {
    std::string dossier, payload, created;
    soci::indicator dossier_ind = soci::i_null;
    *sql << "SELECT dossier_id, kind, recipient, payload, attempts, created_at FROM outbox"
            " WHERE id = :id",
        soci::into(dossier, dossier_ind), soci::into(c.message.kind),
        soci::into(c.message.recipient), soci::into(payload), soci::into(c.attempts),
        soci::into(created), soci::use(id);
    if (!sql->got_data()) return Status::NotFound("no notification " + std::to_string(id));
    c.message.outbox_id = id;
    if (dossier_ind == soci::i_ok) c.message.dossier_id = dossier;
    auto created_at = engine::audit::ParseTimestamp(created);
    if (created_at.ok()) c.message.created_at = *created_at;
    boost::system::error_code ec;
    boost::json::value parsed = boost::json::parse(payload, ec);
    if (!ec && parsed.is_object()) c.payload = parsed.get_object();
    for (const auto& field : c.payload) {
      if (!field.value().is_object() && !field.value().is_array() && !field.value().is_null()) {
        c.values[std::string(field.key())] = Text(field.value());
      }
    }
    c.values["dossier"] = c.message.dossier_id;
    std::string deadline;
    if (c.payload.contains("due_at") && c.payload.at("due_at").is_string()) {
      deadline = std::string(c.payload.at("due_at").get_string());
    }
    if (!c.message.dossier_id.empty()) {
      std::string nominee, award, state, unit_id, unit_name, next;
      soci::indicator next_ind = soci::i_null;
      soci::indicator unit_ind = soci::i_null;
      *sql << "SELECT d.nominee_name, d.award, d.state, d.next_deadline_at, d.unit_id, u.name"
              " FROM dossiers d LEFT JOIN units u ON u.id = d.unit_id WHERE d.id = :id",
          soci::into(nominee), soci::into(award), soci::into(state), soci::into(next, next_ind),
          soci::into(unit_id), soci::into(unit_name, unit_ind), soci::use(c.message.dossier_id);
      if (sql->got_data()) {
        c.values["nominee"] = nominee;
        auto award_name = templates_.awards.find(award);
        c.values["award"] = award_name != templates_.awards.end() ? award_name->second : award;
        auto parsed_state = engine::ParseState(state);
        c.values["state"] = parsed_state ? std::string(engine::StateLabel(*parsed_state)) : state;
        c.values["unit"] = unit_ind == soci::i_ok ? unit_name : unit_id;
        if (deadline.empty() && next_ind == soci::i_ok) deadline = next;
      }
    }
    c.values["deadline"] = deadline.empty() ? templates_.no_deadline : LocalTime(deadline);
    if (auto kind = c.values.find("deadline_kind"); kind != c.values.end()) {
      auto label = templates_.deadline_kinds.find(kind->second);
      if (label != templates_.deadline_kinds.end()) kind->second = label->second;
    }
    auto addresses = ResolveRecipient(*sql, c.message.recipient, settings_.default_webhook);
    if (!addresses.ok()) return addresses.status();
    c.addresses = std::move(*addresses);
    std::string channel, target;
    soci::statement sent = (sql->prepare << "SELECT channel, target FROM outbox_attempts"
                                            " WHERE outbox_id = :id AND outcome = 'sent'",
                            soci::into(channel), soci::into(target), soci::use(id));
    sent.execute();
    while (sent.fetch()) c.delivered.emplace(channel, target);
  } catch (const soci::soci_error& e) {
    return db::StatusFromSqlError(e, "read notification " + std::to_string(id));
  }
  return c;
}

Status OutboxDispatcher::Process(long long id, engine::Timestamp now) {
  auto loaded = Load(id);  // the session is back in the pool before anything is delivered
  if (!loaded.ok()) return loaded.status();
  Claimed& c = *loaded;
  int attempt = c.attempts + 1;
  struct Outcome {
    std::string channel, target, error;
    bool sent;
  };
  std::vector<Outcome> outcomes;
  auto rendered = Render(templates_, c.message.kind, c.values);
  if (!rendered.ok()) {
    outcomes.push_back({"render", c.message.kind, rendered.status().message(), false});
  } else {
    c.message.subject = rendered->subject;
    c.message.body = rendered->body;
    boost::json::object json{{"id", id},
                             {"kind", c.message.kind},
                             {"dossier", c.message.dossier_id},
                             {"recipient", c.message.recipient},
                             {"subject", c.message.subject},
                             {"body", c.message.body},
                             {"payload", c.payload},
                             {"created_at", engine::audit::FormatTimestamp(c.message.created_at)}};
    c.message.json = boost::json::serialize(json);
    std::vector<Delivery> deliveries;
    if (channels_.log != nullptr) deliveries.push_back({channels_.log, c.message.recipient});
    if (channels_.email != nullptr) {
      for (const auto& address : c.addresses.emails)
        deliveries.push_back({channels_.email, address});
    }
    if (channels_.webhook != nullptr) {
      for (const auto& url : c.addresses.webhooks) deliveries.push_back({channels_.webhook, url});
    }
    for (const Delivery& d : deliveries) {
      std::string name(d.channel->Name());
      if (c.delivered.contains({name, d.target})) continue;
      Status s = d.channel->Deliver(c.message, d.target);
      outcomes.push_back({name, d.target, s.ok() ? "" : s.message(), s.ok()});
    }
  }
  std::string errors;
  for (const auto& o : outcomes) {
    if (o.sent) continue;
    if (!errors.empty()) errors += "; ";
    errors += o.channel + " " + o.target + ": " + o.error;
  }
  std::string at = engine::audit::FormatTimestamp(now);
  std::string status = "sent";
  std::string next_at = at;
  if (!errors.empty()) {
    if (attempt >= settings_.max_attempts) {
      status = "failed";
    } else {
      auto delay = settings_.backoff_base;
      for (int i = 1; i < attempt && delay < settings_.backoff_cap; ++i) delay *= 2;
      next_at = engine::audit::FormatTimestamp(now + std::min(delay, settings_.backoff_cap));
      status = "pending";
    }
    logger_->warn("notification {} attempt {} failed ({}): {}", id, attempt, status, errors);
  }
  return db::RunInTransaction(db_, [&](soci::session& sql) -> Status {
    try {
      for (auto& o : outcomes) {
        std::string outcome = o.sent ? "sent" : "failed";
        soci::indicator error_ind = o.sent ? soci::i_null : soci::i_ok;
        sql << "INSERT INTO outbox_attempts (outbox_id, attempt, channel, target, outcome, error,"
               " attempted_at) VALUES (:id, :a, :c, :t, :o, :e, :at)",
            soci::use(id), soci::use(attempt), soci::use(o.channel), soci::use(o.target),
            soci::use(outcome), soci::use(o.error, error_ind), soci::use(at);
      }
      soci::indicator error_ind = errors.empty() ? soci::i_null : soci::i_ok;
      soci::indicator sent_ind = errors.empty() ? soci::i_ok : soci::i_null;
      sql << "UPDATE outbox SET status = :s, attempts = :a, next_attempt_at = :n, owner = NULL,"
             " lease_until = NULL, last_error = :e, sent_at = :sent WHERE id = :id AND owner = :o",
          soci::use(status), soci::use(attempt), soci::use(next_at), soci::use(errors, error_ind),
          soci::use(at, sent_ind), soci::use(id), soci::use(settings_.owner);
      return Status::Ok();
    } catch (const soci::soci_error& e) {
      return db::StatusFromSqlError(e, "record the delivery of notification " + std::to_string(id));
    }
  });
}

Result<int> OutboxDispatcher::RunOnce() {
  const engine::Timestamp now = clock_.Now();
  auto claimed = Claim(now);
  if (!claimed.ok()) return claimed.status();
  int handled = 0;
  for (long long id : *claimed) {
    Status s = Process(id, now);
    if (!s.ok()) {
      logger_->error("notification {}: {}", id, s.ToString());
      continue;
    }
    ++handled;
  }
  return handled;
}

Status OutboxDispatcher::Retry(long long id) {
  std::string at = engine::audit::FormatTimestamp(clock_.Now());
  bool found = false;
  Status status = db::RunInTransaction(db_, [&](soci::session& sql) -> Status {
    try {
      soci::statement update = (sql.prepare << "UPDATE outbox SET status = 'pending', attempts = 0,"
                                               " next_attempt_at = :at, owner = NULL,"
                                               " lease_until = NULL WHERE id = :id"
                                               " AND status = 'failed'",
                                soci::use(at), soci::use(id));
      update.execute(true);
      found = update.get_affected_rows() == 1;
      return Status::Ok();
    } catch (const soci::soci_error& e) {
      return db::StatusFromSqlError(e, "retry notification " + std::to_string(id));
    }
  });
  if (!status.ok()) return status;
  if (!found) return Status::NotFound("no failed notification " + std::to_string(id));
  return Status::Ok();
}

Result<std::vector<OutboxEntry>> OutboxDispatcher::List(const std::string& status, int limit) {
  std::vector<OutboxEntry> entries;
  auto sql = db_.Acquire();
  try {
    OutboxEntry e;
    soci::indicator dossier_ind, error_ind, sent_ind;
    std::string query =
        "SELECT id, dossier_id, kind, recipient, status, attempts, next_attempt_at, last_error,"
        " created_at, sent_at FROM outbox WHERE (CAST(:s AS TEXT) = '' OR status = :s2)"
        " ORDER BY id DESC LIMIT " +
        std::to_string(limit);
    std::string wanted = status;
    std::string wanted2 = status;
    soci::statement rows =
        (sql->prepare << query, soci::into(e.id), soci::into(e.dossier_id, dossier_ind),
         soci::into(e.kind), soci::into(e.recipient), soci::into(e.status), soci::into(e.attempts),
         soci::into(e.next_attempt_at), soci::into(e.last_error, error_ind),
         soci::into(e.created_at), soci::into(e.sent_at, sent_ind), soci::use(wanted, "s"),
         soci::use(wanted2, "s2"));
    rows.execute();
    while (rows.fetch()) {
      OutboxEntry copy = e;
      if (dossier_ind != soci::i_ok) copy.dossier_id.clear();
      if (error_ind != soci::i_ok) copy.last_error.clear();
      if (sent_ind != soci::i_ok) copy.sent_at.clear();
      entries.push_back(std::move(copy));
    }
  } catch (const soci::soci_error& e) {
    return db::StatusFromSqlError(e, "list the outbox");
  }
  return entries;
}

Result<std::vector<OutboxAttempt>> OutboxDispatcher::Attempts(long long id) {
  std::vector<OutboxAttempt> attempts;
  auto sql = db_.Acquire();
  try {
    OutboxAttempt a;
    soci::indicator error_ind;
    soci::statement rows =
        (sql->prepare << "SELECT attempt, channel, target, outcome, error, attempted_at"
                         " FROM outbox_attempts WHERE outbox_id = :id ORDER BY id",
         soci::into(a.attempt), soci::into(a.channel), soci::into(a.target), soci::into(a.outcome),
         soci::into(a.error, error_ind), soci::into(a.attempted_at), soci::use(id));
    rows.execute();
    while (rows.fetch()) {
      OutboxAttempt copy = a;
      if (error_ind != soci::i_ok) copy.error.clear();
      attempts.push_back(std::move(copy));
    }
  } catch (const soci::soci_error& e) {
    return db::StatusFromSqlError(e, "read the attempts of notification " + std::to_string(id));
  }
  return attempts;
}

}  // namespace tdkt::adapters::notify
