#include "adapters/db/apply_service.hpp"

#include <soci/soci.h>

#include <boost/json.hpp>

#include "adapters/db/directory_store.hpp"
#include "adapters/db/dossier_store.hpp"
#include "adapters/db/effect_writer.hpp"
#include "adapters/db/event_log_store.hpp"
#include "adapters/db/idempotency_store.hpp"
#include "adapters/db/nominee_store.hpp"
#include "adapters/db/round_store.hpp"
#include "adapters/db/sql_error.hpp"
#include "adapters/db/write_batch.hpp"
#include "engine/audit/record.hpp"
#include "engine/audit/sha256.hpp"
#include "engine/codec/campaign_json.hpp"
#include "engine/codec/command_json.hpp"
#include "engine/transfer.hpp"
#include "engine/unit_succession.hpp"
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

// The outcome of a request id seen before (with the dossier as stored now), or nullopt.
// Conflict for a different body.
Result<std::optional<ApplyOutcome>> Seen(soci::session& sql, Backend backend,
                                         const std::string& request_id, const std::string& body) {
  IdempotencyStore idempotency;
  auto stored = idempotency.Lookup(sql, request_id, body);
  if (!stored.ok()) return stored.status();
  if (!stored->has_value()) return std::optional<ApplyOutcome>();
  auto outcome = OutcomeFromJson(**stored);
  if (!outcome.ok()) return outcome.status();
  auto now = DossierStore(backend).Load(sql, outcome->row.snapshot.id);
  if (!now.ok()) return now.status();
  outcome->row = std::move(*now);
  outcome->replayed = true;
  return std::optional<ApplyOutcome>(std::move(*outcome));
}

// What Apply reads before deciding, in one round trip: the dossier's row (locked on
// PostgreSQL), its campaign, the nominee's other open dossier and the request id's record.
struct EventReads {
  std::optional<DossierRow> row;  // nullopt: no such dossier (nothing else was read)
  KnownFacts known;
  std::optional<std::string> seen_body_sha256;  // the request id's record, when it has one
  std::string seen_outcome;
};

Result<EventReads> ReadForEvent(soci::session& sql, Backend backend, const std::string& request_id,
                                const engine::DossierId& id) {
  EventReads reads;
  std::string data, submission, decision, deadlines, next, campaign_id, nominee_id, settings, other,
      seen_hash, seen_outcome;
  long long version = 0;
  soci::indicator submission_ind = soci::i_null, decision_ind = soci::i_null,
                  next_ind = soci::i_null, nominee_ind = soci::i_null, settings_ind = soci::i_null,
                  other_ind = soci::i_null, hash_ind = soci::i_null, outcome_ind = soci::i_null;
  std::string key = id.value();
  std::string request = request_id;
  try {
    sql << "SELECT d.data, d.version, d.submission_number, d.decision_number, d.deadlines,"
           " d.next_deadline_at, d.campaign_id, d.nominee_id, c.settings,"
           " (SELECT MIN(o.id) FROM dossiers o WHERE o.campaign_id = d.campaign_id"
           " AND o.nominee_id = d.nominee_id AND o.id <> d.id"
           " AND o.state NOT IN ('rejected', 'withdrawn', 'expired', 'revoked')),"
           " i.body_sha256, i.outcome FROM dossiers d"
           " LEFT JOIN campaigns c ON c.id = d.campaign_id"
           " LEFT JOIN idempotency i ON i.request_id = :r WHERE d.id = :id" +
               std::string(backend == Backend::kPostgresql ? " FOR UPDATE OF d" : ""),
        soci::use(request), soci::use(key), soci::into(data), soci::into(version),
        soci::into(submission, submission_ind), soci::into(decision, decision_ind),
        soci::into(deadlines), soci::into(next, next_ind), soci::into(campaign_id),
        soci::into(nominee_id, nominee_ind), soci::into(settings, settings_ind),
        soci::into(other, other_ind), soci::into(seen_hash, hash_ind),
        soci::into(seen_outcome, outcome_ind);
    if (!sql.got_data()) return reads;
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "load dossier " + id.value());
  }
  auto row = DossierRowFromColumns(
      id.value(), data, version,
      submission_ind == soci::i_ok ? std::optional<std::string>(submission) : std::nullopt,
      decision_ind == soci::i_ok ? std::optional<std::string>(decision) : std::nullopt, deadlines,
      next_ind == soci::i_ok ? std::optional<std::string>(next) : std::nullopt);
  if (!row.ok()) return row.status();
  // The campaign and the nominee's other dossier were found by the row's columns: used only when
  // they name what the stored dossier names (else DecideAndWrite reads them itself).
  if (row->snapshot.campaign.value() == campaign_id) {
    if (settings_ind == soci::i_ok) {
      boost::system::error_code ec;
      boost::json::value json = boost::json::parse(settings, ec);
      if (!ec) {
        auto campaign = engine::codec::ParseCampaign(json);
        if (campaign.ok()) reads.known.campaign = std::move(*campaign);
      }
    }
    if (row->snapshot.nominee.id.empty()) {
      reads.known.nominee_other_dossier = std::optional<engine::DossierId>();
    } else if (nominee_ind == soci::i_ok && row->snapshot.nominee.id.value() == nominee_id) {
      reads.known.nominee_other_dossier =
          other_ind == soci::i_ok ? std::optional(engine::DossierId(other)) : std::nullopt;
    }
  }
  if (hash_ind == soci::i_ok) {
    reads.seen_body_sha256 = seen_hash;
    reads.seen_outcome = outcome_ind == soci::i_ok ? seen_outcome : "";
  }
  reads.row = std::move(*row);
  return reads;
}

