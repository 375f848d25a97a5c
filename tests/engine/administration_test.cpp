// The admin's rules in the core: only the admin administers; a unit's parent; the commune's
// settings; the commune keeps an admin; a retired unit takes no new draft.

#include "engine/administration.hpp"

#include <gtest/gtest.h>

#include "engine/authorization.hpp"
#include "engine/drafting.hpp"
#include "tests/support/lifecycle_fixture.hpp"
#include "tests/support/reference_packs.hpp"
#include "tests/support/status_testing.hpp"

namespace tdkt::engine {
namespace {

TEST(Administration, OnlyTheAdminManagesUnitsUsersTokensAndTheCommune) {
  constexpr Operation kAdminOperations[] = {Operation::kManageUnits, Operation::kManageUsers,
                                            Operation::kManageTokens, Operation::kManageCommune};
  constexpr Role kOthers[] = {Role::kUnitOfficer,   Role::kUnitHead, Role::kSecretariat,
                              Role::kCouncilMember, Role::kChairman, Role::kAuditor,
                              Role::kTimer};
  for (Operation operation : kAdminOperations) {
    EXPECT_TRUE(AuthorizeOperation(testing::ActorAs(Role::kAdmin), operation).ok());
    for (Role role : kOthers) {
      Status refused = AuthorizeOperation(testing::ActorAs(role), operation);
      EXPECT_EQ(refused.code(), StatusCode::kForbidden) << RoleName(role);
      EXPECT_NE(refused.message().find("is done by admin, not " + std::string(RoleName(role))),
                std::string::npos)
          << refused.message();
    }
  }
}

TEST(Administration, TheAdminAndTheAuditorReadTheAdministrativeLog) {
  for (Role role : {Role::kAdmin, Role::kAuditor}) {
    EXPECT_TRUE(AuthorizeOperation(testing::ActorAs(role), Operation::kReadAdministrativeLog).ok());
  }
  for (Role role : {Role::kUnitOfficer, Role::kUnitHead, Role::kSecretariat, Role::kCouncilMember,
                    Role::kChairman, Role::kTimer}) {
    EXPECT_EQ(AuthorizeOperation(testing::ActorAs(role), Operation::kReadAdministrativeLog).code(),
              StatusCode::kForbidden)
        << RoleName(role);
  }
}

TEST(Administration, AUnitsParentExistsAndIsNotUnderIt) {
  const std::map<std::string, std::optional<std::string>> parents = {
      {"xa", std::nullopt}, {"thon-1", "xa"}, {"to-1", "thon-1"}};
  EXPECT_TRUE(CheckUnitParent("thon-2", std::nullopt, parents).ok());
  EXPECT_TRUE(CheckUnitParent("thon-2", "xa", parents).ok());
  EXPECT_TRUE(CheckUnitParent("to-1", "xa", parents).ok());
  EXPECT_EQ(CheckUnitParent("thon-2", "nowhere", parents).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckUnitParent("thon-1", "thon-1", parents).code(), StatusCode::kInvalidArgument);
  Status cycle = CheckUnitParent("xa", "to-1", parents);
  EXPECT_EQ(cycle.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(cycle.message().find("unit.parent: 'to-1' lies under 'xa'"), std::string::npos)
      << cycle.message();
}

TEST(Administration, TheCommunesSettingsAreCheckedFieldByField) {
  CommuneSettings s{"UBND xã Bình Lương", "Thanh Hóa", "UBND", "Lê Văn Bình", "Chủ tịch"};
  EXPECT_TRUE(CheckCommuneSettings(s).ok());
  CommuneSettings no_name = s;
  no_name.name.clear();
  EXPECT_NE(CheckCommuneSettings(no_name).message().find("commune.name"), std::string::npos);
  for (const char* bad : {"", "UB/ND", "UB ND", "QĐ", "ABCDEFGHIJKLMNOPQRSTU"}) {
    CommuneSettings symbol = s;
    symbol.issuer_symbol = bad;
    Status refused = CheckCommuneSettings(symbol);
    EXPECT_EQ(refused.code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(refused.message().find("commune.issuer_symbol"), std::string::npos) << bad;
  }
}

TEST(Administration, TheLastAdminStays) {
  EXPECT_TRUE(CheckKeepsAnAdmin(1).ok());
  EXPECT_EQ(CheckKeepsAnAdmin(0).code(), StatusCode::kConflict);
}

TEST(Administration, ARetiredUnitTakesNoNewDraft) {
  const DossierSnapshot existing = testing::NewDossier();
  Campaign campaign = testing::BinhLuong2024Campaign();
  NewDraft draft;
  draft.id = DossierId("hs-moi");
  draft.campaign = campaign.id;
  draft.unit = existing.unit;
  draft.nominee = existing.nominee;
  draft.award = existing.award;
  Actor secretariat = testing::ActorAs(Role::kSecretariat);
  EXPECT_TRUE(DecideCreate(draft, secretariat, campaign, {}).ok());
  CreateFacts facts;
  facts.unit_retired = true;
  auto refused = DecideCreate(draft, secretariat, campaign, facts);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(refused.status().message().find("dossier.unit_id: unit '" + draft.unit.value() +
                                            "' is retired"),
            std::string::npos)
      << refused.status().message();
}

}  // namespace
}  // namespace tdkt::engine
