#include "adapters/db/apply_service.hpp"

#include <soci/soci.h>

#include <boost/json.hpp>

#include "adapters/db/directory_store.hpp"
#include "adapters/db/dossier_store.hpp"
#include "adapters/db/effect_writer.hpp"
#include "adapters/db/event_log_store.hpp"
#include "adapters/db/idempotency_store.hpp"
#include "engine/codec/command_json.hpp"
#include "workflows/decide.hpp"

namespace tdkt::adapters::db {

using engine::Result;
using engine::Status;

namespace {

constexpr int kConflictAttempts = 4;

// The writer an event goes to. Events that take a document number (council_vote, approve,
// escalate) lock their series' row until commit; sending them all to one writer, where they
// share commits, keeps two writers from deadlocking on two series locked in opposite orders.
std::string WriterKey(const engine::DossierId& dossier, engine::EventType type) {
  switch (type) {
    case engine::EventType::kCouncilVote:
    case engine::EventType::kApprove:
    case engine::EventType::kEscalate: return "document-numbers";
    default: return dossier.value();
  }
}

std::optional<std::string> UnitOf(const engine::Actor& actor) {
  if (!actor.unit) return std::nullopt;
  return actor.unit->value();
}

// What makes two requests "the same" for idempotency: the dossier, the event, its payload and
// who sends it.
std::string RequestBody(std::string_view kind, const std::string& dossier, std::string_view event,
                        const boost::json::object& payload, const engine::Actor& actor) {
  boost::json::object body;
  body["kind"] = kind;
  body["dossier"] = dossier;
  body["event"] = event;
  body["payload"] = payload;
  body["actor"] = actor.user.value();
  body["role"] = engine::RoleName(actor.role);
  body["unit"] = actor.unit ? boost::json::value(actor.unit->value()) : nullptr;
  return boost::json::serialize(body);
}

// The outcome of a request id seen before, or nullopt. Conflict for a different body.
Result<std::optional<ApplyOutcome>> Seen(soci::session& sql, const std::string& request_id,
                                         const std::string& body) {
  IdempotencyStore idempotency;
  auto stored = idempotency.Lookup(sql, request_id, body);
  if (!stored.ok()) return stored.status();
  if (!stored->has_value()) return std::optional<ApplyOutcome>();
  auto outcome = OutcomeFromJson(**stored);
  if (!outcome.ok()) return outcome.status();
  outcome->replayed = true;
  return std::optional<ApplyOutcome>(std::move(*outcome));
}

}  // namespace

ApplyService::ApplyService(Database& db, GroupCommitter& committer,
                           const engine::RulePackRegistry& packs,
                           const engine::calendar::WorkingCalendar& calendar,
                           ApplySettings settings)
    : db_(db),
      committer_(committer),
      packs_(packs),
      calendar_(calendar),
      settings_(std::move(settings)) {}

Result<ApplyOutcome> ApplyService::Apply(const ApplyRequest& request, engine::Timestamp now,
                                         std::optional<std::int64_t> expected_version) {
  if (request.request_id.empty()) return Status::InvalidArgument("request_id: required");
  const std::string event_name(engine::EventName(engine::TypeOf(request.command)));
  const boost::json::object command_payload = engine::codec::CommandPayload(request.command);
  const std::string body =
      RequestBody("event", request.dossier.value(), event_name, command_payload, request.actor);
  std::optional<Result<ApplyOutcome>> result;
  bool request_id_reused = false;
  bool final_refusal = false;  // not a race: running it again cannot change the answer
  auto work = [&](soci::session& sql) -> Status {
    auto seen = Seen(sql, request.request_id, body);
    if (!seen.ok()) {
      request_id_reused = seen.status().code() == engine::StatusCode::kConflict;
      return seen.status();
    }
    if (seen->has_value()) {
      result.emplace(std::move(**seen));
      return Status::Ok();  // nothing written
    }
    DossierStore dossiers(db_.backend());
    auto row = dossiers.Load(sql, request.dossier, /*for_update=*/true);
    if (!row.ok()) return row.status();
    if (expected_version && *expected_version != row->version) {
      final_refusal = true;
      return Status::Conflict("version conflict: dossier " + request.dossier.value() +
                              " is at version " + std::to_string(row->version) +
                              ", the request expected " + std::to_string(*expected_version) +
                              " (reload it and decide again)");
    }
    auto campaign = dossiers.LoadCampaign(sql, row->snapshot.campaign);
    if (!campaign.ok()) return campaign.status();
    auto pack = row->snapshot.rule_pack.empty() ? packs_.InForce(calendar_.LocalDate(now))
                                                : packs_.Find(row->snapshot.rule_pack);
    if (!pack.ok()) return pack.status();
    engine::DecideFacts facts;
    auto other = dossiers.NomineeHasOtherOpenOrApproved(sql, row->snapshot);
    if (!other.ok()) return other.status();
    facts.nominee_has_other_open_or_approved = *other;
    if (campaign->quotas.contains(row->snapshot.award)) {
      auto approved = dossiers.ApprovedWithAward(sql, campaign->id, row->snapshot.award);
      if (!approved.ok()) return approved.status();
      facts.approved_with_same_award = *approved;
    }
    // A vote is judged against the session it names (the core refuses one that is not recorded,
    // or was held for another campaign); counts it leaves out are the session's.
    engine::Command command = request.command;
    if (auto* vote = std::get_if<engine::CouncilVote>(&command)) {
      auto session = DirectoryStore(db_.backend()).LoadCouncilSession(sql, vote->session.value());
      if (session.ok()) {
        if (vote->members == 0 && vote->present == 0) {
          vote->members = session->members;
          vote->present = session->present;
        }
        facts.council_session =
            engine::CouncilSessionFacts{vote->session, session->members, session->present, true,
                                        engine::CampaignId(session->campaign_id)};
      } else if (session.status().code() == engine::StatusCode::kNotFound) {
        facts.council_session = engine::CouncilSessionFacts{vote->session, 0, 0, false, {}};
      } else {
        return session.status();
      }
    }
    auto decision =
        workflows::Decide(row->snapshot, command, request.actor, **pack, *campaign, facts, now);
    if (!decision.ok()) return decision.status();

    EffectWriter effects(db_.backend(), calendar_, settings_);
    DossierRow next = *row;
    next.snapshot = decision->dossier;
    next.version = row->version + 1;
    auto numbers = effects.AssignNumbers(sql, decision->effects, next, now);
    if (!numbers.ok()) return numbers.status();

    boost::json::object audit_payload;
    audit_payload["command"] = engine::codec::CommandPayload(command);
    audit_payload["from"] = engine::StateName(row->snapshot.state);
    audit_payload["to"] = engine::StateName(next.snapshot.state);
    if (!numbers->empty()) {
      boost::json::array list;
      for (const auto& n : *numbers) list.emplace_back(n);
      audit_payload["numbers"] = std::move(list);
    }
    EventLogStore log(db_.backend());
    auto record = log.Append(
        sql,
        NewEvent{request.dossier.value(), event_name, audit_payload, request.actor.user.value(),
                 std::string(engine::RoleName(request.actor.role)), UnitOf(request.actor), now,
                 request.request_id,
                 next.snapshot.rule_pack.empty() ? std::nullopt
                                                 : std::optional(next.snapshot.rule_pack.value())});
    if (!record.ok()) return record.status();
    if (record->dossier_seq != next.version) {
      return Status::Unavailable("dossier " + request.dossier.value() +
                                 ": the projection (version " + std::to_string(row->version) +
                                 ") and the event log (" + std::to_string(record->dossier_seq - 1) +
                                 " records) disagree; run `tdkt replay --check`");
    }
    if (Status s = effects.Carry(sql, decision->effects, next, request.request_id, now); !s.ok()) {
      return s;
    }
    if (Status s = dossiers.Save(sql, next, row->version, now); !s.ok()) return s;

    ApplyOutcome outcome{next.snapshot, next.version, event_name, record->seq,
                         record->hash,  *numbers,     false};
    IdempotencyStore idempotency;
    if (Status s = idempotency.Record(sql, request.request_id, body, OutcomeToJson(outcome), now);
        !s.ok()) {
      return s;
    }
    result.emplace(std::move(outcome));
    return Status::Ok();
  };
  // A conflict the database reports (a lost race, a deadlock between writers numbering
  // documents) is retried: the request id makes a retry safe, and the dossier is decided again on
  // what is stored now. A request id reused for another body is final.
  Status status;
  for (int attempt = 0; attempt < kConflictAttempts; ++attempt) {
    status = committer_.Run(WriterKey(request.dossier, engine::TypeOf(request.command)), work);
    if (status.code() != engine::StatusCode::kConflict || request_id_reused || final_refusal) {
      break;
    }
  }
  if (!status.ok()) {
    // A concurrent duplicate of this request id may have committed first: answer as it did.
    if (status.code() == engine::StatusCode::kConflict && !final_refusal) {
      auto sql = db_.Acquire();
      auto seen = Seen(*sql, request.request_id, body);
      if (seen.ok() && seen->has_value()) return std::move(**seen);
    }
    return status;
  }
  return Observed(std::move(*result));
}

Result<ApplyOutcome> ApplyService::Create(const NewDossier& dossier, const engine::Actor& actor,
                                          const std::string& request_id, engine::Timestamp now) {
  if (request_id.empty()) return Status::InvalidArgument("request_id: required");
  if (dossier.id.empty()) return Status::InvalidArgument("id: required");
  if (dossier.nominee.name.empty()) return Status::InvalidArgument("nominee.name: required");
  if (dossier.award.empty()) return Status::InvalidArgument("award: required");
  const bool own_unit_officer =
      actor.role == engine::Role::kUnitOfficer && actor.unit && *actor.unit == dossier.unit;
  if (!own_unit_officer && actor.role != engine::Role::kSecretariat) {
    return Status::Forbidden(
        "role rule: a draft is created by the unit's own officer (cán bộ đơn vị) or the "
        "secretariat, not by " +
        std::string(engine::RoleName(actor.role)) +
        (actor.unit ? " of " + actor.unit->value() : ""));
  }
  engine::DossierSnapshot snapshot;
  snapshot.id = dossier.id;
  snapshot.campaign = dossier.campaign;
  snapshot.unit = dossier.unit;
  snapshot.nominee = dossier.nominee;
  if (snapshot.nominee.id.empty()) snapshot.nominee.id = engine::NomineeId(dossier.id.value());
  snapshot.award = dossier.award;
  snapshot.achievement_summary = dossier.achievement_summary;
  snapshot.state = engine::State::kDraft;
  boost::json::object created;
  created["dossier"] = engine::codec::SnapshotToJson(snapshot);
  const std::string body = RequestBody("create", dossier.id.value(), "create", created, actor);

  std::optional<ApplyOutcome> result;
  Status status = committer_.Run(dossier.id.value(), [&](soci::session& sql) -> Status {
    auto seen = Seen(sql, request_id, body);
    if (!seen.ok()) return seen.status();
    if (seen->has_value()) {
      result.emplace(std::move(**seen));
      return Status::Ok();
    }
    DossierStore dossiers(db_.backend());
    auto campaign = dossiers.LoadCampaign(sql, dossier.campaign);
    if (!campaign.ok()) return campaign.status();
    auto unit = dossiers.UnitExists(sql, dossier.unit);
    if (!unit.ok()) return unit.status();
    if (!*unit) return Status::NotFound("no unit " + dossier.unit.value());
    DossierRow row;
    row.snapshot = snapshot;
    row.version = 1;
    if (Status s = dossiers.Insert(sql, row, now); !s.ok()) {
      return s.code() == engine::StatusCode::kConflict
                 ? Status::Conflict("dossier " + dossier.id.value() + " already exists")
                 : s;
    }
    EventLogStore log(db_.backend());
    auto record =
        log.Append(sql, NewEvent{dossier.id.value(), "create", created, actor.user.value(),
                                 std::string(engine::RoleName(actor.role)), UnitOf(actor), now,
                                 request_id, std::nullopt});
    if (!record.ok()) return record.status();
    EffectWriter effects(db_.backend(), calendar_, settings_);
    if (Status s = effects.ScheduleCutoff(sql, row, campaign->nomination_cutoff, now); !s.ok()) {
      return s;
    }
    if (Status s = dossiers.Save(sql, row, 1, now); !s.ok()) return s;
    ApplyOutcome outcome{row.snapshot, 1, "create", record->seq, record->hash, {}, false};
    IdempotencyStore idempotency;
    if (Status s = idempotency.Record(sql, request_id, body, OutcomeToJson(outcome), now);
        !s.ok()) {
      return s;
    }
    result.emplace(std::move(outcome));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return Observed(std::move(*result));
}

std::string OutcomeToJson(const ApplyOutcome& outcome) {
  boost::json::object o;
  o["dossier"] = engine::codec::SnapshotToJson(outcome.dossier);
  o["version"] = outcome.version;
  o["event"] = outcome.event;
  o["seq"] = outcome.seq;
  o["hash"] = outcome.hash;
  boost::json::array numbers;
  for (const auto& n : outcome.numbers) numbers.emplace_back(n);
  o["numbers"] = std::move(numbers);
  return boost::json::serialize(o);
}

Result<ApplyOutcome> OutcomeFromJson(const std::string& json) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(json, ec);
  if (ec || !value.is_object()) return Status::Unavailable("stored outcome is not JSON");
  const auto& o = value.get_object();
  ApplyOutcome outcome;
  try {
    auto dossier = engine::codec::ParseSnapshot(o.at("dossier"));
    if (!dossier.ok()) return dossier.status();
    outcome.dossier = std::move(*dossier);
    outcome.version = o.at("version").to_number<std::int64_t>();
    outcome.event = std::string(o.at("event").as_string());
    outcome.seq = o.at("seq").to_number<std::int64_t>();
    outcome.hash = std::string(o.at("hash").as_string());
    for (const auto& n : o.at("numbers").as_array()) outcome.numbers.emplace_back(n.as_string());
  } catch (const std::exception& e) {
    return Status::Unavailable(std::string("stored outcome unreadable: ") + e.what());
  }
  return outcome;
}

}  // namespace tdkt::adapters::db
