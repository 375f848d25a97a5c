#include "engine/nominees.hpp"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include <array>
#include <memory>
#include <utility>

#include "engine/authorization.hpp"

namespace tdkt::engine {
namespace {

constexpr std::array<std::pair<Gender, std::string_view>, 2> kGenders = {{
    {Gender::kMale, "male"},
    {Gender::kFemale, "female"},
}};

constexpr std::array<std::pair<CollectiveKind, std::string_view>, 4> kCollectiveKinds = {{
    {CollectiveKind::kVillage, "village"},
    {CollectiveKind::kSchool, "school"},
    {CollectiveKind::kTeam, "team"},
    {CollectiveKind::kAssociation, "association"},
}};

template <typename T, std::size_t N>
std::string_view NameIn(const std::array<std::pair<T, std::string_view>, N>& table, T value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return "?";
}

template <typename T, std::size_t N>
std::optional<T> FindIn(const std::array<std::pair<T, std::string_view>, N>& table,
                        std::string_view name) {
  for (const auto& [v, n] : table) {
    if (n == name) return v;
  }
  return std::nullopt;
}

// Runs of Unicode white space as one ASCII space, trimmed.
icu::UnicodeString CollapseSpaces(const icu::UnicodeString& text) {
  icu::UnicodeString out;
  bool pending_space = false;
  for (int32_t i = 0; i < text.length();) {
    UChar32 c = text.char32At(i);
    i += U16_LENGTH(c);
    if (u_isUWhiteSpace(c)) {
      pending_space = !out.isEmpty();
      continue;
    }
    if (pending_space) out.append(static_cast<UChar>(' '));
    pending_space = false;
    out.append(c);
  }
  return out;
}

// The transliterator is expensive to build and not safe to use from two threads at once: one per
// thread.
icu::Transliterator* Folder() {
  thread_local std::unique_ptr<icu::Transliterator> folder = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) t.reset();
    return t;
  }();
  return folder.get();
}

}  // namespace

std::string_view GenderName(Gender gender) { return NameIn(kGenders, gender); }
std::optional<Gender> ParseGender(std::string_view name) { return FindIn(kGenders, name); }
std::string_view CollectiveKindName(CollectiveKind kind) { return NameIn(kCollectiveKinds, kind); }
std::optional<CollectiveKind> ParseCollectiveKind(std::string_view name) {
  return FindIn(kCollectiveKinds, name);
}

Nominee DossierNomineeOf(const RegisteredNominee& nominee) {
  Nominee n;
  n.id = nominee.id;
  n.kind = nominee.kind;
  n.name = nominee.name;
  n.direct_worker = nominee.direct_worker;
  n.female = nominee.kind == NomineeKind::kIndividual && nominee.gender == Gender::kFemale;
  return n;
}

std::string NameKey(std::string_view name) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  text.foldCase();
  icu::UnicodeString normal = U_SUCCESS(status) ? nfc->normalize(text, status) : text;
  if (U_FAILURE(status)) normal = text;
  std::string out;
  CollapseSpaces(normal).toUTF8String(out);
  return out;
}

Status CheckNameKeying() {
  UErrorCode status = U_ZERO_ERROR;
  icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) {
    return Status::Unavailable(std::string("ICU's NFC normaliser is not available (") +
                               u_errorName(status) + "): names cannot be keyed");
  }
  if (Folder() == nullptr) {
    return Status::Unavailable(
        "ICU's transliterator \"Any-Latin; Latin-ASCII; Lower\" is not available (is libicu's "
        "data installed?): names cannot be searched");
  }
  if (SearchKey("Đặng Thị Ánh") != "dang thi anh" || NameKey("Lò  Văn") != NameKey("lò văn")) {
    return Status::Unavailable("ICU keys Vietnamese names differently than tdkt expects");
  }
  return Status::Ok();
}

std::string SearchKey(std::string_view text_in) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text_in.data(), static_cast<int32_t>(text_in.size())));
  if (icu::Transliterator* folder = Folder()) folder->transliterate(text);
  std::string folded;
  text.toUTF8String(folded);
  // Only letters and digits count; anything else separates words.
  std::string out;
  bool pending_space = false;
  for (char c : folded) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
      keep = true;
    }
    if (!keep) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

bool IsCitizenIdNumber(std::string_view text) {
  return text.size() == 12 && text.find_first_not_of("0123456789") == std::string_view::npos;
}

