#include "engine/authorization.hpp"

#include <string>

namespace tdkt::engine {

Role SenderOf(EventType type) {
  switch (type) {
    case EventType::kSubmit:
    case EventType::kSupplement:
    case EventType::kWithdraw: return Role::kUnitOfficer;
    case EventType::kUnitReturn:
    case EventType::kUnitApprove:
    case EventType::kUnitReject: return Role::kUnitHead;
    case EventType::kRequestSupplement:
    case EventType::kAccept:
    case EventType::kAppraisePass:
    case EventType::kAppraiseFail:
    case EventType::kCouncilVote:
    case EventType::kObjection:
    case EventType::kHigherDecision:
    case EventType::kHold:
    case EventType::kResume: return Role::kSecretariat;
    case EventType::kApprove:
    case EventType::kEscalate:
    case EventType::kReject:
    case EventType::kRevoke: return Role::kChairman;
    case EventType::kNoticeEnded:
    case EventType::kCutoff:
    case EventType::kRemind: return Role::kTimer;
  }
  return Role::kAuditor;  // unreachable for a valid EventType; a role that may send nothing
}

Status Authorize(const Actor& actor, EventType type, const DossierSnapshot& dossier) {
  const std::string role(RoleName(actor.role));
  if (actor.role == Role::kAuditor || actor.role == Role::kCouncilMember ||
      actor.role == Role::kAdmin) {
    return Status::Forbidden("read-only rule: " + role + " changes nothing");
  }
  const Role sender = SenderOf(type);
  if (actor.role != sender) {
    return Status::Forbidden("role rule: " + std::string(EventName(type)) + " is sent by " +
                             std::string(RoleName(sender)) + ", not " + role);
  }
  if (IsUnitScoped(actor.role)) {
    if (!actor.unit) {
      return Status::Forbidden("unit rule: " + role + " without a unit may not act");
    }
    if (*actor.unit != dossier.unit) {
      return Status::Forbidden("unit rule: " + role + " of unit '" + actor.unit->value() +
                               "' acts only on its own unit's dossiers (this one is '" +
                               dossier.unit.value() + "')");
    }
  }
  return Status::Ok();
}

}  // namespace tdkt::engine
