#pragma once
// The nominee register (DOMAIN.md, "Nominees"): individuals (cá nhân), collectives (tập thể) and
// households (hộ gia đình) with a stable identity, so that a nominee's dossiers across campaigns
// are one history and "one achievement, one award" (Luật Thi đua, khen thưởng 2022, Điều 5) is
// judged on who the nominee is, not on how a name was typed.
//
// What the core decides here: what a registration must carry, when two registrations are the same
// nominee (the duplicate rule), how names are keyed for that rule and for search (ICU), who may
// register and read nominees, and who may see the citizen identity number (căn cước công dân,
// personal data under Nghị định 13/2023/NĐ-CP on the protection of personal data).
//
// Pure functions over plain values; safe from any thread (ICU's normaliser and transliterator are
// created per call or once, thread-safely).

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "engine/domain.hpp"
#include "engine/ids.hpp"
#include "engine/status.hpp"

namespace tdkt::engine {

enum class Gender { kMale, kFemale };
std::string_view GenderName(Gender gender);  // "male", "female"
std::optional<Gender> ParseGender(std::string_view name);

// The kinds of collective the register knows: thôn (village), trường học (school), tổ / đội
// (team), hội / đoàn thể (association).
enum class CollectiveKind { kVillage, kSchool, kTeam, kAssociation };
std::string_view CollectiveKindName(CollectiveKind kind);  // "village", "school", ...
std::optional<CollectiveKind> ParseCollectiveKind(std::string_view name);

// One registered nominee. `name` is the full name of an individual, the collective's name, or the
// head of a household. `unit` is an individual's unit, a collective's parent unit, a household's
// village; unit-scoped roles see the nominees of their own unit.
struct RegisteredNominee {
  NomineeId id;
  NomineeKind kind = NomineeKind::kIndividual;
  std::string name;
  UnitId unit;
  bool direct_worker = false;  // trực tiếp lao động, sản xuất (individuals and households)
  // Individuals only. A date of birth is required when registering; nominees carried over from
  // dossiers drafted before the register have none (and are never matched on it).
  std::optional<Gender> gender;
  std::optional<std::chrono::sys_days> date_of_birth;
  std::string position;                   // chức vụ; may be empty
  std::optional<std::string> citizen_id;  // CCCD, 12 digits: personal data
  // Collectives only.
  std::optional<CollectiveKind> collective_kind;

  friend bool operator==(const RegisteredNominee&, const RegisteredNominee&) = default;
};

// The register's record as a dossier carries it (id, kind, name, direct worker, woman).
Nominee DossierNomineeOf(const RegisteredNominee& nominee);

// Names as keys, through ICU:
//  NameKey: Unicode NFC, case-folded, runs of white space as one space, trimmed. Two names with
//    the same key are the same name ("Lò  Văn chương" = "Lò Văn Chương"); diacritics still count
//    ("Ân" is not "An"), since they tell Vietnamese names apart.
//  SearchKey: "Any-Latin; Latin-ASCII; Lower" (which maps đ to d), then only [a-z0-9] and single
//    spaces: "Lò Văn Chương" → "lo van chuong", "Đinh" → "dinh". What search compares.
std::string NameKey(std::string_view name);
std::string SearchKey(std::string_view text);
// OK when ICU keys names as these need (its NFC normaliser and the transliterator, from
// libicu's data); Unavailable, saying which, otherwise. Keys made without them would not match
// those stored, so a process that stores or searches names checks this before it starts.
Status CheckNameKeying();

// Whether `text` is a citizen identity number: exactly 12 ASCII digits (thẻ căn cước công dân).
bool IsCitizenIdNumber(std::string_view text);

// A registration as it must be, or InvalidArgument naming the field ("nominee.date_of_birth:
// required for individuals"). Requires: a valid id, a name, a unit; for an individual a gender
// and a date of birth no later than `today` (and a 12-digit citizen id when one is given); for a
// collective its kind; no gender, date of birth, position or citizen id on a collective or
// household, no collective kind on an individual or household. `complete` false: a nominee
// carried over from a dossier drafted with inline fields, whose date of birth (an individual) or
// kind (a collective) nobody gave: those stay unknown, never guessed.
Status CheckRegistration(const RegisteredNominee& nominee, std::chrono::sys_days today,
                         bool complete = true);

// The duplicate rule: which registered nominee `candidate` already is, and on what.
//   individuals: the same citizen identity number, or the same NameKey and date of birth;
//   collectives: the same collective kind, NameKey and parent unit;
//   households: the same NameKey of the head and the same village.
enum class DuplicateMatch { kNone, kCitizenId, kNameAndBirth, kNameAndUnit };
std::string_view DuplicateMatchName(DuplicateMatch match);  // "citizen_id", ...
DuplicateMatch MatchOf(const RegisteredNominee& candidate, const RegisteredNominee& registered);

// Who may register a nominee of `unit`: its own unit officer, or the secretariat (the two who
// draft dossiers). OK or Forbidden naming the rule.
Status AuthorizeRegister(const Actor& actor, const UnitId& unit);
// Who may read the register: everyone who reads dossiers (not the admin); a unit-scoped role only
// nominees of its own unit (another unit's is NotFound, worded as for one that does not exist).
Status AuthorizeReadNominee(const Actor& actor, const RegisteredNominee& nominee);
// Who sees the citizen identity number: the secretariat and the auditor only (Nghị định
// 13/2023/NĐ-CP: personal data is processed only by those whose task needs it).
bool MaySeeCitizenId(const Actor& actor);
// `nominee` as `actor` may see it: the citizen identity number removed unless MaySeeCitizenId.
RegisteredNominee RedactedFor(const RegisteredNominee& nominee, const Actor& actor);

// Search ranking: how well a nominee's SearchKey matches a folded query. Lower is better:
//   0 the whole name, 1 the name begins with it, 2 a word of the name begins with it, 3 the
//   name contains it; nullopt no match. The store orders by the same ranks (NomineeStore::Search).
std::optional<int> SearchRank(std::string_view name_key, std::string_view folded_query);

}  // namespace tdkt::engine
