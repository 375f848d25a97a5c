#include "adapters/scheduler/timer_store.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <tuple>

#include "adapters/db/sql_error.hpp"
#include "adapters/db/transaction.hpp"
#include "engine/audit/record.hpp"

namespace tdkt::adapters::scheduler {

using engine::Result;
using engine::Status;
using engine::audit::FormatTimestamp;

Result<std::vector<TimerRow>> TimerStore::Claim(const std::string& owner, engine::Timestamp now,
                                                std::chrono::seconds lease, int limit) {
  std::vector<TimerRow> claimed;
  if (limit <= 0) return claimed;
  const bool postgres = db_.backend() == db::Backend::kPostgresql;
  Status status = db::RunInTransaction(db_, [&](soci::session& sql) -> Status {
    claimed.clear();
    const auto n = static_cast<std::size_t>(limit);
    std::vector<long long> ids(n);
    std::vector<std::string> keys(n), dossiers(n), kinds(n), dues(n), payloads(n);
    std::vector<int> attempts(n);
    std::string at = FormatTimestamp(now);
    std::string until = FormatTimestamp(now + lease);
    std::string who = owner;
    int count = limit;
    try {
      // One statement picks and leases the batch. SKIP LOCKED: rows another process is claiming
      // right now are passed over, not waited on.
      sql << std::string(
                 "UPDATE timers SET owner = :o, lease_until = :l, attempts = attempts + 1"
                 " WHERE id IN (SELECT id FROM timers WHERE status = 'pending' AND due_at <= :now"
                 " AND (lease_until IS NULL OR lease_until <= :now2)"
                 " ORDER BY due_at, id LIMIT :n") +
                 (postgres ? " FOR UPDATE SKIP LOCKED" : "") +
                 ") RETURNING id, timer_key, dossier_id, kind, due_at, payload, attempts",
          soci::use(who), soci::use(until), soci::use(at), soci::use(at), soci::use(count),
          soci::into(ids), soci::into(keys), soci::into(dossiers), soci::into(kinds),
          soci::into(dues), soci::into(payloads), soci::into(attempts);
      if (!sql.got_data()) return Status::Ok();
      for (std::size_t i = 0; i < ids.size(); ++i) {
        TimerRow row;
        row.id = ids[i];
        row.key = keys[i];
        row.dossier = dossiers[i];
        row.kind = kinds[i];
        row.due_at = dues[i];
        row.payload = payloads[i];
        row.status = "pending";
        row.attempts = attempts[i];
        row.owner = owner;
        row.lease_until = until;
        claimed.push_back(std::move(row));
      }
      // RETURNING gives no order: earliest due first, as claimed.
      std::sort(claimed.begin(), claimed.end(), [](const TimerRow& x, const TimerRow& y) {
        return std::tie(x.due_at, x.id) < std::tie(y.due_at, y.id);
      });
    } catch (const soci::soci_error& e) {
      return db::StatusFromSqlError(e, "claim due timers");
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return claimed;
}

Result<std::optional<engine::Timestamp>> TimerStore::NextClaimable() {
  // Only the earliest pending timers are read (through the (status, due_at) index): any later
  // one is due no sooner than the last of them, so that bounds it. Waking early is harmless.
  constexpr int kLook = 64;
  std::string next;
  std::string last_due;
  int count = 0;
  soci::indicator next_ind = soci::i_null;
  soci::indicator last_ind = soci::i_null;
  try {
    auto sql = db_.Acquire();
    // A leased timer is claimable again only when its lease ends (text order is time order).
    *sql << "SELECT MIN(CASE WHEN lease_until IS NOT NULL AND lease_until > due_at"
            " THEN lease_until ELSE due_at END), MAX(due_at), COUNT(*) FROM"
            " (SELECT due_at, lease_until FROM timers WHERE status = 'pending'"
            " ORDER BY due_at LIMIT :n) earliest",
        soci::use(kLook), soci::into(next, next_ind), soci::into(last_due, last_ind),
        soci::into(count);
  } catch (const soci::soci_error& e) {
    return db::StatusFromSqlError(e, "find the next due timer");
  }
  if (next_ind != soci::i_ok) return std::optional<engine::Timestamp>();
  if (count == kLook && last_ind == soci::i_ok && last_due < next) next = last_due;
  auto parsed = engine::audit::ParseTimestamp(next);
  if (!parsed.ok()) return Status::Unavailable("a timer's due time is malformed: " + next);
  return std::optional<engine::Timestamp>(*parsed);
}

Status TimerStore::MarkDone(soci::session& sql, std::int64_t id, TimerOutcome outcome,
                            engine::Timestamp now) {
  std::string status = outcome == TimerOutcome::kFired ? "fired" : "skipped";
  std::string at = FormatTimestamp(now);
  long long timer = id;
  try {
    sql << "UPDATE timers SET status = :s, fired_at = :at, lease_until = NULL"
           " WHERE id = :id AND status = 'pending'",
        soci::use(status), soci::use(at), soci::use(timer);
  } catch (const soci::soci_error& e) {
    return db::StatusFromSqlError(e, "mark timer " + std::to_string(id) + " " + status);
  }
  return Status::Ok();
}

Status TimerStore::MarkDone(const std::vector<std::pair<std::int64_t, TimerOutcome>>& done,
                            engine::Timestamp now) {
  if (done.empty()) return Status::Ok();
  return db::RunInTransaction(db_, [&](soci::session& sql) -> Status {
    for (TimerOutcome outcome : {TimerOutcome::kFired, TimerOutcome::kSkipped}) {
      std::vector<long long> ids;
      for (const auto& [id, o] : done) {
        if (o == outcome) ids.push_back(id);
      }
      if (ids.empty()) continue;
      std::string list;
      for (std::size_t i = 0; i < ids.size(); ++i) {
        list += (i == 0 ? "" : ", ") + std::to_string(ids[i]);
      }
      std::string status = outcome == TimerOutcome::kFired ? "fired" : "skipped";
      std::string at = FormatTimestamp(now);
      try {
        // The ids are integers formatted here, not text from outside.
        sql << "UPDATE timers SET status = :s, fired_at = :at, lease_until = NULL"
               " WHERE id IN (" +
                   list + ") AND status = 'pending'",
            soci::use(status), soci::use(at);
      } catch (const soci::soci_error& e) {
        return db::StatusFromSqlError(e,
                                      "mark " + std::to_string(ids.size()) + " timers " + status);
      }
    }
    return Status::Ok();
  });
}

Result<std::vector<TimerRow>> TimerStore::List(engine::Timestamp due_before,
                                               const std::string& status, int limit) {
  std::vector<TimerRow> rows;
  std::string before = FormatTimestamp(due_before);
  std::string wanted = status;
  int any = status.empty() ? 1 : 0;
  int max = limit;
  try {
    auto sql = db_.Acquire();
    TimerRow row;
    long long id = 0;
    soci::indicator owner_ind = soci::i_null;
    soci::indicator lease_ind = soci::i_null;
    std::string owner, lease;
    soci::statement st =
        (sql->prepare << "SELECT id, timer_key, dossier_id, kind, due_at, payload, status,"
                         " attempts, owner, lease_until FROM timers WHERE due_at < :b"
                         " AND (:any = 1 OR status = :s) ORDER BY due_at, id LIMIT :n",
         soci::use(before), soci::use(any), soci::use(wanted), soci::use(max), soci::into(id),
         soci::into(row.key), soci::into(row.dossier), soci::into(row.kind), soci::into(row.due_at),
         soci::into(row.payload), soci::into(row.status), soci::into(row.attempts),
         soci::into(owner, owner_ind), soci::into(lease, lease_ind));
    st.execute();
    while (st.fetch()) {
      TimerRow out = row;
      out.id = id;
      if (owner_ind == soci::i_ok) out.owner = owner;
      if (lease_ind == soci::i_ok) out.lease_until = lease;
      rows.push_back(std::move(out));
    }
  } catch (const soci::soci_error& e) {
    return db::StatusFromSqlError(e, "list timers");
  }
  return rows;
}

}  // namespace tdkt::adapters::scheduler
