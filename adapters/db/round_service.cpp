#include "adapters/db/round_service.hpp"

#include <soci/soci.h>

#include <boost/json.hpp>

#include "adapters/db/directory_store.hpp"
#include "adapters/db/dossier_store.hpp"
#include "adapters/db/event_log_store.hpp"
#include "adapters/db/idempotency_store.hpp"
#include "adapters/db/number_sequences.hpp"
#include "adapters/db/round_store.hpp"
#include "adapters/db/sql_error.hpp"
#include "engine/audit/record.hpp"
#include "engine/audit/sha256.hpp"
#include "engine/codec/json_reader.hpp"
#include "engine/codec/round_json.hpp"
#include "engine/transfer.hpp"

namespace tdkt::adapters::db {

using engine::Result;
using engine::Round;
using engine::RoundKind;
using engine::Status;
namespace json = boost::json;

namespace {

constexpr int kConflictAttempts = 4;
// The writer that numbers documents (ApplyService sends its numbering events there too).
constexpr const char* kNumberingWriter = "document-numbers";

// A refusal about one dossier of a round says which.
Status AboutDossier(const engine::DossierId& dossier, const Status& status) {
  std::string message = status.message();
  const std::string prefix = "dossier " + dossier.value();
  if (message.rfind(prefix, 0) != 0) message = prefix + ": " + message;
  return Status(status.code(), message);
}

std::string SignBody(const engine::RoundId& id, const engine::Actor& actor, std::string_view kind,
                     const json::value& detail) {
  json::object body{{"kind", kind},
                    {"round", id.value()},
                    {"actor", actor.user.value()},
                    {"role", engine::RoleName(actor.role)},
                    {"detail", detail}};
  return json::serialize(body);
}

}  // namespace

// Who decides is the authority pack's: the successor's once a transfer set one.
const engine::RulePack* RoundService::PackOf(const engine::DossierSnapshot& dossier) const {
  const engine::RulePackId id = engine::AuthorityPackOf(dossier);
  if (id.empty()) return nullptr;
  auto pack = packs_.Find(id);
  return pack.ok() ? *pack : nullptr;
}

Result<RoundOutcome> RoundService::Observed(Result<RoundOutcome> outcome) const {
  if (observer_ && outcome.ok() && !outcome->replayed) {
    for (const ApplyOutcome& dossier : outcome->dossiers) observer_(dossier);
  }
  return outcome;
}

RoundService::RoundService(Database& db, GroupCommitter& committer,
                           const engine::RulePackRegistry& packs,
                           const engine::BaseSalaryTable& salaries,
                           const engine::calendar::WorkingCalendar& calendar,
                           ApplySettings settings)
    : db_(db),
      committer_(committer),
      packs_(packs),
      salaries_(salaries),
      calendar_(calendar),
      settings_(std::move(settings)) {}

namespace {

// The shared shape of every change: run `work` on the numbering writer, retrying a conflict the
// database reports (a lost race decides again on what is stored now); a refusal of the rules
// (`*final` set by `work`) is not retried.
template <typename Work>
Status RunRetried(GroupCommitter& committer, Work work, bool& final_refusal) {
  Status status;
  for (int attempt = 0; attempt < kConflictAttempts; ++attempt) {
    final_refusal = false;
    status = committer.Run(kNumberingWriter, work);
    if (status.code() != engine::StatusCode::kConflict || final_refusal) break;
  }
  return status;
}

}  // namespace

Result<RoundOutcome> RoundService::Draft(const engine::RoundId& id, RoundKind kind,
                                         const engine::CampaignId& campaign,
                                         const std::string& title, const engine::Actor& actor,
                                         engine::Timestamp now) {
  return Transact([&](soci::session& sql, bool& final_refusal) -> Result<RoundOutcome> {
    auto loaded = DossierStore(db_.backend()).LoadCampaign(sql, campaign);
    if (!loaded.ok()) {
      final_refusal = true;
      return loaded.status().code() == engine::StatusCode::kNotFound
                 ? Status::InvalidArgument("round.campaign_id: no campaign '" + campaign.value() +
                                           "'")
                 : loaded.status();
    }
    auto round = engine::NewRound(id, kind, *loaded, title, actor);
    if (!round.ok()) {
      final_refusal = true;
      return round.status();
    }
    auto version = AppendRecord(sql, db_.backend(), *round, "round_drafted", {}, actor,
                                UniqueRequestId("round"), now);
    if (!version.ok()) {
      if (version.status().code() == engine::StatusCode::kConflict) {
        final_refusal = true;
        return Status::Conflict("a decision or submission " + id.value() + " already exists");
      }
      return version.status();
    }
    if (Status s = SaveRound(sql, *round, *version, true, now); !s.ok()) {
      final_refusal = s.code() == engine::StatusCode::kConflict;
      return s;
    }
    return RoundOutcome{std::move(*round), *version, {}, false};
  });
}

Result<RoundOutcome> RoundService::AddDossier(const engine::RoundId& id,
                                              const engine::DossierId& dossier,
                                              const engine::Actor& actor, engine::Timestamp now) {
  return AddDossiers(id, {dossier}, actor, now);
}

Result<RoundOutcome> RoundService::AddDossiers(const engine::RoundId& id,
                                               const std::vector<engine::DossierId>& dossiers,
                                               const engine::Actor& actor, engine::Timestamp now) {
  if (dossiers.empty()) return Status::InvalidArgument("line.dossier_ids: lists no dossier");
  return Transact([&](soci::session& sql, bool& final_refusal) -> Result<RoundOutcome> {
    if (Status s = engine::AuthorizeOperation(actor, engine::Operation::kDraftRound); !s.ok()) {
      final_refusal = true;
      return s;
    }
    auto stored = LoadRound(sql, db_.backend(), id, true);
    if (!stored.ok()) {
      final_refusal = true;
      return stored.status();
    }
    Round round = stored->round;
    std::int64_t version = stored->version;
    for (const engine::DossierId& dossier : dossiers) {
      auto row = DossierStore(db_.backend()).Load(sql, dossier, true);
      if (!row.ok()) {
        final_refusal = true;
        return row.status();
      }
      const engine::RulePack* pack = PackOf(row->snapshot);
      auto open = OpenDraftOf(sql, dossier);
      if (!open.ok()) return open.status();
      if (Status s = engine::CheckAddLine(round, row->snapshot, pack, *open); !s.ok()) {
        final_refusal = true;
        return s;
      }
      engine::RoundLine line = engine::LineFor(row->snapshot, *pack);
      if (round.kind == RoundKind::kDecision) {
        auto prize = engine::PrizeOf(packs_, salaries_, line.award, line.nominee.kind,
                                     calendar_.LocalDate(now));
        if (!prize.ok()) {
          final_refusal = true;
          return AboutDossier(dossier, prize.status());
        }
        line.prize = *prize;
      }
      try {
        std::string d = dossier.value();
        std::string r = id.value();
        sql << "INSERT INTO round_open_lines (dossier_id, round_id) VALUES (:d, :r)", soci::use(d),
            soci::use(r);
      } catch (const soci::soci_error& e) {
        return StatusFromSqlError(e, "list dossier " + dossier.value());
      }
      auto appended = AppendRecord(
          sql, db_.backend(), round, "dossier_added",
          {{"dossier_id", dossier.value()}, {"line", engine::codec::RoundLineToJson(line)}}, actor,
          UniqueRequestId("round"), now, Carries::kChangeOnly);
      if (!appended.ok()) return appended.status();
      version = *appended;
      round.lines.push_back(std::move(line));
    }
    if (Status s = SaveRound(sql, round, version, false, now); !s.ok()) return s;
    return RoundOutcome{std::move(round), version, {}, false};
  });
}

Result<RoundOutcome> RoundService::RemoveDossier(const engine::RoundId& id,
                                                 const engine::DossierId& dossier,
                                                 const engine::Actor& actor,
                                                 engine::Timestamp now) {
  return Transact([&](soci::session& sql, bool& final_refusal) -> Result<RoundOutcome> {
    auto stored = LoadRound(sql, db_.backend(), id, true);
    if (!stored.ok()) {
      final_refusal = true;
      return stored.status();
    }
    if (Status s = engine::CheckRemoveLine(stored->round, dossier, actor); !s.ok()) {
      final_refusal = true;
      return s;
    }
    Round round = stored->round;
    std::erase_if(round.lines,
                  [&](const engine::RoundLine& line) { return line.dossier == dossier; });
    try {
      std::string d = dossier.value();
      sql << "DELETE FROM round_open_lines WHERE dossier_id = :d", soci::use(d);
    } catch (const soci::soci_error& e) {
      return StatusFromSqlError(e, "take dossier " + dossier.value() + " off the draft");
    }
    auto version = AppendRecord(sql, db_.backend(), round, "dossier_removed",
                                {{"dossier_id", dossier.value()}}, actor, UniqueRequestId("round"),
                                now, Carries::kChangeOnly);
    if (!version.ok()) return version.status();
    if (Status s = SaveRound(sql, round, *version, false, now); !s.ok()) return s;
    return RoundOutcome{std::move(round), *version, {}, false};
  });
}

namespace {

// Signing inside the caller's transaction (Sign, DecideAlone).
struct Signer {
  Backend backend;
  ApplyStep step;
  const engine::RulePackRegistry& packs;
  const engine::BaseSalaryTable& salaries;
  const engine::calendar::WorkingCalendar& calendar;
  const ApplySettings& settings;

