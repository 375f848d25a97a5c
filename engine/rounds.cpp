#include "engine/rounds.hpp"

#include <set>

#include "engine/authorization.hpp"
#include "engine/guards.hpp"
#include "engine/lifecycle_names.hpp"

namespace tdkt::engine {
namespace {

std::string Named(const Round& round) {
  return std::string(round.kind == RoundKind::kDecision ? "decision " : "submission ") +
         round.id.value();
}

}  // namespace

std::string_view RoundKindName(RoundKind kind) {
  return kind == RoundKind::kDecision ? "decision" : "submission";
}

std::string_view RoundKindLabel(RoundKind kind) {
  return kind == RoundKind::kDecision ? "Quyết định khen thưởng" : "Tờ trình đề nghị khen thưởng";
}

std::optional<RoundKind> ParseRoundKind(std::string_view name) {
  if (name == "decision") return RoundKind::kDecision;
  if (name == "submission") return RoundKind::kSubmission;
  return std::nullopt;
}

std::string_view RoundStatusName(RoundStatus status) {
  return status == RoundStatus::kDraft ? "draft" : "signed";
}

std::optional<RoundStatus> ParseRoundStatus(std::string_view name) {
  if (name == "draft") return RoundStatus::kDraft;
  if (name == "signed") return RoundStatus::kSigned;
  return std::nullopt;
}

const RoundLine* Round::FindLine(const DossierId& dossier) const {
  for (const RoundLine& line : lines) {
    if (line.dossier == dossier) return &line;
  }
  return nullptr;
}

std::int64_t Round::TotalPrizeVnd() const {
  std::int64_t total = 0;
  for (const RoundLine& line : lines) {
    if (line.prize && line.prize->amount_vnd) total += *line.prize->amount_vnd;
  }
  return total;
}

Result<Round> VisibleTo(const Round& round, const Actor& actor) {
  if (Status s = AuthorizeReadDossiers(actor); !s.ok()) return s;
  if (!IsUnitScoped(actor.role)) return round;
  Round visible = round;
  std::erase_if(visible.lines,
                [&](const RoundLine& line) { return !actor.unit || line.unit != *actor.unit; });
  return visible;
}

bool IsPublished(const Round& round) {
  return round.kind == RoundKind::kDecision && round.status == RoundStatus::kSigned;
}

bool IsPublishedLine(const Round& round, State dossier_state) {
  return IsPublished(round) && dossier_state == State::kApproved;
}

Result<Round> NewRound(const RoundId& id, RoundKind kind, const Campaign& campaign,
                       std::string title, const Actor& actor) {
  if (Status s = AuthorizeOperation(actor, Operation::kDraftRound); !s.ok()) return s;
  if (!IsValidId(id.value())) {
    return Status::InvalidArgument(
        "round.id: 1 to 64 of [A-Za-z0-9._-], starting with a letter or digit");
  }
  if (campaign.id.empty()) return Status::InvalidArgument("round.campaign_id: required");
  if (title.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidArgument("round.title: must not be blank");
  }
  Round round;
  round.id = id;
  round.kind = kind;
  round.campaign = campaign.id;
  round.title = std::move(title);
  round.drafted_by = actor.user;
  return round;
}

Status CheckAddLine(const Round& round, const DossierSnapshot& dossier,
                    const RulePack* dossier_pack, const std::optional<RoundId>& open_elsewhere) {
  if (round.status != RoundStatus::kDraft) {
    return Status::RejectedTransition(Named(round) + " is signed (" + round.number +
                                      "); its list no longer changes");
  }
  if (dossier.campaign != round.campaign) {
    return Status::InvalidArgument("dossier " + dossier.id.value() + " belongs to campaign '" +
                                   dossier.campaign.value() + "', the " + Named(round) + " to '" +
                                   round.campaign.value() + "'");
  }
  if (round.FindLine(dossier.id) != nullptr) {
    return Status::Conflict("dossier " + dossier.id.value() + " is already listed in " +
                            Named(round));
  }
  if (open_elsewhere && *open_elsewhere != round.id) {
    return Status::Conflict("dossier " + dossier.id.value() + " is already listed in the draft " +
                            open_elsewhere->value() + " (a dossier is in at most one open draft)");
  }
  if (dossier.state != State::kChairmanDecision) {
    return Status::RejectedTransition("dossier " + dossier.id.value() + " is in " +
                                      std::string(StateName(dossier.state)) +
                                      "; only a dossier in chairman_decision can be listed");
  }
  if (dossier_pack == nullptr) {
    return Status::RejectedTransition("dossier " + dossier.id.value() + " has no rule pack");
  }
  if (round.kind == RoundKind::kDecision) {
    const AwardRule* award = dossier_pack->FindAward(dossier.award);
    if (award == nullptr) {
      return Status::RejectedTransition("dossier " + dossier.id.value() + ": rule pack '" +
                                        dossier_pack->id.value() + "' has no award '" +
                                        dossier.award.value() + "'");
    }
    if (Verdict v = WithinCommuneAuthority{}(*dossier_pack, *award); !v) {
      return Status::RejectedTransition("dossier " + dossier.id.value() + ": " + v.reason +
                                        " (list it in a submission)");
    }
  }
  return Status::Ok();
}

RoundLine LineFor(const DossierSnapshot& dossier, const RulePack& dossier_pack) {
  RoundLine line;
  line.dossier = dossier.id;
  line.unit = dossier.unit;
  line.nominee = dossier.nominee;
  line.award = dossier.award;
  const AwardRule* award = dossier_pack.FindAward(dossier.award);
  line.award_name = award != nullptr ? award->name : dossier.award.value();
  return line;
}

Status CheckRemoveLine(const Round& round, const DossierId& dossier, const Actor& actor) {
  if (Status s = AuthorizeOperation(actor, Operation::kRemoveFromRound); !s.ok()) return s;
  if (round.status != RoundStatus::kDraft) {
    return Status::RejectedTransition(Named(round) + " is signed (" + round.number +
                                      "); its list no longer changes");
  }
  if (round.FindLine(dossier) == nullptr) {
    return Status::NotFound("dossier " + dossier.value() + " is not listed in " + Named(round));
  }
  return Status::Ok();
}

Status CheckSign(const Round& round, const Actor& actor) {
  if (Status s = AuthorizeOperation(actor, Operation::kSignRound); !s.ok()) return s;
  if (round.status == RoundStatus::kSigned) {
    return Status::Conflict(Named(round) + " is already signed as " + round.number);
  }
  if (round.lines.empty()) {
    return Status::RejectedTransition(Named(round) + " lists no dossier; add one before signing");
  }
  return Status::Ok();
}

Result<Prize> PrizeOf(const RulePackRegistry& packs, const BaseSalaryTable& salaries,
                      const AwardId& award, NomineeKind kind, std::chrono::sys_days day) {
  auto pack = packs.InForce(day);
  if (!pack.ok()) return pack.status();
  const AwardRule* rule = (*pack)->FindAward(award);
  if (rule == nullptr) {
    return Status::InvalidArgument("award '" + award.value() + "' is not in rule pack '" +
                                   (*pack)->id.value() + "', in force on the decision's date");
  }
  const PrizeRule* prize_rule = rule->PrizeFor(kind);
  if (prize_rule == nullptr) {
    return Status::InvalidArgument("award '" + award.value() + "' of rule pack '" +
                                   (*pack)->id.value() + "' has no prize for " +
                                   std::string(NomineeKindName(kind)));
  }
  Prize prize;
  prize.basis = prize_rule->basis;
  if (!prize_rule->coefficient_thousandths) return prize;  // no prize money
  auto salary = salaries.InForce(day);
  if (!salary.ok()) return salary.status();
  prize.coefficient_thousandths = *prize_rule->coefficient_thousandths;
  prize.base_salary_vnd = salary->vnd;
  prize.base_salary_basis = salary->basis;
  prize.amount_vnd = PrizeAmount(prize.coefficient_thousandths, salary->vnd);
  return prize;
}

Status CheckAnswer(const Round& round, const std::string& decision_number,
                   const std::vector<AnswerLine>& lines, const Actor& actor) {
  if (Status s = AuthorizeOperation(actor, Operation::kRecordHigherAnswer); !s.ok()) return s;
  if (round.kind != RoundKind::kSubmission) {
    return Status::InvalidArgument(Named(round) +
                                   " is a decision; the higher level answers "
                                   "submissions");
  }
  if (round.status != RoundStatus::kSigned) {
    return Status::RejectedTransition(Named(round) + " is a draft; it has not been sent up yet");
  }
  if (decision_number.find_first_not_of(" \t") == std::string::npos) {
    return Status::InvalidArgument("answer.decision_number: must not be blank");
  }
  if (lines.empty()) return Status::InvalidArgument("answer.dossiers: lists no dossier");
  std::set<DossierId> seen;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const AnswerLine& answer = lines[i];
    const std::string where = "answer.dossiers[" + std::to_string(i) + "]: ";
    if (!seen.insert(answer.dossier).second) {
      return Status::InvalidArgument(where + "dossier " + answer.dossier.value() +
                                     " is answered twice");
    }
    const RoundLine* line = round.FindLine(answer.dossier);
    if (line == nullptr) {
      return Status::NotFound(where + "dossier " + answer.dossier.value() + " is not listed in " +
                              Named(round));
    }
    if (line->answer) {
      return Status::Conflict(where + "dossier " + answer.dossier.value() +
                              " was answered already by " + line->answer->decision_number);
    }
    if (!answer.approved && answer.reason.find_first_not_of(" \t") == std::string::npos) {
      return Status::InvalidArgument(where + "reason: required when approved is false");
    }
  }
  return Status::Ok();
}

}  // namespace tdkt::engine