// The audit record's payload of an event: the command as decided, the states, the numbers.
boost::json::object EventRecordPayload(const engine::Command& command, engine::State from,
                                       engine::State to, const std::vector<std::string>& numbers) {
  boost::json::object payload;
  payload["command"] = engine::codec::CommandPayload(command);
  payload["from"] = engine::StateName(from);
  payload["to"] = engine::StateName(to);
  if (!numbers.empty()) {
    boost::json::array list;
    for (const auto& n : numbers) list.emplace_back(n);
    payload["numbers"] = std::move(list);
  }
  return payload;
}

}  // namespace

Result<ApplyOutcome> DecideAndWrite(soci::session& sql, const ApplyStep& step,
                                    const DossierRow& row, const engine::Command& command,
                                    const engine::Actor& actor, const std::string& request_id,
                                    engine::Timestamp now, WriteBatch* batch,
                                    const KnownFacts& known, bool* wrote) {
  if (batch == nullptr) {
    WriteBatch own(sql, step.backend);
    auto outcome = DecideAndWrite(sql, step, row, command, actor, request_id, now, &own, known);
    if (!outcome.ok()) return outcome;
    if (Status s = own.Flush(); !s.ok()) return s;
    return outcome;
  }
  const std::string event_name(engine::EventName(engine::TypeOf(command)));
  DossierStore dossiers(step.backend);
  auto campaign = known.campaign ? Result<engine::Campaign>(*known.campaign)
                                 : dossiers.LoadCampaign(sql, row.snapshot.campaign);
  if (!campaign.ok()) return campaign.status();
  auto pack = row.snapshot.rule_pack.empty() ? step.packs.InForce(step.calendar.LocalDate(now))
                                             : step.packs.Find(row.snapshot.rule_pack);
  if (!pack.ok()) return pack.status();
  engine::DecideFacts facts;
  if (known.nominee_other_dossier) {
    facts.nominee_other_dossier = *known.nominee_other_dossier;
  } else {
    auto other = dossiers.NomineeOtherDossier(sql, row.snapshot);
    if (!other.ok()) return other.status();
    facts.nominee_other_dossier = *other;
  }
  if (engine::Status status = engine::FillPackFacts(
          step.packs, row.snapshot, engine::TypeOf(command) == engine::EventType::kTransfer,
          step.calendar.LocalDate(now), facts);
      !status.ok()) {
    return status;
  }
  // A transfer moves the dossier of a unit that ended to the unit that carries it on.
  if (engine::TypeOf(command) == engine::EventType::kTransfer) {
    auto successions = DirectoryStore(step.backend).LoadUnitSuccessions(sql);
    if (!successions.ok()) return successions.status();
    facts.unit_successor =
        engine::UnitCarryingOn(row.snapshot.unit, step.calendar.LocalDate(now), *successions);
    if (facts.unit_successor) {
      auto open = OpenDraftOf(sql, row.snapshot.id);
      if (!open.ok()) return open.status();
      facts.open_draft = *open;
    }
  }
  if (campaign->quotas.contains(row.snapshot.award)) {
    auto approved = dossiers.ApprovedWithAward(sql, campaign->id, row.snapshot.award);
    if (!approved.ok()) return approved.status();
    facts.approved_with_same_award = *approved;
  }
  // A vote is judged by the core against the session it names, as recorded.
  if (const auto* vote = std::get_if<engine::CouncilVote>(&command)) {
    auto session = DirectoryStore(step.backend).LoadCouncilSession(sql, vote->session.value());
    if (session.ok()) {
      facts.council_session =
          engine::CouncilSessionFacts{vote->session, session->members, session->present, true,
                                      engine::CampaignId(session->campaign_id)};
      for (const std::string& id : session->agenda) {
        facts.council_session->agenda.emplace_back(id);
      }
    } else if (session.status().code() == engine::StatusCode::kNotFound) {
      facts.council_session = engine::CouncilSessionFacts{vote->session, 0, 0, false, {}};
    } else {
      return session.status();
    }
  }
  auto decision = workflows::Decide(row.snapshot, command, actor, **pack, *campaign, facts, now);
  if (!decision.ok()) return decision.status();
  // The command as decided (a vote with the session's counts filled in) is what the log keeps.
  const engine::Command& decided = std::get<engine::AppendAudit>(decision->effects.front()).command;

  EffectWriter effects(step.backend, step.calendar, step.settings);
  DossierRow next = row;
  next.snapshot = decision->dossier;
  next.version = row.version + 1;
  if (wrote != nullptr) *wrote = true;  // numbers are taken now; the rest is written by `batch`
  auto numbers = effects.AssignNumbers(sql, decision->effects, next, now);
  if (!numbers.ok()) return numbers.status();
  // A signed decision or submission brings its own number (DOMAIN.md, "Rounds").
  if (const auto* approve = std::get_if<engine::Approve>(&decided); approve && approve->decision) {
    next.decision_number = approve->decision->number;
    numbers->push_back(approve->decision->number);
  }
  if (const auto* escalate = std::get_if<engine::Escalate>(&decided);
      escalate && escalate->submission) {
    next.submission_number = escalate->submission->number;
    numbers->push_back(escalate->submission->number);
  }

  EventLogStore log(step.backend);
  auto sealed = log.Seal(
      sql,
      NewEvent{row.snapshot.id.value(), event_name,
               EventRecordPayload(decided, row.snapshot.state, next.snapshot.state, *numbers),
               actor.user.value(), std::string(engine::RoleName(actor.role)), UnitOf(actor), now,
               request_id,
               next.snapshot.rule_pack.empty() ? std::nullopt
                                               : std::optional(next.snapshot.rule_pack.value())});
  if (!sealed.ok()) return sealed.status();
  const engine::audit::AuditRecord& record = sealed->record;
  if (record.dossier_seq != next.version) {
    return Status::Unavailable("dossier " + row.snapshot.id.value() + ": the projection (version " +
                               std::to_string(row.version) + ") and the event log (" +
                               std::to_string(record.dossier_seq - 1) +
                               " records) disagree; run `tdkt replay --check`");
  }
  log.Queue(*batch, *sealed);
  if (Status s = effects.Carry(*batch, decision->effects, next, request_id, now); !s.ok()) {
    return s;
  }
  dossiers.QueueSave(*batch, next, row.version, now);

  return ApplyOutcome{next, event_name, record.seq, record.hash, *numbers, false};
}

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
  // Approvals and escalations come from signing a decision or submission (RoundService), which
  // numbers them and enters the register; alone they would skip both.
  if (std::holds_alternative<engine::Approve>(request.command) ||
      std::holds_alternative<engine::Escalate>(request.command)) {
    return Status::InvalidArgument(
        std::string(engine::EventName(engine::TypeOf(request.command))) +
        " is recorded by signing a " +
        (std::holds_alternative<engine::Approve>(request.command) ? "decision" : "submission") +
        " that lists the dossier (RoundService), not as an event of its own");
  }
  const std::string event_name(engine::EventName(engine::TypeOf(request.command)));
  const boost::json::object command_payload = engine::codec::CommandPayload(request.command);
  const std::string body =
      RequestBody("event", request.dossier.value(), event_name, command_payload, request.actor);
  std::optional<Result<ApplyOutcome>> result;
  bool request_id_reused = false;
  bool final_refusal = false;  // not a race: running it again cannot change the answer
  auto work = [&](soci::session& sql, bool& wrote) -> Status {
    auto read = ReadForEvent(sql, db_.backend(), request.request_id, request.dossier);
    if (!read.ok()) return read.status();
    if (!read->row) {
      // No such dossier: the request id may still have been answered (as Seen() tells).
      auto seen = Seen(sql, db_.backend(), request.request_id, body);
      if (!seen.ok()) {
        request_id_reused = seen.status().code() == engine::StatusCode::kConflict;
        return seen.status();
      }
      if (seen->has_value()) {
        result.emplace(std::move(**seen));
        return Status::Ok();
      }
      return Status::NotFound("no dossier " + request.dossier.value());
    }
    DossierRow& row = *read->row;
    if (read->seen_body_sha256) {
      if (*read->seen_body_sha256 != engine::audit::Sha256Hex(body)) {
        request_id_reused = true;
        return Status::Conflict("request id " + request.request_id +
                                " was already used for a different request");
      }
      auto outcome = OutcomeFromJson(read->seen_outcome);
      if (!outcome.ok()) return outcome.status();
      outcome->row = std::move(row);
      outcome->replayed = true;
      result.emplace(std::move(*outcome));
      return Status::Ok();  // nothing written
    }
    if (expected_version && *expected_version != row.version) {
      final_refusal = true;
      return Status::Conflict("version conflict: dossier " + request.dossier.value() +
                              " is at version " + std::to_string(row.version) +
                              ", the request expected " + std::to_string(*expected_version) +
                              " (reload it and decide again)");
    }
    WriteBatch batch(sql, db_.backend());
    auto outcome = DecideAndWrite(sql, Step(), row, request.command, request.actor,
                                  request.request_id, now, &batch, read->known, &wrote);
    if (!outcome.ok()) return outcome.status();
    IdempotencyStore().Queue(batch, request.request_id, body, OutcomeToJson(*outcome), now);
    if (Status s = batch.Flush(); !s.ok()) return s;
    result.emplace(std::move(*outcome));
    return Status::Ok();
  };
  // A conflict the database reports (a lost race, a deadlock between writers numbering
  // documents) is retried: the request id makes a retry safe, and the dossier is decided again on
  // what is stored now. A request id reused for another body is final.
  Status status;
  for (int attempt = 0; attempt < kConflictAttempts; ++attempt) {
    status =
        committer_.RunTracked(WriterKey(request.dossier, engine::TypeOf(request.command)), work);
    if (status.code() != engine::StatusCode::kConflict || request_id_reused || final_refusal) {
      break;
    }
  }
  if (!status.ok()) {
    // A concurrent duplicate of this request id may have committed first: answer as it did.
    if (status.code() == engine::StatusCode::kConflict && !final_refusal) {
      auto sql = db_.Acquire();
      auto seen = Seen(*sql, db_.backend(), request.request_id, body);
      if (seen.ok() && seen->has_value()) return std::move(**seen);
    }
    return status;
  }
  return Observed(std::move(*result));
}

