// Who may send which event (DOMAIN.md's role column), unit scope, read-only roles.

#include "engine/authorization.hpp"

#include <gtest/gtest.h>

#include "tests/support/lifecycle_fixture.hpp"
#include "tests/support/status_testing.hpp"

namespace tdkt::engine {
namespace {

constexpr Role kAllRoles[] = {Role::kUnitOfficer,   Role::kUnitHead, Role::kSecretariat,
                              Role::kCouncilMember, Role::kChairman, Role::kAuditor,
                              Role::kAdmin,         Role::kTimer};

TEST(Authorization, EachEventHasExactlyOneSender) {
  const DossierSnapshot dossier = testing::NewDossier();
  for (EventType type : kAllEventTypes) {
    int allowed = 0;
    for (Role role : kAllRoles) {
      if (Authorize(testing::ActorAs(role), type, dossier).ok()) ++allowed;
    }
    EXPECT_EQ(allowed, 1) << EventName(type);
  }
}

TEST(Authorization, RoleColumnOfTheEventTable) {
  EXPECT_EQ(SenderOf(EventType::kSubmit), Role::kUnitOfficer);
  EXPECT_EQ(SenderOf(EventType::kUnitApprove), Role::kUnitHead);
  EXPECT_EQ(SenderOf(EventType::kCouncilVote), Role::kSecretariat);
  EXPECT_EQ(SenderOf(EventType::kHold), Role::kSecretariat);
  EXPECT_EQ(SenderOf(EventType::kApprove), Role::kChairman);
  EXPECT_EQ(SenderOf(EventType::kRevoke), Role::kChairman);
  EXPECT_EQ(SenderOf(EventType::kNoticeEnded), Role::kTimer);
  EXPECT_EQ(SenderOf(EventType::kCutoff), Role::kTimer);
  EXPECT_EQ(SenderOf(EventType::kRemind), Role::kTimer);
}

TEST(Authorization, WrongRoleNamesTheRoleRule) {
  const Status status =
      Authorize(testing::ActorAs(Role::kSecretariat), EventType::kSubmit, testing::NewDossier());
  EXPECT_EQ(status.code(), StatusCode::kForbidden);
  EXPECT_EQ(status.message(), "role rule: submit is sent by unit_officer, not secretariat");
}

TEST(Authorization, UnitScopedRolesOnlyForTheirOwnUnit) {
  const DossierSnapshot dossier = testing::NewDossier();
  EXPECT_OK(Authorize(testing::ActorAs(Role::kUnitOfficer), EventType::kSubmit, dossier));
  const Status other = Authorize(testing::ActorAs(Role::kUnitHead, testing::kOtherVillage),
                                 EventType::kUnitApprove, dossier);
  // Another unit's dossier is the same 404 as one that does not exist, whatever the event.
  EXPECT_EQ(other.code(), StatusCode::kNotFound);
  EXPECT_EQ(other.message(), "no dossier " + dossier.id.value());
  EXPECT_EQ(Authorize(testing::ActorAs(Role::kUnitHead, testing::kOtherVillage), EventType::kSubmit,
                      dossier)
                .code(),
            StatusCode::kNotFound);
  Actor no_unit = testing::ActorAs(Role::kUnitOfficer);
  no_unit.unit.reset();
  EXPECT_EQ(Authorize(no_unit, EventType::kSubmit, dossier).code(), StatusCode::kForbidden);
}

TEST(Authorization, AuditorsCouncilMembersAndAdminsChangeNothing) {
  const DossierSnapshot dossier = testing::NewDossier();
  for (Role role : {Role::kAuditor, Role::kCouncilMember, Role::kAdmin}) {
    for (EventType type : kAllEventTypes) {
      const Status status = Authorize(testing::ActorAs(role), type, dossier);
      EXPECT_EQ(status.code(), StatusCode::kForbidden);
      EXPECT_EQ(status.message(),
                "read-only rule: " + std::string(RoleName(role)) + " changes nothing");
    }
  }
}

TEST(Authorization, RoleNamesRoundTrip) {
  for (Role role : kAllRoles) EXPECT_EQ(ParseRole(RoleName(role)), role);
  EXPECT_FALSE(ParseRole("chu_tich").has_value());
}

// The rules that lived in the HTTP and database layers, now in the core.
TEST(Authorization, DraftsAndDocumentsAreTheUnitOfficersOrTheSecretariats) {
  const DossierSnapshot dossier = testing::NewDossier();
  const Actor own{UserId("o"), Role::kUnitOfficer, dossier.unit};
  const Actor other{UserId("x"), Role::kUnitOfficer, UnitId("thon-khac")};
  EXPECT_TRUE(AuthorizeCreate(own, dossier.unit).ok());
  EXPECT_TRUE(AuthorizeCreate(testing::ActorAs(Role::kSecretariat), dossier.unit).ok());
  EXPECT_EQ(AuthorizeCreate(other, dossier.unit).code(), StatusCode::kForbidden);
  EXPECT_EQ(AuthorizeCreate(testing::ActorAs(Role::kChairman), dossier.unit).code(),
            StatusCode::kForbidden);
  EXPECT_TRUE(AuthorizeAttach(own, dossier).ok());
  EXPECT_EQ(AuthorizeAttach(other, dossier).code(), StatusCode::kNotFound);
  EXPECT_EQ(AuthorizeAttach(Actor{UserId("h"), Role::kUnitHead, dossier.unit}, dossier).code(),
            StatusCode::kForbidden);
}

TEST(Authorization, AnotherUnitsDossierReadsAsOneThatDoesNotExist) {
  const DossierSnapshot dossier = testing::NewDossier();
  const Actor other{UserId("x"), Role::kUnitHead, UnitId("thon-khac")};
  const Status read = AuthorizeRead(other, dossier.id, dossier.unit);
  EXPECT_EQ(read.code(), StatusCode::kNotFound);
  EXPECT_EQ(read.message(), "no dossier " + dossier.id.value());
  EXPECT_TRUE(AuthorizeRead(testing::ActorAs(Role::kAuditor), dossier.id, dossier.unit).ok());
  EXPECT_EQ(AuthorizeRead(testing::ActorAs(Role::kAdmin), dossier.id, dossier.unit).code(),
            StatusCode::kForbidden);
  auto unit = ReadableUnit(other, UnitId());
  ASSERT_TRUE(unit.ok());
  EXPECT_EQ(*unit, UnitId("thon-khac"));
  EXPECT_EQ(ReadableUnit(other, dossier.unit).status().code(), StatusCode::kForbidden);
  EXPECT_EQ(*ReadableUnit(testing::ActorAs(Role::kSecretariat), UnitId()), UnitId());
}

TEST(Authorization, OperationsAndAccountRoles) {
  EXPECT_TRUE(AuthorizeOperation(testing::ActorAs(Role::kAdmin), Operation::kCreateCampaign).ok());
  EXPECT_EQ(
      AuthorizeOperation(testing::ActorAs(Role::kChairman), Operation::kCreateCampaign).code(),
      StatusCode::kForbidden);
  EXPECT_TRUE(
      AuthorizeOperation(testing::ActorAs(Role::kSecretariat), Operation::kRecordCouncilSession)
          .ok());
  EXPECT_EQ(
      AuthorizeOperation(testing::ActorAs(Role::kAdmin), Operation::kRecordCouncilSession).code(),
      StatusCode::kForbidden);
  EXPECT_TRUE(CheckAccountRole(Role::kUnitHead, true).ok());
  EXPECT_FALSE(CheckAccountRole(Role::kUnitHead, false).ok());
  EXPECT_FALSE(CheckAccountRole(Role::kAuditor, true).ok());
  EXPECT_FALSE(CheckAccountRole(Role::kTimer, false).ok());
}

}  // namespace
}  // namespace tdkt::engine
