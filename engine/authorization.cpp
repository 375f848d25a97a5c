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
    case EventType::kResume:
    case EventType::kTransfer: return Role::kSecretariat;
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
  if (IsUnitScoped(actor.role)) {
    if (!actor.unit) {
      return Status::Forbidden("unit rule: " + role + " without a unit may not act");
    }
    // Another unit's dossier is not theirs to see: the same answer as for no such dossier, so
    // that other units' dossier ids do not leak (before the role rule, which would say more).
    if (*actor.unit != dossier.unit) return Status::NotFound("no dossier " + dossier.id.value());
  }
  const Role sender = SenderOf(type);
  if (actor.role != sender) {
    return Status::Forbidden("role rule: " + std::string(EventName(type)) + " is sent by " +
                             std::string(RoleName(sender)) + ", not " + role);
  }
  return Status::Ok();
}

namespace {

std::string Who(const Actor& actor) {
  std::string who(RoleName(actor.role));
  if (actor.unit) who += " of unit '" + actor.unit->value() + "'";
  return who;
}

// The unit's own officer, or the secretariat.
bool OfficerOfOrSecretariat(const Actor& actor, const UnitId& unit) {
  return actor.role == Role::kSecretariat ||
         (actor.role == Role::kUnitOfficer && actor.unit && *actor.unit == unit);
}

}  // namespace

Status AuthorizeCreate(const Actor& actor, const UnitId& unit) {
  if (OfficerOfOrSecretariat(actor, unit)) return Status::Ok();
  return Status::Forbidden(
      "role rule: a draft for unit '" + unit.value() +
      "' is created by that unit's own officer (cán bộ đơn vị) or the secretariat, not by " +
      Who(actor));
}

Status AuthorizeAttach(const Actor& actor, const DossierSnapshot& dossier) {
  if (Status read = AuthorizeRead(actor, dossier.id, dossier.unit); !read.ok()) return read;
  if (OfficerOfOrSecretariat(actor, dossier.unit)) return Status::Ok();
  return Status::Forbidden("role rule: documents of a dossier of unit '" + dossier.unit.value() +
                           "' are attached by that unit's officer or the secretariat, not by " +
                           Who(actor));
}

Status AuthorizeReadDossiers(const Actor& actor) {
  if (actor.role == Role::kAdmin) {
    return Status::Forbidden(
        "role rule: admin manages configuration, units and users, not dossiers");
  }
  if (IsUnitScoped(actor.role) && !actor.unit) {
    return Status::Forbidden("unit rule: " + std::string(RoleName(actor.role)) +
                             " without a unit reads no dossier");
  }
  return Status::Ok();
}

Status AuthorizeRead(const Actor& actor, const DossierId& id, const UnitId& unit) {
  if (Status status = AuthorizeReadDossiers(actor); !status.ok()) return status;
  if (IsUnitScoped(actor.role) && *actor.unit != unit) {
    return Status::NotFound("no dossier " + id.value());
  }
  return Status::Ok();
}

Status CheckAccountRole(Role role, bool has_unit) {
  if (role == Role::kTimer) {
    return Status::InvalidArgument("role timer is the system's deadline timer, not a person's");
  }
  if (IsUnitScoped(role) != has_unit) {
    return Status::InvalidArgument("role " + std::string(RoleName(role)) +
                                   (has_unit ? " has no unit (it is not unit-scoped); drop --unit"
                                             : " acts for one unit: give its unit"));
  }
  return Status::Ok();
}

std::string_view OperationName(Operation operation) {
  switch (operation) {
    case Operation::kCreateCampaign: return "creating a campaign";
    case Operation::kRecordCouncilSession: return "recording a council session";
    case Operation::kManageUnits: return "managing units";
    case Operation::kManageUsers: return "managing users";
    case Operation::kManageTokens: return "managing tokens";
    case Operation::kManageCommune: return "changing the commune's settings";
    case Operation::kReadAdministrativeLog: return "reading the administrative log";
    case Operation::kDraftRound: return "drafting a decision or submission";
    case Operation::kRemoveFromRound: return "removing a dossier from a draft";
    case Operation::kSignRound: return "signing a decision or submission";
    case Operation::kRecordHigherAnswer: return "recording the higher level's answer";
    case Operation::kListRoundCandidates: return "listing the dossiers a draft may take";
  }
  return "an unknown operation";
}

Status AuthorizeOperation(const Actor& actor, Operation operation) {
  switch (operation) {
    case Operation::kCreateCampaign:
      if (actor.role == Role::kSecretariat || actor.role == Role::kAdmin) return Status::Ok();
      return Status::Forbidden(
          "role rule: creating a campaign is done by secretariat or admin, not " +
          std::string(RoleName(actor.role)));
    case Operation::kRecordCouncilSession:
      if (actor.role == Role::kSecretariat) return Status::Ok();
      return Status::Forbidden(
          "role rule: recording a council session is done by secretariat, not " +
          std::string(RoleName(actor.role)));
    case Operation::kManageUnits:
    case Operation::kManageUsers:
    case Operation::kManageTokens:
    case Operation::kManageCommune:
      // DOMAIN.md: the admin (quản trị) manages configuration, units, users and tokens; nobody
      // else does, so that a dossier's actors cannot also rewrite who they are.
      if (actor.role == Role::kAdmin) return Status::Ok();
      return Status::Forbidden("role rule: " + std::string(OperationName(operation)) +
                               " is done by admin, not " + std::string(RoleName(actor.role)));
    case Operation::kDraftRound:
    case Operation::kRecordHigherAnswer:
      if (actor.role == Role::kSecretariat) return Status::Ok();
      return Status::Forbidden("role rule: " + std::string(OperationName(operation)) +
                               " is done by secretariat, not " + std::string(RoleName(actor.role)));
    case Operation::kRemoveFromRound:
    case Operation::kListRoundCandidates:
      if (actor.role == Role::kSecretariat || actor.role == Role::kChairman) return Status::Ok();
      return Status::Forbidden("role rule: " + std::string(OperationName(operation)) +
                               " is done by secretariat or chairman, not " +
                               std::string(RoleName(actor.role)));
    case Operation::kSignRound:
      if (actor.role == Role::kChairman) return Status::Ok();
      return Status::Forbidden("role rule: " + std::string(OperationName(operation)) +
                               " is done by chairman, not " + std::string(RoleName(actor.role)));
    case Operation::kReadAdministrativeLog:
      // The auditor reads and verifies every audit trail (DOMAIN.md), the admin their own.
      if (actor.role == Role::kAdmin || actor.role == Role::kAuditor) return Status::Ok();
      return Status::Forbidden("role rule: " + std::string(OperationName(operation)) +
                               " is done by admin or auditor, not " +
                               std::string(RoleName(actor.role)));
  }
  return Status::Forbidden("role rule: unknown operation");
}

Result<UnitId> ReadableUnit(const Actor& actor, const UnitId& requested) {
  if (Status status = AuthorizeReadDossiers(actor); !status.ok()) return status;
  if (!IsUnitScoped(actor.role)) return requested;
  if (!requested.empty() && requested != *actor.unit) {
    return Status::Forbidden("unit rule: " + Who(actor) +
                             " sees only its own unit's dossiers, not unit '" + requested.value() +
                             "'s");
  }
  return *actor.unit;
}

}  // namespace tdkt::engine
