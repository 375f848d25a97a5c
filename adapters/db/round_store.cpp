#include "adapters/db/round_store.hpp"

#include <soci/soci.h>

#include <boost/json.hpp>

#include "adapters/db/directory_store.hpp"
#include "adapters/db/event_log_store.hpp"
#include "adapters/db/number_sequences.hpp"
#include "adapters/db/sql_error.hpp"
#include "engine/audit/record.hpp"
#include "engine/codec/json_reader.hpp"
#include "engine/codec/round_json.hpp"

namespace tdkt::adapters::db {

using engine::Result;
using engine::Round;
using engine::Status;
namespace json = boost::json;

std::string RoundStream(engine::RoundKind kind, const engine::RoundId& id) {
  return "@" + std::string(engine::RoundKindName(kind)) + "/" + id.value();
}

Result<StoredRound> LoadRound(soci::session& sql, Backend backend, const engine::RoundId& id,
                              bool for_update) {
  std::string data;
  long long version = 0;
  try {
    std::string key = id.value();
    sql << "SELECT data, version FROM rounds WHERE id = :id" +
               std::string(for_update && backend == Backend::kPostgresql ? " FOR UPDATE" : ""),
        soci::into(data), soci::into(version), soci::use(key);
    if (!sql.got_data()) return Status::NotFound("no decision or submission " + id.value());
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "load round " + id.value());
  }
  json::error_code ec;
  json::value value = json::parse(data, ec);
  if (ec) return Status::Unavailable("round " + id.value() + ": stored data is not JSON");
  auto round = engine::codec::ParseRound(value);
  if (!round.ok()) {
    return Status::Unavailable("round " + id.value() + ": " + round.status().message());
  }
  return StoredRound{std::move(*round), version};
}

Status SaveRound(soci::session& sql, const Round& round, std::int64_t version, bool insert,
                 engine::Timestamp now) {
  std::string id = round.id.value();
  std::string kind(engine::RoundKindName(round.kind));
  std::string campaign = round.campaign.value();
  std::string status(engine::RoundStatusName(round.status));
  std::string number = round.number;
  soci::indicator number_ind = number.empty() ? soci::i_null : soci::i_ok;
  std::string data = json::serialize(engine::codec::RoundToJson(round));
  long long v = version;
  std::string at = engine::audit::FormatTimestamp(now);
  try {
    if (insert) {
      sql << "INSERT INTO rounds (id, kind, campaign_id, status, number, data, version,"
             " created_at, updated_at) VALUES (:id, :kind, :c, :s, :n, :d, :v, :at, :at2)",
          soci::use(id), soci::use(kind), soci::use(campaign), soci::use(status),
          soci::use(number, number_ind), soci::use(data), soci::use(v), soci::use(at),
          soci::use(at);
    } else {
      sql << "UPDATE rounds SET status = :s, number = :n, data = :d, version = :v,"
             " updated_at = :at WHERE id = :id",
          soci::use(status), soci::use(number, number_ind), soci::use(data), soci::use(v),
          soci::use(at), soci::use(id);
    }
    return Status::Ok();
  } catch (const soci::soci_error& e) {
    Status s = StatusFromSqlError(e, "save round " + id);
    if (insert && s.code() == engine::StatusCode::kConflict) {
      return Status::Conflict("a decision or submission " + id + " already exists");
    }
    return s;
  }
}

Result<std::int64_t> AppendRecord(soci::session& sql, Backend backend, const Round& round,
                                  const std::string& type, json::object payload,
                                  const engine::Actor& actor, const std::string& request_id,
                                  engine::Timestamp now, Carries carries) {
  if (carries == Carries::kRound) payload["round"] = engine::codec::RoundToJson(round);
  NewEvent event;
  event.dossier_id = RoundStream(round.kind, round.id);
  event.event_type = type;
  event.payload = std::move(payload);
  event.actor_id = actor.user.value();
  event.actor_role = std::string(engine::RoleName(actor.role));
  if (actor.unit) event.actor_unit = actor.unit->value();
  event.occurred_at = now;
  event.request_id = request_id;
  auto record = EventLogStore(backend).Append(sql, event);
  if (!record.ok()) return record.status();
  try {
    std::string stream = event.dossier_id;
    long long version = record->dossier_seq;
    sql << "INSERT INTO stream_heads (stream_id, version) VALUES (:s, :v) ON CONFLICT (stream_id)"
           " DO UPDATE SET version = excluded.version",
        soci::use(stream), soci::use(version);
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "move the head of " + event.dossier_id);
  }
  return record->dossier_seq;
}

std::string UniqueRequestId(const std::string& what) {
  return what + "-" + NewToken().substr(5, 22);
}

Result<std::optional<engine::RoundId>> OpenDraftOf(soci::session& sql,
                                                   const engine::DossierId& dossier) {
  try {
    std::string id = dossier.value();
    std::string round;
    sql << "SELECT round_id FROM round_open_lines WHERE dossier_id = :d", soci::into(round),
        soci::use(id);
    if (!sql.got_data()) return std::optional<engine::RoundId>();
    return std::optional<engine::RoundId>(engine::RoundId(round));
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "look up the open draft of dossier " + dossier.value());
  }
}

Result<std::int64_t> NextRegisterNumber(soci::session& sql, const std::string& issuer) {
  auto next = NumberSequences().Next(sql, NumberSeries{issuer, 0, "SV"});
  if (!next.ok()) return next.status();
  return next->value;
}

Status EnterRegister(soci::session& sql, std::int64_t number, const engine::DossierId& dossier,
                     const Round& round, std::chrono::sys_days day) {
  try {
    long long n = number;
    std::string d = dossier.value();
    std::string r = round.id.value();
    std::string num = round.number;
    std::string on = engine::codec::FormatDate(day);
    sql << "INSERT INTO honour_register (number, dossier_id, decision_id, decision_number,"
           " entered_on) VALUES (:n, :d, :r, :num, :on)",
        soci::use(n), soci::use(d), soci::use(r), soci::use(num), soci::use(on);
    return Status::Ok();
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "enter dossier " + dossier.value() + " in the register");
  }
}

}  // namespace tdkt::adapters::db