  // Returns the signed round and each dossier's outcome; `final_refusal` is set for a refusal of
  // the rules (not retried).
  Result<RoundOutcome> Sign(soci::session& sql, const StoredRound& stored,
                            const engine::Actor& actor, const std::string& request_id,
                            engine::Timestamp now, bool& final_refusal) const {
    if (Status s = engine::CheckSign(stored.round, actor); !s.ok()) {
      final_refusal = true;
      return s;
    }
    Round round = stored.round;
    const std::chrono::sys_days day = calendar.LocalDate(now);
    NumberSeries series;
    series.issuer = settings.commune_issuer;
    series.body = settings.BodyOn(day);
    series.year = static_cast<int>(std::chrono::year_month_day(day).year());
    series.series = round.kind == RoundKind::kDecision ? "QĐ" : "TTr";
    auto number = NumberSequences().Next(sql, series);
    if (!number.ok()) return number.status();
    round.number = number->text;
    round.signed_on = day;
    round.signed_by = actor.user;
    round.status = engine::RoundStatus::kSigned;

    RoundOutcome outcome;
    for (engine::RoundLine& line : round.lines) {
      auto row = DossierStore(backend).Load(sql, line.dossier, true);
      if (!row.ok()) {
        final_refusal = row.status().code() == engine::StatusCode::kNotFound;
        return AboutDossier(line.dossier, row.status());
      }
      engine::Command command;
      if (round.kind == RoundKind::kDecision) {
        auto prize =
            engine::PrizeOf(packs, salaries, row->snapshot.award, row->snapshot.nominee.kind, day);
        if (!prize.ok()) {
          final_refusal = true;
          return AboutDossier(line.dossier, prize.status());
        }
        // The register of honours is the install's and goes on across a merger (the successor
        // carries on the records); the documents' series are each issuing body's.
        auto entry = NextRegisterNumber(sql, settings.commune_issuer);
        if (!entry.ok()) return entry.status();
        line.prize = *prize;
        line.register_number = *entry;
        command = engine::Approve{
            engine::DecisionRef{round.id, round.number, day, *entry, prize->amount_vnd}};
      } else {
        command = engine::Escalate{round.title, engine::SubmissionRef{round.id, round.number, day}};
      }
      auto applied = DecideAndWrite(sql, step, *row, command, actor,
                                    request_id + ":" + line.dossier.value(), now);
      if (!applied.ok()) {
        final_refusal = applied.status().code() != engine::StatusCode::kConflict &&
                        applied.status().code() != engine::StatusCode::kUnavailable;
        return AboutDossier(line.dossier, applied.status());
      }
      if (round.kind == RoundKind::kDecision) {
        if (Status s = EnterRegister(sql, *line.register_number, line.dossier, round, day);
            !s.ok()) {
          return s;
        }
      }
      outcome.dossiers.push_back(std::move(*applied));
    }
    try {
      std::string r = round.id.value();
      sql << "DELETE FROM round_open_lines WHERE round_id = :r", soci::use(r);
    } catch (const soci::soci_error& e) {
      return StatusFromSqlError(e, "close the draft " + round.id.value());
    }
    auto version = AppendRecord(sql, backend, round, "round_signed",
                                {{"number", round.number},
                                 {"signed_on", engine::codec::FormatDate(day)},
                                 {"total_prize_vnd", round.TotalPrizeVnd()}},
                                actor, request_id, now);
    if (!version.ok()) return version.status();
    if (Status s = SaveRound(sql, round, *version, false, now); !s.ok()) return s;
    outcome.round = std::move(round);
    outcome.version = *version;
    return outcome;
  }
};

// What a signing's idempotency record keeps: the round, its version then, and each dossier's
// outcome (answered again, with the dossier as stored now, for the same request id).
std::string SignedOutcomeJson(const RoundOutcome& outcome) {
  json::array dossiers;
  for (const ApplyOutcome& d : outcome.dossiers) dossiers.emplace_back(OutcomeToJson(d));
  return json::serialize(json::object{{"round", outcome.round.id.value()},
                                      {"version", outcome.version},
                                      {"dossiers", std::move(dossiers)}});
}

// The answer to a request id seen before: the round and its dossiers as stored now.
Result<RoundOutcome> Replayed(Database& db, const std::string& stored) {
  json::error_code ec;
  json::value value = json::parse(stored, ec);
  if (ec || !value.is_object()) return Status::Unavailable("stored round outcome is not JSON");
  const json::object& o = value.get_object();
  auto sql = db.Acquire();
  RoundOutcome outcome;
  try {
    auto round = LoadRound(*sql, db.backend(),
                           engine::RoundId(std::string(o.at("round").as_string())), false);
    if (!round.ok()) return round.status();
    outcome.round = std::move(round->round);
    outcome.version = round->version;
    for (const json::value& d : o.at("dossiers").as_array()) {
      auto applied = OutcomeFromJson(std::string(d.as_string()));
      if (!applied.ok()) return applied.status();
      auto row = DossierStore(db.backend()).Load(*sql, applied->row.snapshot.id);
      if (!row.ok()) return row.status();
      applied->row = std::move(*row);
      applied->replayed = true;
      outcome.dossiers.push_back(std::move(*applied));
    }
  } catch (const std::exception& e) {
    return Status::Unavailable(std::string("stored round outcome unreadable: ") + e.what());
  }
  outcome.replayed = true;
  return outcome;
}

}  // namespace

Result<RoundOutcome> RoundService::Transact(
    const std::function<Result<RoundOutcome>(soci::session&, bool&)>& work) {
  std::optional<RoundOutcome> result;
  bool final_refusal = false;
  Status status = RunRetried(
      committer_,
      [&](soci::session& sql) -> Status {
        auto outcome = work(sql, final_refusal);
        if (!outcome.ok()) return outcome.status();
        result.emplace(std::move(*outcome));
        return Status::Ok();
      },
      final_refusal);
  if (!status.ok()) return status;
  return std::move(*result);
}

Result<RoundOutcome> RoundService::Idempotent(
    const std::string& request_id, const std::string& body, engine::Timestamp now,
    const std::function<Result<RoundOutcome>(soci::session&, bool&)>& work) {
  std::optional<RoundOutcome> result;
  bool final_refusal = false;
  std::optional<std::string> replayed_json;
  Status status = RunRetried(
      committer_,
      [&](soci::session& sql) -> Status {
        IdempotencyStore idempotency;
        auto seen = idempotency.Lookup(sql, request_id, body);
        if (!seen.ok()) {
          final_refusal = true;
          return seen.status();
        }
        if (seen->has_value()) {
          replayed_json = **seen;
          return Status::Ok();
        }
        auto outcome = work(sql, final_refusal);
        if (!outcome.ok()) return outcome.status();
        if (Status s = idempotency.Record(sql, request_id, body, SignedOutcomeJson(*outcome), now);
            !s.ok()) {
          return s;
        }
        result.emplace(std::move(*outcome));
        return Status::Ok();
      },
      final_refusal);
  if (!status.ok()) return status;
  if (replayed_json) return Replayed(db_, *replayed_json);
  return Observed(std::move(*result));
}

Result<RoundOutcome> RoundService::Sign(const engine::RoundId& id, const engine::Actor& actor,
                                        const std::string& request_id, engine::Timestamp now) {
  if (request_id.empty()) return Status::InvalidArgument("request_id: required");
  const std::string body = SignBody(id, actor, "sign_round", nullptr);
  return Idempotent(request_id, body, now,
                    [&](soci::session& sql, bool& final_refusal) -> Result<RoundOutcome> {
                      auto stored = LoadRound(sql, db_.backend(), id, true);
                      if (!stored.ok()) {
                        final_refusal = true;
                        return stored.status();
                      }
                      Signer signer{db_.backend(), Step(), packs_, salaries_, calendar_, settings_};
                      return signer.Sign(sql, *stored, actor, request_id, now, final_refusal);
                    });
}

Result<RoundOutcome> RoundService::DecideAlone(RoundKind kind, const engine::DossierId& dossier,
                                               const std::string& title, const engine::Actor& actor,
                                               const std::string& request_id, engine::Timestamp now,
                                               std::optional<std::int64_t> expected_version) {
  if (request_id.empty()) return Status::InvalidArgument("request_id: required");
  // A round of one, named after the request so that a retry finds it.
  const engine::RoundId id((kind == RoundKind::kDecision ? "qd-" : "ttr-") +
                           engine::audit::Sha256Hex(request_id).substr(0, 20));
  const std::string body = SignBody(id, actor, "decide_alone",
                                    json::object{{"dossier", dossier.value()}, {"title", title}});
  return Idempotent(
      request_id, body, now, [&](soci::session& sql, bool& final_refusal) -> Result<RoundOutcome> {
        DossierStore dossiers(db_.backend());
        auto row = dossiers.Load(sql, dossier, true);
        if (!row.ok()) {
          final_refusal = true;
          return row.status();
        }
        if (expected_version && *expected_version != row->version) {
          final_refusal = true;
          return Status::Conflict("version conflict: dossier " + dossier.value() +
                                  " is at version " + std::to_string(row->version) +
                                  ", the request expected " + std::to_string(*expected_version) +
                                  " (reload it and decide again)");
        }
        // The dossier's own rules first (its unit, the role that approves), as for any event.
        if (Status s =
                engine::Authorize(actor,
                                  kind == RoundKind::kDecision ? engine::EventType::kApprove
                                                               : engine::EventType::kEscalate,
                                  row->snapshot);
            !s.ok()) {
          final_refusal = true;
          return s;
        }
        // As the lifecycle would answer an approve or escalate in another state.
        if (row->snapshot.state != engine::State::kChairmanDecision) {
          final_refusal = true;
          return Status::RejectedTransition(
              "dossier is in " + std::string(engine::StateName(row->snapshot.state)) + "; " +
              (kind == RoundKind::kDecision ? "approve" : "escalate") + " needs chairman_decision");
        }
        const engine::RulePack* pack = PackOf(row->snapshot);
        auto open = OpenDraftOf(sql, dossier);
        if (!open.ok()) return open.status();
        if (*open) {
          final_refusal = true;
          return Status::Conflict("dossier " + dossier.value() + " is listed in the draft " +
                                  (*open)->value() + "; sign or change that draft instead");
        }
        // The Chairman's own round of one: the same rules as for any draft's line.
        Round round;
        round.id = id;
        round.kind = kind;
        round.campaign = row->snapshot.campaign;
        round.title = title;
        round.drafted_by = actor.user;
        if (Status s = engine::CheckAddLine(round, row->snapshot, pack, std::nullopt); !s.ok()) {
          final_refusal = true;
          return s;
        }
        round.lines.push_back(engine::LineFor(row->snapshot, *pack));
        auto version =
            AppendRecord(sql, db_.backend(), round, "round_drafted",
                         {{"dossier_id", dossier.value()}}, actor, UniqueRequestId("round"), now);
        if (!version.ok()) return version.status();
        if (Status s = SaveRound(sql, round, *version, true, now); !s.ok()) return s;
        Signer signer{db_.backend(), Step(), packs_, salaries_, calendar_, settings_};
        return signer.Sign(sql, StoredRound{round, *version}, actor, request_id, now,
                           final_refusal);
      });
}

Result<RoundOutcome> RoundService::RecordAnswer(
    const engine::RoundId& id, const std::string& decision_number, std::chrono::sys_days decided_on,
    const std::vector<engine::AnswerLine>& lines, const engine::Actor& actor,
    const std::string& request_id, engine::Timestamp now) {
  if (request_id.empty()) return Status::InvalidArgument("request_id: required");
  json::array listed;
  for (const auto& line : lines) {
    listed.push_back(json::object{{"dossier_id", line.dossier.value()},
                                  {"approved", line.approved},
                                  {"reason", line.reason}});
  }
  const std::string body =
      SignBody(id, actor, "higher_answer",
               json::object{{"decision_number", decision_number},
                            {"decided_on", engine::codec::FormatDate(decided_on)},
                            {"dossiers", listed}});
  return Idempotent(
      request_id, body, now, [&](soci::session& sql, bool& final_refusal) -> Result<RoundOutcome> {
        auto stored = LoadRound(sql, db_.backend(), id, true);
        if (!stored.ok()) {
          final_refusal = true;
          return stored.status();
        }
        if (Status s = engine::CheckAnswer(stored->round, decision_number, lines, actor); !s.ok()) {
          final_refusal = true;
          return s;
        }
        Round round = stored->round;
        RoundOutcome outcome;
        for (const engine::AnswerLine& answer : lines) {
          auto row = DossierStore(db_.backend()).Load(sql, answer.dossier, true);
          if (!row.ok()) return AboutDossier(answer.dossier, row.status());
          engine::HigherDecision command{decision_number, decided_on, answer.approved,
                                         answer.reason};
          auto applied = DecideAndWrite(sql, Step(), *row, command, actor,
                                        request_id + ":" + answer.dossier.value(), now);
          if (!applied.ok()) {
            final_refusal = applied.status().code() != engine::StatusCode::kConflict &&
                            applied.status().code() != engine::StatusCode::kUnavailable;
            return AboutDossier(answer.dossier, applied.status());
          }
          outcome.dossiers.push_back(std::move(*applied));
          for (engine::RoundLine& line : round.lines) {
            if (line.dossier == answer.dossier) {
              line.answer =
                  engine::LineAnswer{answer.approved, answer.reason, decision_number, decided_on};
            }
          }
        }
        round.answers.push_back(engine::HigherAnswer{decision_number, decided_on, actor.user});
        auto version = AppendRecord(sql, db_.backend(), round, "higher_answer_recorded",
                                    {{"decision_number", decision_number},
                                     {"decided_on", engine::codec::FormatDate(decided_on)},
                                     {"dossiers", listed}},
                                    actor, request_id, now);
        if (!version.ok()) return version.status();
        if (Status s = SaveRound(sql, round, *version, false, now); !s.ok()) return s;
        outcome.round = std::move(round);
        outcome.version = *version;
        return outcome;
      });
}

Result<RoundOutcome> RoundService::Get(const engine::RoundId& id) const {
  auto sql = db_.Acquire();
  auto stored = LoadRound(*sql, db_.backend(), id, false);
  if (!stored.ok()) return stored.status();
  return RoundOutcome{std::move(stored->round), stored->version, {}, false};
}

Result<std::vector<RoundOutcome>> RoundService::List(const engine::CampaignId& campaign,
                                                     std::optional<RoundKind> kind) const {
  auto sql = db_.Acquire();
  std::vector<RoundOutcome> rounds;
  try {
    std::string c = campaign.value();
    std::string k = kind ? std::string(engine::RoundKindName(*kind)) : "";
    soci::rowset<soci::row> rows =
        (sql->prepare << "SELECT data, version FROM rounds WHERE (:c1 = '' OR campaign_id = :c2)"
                         " AND (:k1 = '' OR kind = :k2) ORDER BY created_at DESC, id",
         soci::use(c, "c1"), soci::use(c, "c2"), soci::use(k, "k1"), soci::use(k, "k2"));
    for (const soci::row& r : rows) {
      json::error_code ec;
      json::value value = json::parse(r.get<std::string>(0), ec);
      if (ec) return Status::Unavailable("a stored round is not JSON");
      auto round = engine::codec::ParseRound(value);
      if (!round.ok()) return Status::Unavailable("a stored round: " + round.status().message());
      const long long version =
          r.get_indicator(1) == soci::i_ok
              ? (r.get_properties(1).get_data_type() == soci::dt_integer ? r.get<int>(1)
                                                                         : r.get<long long>(1))
              : 0;
      rounds.push_back(RoundOutcome{std::move(*round), version, {}, false});
    }
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "list decisions and submissions");
  }
  return rounds;
}