Result<ApplyOutcome> CreateDraftIn(soci::session& sql, const ApplyStep& step,
                                   const NewDossier& dossier, const engine::Actor& actor,
                                   const std::string& request_id, engine::Timestamp now,
                                   bool nominee_by_reference) {
  DossierStore dossiers(step.backend);
  auto campaign = dossiers.LoadCampaign(sql, dossier.campaign);
  if (!campaign.ok()) {
    return campaign.status().code() == engine::StatusCode::kNotFound
               ? Status::InvalidArgument("dossier.campaign_id: no campaign '" +
                                         dossier.campaign.value() + "'")
               : campaign.status();
  }
  auto unit = dossiers.UnitExists(sql, dossier.unit);
  if (!unit.ok()) return unit.status();
  if (!*unit) {
    return Status::InvalidArgument("dossier.unit_id: no unit '" + dossier.unit.value() + "'");
  }
  engine::CreateFacts facts;
  auto retired = dossiers.UnitRetired(sql, dossier.unit);
  if (!retired.ok()) return retired.status();
  facts.unit_retired = *retired;
  auto nominee =
      NomineeStore(step.backend)
          .ResolveForDraft(sql, dossier.nominee, nominee_by_reference, dossier.unit, actor, now);
  if (!nominee.ok()) return nominee.status();
  NewDossier draft = dossier;
  draft.nominee = engine::DossierNomineeOf(*nominee);
  {
    engine::DossierSnapshot probe;
    probe.id = dossier.id;
    probe.campaign = dossier.campaign;
    probe.nominee = draft.nominee;
    auto other = dossiers.NomineeOtherDossier(sql, probe);
    if (!other.ok()) return other.status();
    facts.nominee_other_dossier = *other;
  }
  auto snapshot = engine::DecideCreate(draft, actor, *campaign, facts);
  if (!snapshot.ok()) return snapshot.status();
  DossierRow row;
  row.snapshot = std::move(*snapshot);
  row.version = 1;
  // The cut-off timer is planned first, so that the row is inserted with its deadline and needs
  // no second write; the timer and the record go together.
  WriteBatch batch(sql, step.backend);
  EffectWriter effects(step.backend, step.calendar, step.settings);
  effects.ScheduleCutoff(batch, row, campaign->nomination_cutoff, now);
  if (Status s = dossiers.Insert(sql, row, now); !s.ok()) {
    return s.code() == engine::StatusCode::kConflict
               ? Status::Conflict("dossier " + dossier.id.value() + " already exists")
               : s;
  }
  boost::json::object created;
  created["dossier"] = engine::codec::SnapshotToJson(row.snapshot);
  EventLogStore log(step.backend);
  auto sealed = log.Seal(sql, NewEvent{dossier.id.value(), "create", created, actor.user.value(),
                                       std::string(engine::RoleName(actor.role)), UnitOf(actor),
                                       now, request_id, std::nullopt});
  if (!sealed.ok()) return sealed.status();
  log.Queue(batch, *sealed);
  if (Status s = batch.Flush(); !s.ok()) return s;
  return ApplyOutcome{row, "create", sealed->record.seq, sealed->record.hash, {}, false};
}

