#include "workflows/decide.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include "engine/authorization.hpp"
#include "engine/effects.hpp"
#include "engine/guards.hpp"
#include "workflows/lifecycle_machine.hpp"

namespace tdkt::workflows {
namespace {

using engine::DeadlineKind;
using engine::Role;
using engine::State;

// The stage clock that runs while a dossier waits in `state`.
std::optional<DeadlineKind> DeadlineOf(State state) {
  switch (state) {
    case State::kAwaitingSupplement: return DeadlineKind::kSupplement;
    case State::kAppraisal: return DeadlineKind::kAppraisal;
    case State::kPublicNotice: return DeadlineKind::kPublicNotice;
    case State::kChairmanDecision: return DeadlineKind::kChairmanDecision;
    case State::kEscalated: return DeadlineKind::kHigherLevel;
    default: return std::nullopt;
  }
}

// Who must act while a dossier waits in `state`, and who hears when they are late.
struct Responsibility {
  Role role;
  Role supervisor;
};

Responsibility ResponsibleFor(State state) {
  switch (state) {
    case State::kDraft:
    case State::kAwaitingSupplement: return {Role::kUnitOfficer, Role::kUnitHead};
    case State::kUnitReview: return {Role::kUnitHead, Role::kSecretariat};
    case State::kCouncilReview: return {Role::kCouncilMember, Role::kChairman};
    case State::kChairmanDecision: return {Role::kChairman, Role::kSecretariat};
    case State::kIntake:
    case State::kAppraisal:
    case State::kPublicNotice:
    case State::kEscalated: return {Role::kSecretariat, Role::kChairman};
    default:  // decided, closed or held: the unit that proposed it is told
      return {Role::kUnitOfficer, Role::kUnitHead};
  }
}

int ShortestAppraisal(const engine::RulePack& pack) {
  int shortest = 0;
  for (const engine::AwardRule& award : pack.awards) {
    if (shortest == 0 || award.appraisal_working_days < shortest) {
      shortest = award.appraisal_working_days;
    }
  }
  return shortest;
}

// The stage clocks are the authority's: the successor pack's once a transfer set one.
engine::ScheduleDeadline StageDeadline(const TransitionContext& c, DeadlineKind kind) {
  const engine::RulePack& pack = c.Authority();
  const engine::AwardRule* award = c.AuthorityAward() != nullptr ? c.AuthorityAward() : c.award;
  engine::ScheduleDeadline deadline;
  deadline.kind = kind;
  deadline.from = c.now;
  deadline.remind_before_working_days = pack.remind_before_working_days;
  switch (kind) {
    case DeadlineKind::kSupplement: deadline.working_days = pack.deadlines.supplement; break;
    case DeadlineKind::kAppraisal:
      // Appraisal is only reached through accept, whose guard required the award in this same
      // pack; without it the clock falls back to the shortest award appraisal of the pack.
      deadline.working_days = award != nullptr
                                  ? pack.AppraisalWorkingDays(*award, c.campaign.procedure)
                                  : ShortestAppraisal(pack);
      break;
    case DeadlineKind::kPublicNotice:
      deadline.working_days = c.campaign.public_notice_working_days.value_or(0);
      break;
    case DeadlineKind::kChairmanDecision:
      deadline.working_days = pack.deadlines.chairman_decision;
      break;
    case DeadlineKind::kHigherLevel: deadline.working_days = pack.deadlines.higher_level; break;
  }
  return deadline;
}

std::string Summary(engine::EventType type, State from, State to) {
  std::string summary(engine::EventName(type));
  summary += ": ";
  summary += engine::StateName(from);
  summary += " → ";
  summary += engine::StateName(to);
  summary += " (";
  summary += engine::StateLabel(from);
  summary += " → ";
  summary += engine::StateLabel(to);
  summary += ")";
  return summary;
}

// The notification template of a reminder (config/notify/templates.yaml).
std::string ReminderTemplate(const engine::Remind& remind) {
  if (!remind.reminder) return "reminder";
  switch (*remind.reminder) {
    case engine::ReminderKind::kBefore: return "reminder";
    case engine::ReminderKind::kDue: return "due";
    case engine::ReminderKind::kOverdue: return "overdue";
  }
  return "reminder";
}

engine::Notify NoticeTo(Role role, const engine::DossierSnapshot& dossier, std::string template_id,
                        std::optional<engine::Remind> reminder) {
  engine::Notify notify{role, std::nullopt, std::move(template_id), std::move(reminder)};
  if (engine::IsUnitScoped(role)) notify.unit = dossier.unit;
  return notify;
}

// DOMAIN.md, "Reminders": before the deadline and on its day to whoever must act; once it has
// passed, to them and to their supervisor.
void AddReminderNotices(const engine::DossierSnapshot& dossier, const engine::Remind& remind,
                        std::vector<engine::Effect>& effects) {
  const Responsibility who = ResponsibleFor(dossier.state);
  const std::string template_id = ReminderTemplate(remind);
  effects.push_back(NoticeTo(who.role, dossier, template_id, remind));
  if (remind.reminder == engine::ReminderKind::kOverdue && who.supervisor != who.role) {
    effects.push_back(NoticeTo(who.supervisor, dossier, template_id, remind));
  }
}

// A council_vote may leave out the council's members and attendance: they are the recorded
// session's (the VoteMatchesSession guard then checks the rest of the vote against it). Its ballot
// is the award's; in a secret ballot the votes beyond those present were cast in writing (the
// BallotWithinEntitled guard judges both, given or filled).
engine::Command CompleteVote(const engine::Command& command, const engine::DecideFacts& facts,
                             const engine::AwardRule* award) {
  engine::Command completed = command;
  auto* vote = std::get_if<engine::CouncilVote>(&completed);
  if (vote == nullptr) return completed;
  if (facts.council_session && facts.council_session->recorded) {
    if (!vote->members) vote->members = facts.council_session->members;
    if (!vote->present) vote->present = facts.council_session->present;
  }
  if (award == nullptr) return completed;  // the AwardKnown guard refuses it
  if (!vote->ballot) vote->ballot = engine::BallotFor(*award);
  if (*vote->ballot == engine::Ballot::kSecret && !vote->written_votes && vote->present) {
    vote->written_votes = std::max(0, vote->yes + vote->no - *vote->present);
  }
  return completed;
}

// A transfer names the pack that takes the dossier over (the pack in force, facts.successor);
// left out it is filled in, given it must agree. Then what it does is worked out (PlanTransfer).
engine::Result<std::optional<engine::TransferPlan>> PrepareTransfer(
    engine::Command& command, const engine::DossierSnapshot& dossier,
    const engine::RulePack& authority, const engine::DecideFacts& facts) {
  auto* transfer = std::get_if<engine::Transfer>(&command);
  // Without a row the machine gives the usual answer ("transfer needs …").
  if (transfer == nullptr || !HasRow(dossier.state, engine::EventType::kTransfer)) {
    return std::optional<engine::TransferPlan>();
  }
  if (facts.successor == nullptr) {
    return engine::Status::RejectedTransition(
        "dossier is in " + std::string(engine::StateName(dossier.state)) +
        "; transfer refused: no rule pack in force takes over from '" + authority.id.value() + "'");
  }
  // The pack: the one in force, when it takes over from the pack that decides the dossier.
  const bool pack_moves = facts.successor->TakesOverFrom(authority.id);
  if (pack_moves || !facts.unit_successor) {
    if (!transfer->to_pack) transfer->to_pack = facts.successor->id;
    if (*transfer->to_pack != facts.successor->id) {
      return engine::Status::InvalidArgument("to_pack: the dossier goes to '" +
                                             facts.successor->id.value() + "' (in force), not '" +
                                             transfer->to_pack->value() + "'");
    }
  } else if (transfer->to_pack) {
    return engine::Status::InvalidArgument(
        "to_pack: rule pack '" + facts.successor->id.value() + "' takes nothing over from '" +
        authority.id.value() +
        "', which decides this dossier; only its unit moves: leave to_pack out");
  }
  // The unit: the one that carries on the dossier's unit, when that unit ended.
  if (!transfer->to_unit) transfer->to_unit = facts.unit_successor;
  if (transfer->to_unit != facts.unit_successor) {
    return engine::Status::InvalidArgument(
        "to_unit: " +
        (facts.unit_successor
             ? "the dossier's unit " + dossier.unit.value() + " is carried on by '" +
                   facts.unit_successor->value() + "', not '" + transfer->to_unit->value() + "'"
             : "the dossier's unit " + dossier.unit.value() +
                   " is in use; the dossier stays with it"));
  }
  if (facts.unit_successor && facts.open_draft) {
    return engine::Status::RejectedTransition(
        "dossier is in " + std::string(engine::StateName(dossier.state)) +
        "; transfer refused: it is listed in the draft " + facts.open_draft->value() +
        " under unit " + dossier.unit.value() + ", which ended; remove it from that draft, " +
        "transfer it to " + facts.unit_successor->value() + ", then list it again");
  }
  auto plan =
      engine::PlanTransfer(dossier, authority, *facts.successor, facts.unit_successor.has_value());
  if (!plan.ok()) {
    return engine::Status::RejectedTransition("dossier is in " +
                                              std::string(engine::StateName(dossier.state)) +
                                              "; transfer refused: " + plan.status().message());
  }
  return std::optional<engine::TransferPlan>(*plan);
}

std::string Needs(engine::EventType type) {
  const std::vector<State> sources = SourceStates(type);
  std::string text;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    if (i > 0) text += (i + 1 == sources.size()) ? " or " : ", ";
    text += engine::StateName(sources[i]);
  }
  return text;
}

}  // namespace