Result<std::vector<EligibleDossier>> RoundService::Eligible(const engine::CampaignId& campaign,
                                                            RoundKind kind,
                                                            engine::Timestamp now) const {
  auto sql = db_.Acquire();
  std::vector<std::string> ids;
  try {
    std::string c = campaign.value();
    soci::rowset<std::string> rows =
        (sql->prepare << "SELECT id FROM dossiers WHERE campaign_id = :c AND state ="
                         " 'chairman_decision' AND id NOT IN (SELECT dossier_id FROM"
                         " round_open_lines) ORDER BY id",
         soci::use(c));
    for (const std::string& id : rows) ids.push_back(id);
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "list the dossiers a draft may take");
  }
  std::vector<EligibleDossier> eligible;
  DossierStore dossiers(db_.backend());
  const auto day = calendar_.LocalDate(now);
  for (const std::string& id : ids) {
    auto row = dossiers.Load(*sql, engine::DossierId(id));
    if (!row.ok()) return row.status();
    const engine::RulePack* pack = PackOf(row->snapshot);
    if (pack == nullptr) continue;
    const engine::AwardRule* award = pack->FindAward(row->snapshot.award);
    const bool within = award != nullptr && award->deciding_level == engine::Level::kCommune;
    if (kind == RoundKind::kDecision && !within) continue;
    EligibleDossier entry{engine::LineFor(row->snapshot, *pack),
                          std::string(engine::StateName(row->snapshot.state))};
    if (kind == RoundKind::kDecision) {
      auto prize =
          engine::PrizeOf(packs_, salaries_, entry.line.award, entry.line.nominee.kind, day);
      if (prize.ok()) entry.line.prize = *prize;
    }
    eligible.push_back(std::move(entry));
  }
  return eligible;
}

}  // namespace tdkt::adapters::db