Result<ApplyOutcome> ApplyService::Create(const NewDossier& dossier, const engine::Actor& actor,
                                          const std::string& request_id, engine::Timestamp now,
                                          bool id_chosen_by_client, bool nominee_by_reference) {
  if (request_id.empty()) return Status::InvalidArgument("request_id: required");
  // What makes two creations "the same": the draft as sent, without an id the service chose.
  boost::json::object sent = engine::codec::NomineeToJson(dossier.nominee);
  boost::json::object asked{{"id", id_chosen_by_client ? boost::json::value(dossier.id.value())
                                                       : boost::json::value(nullptr)},
                            {"campaign", dossier.campaign.value()},
                            {"unit", dossier.unit.value()},
                            {"nominee", std::move(sent)},
                            {"award", dossier.award.value()},
                            {"achievement_summary", dossier.achievement_summary}};
  const std::string body = RequestBody("create", "", "create", asked, actor);

  std::optional<ApplyOutcome> result;
  Status status = committer_.Run(dossier.id.value(), [&](soci::session& sql) -> Status {
    auto seen = Seen(sql, db_.backend(), request_id, body);
    if (!seen.ok()) return seen.status();
    if (seen->has_value()) {
      result.emplace(std::move(**seen));
      return Status::Ok();
    }
    auto outcome =
        CreateDraftIn(sql, Step(), dossier, actor, request_id, now, nominee_by_reference);
    if (!outcome.ok()) return outcome.status();
    IdempotencyStore idempotency;
    if (Status s = idempotency.Record(sql, request_id, body, OutcomeToJson(*outcome), now);
        !s.ok()) {
      return s;
    }
    result.emplace(std::move(*outcome));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return Observed(std::move(*result));
}

Result<AttachOutcome> ApplyService::Attach(const engine::DossierId& id, const NewDocument& document,
                                           const engine::Actor& actor, engine::Timestamp now) {
  engine::Attachment attachment{"doc-" + NewToken().substr(5, 16),
                                document.kind,
                                document.file_name,
                                document.media_type,
                                static_cast<std::int64_t>(document.content.size()),
                                engine::audit::Sha256Hex(document.content)};
  const std::string request_id = "document:" + attachment.id;
  std::optional<AttachOutcome> result;
  Status status = committer_.Run(id.value(), [&](soci::session& sql) -> Status {
    DossierStore dossiers(db_.backend());
    auto row = dossiers.Load(sql, id, /*for_update=*/true);
    if (!row.ok()) return row.status();
    auto after = engine::DecideAttach(row->snapshot, actor, attachment);
    if (!after.ok()) return after.status();
    DocumentRecord record_of_file{attachment.id,
                                  id.value(),
                                  std::string(engine::DocumentKindName(attachment.kind)),
                                  attachment.file_name,
                                  attachment.media_type,
                                  0,
                                  {},
                                  actor.user.value(),
                                  engine::audit::FormatTimestamp(now)};
    auto stored = DossierQuery(db_.backend()).AddDocument(sql, record_of_file, document.content);
    if (!stored.ok()) return stored.status();
    DossierRow next = *row;
    next.snapshot = std::move(*after);
    next.version = row->version + 1;
    boost::json::object payload{{"document", engine::codec::AttachmentToJson(attachment)},
                                {"from", engine::StateName(row->snapshot.state)},
                                {"to", engine::StateName(next.snapshot.state)}};
    EventLogStore log(db_.backend());
    auto record = log.Append(
        sql,
        NewEvent{id.value(), "attach_document", payload, actor.user.value(),
                 std::string(engine::RoleName(actor.role)), UnitOf(actor), now, request_id,
                 next.snapshot.rule_pack.empty() ? std::nullopt
                                                 : std::optional(next.snapshot.rule_pack.value())});
    if (!record.ok()) return record.status();
    if (Status s = dossiers.Save(sql, next, row->version, now); !s.ok()) return s;
    result.emplace(AttachOutcome{
        *stored, ApplyOutcome{next, "attach_document", record->seq, record->hash, {}, false}});
    return Status::Ok();
  });
  if (!status.ok()) return status;
  if (observer_) observer_(result->event);
  return std::move(*result);
}

std::string OutcomeToJson(const ApplyOutcome& outcome) {
  boost::json::object o;
  o["dossier"] = engine::codec::SnapshotToJson(outcome.row.snapshot);
  o["version"] = outcome.row.version;
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
    outcome.row.snapshot = std::move(*dossier);
    outcome.row.version = o.at("version").to_number<std::int64_t>();
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
