#pragma once
// The people and things a dossier is about: roles and actors, nominees, document kinds,
// procedures and campaigns (DOMAIN.md, "Who uses it" and "The dossier lifecycle").
//
// Plain values with no behaviour beyond naming; copyable and safe to share between threads.

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/ids.hpp"
#include "engine/status.hpp"

namespace tdkt::engine {

enum class Role {
  kUnitOfficer,    // cán bộ đơn vị: unit-scoped
  kUnitHead,       // thủ trưởng đơn vị / trưởng thôn: unit-scoped
  kSecretariat,    // thường trực Hội đồng TĐKT
  kCouncilMember,  // thành viên Hội đồng TĐKT: reads only
  kChairman,       // Chủ tịch UBND xã
  kAuditor,        // thanh tra, kiểm tra: reads only, never changes anything
  kAdmin,          // quản trị: configuration, not dossiers
  kTimer,          // the system's deadline timer: cutoff, notice_ended, remind
};

std::string_view RoleName(Role role);  // "unit_officer", ...
std::optional<Role> ParseRole(std::string_view name);
// Whether the role acts only on its own unit's dossiers.
bool IsUnitScoped(Role role);

// Who sends an event: a user in one role, of one unit for unit-scoped roles.
struct Actor {
  UserId user;
  Role role = Role::kUnitOfficer;
  std::optional<UnitId> unit;  // required for unit-scoped roles
};

enum class NomineeKind { kIndividual, kCollective, kHousehold };
std::string_view NomineeKindName(NomineeKind kind);  // "individual", "collective", "household"
std::optional<NomineeKind> ParseNomineeKind(std::string_view name);

// Cá nhân, tập thể or hộ gia đình. `direct_worker` and `female` feed the structure report.
struct Nominee {
  NomineeId id;
  NomineeKind kind = NomineeKind::kIndividual;
  std::string name;
  bool direct_worker = false;
  bool female = false;

  friend bool operator==(const Nominee&, const Nominee&) = default;
};

// The documents of a dossier (Luật Thi đua, khen thưởng 2022, Điều 84).
enum class DocumentKind {
  kSubmissionLetter,       // tờ trình
  kAchievementReport,      // báo cáo thành tích
  kReviewMinutes,          // biên bản bình xét / xét khen thưởng
  kInitiativeCertificate,  // xác nhận sáng kiến / hoàn thành xuất sắc nhiệm vụ
};
std::string_view DocumentKindName(DocumentKind kind);   // "submission_letter", ...
std::string_view DocumentKindLabel(DocumentKind kind);  // "Tờ trình", ...
std::optional<DocumentKind> ParseDocumentKind(std::string_view name);

// Theo phong trào / chuyên đề, đột xuất, thủ tục đơn giản (Luật Điều 85).
enum class Procedure { kCampaign, kAdHoc, kSimplified };
std::string_view ProcedureName(Procedure procedure);  // "campaign", "ad_hoc", "simplified"
std::optional<Procedure> ParseProcedure(std::string_view name);

// A phong trào / đợt thi đua, as its plan (kế hoạch) sets it.
struct Campaign {
  CampaignId id;
  std::string name;
  std::string plan_number;  // "25/KH-UBND"
  Procedure procedure = Procedure::kCampaign;
  std::vector<AwardId> allowed_awards;
  std::chrono::sys_days nomination_cutoff{};  // last local day for nominations
  std::optional<std::chrono::sys_days> ceremony;
  std::map<AwardId, int> quotas;  // optional: at most this many approved per award
  // Working days the list is posted for objections after the council's vote; none = no notice.
  std::optional<int> public_notice_working_days;
};

// What every campaign must be, however it arrives (API, demo, store): an id, a name, and at
// least one award it allows (a campaign that allows nothing could take no nomination).
// InvalidArgument naming the field otherwise.
Status CheckCampaign(const Campaign& campaign);

}  // namespace tdkt::engine
