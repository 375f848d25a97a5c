#include "engine/drafting.hpp"

#include <algorithm>

#include "engine/authorization.hpp"
#include "engine/guards.hpp"

namespace tdkt::engine {

Result<DossierSnapshot> DecideCreate(const NewDraft& draft, const Actor& actor,
                                     const Campaign& campaign, const CreateFacts& facts) {
  if (Status status = AuthorizeCreate(actor, draft.unit); !status.ok()) return status;
  if (draft.id.empty()) return Status::InvalidArgument("dossier.id: must not be empty");
  if (draft.nominee.id.empty()) {
    return Status::InvalidArgument(
        "dossier.nominee_id: a draft refers to a registered nominee (the nominee register)");
  }
  if (draft.nominee.name.empty()) {
    return Status::InvalidArgument("dossier.nominee.name: must not be empty");
  }
  if (draft.award.empty()) return Status::InvalidArgument("dossier.award: must not be empty");
  if (draft.campaign != campaign.id) {
    return Status::InvalidArgument("dossier.campaign_id: the draft names campaign '" +
                                   draft.campaign.value() + "', not '" + campaign.id.value() + "'");
  }
  if (facts.unit_retired) {
    return Status::InvalidArgument("dossier.unit_id: unit '" + draft.unit.value() +
                                   "' is retired and takes no new draft");
  }
  if (Verdict allowed = AwardAllowedInCampaign{}(campaign, draft.award); !allowed) {
    return Status::InvalidArgument("dossier.award: " + allowed.reason);
  }
  if (facts.nominee_other_dossier) {
    return Status::Conflict(
        "one achievement, one award (Luật Thi đua, khen thưởng 2022, Điều 5): "
        "the nominee already has dossier '" +
        facts.nominee_other_dossier->value() + "' open or approved in campaign '" +
        campaign.id.value() + "'");
  }
  DossierSnapshot snapshot;
  snapshot.id = draft.id;
  snapshot.campaign = draft.campaign;
  snapshot.unit = draft.unit;
  snapshot.nominee = draft.nominee;
  snapshot.award = draft.award;
  snapshot.achievement_summary = draft.achievement_summary;
  snapshot.state = State::kDraft;
  return snapshot;
}

Result<DossierSnapshot> DecideAttach(const DossierSnapshot& dossier, const Actor& actor,
                                     const Attachment& attachment) {
  if (Status status = AuthorizeAttach(actor, dossier); !status.ok()) return status;
  if (IsTerminal(dossier.state)) {
    return Status::RejectedTransition("dossier is " + std::string(StateName(dossier.state)) + " (" +
                                      std::string(StateLabel(dossier.state)) +
                                      "); documents are attached only while it is open");
  }
  if (attachment.file_name.empty() || attachment.file_name.size() > 255 ||
      attachment.file_name.find_first_of("/\\") != std::string::npos) {
    return Status::InvalidArgument("document.file_name: must be 1 to 255 bytes without / or \\");
  }
  if (attachment.media_type.empty()) {
    return Status::InvalidArgument("document.media_type: must not be empty");
  }
  if (attachment.sha256.size() != 64 ||
      attachment.sha256.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return Status::InvalidArgument("document.sha256: expected 64 lower-case hex digits");
  }
  DossierSnapshot after = dossier;
  if (std::find(after.documents.begin(), after.documents.end(), attachment.kind) ==
      after.documents.end()) {
    after.documents.push_back(attachment.kind);
  }
  return after;
}

}  // namespace tdkt::engine
