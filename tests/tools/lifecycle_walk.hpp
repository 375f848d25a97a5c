#pragma once
// The walk from draft to approved that the crash driver and the throughput benchmark repeat:
// a campaign with one unit, the actors of each step, and the six events after `create`.
// Header-only; each function is safe to call from any thread with its own arguments.

#include <string>
#include <utility>
#include <vector>

#include "adapters/db/apply_service.hpp"
#include "adapters/db/database.hpp"
#include "adapters/db/directory_store.hpp"
#include "adapters/db/dossier_store.hpp"
#include "adapters/db/round_service.hpp"
#include "adapters/db/transaction.hpp"
#include "engine/audit/record.hpp"
#include "engine/commands.hpp"
#include "engine/domain.hpp"

namespace tdkt::tools {

// The unit officer and unit head of `unit`, the secretariat and the Chairman, as the walk and
// the database tests use them.
inline engine::Actor OfficerOf(const std::string& unit) {
  return {engine::UserId("u-officer"), engine::Role::kUnitOfficer, engine::UnitId(unit)};
}
inline engine::Actor HeadOf(const std::string& unit) {
  return {engine::UserId("u-head"), engine::Role::kUnitHead, engine::UnitId(unit)};
}
inline const engine::Actor kOfficer = OfficerOf("thon-1");
inline const engine::Actor kHead = HeadOf("thon-1");
inline const engine::Actor kSecretariat{engine::UserId("u-secretariat"), engine::Role::kSecretariat,
                                        std::nullopt};
inline const engine::Actor kChairman{engine::UserId("u-chairman"), engine::Role::kChairman,
                                     std::nullopt};

// Every document an award form may ask for.
inline const std::vector<engine::DocumentKind> kAllDocuments = {
    engine::DocumentKind::kSubmissionLetter, engine::DocumentKind::kAchievementReport,
    engine::DocumentKind::kReviewMinutes, engine::DocumentKind::kInitiativeCertificate};

// Saves campaign `id` (Giấy khen only, cut-off 31/7/2024), unit thon-1 and council session
// kWalkSession.
// The council session SetUpWalkCampaign records, which WalkSteps' votes name.
inline const std::string kWalkSession = "s-1";

inline engine::Status SetUpWalkCampaign(adapters::db::Database& db, const std::string& id,
                                        const std::string& name, engine::Timestamp now) {
  engine::Campaign campaign;
  campaign.id = engine::CampaignId(id);
  campaign.name = name;
  campaign.allowed_awards = {engine::AwardId("giay_khen_xa")};
  campaign.nomination_cutoff = std::chrono::sys_days(std::chrono::year(2024) / 7 / 31);
  adapters::db::DossierStore store(db.backend());
  adapters::db::DirectoryStore directory(db.backend());
  return adapters::db::RunInTransaction(db, [&](soci::session& sql) {
    if (engine::Status s = store.SaveCampaign(sql, campaign, now); !s.ok()) return s;
    if (engine::Status s = directory.SaveUnit(sql, {"thon-1", "Thôn 1", "village", {}, {}});
        !s.ok()) {
      return s;
    }
    // 9 members, 8 present, as WalkSteps' votes say; recorded once (the crash driver restarts).
    engine::Status recorded = directory.AddCouncilSession(
        sql, {kWalkSession, id, "2024-07-15", 9, 8, "walk", engine::audit::FormatTimestamp(now)});
    return recorded.code() == engine::StatusCode::kConflict ? engine::Status::Ok() : recorded;
  });
}

// The new draft `id` of that campaign.
inline adapters::db::NewDossier WalkDraft(const std::string& campaign, const std::string& id) {
  return {engine::DossierId(id),
          engine::CampaignId(campaign),
          engine::UnitId("thon-1"),
          engine::Nominee{engine::NomineeId(id), engine::NomineeKind::kIndividual, "Người " + id,
                          true, false},
          engine::AwardId("giay_khen_xa"),
          "thành tích"};
}

// submit … approve, each with the actor who sends it; `session` names the council session. Send
// them with ApplyWalkStep.
inline std::vector<std::pair<engine::Command, engine::Actor>> WalkSteps(
    const std::string& session) {
  const std::vector<engine::DocumentKind> documents = {engine::DocumentKind::kSubmissionLetter,
                                                       engine::DocumentKind::kAchievementReport,
                                                       engine::DocumentKind::kReviewMinutes};
  return {{engine::Submit{"thành tích", documents}, kOfficer},
          {engine::UnitApprove{8, 1, 9}, kHead},
          {engine::Accept{}, kSecretariat},
          {engine::AppraisePass{"đạt"}, kSecretariat},
          {engine::CouncilVote{engine::CouncilSessionId(session), 9, 8, 7, 1}, kSecretariat},
          {engine::Approve{}, kChairman}};
}

// One step of the walk at `at`: approve is the Chairman signing a decision of one (DOMAIN.md,
// "Rounds"), the rest go through Apply. `request` is the step's request id.
inline engine::Result<adapters::db::ApplyOutcome> ApplyWalkStep(
    adapters::db::ApplyService& apply, adapters::db::RoundService& rounds, const std::string& id,
    const std::pair<engine::Command, engine::Actor>& step, const std::string& request,
    engine::Timestamp at) {
  if (std::holds_alternative<engine::Approve>(step.first)) {
    auto signed_round = rounds.DecideAlone(engine::RoundKind::kDecision, engine::DossierId(id),
                                           "Quyết định khen thưởng", step.second, request, at);
    if (!signed_round.ok()) return signed_round.status();
    if (signed_round->dossiers.empty()) {
      return engine::Status::Unavailable("decision of " + id + " lists nothing");
    }
    return signed_round->dossiers.front();
  }
  return apply.Apply({engine::DossierId(id), step.first, step.second, request}, at);
}

}  // namespace tdkt::tools
