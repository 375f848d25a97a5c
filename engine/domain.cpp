#include "engine/domain.hpp"

#include <array>
#include <utility>

namespace tdkt::engine {
namespace {

template <typename E, std::size_t N>
std::optional<E> Find(const std::array<std::pair<E, std::string_view>, N>& rows,
                      std::string_view name) {
  for (const auto& [value, row_name] : rows) {
    if (row_name == name) return value;
  }
  return std::nullopt;
}

template <typename E, std::size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& rows, E value) {
  for (const auto& [row_value, name] : rows) {
    if (row_value == value) return name;
  }
  return {};
}

constexpr std::array<std::pair<Role, std::string_view>, 8> kRoles = {{
    {Role::kUnitOfficer, "unit_officer"},
    {Role::kUnitHead, "unit_head"},
    {Role::kSecretariat, "secretariat"},
    {Role::kCouncilMember, "council_member"},
    {Role::kChairman, "chairman"},
    {Role::kAuditor, "auditor"},
    {Role::kAdmin, "admin"},
    {Role::kTimer, "timer"},
}};

constexpr std::array<std::pair<NomineeKind, std::string_view>, 3> kNomineeKinds = {{
    {NomineeKind::kIndividual, "individual"},
    {NomineeKind::kCollective, "collective"},
    {NomineeKind::kHousehold, "household"},
}};

constexpr std::array<std::pair<DocumentKind, std::string_view>, 4> kDocumentKinds = {{
    {DocumentKind::kSubmissionLetter, "submission_letter"},
    {DocumentKind::kAchievementReport, "achievement_report"},
    {DocumentKind::kReviewMinutes, "review_minutes"},
    {DocumentKind::kInitiativeCertificate, "initiative_certificate"},
}};

constexpr std::array<std::pair<DocumentKind, std::string_view>, 4> kDocumentLabels = {{
    {DocumentKind::kSubmissionLetter, "Tờ trình"},
    {DocumentKind::kAchievementReport, "Báo cáo thành tích"},
    {DocumentKind::kReviewMinutes, "Biên bản bình xét"},
    {DocumentKind::kInitiativeCertificate, "Xác nhận sáng kiến hoặc hoàn thành xuất sắc nhiệm vụ"},
}};

constexpr std::array<std::pair<Procedure, std::string_view>, 3> kProcedures = {{
    {Procedure::kCampaign, "campaign"},
    {Procedure::kAdHoc, "ad_hoc"},
    {Procedure::kSimplified, "simplified"},
}};

}  // namespace

std::string_view RoleName(Role role) { return NameOf(kRoles, role); }
std::optional<Role> ParseRole(std::string_view name) { return Find(kRoles, name); }
bool IsUnitScoped(Role role) { return role == Role::kUnitOfficer || role == Role::kUnitHead; }

std::string_view NomineeKindName(NomineeKind kind) { return NameOf(kNomineeKinds, kind); }
std::optional<NomineeKind> ParseNomineeKind(std::string_view name) {
  return Find(kNomineeKinds, name);
}

std::string_view DocumentKindName(DocumentKind kind) { return NameOf(kDocumentKinds, kind); }
std::string_view DocumentKindLabel(DocumentKind kind) { return NameOf(kDocumentLabels, kind); }
std::optional<DocumentKind> ParseDocumentKind(std::string_view name) {
  return Find(kDocumentKinds, name);
}

std::string_view ProcedureName(Procedure procedure) { return NameOf(kProcedures, procedure); }
std::optional<Procedure> ParseProcedure(std::string_view name) { return Find(kProcedures, name); }

Status CheckCampaign(const Campaign& campaign) {
  if (campaign.id.empty()) return Status::InvalidArgument("campaign.id: must not be empty");
  if (campaign.name.empty()) return Status::InvalidArgument("campaign.name: must not be empty");
  if (campaign.allowed_awards.empty()) {
    return Status::InvalidArgument(
        "campaign.allowed_awards: a campaign must allow at least one award");
  }
  for (std::size_t i = 0; i < campaign.allowed_awards.size(); ++i) {
    if (campaign.allowed_awards[i].empty()) {
      return Status::InvalidArgument("campaign.allowed_awards[" + std::to_string(i) +
                                     "]: must not be empty");
    }
  }
  return Status::Ok();
}

}  // namespace tdkt::engine
