#pragma once
// The dossier as Decide sees it (the projection the store persists), the facts only the store
// knows, and Decide's answer.
//
// Plain values; safe to share between threads.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/domain.hpp"
#include "engine/effects.hpp"
#include "engine/ids.hpp"
#include "engine/lifecycle_names.hpp"

namespace tdkt::engine {

struct RulePack;

// One nominee proposed for one award in one campaign. Persist `state` and `held_from` by their
// stable names (StateName / ParseState).
struct DossierSnapshot {
  DossierId id;
  CampaignId campaign;
  UnitId unit;  // the proposing unit; unit-scoped roles act only on their own
  Nominee nominee;
  AwardId award;
  RulePackId rule_pack;  // set by submit to the pack in force that day; kept afterwards
  State state = State::kDraft;
  std::optional<State> held_from;  // set while on_hold
  int supplement_requests = 0;     // at most one
  std::string achievement_summary;
  std::vector<DocumentKind> documents;  // attached so far, each kind once
  // Outcome: the stage a dossier was rejected at, the reason of the last rejection, withdrawal or
  // revocation, and the higher level's decision number.
  std::optional<State> rejected_at;
  std::string outcome_reason;
  std::string higher_decision_number;
  // The decision that approved it (its id; the number is the projection's), its số sổ vàng and
  // its prize; the submission that carried it up. Set by signing them (DOMAIN.md, "Rounds").
  std::optional<RoundId> decision;
  std::optional<std::int64_t> register_number;
  std::optional<std::int64_t> prize_vnd;
  std::optional<RoundId> submission;
  // The rule pack that decides the dossier's authority (who decides, where it is sent, its stage
  // deadlines) once a transfer moved it to a successor; absent: `rule_pack`. Criteria and
  // documents stay `rule_pack`'s (DOMAIN.md, "Administrative units change").
  std::optional<RulePackId> authority_pack;

  friend bool operator==(const DossierSnapshot&, const DossierSnapshot&) = default;
};

// The council session a council_vote names, as the store found it (the secretariat records
// sessions before their votes): `recorded` is false when the store has no such session.
struct CouncilSessionFacts {
  CouncilSessionId id;
  int members = 0;
  int present = 0;
  bool recorded = true;
  CampaignId campaign;  // the campaign the session was held for
  // The dossiers put to the session; empty when it was recorded without an agenda (then any
  // dossier of its campaign may be voted).
  std::vector<DossierId> agenda = {};
};

// What only the store knows when an event arrives.
struct DecideFacts {
  // Another dossier of the same nominee in the same campaign that is open or approved, if any
  // (Luật Điều 5).
  std::optional<DossierId> nominee_other_dossier;
  // Dossiers of the campaign already approved for this dossier's award (for the campaign's quota).
  int approved_with_same_award = 0;
  // The session a council_vote names, when the store looked it up: the vote must name a recorded
  // session of the dossier's campaign and agree with it. Absent: the vote is judged on its own
  // numbers (callers without a store).
  std::optional<CouncilSessionFacts> council_session;
  // The pack that decides the dossier's authority when a transfer set one (authority_pack): the
  // caller passes it; null when the dossier has none (its own pack decides).
  const RulePack* authority = nullptr;
  // The pack in force on the event's day, when the caller knows it. A transfer needs it (it must
  // take over from the dossier's authority pack: RulePack::takes_over); approve and escalate are
  // refused while it takes the dossier over and the dossier is not yet transferred. Null: a
  // transfer is refused, the others are judged without it.
  const RulePack* successor = nullptr;
  // For a transfer: the unit that carries on the dossier's unit on the event's day, when that unit
  // ended (engine::UnitCarryingOn); absent while it is in use. The transfer moves the dossier
  // there.
  std::optional<UnitId> unit_successor;
  // For a transfer: the draft decision or submission that lists the dossier, if any. Its line
  // names the dossier's unit, so a transfer that moves the unit is refused while it is listed.
  std::optional<RoundId> open_draft;
};

struct Decision {
  DossierSnapshot dossier;      // the dossier after the event
  std::vector<Effect> effects;  // exactly one AppendAudit, first
};

}  // namespace tdkt::engine