std::vector<State> SourceStates(engine::EventType type) {
  std::vector<State> sources;
  for (State state : engine::kAllStates) {
    if (HasRow(state, type)) sources.push_back(state);
  }
  return sources;
}

engine::Result<engine::Decision> Decide(const engine::DossierSnapshot& dossier,
                                        const engine::Command& command, const engine::Actor& actor,
                                        const engine::RulePack& pack,
                                        const engine::Campaign& campaign,
                                        const engine::DecideFacts& facts, engine::Timestamp now) {
  const engine::EventType type = engine::TypeOf(command);
  if (engine::Status status = engine::Authorize(actor, type, dossier); !status.ok()) {
    return status;
  }
  if (!dossier.rule_pack.empty() && dossier.rule_pack != pack.id) {
    return engine::Status::InvalidArgument(
        "dossier is judged by rule pack '" + dossier.rule_pack.value() +
        "' (in force when it was submitted), not '" + pack.id.value() + "'");
  }
  if (dossier.campaign != campaign.id) {
    return engine::Status::InvalidArgument("dossier belongs to campaign '" +
                                           dossier.campaign.value() + "', not '" +
                                           campaign.id.value() + "'");
  }

  if (dossier.authority_pack &&
      (facts.authority == nullptr || facts.authority->id != *dossier.authority_pack)) {
    return engine::Status::InvalidArgument("dossier's authority is decided by rule pack '" +
                                           dossier.authority_pack->value() +
                                           "' (since its transfer); pass that pack");
  }
  const engine::RulePack* authority = dossier.authority_pack ? facts.authority : nullptr;

  // A dossier whose authority ceased is neither decided nor sent up under it: the secretariat
  // transfers it first (DOMAIN.md, "Administrative units change").
  if ((type == engine::EventType::kApprove || type == engine::EventType::kEscalate) &&
      facts.successor != nullptr && engine::NeedsTransfer(dossier, *facts.successor)) {
    return engine::Status::RejectedTransition(
        "dossier is in " + std::string(engine::StateName(dossier.state)) + "; " +
        std::string(engine::EventName(type)) + " refused: its authority ceased (rule pack '" +
        facts.successor->id.value() + "' takes over from '" +
        engine::AuthorityPackOf(dossier).value() + "'); transfer it first");
  }
  engine::Command completed = CompleteVote(command, facts, pack.FindAward(dossier.award));
  auto transfer = PrepareTransfer(completed, dossier, authority ? *authority : pack, facts);
  if (!transfer.ok()) return transfer.status();
  TransitionContext ctx{dossier,  actor, pack,      pack.FindAward(dossier.award),
                        campaign, facts, now,       dossier,
                        {},       {},    authority, *transfer};
  const std::string where = "dossier is in " + std::string(engine::StateName(dossier.state)) + "; ";
  switch (Fire(ctx, completed)) {
    case FireResult::kNoTransition:
      return engine::Status::RejectedTransition(where + std::string(engine::EventName(type)) +
                                                " needs " + Needs(type));
    case FireResult::kGuardRejected:
      return engine::Status::RejectedTransition(
          where + std::string(engine::EventName(type)) + " refused: " +
          (ctx.refusal.empty() ? std::string("no row's guard admits this payload") : ctx.refusal));
    case FireResult::kAccepted: break;
  }

  const State from = dossier.state;
  const State to = ctx.after.state;
  engine::Decision decision{std::move(ctx.after), {}};
  decision.effects.reserve(ctx.effects.size() + 4);
  decision.effects.push_back(engine::AppendAudit{type, from, to, actor.user, actor.role, now,
                                                 Summary(type, from, to), completed});
  for (engine::Effect& effect : ctx.effects) decision.effects.push_back(std::move(effect));
  if (const auto* remind = std::get_if<engine::Remind>(&completed)) {
    AddReminderNotices(dossier, *remind, decision.effects);
  }
  if (ctx.transfer) {
    // From now on the successor decides; the clock of the stage the dossier waits in (toward the
    // authority that ceased) restarts as the successor's (DOMAIN.md, "Administrative units
    // change").
    // A transfer that only moves the unit leaves the authority and its clock as they were.
    const bool authority_moves = ctx.transfer->outcome != engine::TransferOutcome::kUnitOnly;
    if (authority_moves) ctx.authority = facts.successor;
    if (from == to) {
      if (auto waiting = DeadlineOf(to); waiting && authority_moves) {
        decision.effects.push_back(engine::CancelDeadline{*waiting});
        decision.effects.push_back(StageDeadline(ctx, *waiting));
      }
      decision.effects.push_back(
          NoticeTo(ResponsibleFor(to).role, decision.dossier, "dossier_transferred", std::nullopt));
    }
  }
  if (from != to) {
    if (auto left = DeadlineOf(from)) decision.effects.push_back(engine::CancelDeadline{*left});
    ctx.after = decision.dossier;  // StageDeadline reads the dossier after the event
    if (auto entered = DeadlineOf(to)) decision.effects.push_back(StageDeadline(ctx, *entered));
    decision.effects.push_back(NoticeTo(ResponsibleFor(to).role, decision.dossier,
                                        "dossier_entered_" + std::string(engine::StateName(to)),
                                        std::nullopt));
  }
  return decision;
}

std::vector<engine::EventType> AllowedEvents(const engine::DossierSnapshot& dossier,
                                             const engine::Actor& actor) {
  std::vector<engine::EventType> allowed;
  for (engine::EventType type : engine::kAllEventTypes) {
    if (HasRow(dossier.state, type) && engine::Authorize(actor, type, dossier).ok()) {
      allowed.push_back(type);
    }
  }
  return allowed;
}

}  // namespace tdkt::workflows