Status CheckRegistration(const RegisteredNominee& n, std::chrono::sys_days today, bool complete) {
  if (!IsValidId(n.id.value())) {
    return Status::InvalidArgument(
        "nominee.id: 1 to 64 of [A-Za-z0-9._-], starting with a letter or digit");
  }
  if (NameKey(n.name).empty()) return Status::InvalidArgument("nominee.name: must not be empty");
  if (n.name.size() > 200) return Status::InvalidArgument("nominee.name: at most 200 bytes");
  if (n.unit.empty()) return Status::InvalidArgument("nominee.unit_id: required");
  const std::string kind(NomineeKindName(n.kind));
  if (n.kind == NomineeKind::kIndividual) {
    if (!n.gender) return Status::InvalidArgument("nominee.gender: required for individuals");
    if (!n.date_of_birth && complete) {
      return Status::InvalidArgument("nominee.date_of_birth: required for individuals");
    }
    if (n.date_of_birth && *n.date_of_birth > today) {
      return Status::InvalidArgument("nominee.date_of_birth: is after today");
    }
    if (n.citizen_id && !IsCitizenIdNumber(*n.citizen_id)) {
      return Status::InvalidArgument("nominee.citizen_id: expected 12 digits");
    }
    if (n.position.size() > 200) {
      return Status::InvalidArgument("nominee.position: at most 200 bytes");
    }
    if (n.collective_kind) {
      return Status::InvalidArgument("nominee.collective_kind: only a collective has one");
    }
    return Status::Ok();
  }
  if (n.gender) return Status::InvalidArgument("nominee.gender: only an individual has one");
  if (n.date_of_birth) {
    return Status::InvalidArgument("nominee.date_of_birth: only an individual has one");
  }
  if (!n.position.empty()) {
    return Status::InvalidArgument("nominee.position: only an individual has one");
  }
  if (n.citizen_id) {
    return Status::InvalidArgument("nominee.citizen_id: only an individual has one");
  }
  if (n.kind == NomineeKind::kCollective && !n.collective_kind && complete) {
    return Status::InvalidArgument("nominee.collective_kind: required for collectives");
  }
  if (n.kind == NomineeKind::kHousehold && n.collective_kind) {
    return Status::InvalidArgument("nominee.collective_kind: only a collective has one (a " + kind +
                                   " has none)");
  }
  return Status::Ok();
}

std::string_view DuplicateMatchName(DuplicateMatch match) {
  switch (match) {
    case DuplicateMatch::kNone: return "none";
    case DuplicateMatch::kCitizenId: return "citizen_id";
    case DuplicateMatch::kNameAndBirth: return "name_and_date_of_birth";
    case DuplicateMatch::kNameAndUnit: return "name_and_unit";
  }
  return "none";
}

DuplicateMatch MatchOf(const RegisteredNominee& candidate, const RegisteredNominee& registered) {
  if (candidate.kind != registered.kind) return DuplicateMatch::kNone;
  switch (candidate.kind) {
    case NomineeKind::kIndividual:
      if (candidate.citizen_id && registered.citizen_id &&
          *candidate.citizen_id == *registered.citizen_id) {
        return DuplicateMatch::kCitizenId;
      }
      if (candidate.date_of_birth && registered.date_of_birth &&
          *candidate.date_of_birth == *registered.date_of_birth &&
          NameKey(candidate.name) == NameKey(registered.name)) {
        return DuplicateMatch::kNameAndBirth;
      }
      return DuplicateMatch::kNone;
    case NomineeKind::kCollective:
      if (candidate.collective_kind == registered.collective_kind &&
          candidate.unit == registered.unit &&
          NameKey(candidate.name) == NameKey(registered.name)) {
        return DuplicateMatch::kNameAndUnit;
      }
      return DuplicateMatch::kNone;
    case NomineeKind::kHousehold:
      if (candidate.unit == registered.unit &&
          NameKey(candidate.name) == NameKey(registered.name)) {
        return DuplicateMatch::kNameAndUnit;
      }
      return DuplicateMatch::kNone;
  }
  return DuplicateMatch::kNone;
}

Status AuthorizeRegister(const Actor& actor, const UnitId& unit) {
  if (actor.role == Role::kSecretariat) return Status::Ok();
  if (actor.role == Role::kUnitOfficer && actor.unit && *actor.unit == unit) return Status::Ok();
  return Status::Forbidden("role rule: a nominee of unit '" + unit.value() +
                           "' is registered by that unit's own officer (cán bộ đơn vị) or the "
                           "secretariat, not by " +
                           std::string(RoleName(actor.role)));
}

Status AuthorizeReadNominee(const Actor& actor, const RegisteredNominee& nominee) {
  if (Status read = AuthorizeReadDossiers(actor); !read.ok()) return read;
  if (IsUnitScoped(actor.role) && (!actor.unit || *actor.unit != nominee.unit)) {
    return Status::NotFound("no nominee " + nominee.id.value());
  }
  return Status::Ok();
}

bool MaySeeCitizenId(const Actor& actor) {
  return actor.role == Role::kSecretariat || actor.role == Role::kAuditor;
}

RegisteredNominee RedactedFor(const RegisteredNominee& nominee, const Actor& actor) {
  RegisteredNominee out = nominee;
  if (!MaySeeCitizenId(actor)) out.citizen_id.reset();
  return out;
}

std::optional<int> SearchRank(std::string_view key, std::string_view query) {
  if (query.empty()) return 3;
  if (key == query) return 0;
  if (key.starts_with(query)) return 1;
  std::string spaced = " " + std::string(query);
  if (key.find(spaced) != std::string_view::npos) return 2;
  if (key.find(query) != std::string_view::npos) return 3;
  return std::nullopt;
}

}  // namespace tdkt::engine
