// The nominee register's rules in the core: names as keys (ICU), what a registration must carry,
// the duplicate rule, who may register and read, and who sees the citizen identity number.

#include "engine/nominees.hpp"
#include "tests/support/status_testing.hpp"

#include <gtest/gtest.h>

namespace tdkt::engine {
namespace {

using std::chrono::sys_days;
using std::chrono::year;

constexpr sys_days kToday = sys_days(year(2026) / 11 / 27);

RegisteredNominee Chuong() {
  RegisteredNominee n;
  n.id = NomineeId("nm-chuong");
  n.kind = NomineeKind::kIndividual;
  n.name = "Lò Văn Chương";
  n.unit = UnitId("thon-1");
  n.direct_worker = true;
  n.gender = Gender::kMale;
  n.date_of_birth = sys_days(year(1978) / 3 / 12);
  n.citizen_id = "038078001234";
  return n;
}

Actor As(Role role, const char* unit = nullptr) {
  Actor a;
  a.user = UserId("u");
  a.role = role;
  if (unit != nullptr) a.unit = UnitId(unit);
  return a;
}

TEST(NomineeKeys, SearchKeyDropsDiacriticsCaseAndMapsDToD) {
  EXPECT_EQ(SearchKey("Lò Văn Chương"), "lo van chuong");
  EXPECT_EQ(SearchKey("Đinh Thị Ánh"), "dinh thi anh");
  EXPECT_EQ(SearchKey("đinh"), "dinh");
  EXPECT_EQ(SearchKey("  Hà   Văn\tNgọc, thôn 3 "), "ha van ngoc thon 3");
  // Decomposed input (NFD, as some keyboards and macOS file names give it) folds the same.
  EXPECT_EQ(SearchKey("Lo\xcc\x80 Va\xcc\x86n"), "lo van");
  EXPECT_EQ(SearchKey("100%_x"), "100 x");  // only [a-z0-9 ]: no LIKE wildcard survives
}

TEST(NomineeKeys, NameKeyIgnoresCaseSpacingAndFormButKeepsDiacritics) {
  EXPECT_EQ(NameKey("Lò  Văn CHƯƠNG "), NameKey("lò văn chương"));
  EXPECT_EQ(NameKey("Lo\xcc\x80 Va\xcc\x86n Chương"), NameKey("Lò Văn Chương"));  // NFD = NFC
  EXPECT_NE(NameKey("Nguyễn Văn Ân"), NameKey("Nguyễn Văn An"));
  EXPECT_NE(NameKey("Lò Văn Chương"), NameKey("Lo Van Chuong"));
}

TEST(NomineeRegistration, AnIndividualNeedsGenderAndDateOfBirth) {
  EXPECT_TRUE(CheckRegistration(Chuong(), kToday).ok());
  RegisteredNominee no_birth = Chuong();
  no_birth.date_of_birth.reset();
  EXPECT_EQ(CheckRegistration(no_birth, kToday).message(),
            "nominee.date_of_birth: required for individuals");
  EXPECT_TRUE(CheckRegistration(no_birth, kToday, /*complete=*/false).ok());
  RegisteredNominee no_gender = Chuong();
  no_gender.gender.reset();
  EXPECT_EQ(CheckRegistration(no_gender, kToday).message(),
            "nominee.gender: required for individuals");
  RegisteredNominee future = Chuong();
  future.date_of_birth = kToday + std::chrono::days(1);
  EXPECT_EQ(CheckRegistration(future, kToday).message(), "nominee.date_of_birth: is after today");
  RegisteredNominee bad_id = Chuong();
  bad_id.citizen_id = "03807800123";  // 11 digits
  EXPECT_EQ(CheckRegistration(bad_id, kToday).message(), "nominee.citizen_id: expected 12 digits");
  RegisteredNominee no_unit = Chuong();
  no_unit.unit = UnitId();
  EXPECT_EQ(CheckRegistration(no_unit, kToday).message(), "nominee.unit_id: required");
}

TEST(NomineeRegistration, ACollectiveNeedsItsKindAndNoPersonalFields) {
  RegisteredNominee village;
  village.id = NomineeId("nm-thon-3");
  village.kind = NomineeKind::kCollective;
  village.name = "Thôn 3";
  village.unit = UnitId("xa-binh-luong");
  EXPECT_EQ(CheckRegistration(village, kToday).message(),
            "nominee.collective_kind: required for collectives");
  // Carried over from an inline draft, its kind stays unknown rather than guessed.
  EXPECT_TRUE(CheckRegistration(village, kToday, /*complete=*/false).ok());
  village.collective_kind = CollectiveKind::kVillage;
  EXPECT_TRUE(CheckRegistration(village, kToday).ok());
  village.citizen_id = "038078001234";
  EXPECT_EQ(CheckRegistration(village, kToday).message(),
            "nominee.citizen_id: only an individual has one");
}

TEST(NomineeDuplicates, SameCitizenIdOrSameNameAndBirthIsTheSamePerson) {
  RegisteredNominee typed = Chuong();
  typed.id = NomineeId();
  typed.name = "lò  văn chương";
  typed.citizen_id.reset();
  EXPECT_EQ(MatchOf(typed, Chuong()), DuplicateMatch::kNameAndBirth);
  RegisteredNominee other_birth = typed;
  other_birth.date_of_birth = sys_days(year(1979) / 3 / 12);
  EXPECT_EQ(MatchOf(other_birth, Chuong()), DuplicateMatch::kNone);
  RegisteredNominee same_card = other_birth;
  same_card.name = "Lò Văn Chươnq";  // a typo, but the same card
  same_card.citizen_id = "038078001234";
  EXPECT_EQ(MatchOf(same_card, Chuong()), DuplicateMatch::kCitizenId);
  // A name without diacritics is another name: the rule does not guess.
  RegisteredNominee ascii = typed;
  ascii.name = "Lo Van Chuong";
  EXPECT_EQ(MatchOf(ascii, Chuong()), DuplicateMatch::kNone);
}

TEST(NomineeDuplicates, AHouseholdIsTheSameByHeadAndVillage) {
  RegisteredNominee a;
  a.kind = NomineeKind::kHousehold;
  a.name = "Hà Văn Ngọc";
  a.unit = UnitId("thon-3");
  RegisteredNominee b = a;
  b.name = "HÀ VĂN NGỌC";
  EXPECT_EQ(MatchOf(b, a), DuplicateMatch::kNameAndUnit);
  b.unit = UnitId("thon-4");
  EXPECT_EQ(MatchOf(b, a), DuplicateMatch::kNone);
}

TEST(NomineeAccess, OnlyTheSecretariatAndTheAuditorSeeTheCitizenId) {
  for (Role role : {Role::kSecretariat, Role::kAuditor}) {
    EXPECT_EQ(RedactedFor(Chuong(), As(role)).citizen_id, "038078001234") << RoleName(role);
  }
  for (Role role :
       {Role::kUnitOfficer, Role::kUnitHead, Role::kCouncilMember, Role::kChairman, Role::kAdmin}) {
    EXPECT_FALSE(RedactedFor(Chuong(), As(role, "thon-1")).citizen_id) << RoleName(role);
  }
}

TEST(NomineeAccess, AUnitRegistersAndReadsItsOwnNominees) {
  EXPECT_TRUE(AuthorizeRegister(As(Role::kUnitOfficer, "thon-1"), UnitId("thon-1")).ok());
  EXPECT_TRUE(AuthorizeRegister(As(Role::kSecretariat), UnitId("thon-1")).ok());
  EXPECT_EQ(AuthorizeRegister(As(Role::kUnitOfficer, "thon-2"), UnitId("thon-1")).code(),
            StatusCode::kForbidden);
  EXPECT_EQ(AuthorizeRegister(As(Role::kAuditor), UnitId("thon-1")).code(), StatusCode::kForbidden);
  EXPECT_TRUE(AuthorizeReadNominee(As(Role::kUnitHead, "thon-1"), Chuong()).ok());
  EXPECT_EQ(AuthorizeReadNominee(As(Role::kUnitHead, "thon-2"), Chuong()).code(),
            StatusCode::kNotFound);
  EXPECT_EQ(AuthorizeReadNominee(As(Role::kAdmin), Chuong()).code(), StatusCode::kForbidden);
}

TEST(NomineeSearch, RanksTheWholeNameThenItsBeginningThenAWordThenAnywhere) {
  EXPECT_EQ(SearchRank("lo van chuong", "lo van chuong"), 0);
  EXPECT_EQ(SearchRank("dinh thi anh", "dinh"), 1);
  EXPECT_EQ(SearchRank("le dinh tuan", "dinh"), 2);
  EXPECT_EQ(SearchRank("le dinhh", "inh"), 3);
  EXPECT_FALSE(SearchRank("le van tam", "dinh"));
}

// The process checks ICU before it stores or searches a name; with libicu's data installed it
// keys names as the tests above expect.
TEST(NameKeys, IcuIsCheckedBeforeAnyNameIsKeyed) { EXPECT_OK(CheckNameKeying()); }

}  // namespace
}  // namespace tdkt::engine
