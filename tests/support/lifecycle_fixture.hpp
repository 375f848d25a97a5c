#pragma once
// Builders for lifecycle tests: actors of every role, dossiers placed at any state, and for every
// event a payload that passes its guards. Test-only.

#include <chrono>
#include <string>

#include "engine/authorization.hpp"
#include "engine/commands.hpp"
#include "engine/domain.hpp"
#include "engine/dossier.hpp"
#include "engine/lifecycle_names.hpp"
#include "engine/ports/clock.hpp"
#include "engine/rule_pack.hpp"

namespace tdkt::testing {

inline const engine::UnitId kVillage{"thon-lang-sung"};
inline const engine::UnitId kOtherVillage{"thon-xuan-loc"};

// Local noon on the given day (05:00 UTC).
inline engine::Timestamp At(int y, unsigned m, unsigned d) {
  using namespace std::chrono;
  return sys_days(year(y) / month(m) / day(d)) + hours(5);
}

inline engine::Actor ActorAs(engine::Role role, engine::UnitId unit = kVillage) {
  engine::Actor actor{engine::UserId(std::string(engine::RoleName(role)) + "-1"), role,
                      std::nullopt};
  if (engine::IsUnitScoped(role)) actor.unit = std::move(unit);
  return actor;
}

inline engine::Actor SenderFor(engine::EventType type) { return ActorAs(engine::SenderOf(type)); }

inline engine::DossierSnapshot NewDossier(
    const char* award = "giay_khen_xa", engine::NomineeKind kind = engine::NomineeKind::kIndividual,
    engine::CampaignId campaign = engine::CampaignId("binh-luong-2024-75-nam")) {
  engine::DossierSnapshot dossier;
  dossier.id = engine::DossierId("hs-0001");
  dossier.campaign = std::move(campaign);
  dossier.unit = kVillage;
  dossier.nominee = {engine::NomineeId("cd-0042"), kind, "Lò Thị Hoa", true, true};
  dossier.award = engine::AwardId(award);
  return dossier;
}

// A dossier stored at `state`, as the store would rebuild it: submitted under `pack`, every
// document attached, held from appraisal when on hold.
inline engine::DossierSnapshot DossierAt(engine::State state, const engine::RulePack& pack,
                                         const char* award = "giay_khen_xa") {
  engine::DossierSnapshot dossier = NewDossier(award);
  dossier.state = state;
  if (state != engine::State::kDraft) {
    dossier.rule_pack = pack.id;
    dossier.achievement_summary = "Hoàn thành xuất sắc nhiệm vụ năm 2024";
    dossier.documents = {
        engine::DocumentKind::kSubmissionLetter, engine::DocumentKind::kAchievementReport,
        engine::DocumentKind::kReviewMinutes, engine::DocumentKind::kInitiativeCertificate};
  }
  if (state == engine::State::kOnHold) dossier.held_from = engine::State::kAppraisal;
  return dossier;
}

inline engine::DecideFacts Facts(bool nominee_has_other_open_or_approved,
                                 int approved_with_same_award = 0) {
  engine::DecideFacts facts;
  if (nominee_has_other_open_or_approved)
    facts.nominee_other_dossier = engine::DossierId("hs-other");
  facts.approved_with_same_award = approved_with_same_award;
  return facts;
}

inline engine::CouncilVote Vote(int members, int present, int yes) {
  return engine::CouncilVote{engine::CouncilSessionId("hd-2024-01"), members, present, yes,
                             present - yes};
}

// A payload that passes the event's guards for a dossier built by DossierAt.
inline engine::Command GoodCommand(engine::EventType type) {
  using namespace engine;
  using std::chrono::sys_days;
  const std::vector<DocumentKind> all = {
      DocumentKind::kSubmissionLetter, DocumentKind::kAchievementReport,
      DocumentKind::kReviewMinutes, DocumentKind::kInitiativeCertificate};
  switch (type) {
    case EventType::kSubmit: return Submit{"Hoàn thành xuất sắc nhiệm vụ năm 2024", all};
    case EventType::kUnitReturn: return UnitReturn{"Bổ sung số liệu thành tích"};
    case EventType::kUnitApprove: return UnitApprove{7, 1, 9};
    case EventType::kUnitReject: return UnitReject{"Chưa đủ tiêu chuẩn"};
    case EventType::kRequestSupplement:
      return RequestSupplement{{DocumentKind::kInitiativeCertificate}, "Thiếu xác nhận sáng kiến"};
    case EventType::kSupplement: return Supplement{{DocumentKind::kInitiativeCertificate}};
    case EventType::kAccept: return Accept{};
    case EventType::kAppraisePass: return AppraisePass{"Đủ điều kiện"};
    case EventType::kAppraiseFail: return AppraiseFail{"Không đủ điều kiện"};
    case EventType::kCouncilVote: return Vote(10, 9, 9);
    case EventType::kObjection: return Objection{"Nguyễn Văn An", "Thành tích chưa chính xác"};
    case EventType::kNoticeEnded: return NoticeEnded{};
    case EventType::kApprove: return Approve{};
    case EventType::kEscalate: return Escalate{"Vượt thẩm quyền cấp xã", std::nullopt};
    case EventType::kReject: return Reject{"Không đạt"};
    case EventType::kHigherDecision:
      return HigherDecision{"1234/QĐ-UBND", sys_days(std::chrono::year(2024) / 8 / 20), true, ""};
    case EventType::kWithdraw: return Withdraw{"Đơn vị rút hồ sơ"};
    case EventType::kHold: return Hold{"Đang xem xét khiếu nại", "Nghị định 152/2025/NĐ-CP Điều 4"};
    case EventType::kResume: return Resume{"Đã giải quyết xong khiếu nại"};
    case EventType::kRevoke: return Revoke{"Hồ sơ không trung thực", "Luật Thi đua, khen thưởng"};
    case EventType::kCutoff: return Cutoff{};
    case EventType::kRemind:
      return Remind{"appraisal", 3, engine::ReminderKind::kBefore, "2024-08-01T10:00:00Z"};
    case EventType::kTransfer:
      return Transfer{"Sắp xếp đơn vị hành chính: cấp huyện kết thúc hoạt động",
                      "Nghị quyết số 190/2025/QH15, Điều 5"};
  }
  return Accept{};
}

}  // namespace tdkt::testing
