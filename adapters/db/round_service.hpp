#pragma once
// RoundService: decisions (Quyết định khen thưởng) and submissions (Tờ trình) that list many
// dossiers (DOMAIN.md, "Rounds"; the rules are engine/rounds.hpp).
//
// Every change runs in one transaction and is recorded in the round's own hash-chained stream of
// the event log ("@decision/ID", "@submission/ID": drafted, dossier added, dossier removed,
// signed, higher answer); drafting, signing and answering records carry the round as it is
// after the change, adding and removing ones the line added or the dossier removed. Signing
// approves (or escalates) every listed dossier through the lifecycle (DecideAndWrite: each gets
// its approve / escalate record in its own chain, naming the round), takes ONE number from the
// QĐ-UBND (or TTr-UBND) series and, for a decision, the next number of the commune's register of
// honours (sổ vàng) for each awardee, with the prize of the pack and base salary in force on the
// signing date. All or nothing: a dossier that can no longer be approved refuses the signing,
// naming it, and nothing changes.
//
// Concurrency: every change locks the round's row and runs on the writer that numbers documents,
// so two signings racing give one signed round (the second is Conflict "already signed as …", or
// the first's answer for the same request id); numbers stay gapless. Thread-safe.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "adapters/db/apply_service.hpp"
#include "adapters/db/database.hpp"
#include "adapters/db/group_commit.hpp"
#include "adapters/db/round_store.hpp"
#include "engine/calendar/working_calendar.hpp"
#include "engine/prize.hpp"
#include "engine/rounds.hpp"
#include "engine/rule_pack.hpp"
#include "engine/status.hpp"

namespace soci {
class session;
}

namespace tdkt::adapters::db {

struct RoundOutcome {
  engine::Round round;
  std::int64_t version = 0;            // records in the round's stream
  std::vector<ApplyOutcome> dossiers;  // signing, answering: each dossier's event
  bool replayed = false;               // the request id was seen before
};

// A dossier that may join a draft of `kind` now, with its prize as of today for decisions.
struct EligibleDossier {
  engine::RoundLine line;
  std::string state;
};

class RoundService {
 public:
  RoundService(Database& db, GroupCommitter& committer, const engine::RulePackRegistry& packs,
               const engine::BaseSalaryTable& salaries,
               const engine::calendar::WorkingCalendar& calendar, ApplySettings settings = {});

  // A new draft (engine::NewRound's refusals; InvalidArgument naming campaign_id for an unknown
  // campaign; Conflict when the id exists).
  engine::Result<RoundOutcome> Draft(const engine::RoundId& id, engine::RoundKind kind,
                                     const engine::CampaignId& campaign, const std::string& title,
                                     const engine::Actor& actor, engine::Timestamp now);
  // engine::CheckAddLine's refusals; NotFound for an unknown round or dossier.
  engine::Result<RoundOutcome> AddDossier(const engine::RoundId& id,
                                          const engine::DossierId& dossier,
                                          const engine::Actor& actor, engine::Timestamp now);
  // Several at once, in one transaction (one record each): all are listed or none.
  engine::Result<RoundOutcome> AddDossiers(const engine::RoundId& id,
                                           const std::vector<engine::DossierId>& dossiers,
                                           const engine::Actor& actor, engine::Timestamp now);
  engine::Result<RoundOutcome> RemoveDossier(const engine::RoundId& id,
                                             const engine::DossierId& dossier,
                                             const engine::Actor& actor, engine::Timestamp now);
  // Signs the round (see above). A request id seen before answers as the first time.
  engine::Result<RoundOutcome> Sign(const engine::RoundId& id, const engine::Actor& actor,
                                    const std::string& request_id, engine::Timestamp now);
  // The higher level's decision answering some dossiers of a signed submission: each listed one
  // gets its higher_decision record (approved or rejected with the reason); dossiers it does not
  // mention stay escalated.
  engine::Result<RoundOutcome> RecordAnswer(const engine::RoundId& id,
                                            const std::string& decision_number,
                                            std::chrono::sys_days decided_on,
                                            const std::vector<engine::AnswerLine>& lines,
                                            const engine::Actor& actor,
                                            const std::string& request_id, engine::Timestamp now);
  // The Chairman approving (or escalating) one dossier from its page: a decision (submission) of
  // one line, drafted, listed and signed in one transaction. The round's id is derived from the
  // request id, so a retry answers as the first time. `expected_version`: as for Apply, checked
  // under the row lock after the request id (Conflict when the dossier moved on).
  engine::Result<RoundOutcome> DecideAlone(
      engine::RoundKind kind, const engine::DossierId& dossier, const std::string& title,
      const engine::Actor& actor, const std::string& request_id, engine::Timestamp now,
      std::optional<std::int64_t> expected_version = std::nullopt);

  engine::Result<RoundOutcome> Get(const engine::RoundId& id) const;
  // Rounds of a campaign (all campaigns when empty) of `kind` (both when empty), newest first.
  engine::Result<std::vector<RoundOutcome>> List(const engine::CampaignId& campaign,
                                                 std::optional<engine::RoundKind> kind) const;
  // Dossiers of `campaign` in chairman_decision and in no open draft that a draft of `kind` may
  // list (a decision: within the commune's authority), each with its prize as of `now`.
  engine::Result<std::vector<EligibleDossier>> Eligible(const engine::CampaignId& campaign,
                                                        engine::RoundKind kind,
                                                        engine::Timestamp now) const;

  // Called after each signing or answer that was written (not for replays or refusals), once per
  // dossier event, on the calling thread after the commit (as ApplyService::SetObserver). Set it
  // before the service is shared between threads.
  void SetObserver(std::function<void(const ApplyOutcome&)> observer) {
    observer_ = std::move(observer);
  }

 private:
  ApplyStep Step() const { return ApplyStep{db_.backend(), packs_, calendar_, settings_}; }
  // The dossier's rule pack; nullptr before submission (or for a pack no longer configured).
  const engine::RulePack* PackOf(const engine::DossierSnapshot& dossier) const;
  engine::Result<RoundOutcome> Observed(engine::Result<RoundOutcome> outcome) const;
  // Runs `work` in one transaction on the numbering writer, retried on a conflict the database
  // reports; `work` sets its bool for a refusal of the rules (not retried).
  engine::Result<RoundOutcome> Transact(
      const std::function<engine::Result<RoundOutcome>(soci::session&, bool&)>& work);
  // Runs `work` in one transaction once per request id (on the numbering writer, retried on a
  // conflict the database reports): the same request id with the same `body` answers as the first
  // time, with another body is Conflict. `work` sets its bool for a refusal of the rules (not
  // retried).
  engine::Result<RoundOutcome> Idempotent(
      const std::string& request_id, const std::string& body, engine::Timestamp now,
      const std::function<engine::Result<RoundOutcome>(soci::session&, bool&)>& work);

  std::function<void(const ApplyOutcome&)> observer_;

  Database& db_;
  GroupCommitter& committer_;
  const engine::RulePackRegistry& packs_;
  const engine::BaseSalaryTable& salaries_;
  const engine::calendar::WorkingCalendar& calendar_;
  ApplySettings settings_;
};

}  // namespace tdkt::adapters::db
