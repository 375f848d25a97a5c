#pragma once
// The lifecycle's guards: small named functors, each deciding one rule and saying why it refused.
//
// workflows/ attaches them to the rows of the transition table; they take only what they judge, so
// each is tested on its own. Pure and stateless; safe from any thread.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/commands.hpp"
#include "engine/domain.hpp"
#include "engine/dossier.hpp"
#include "engine/ports/clock.hpp"
#include "engine/rule_pack.hpp"

namespace tdkt::engine {

// A guard's answer: passed, or the reason a person can read.
struct Verdict {
  bool passed = true;
  std::string reason;

  static Verdict Pass() { return {}; }
  static Verdict Fail(std::string reason) { return {false, std::move(reason)}; }
  explicit operator bool() const { return passed; }
};

// The award exists in the dossier's pack and admits the nominee's kind.
struct NomineeKindAllowed {
  Verdict operator()(const RulePack& pack, const AwardId& award, NomineeKind kind) const;
};

// The campaign lists the award.
struct AwardAllowedInCampaign {
  Verdict operator()(const Campaign& campaign, const AwardId& award) const;
};

// submit: nominee, award form and achievement summary present.
struct SubmissionComplete {
  Verdict operator()(const DossierSnapshot& dossier, const Submit& submit) const;
};

// submit: nominations close at the end of the campaign's cut-off day (local time, UTC+7).
struct BeforeNominationCutoff {
  Verdict operator()(const Campaign& campaign, Timestamp now) const;
};

// cutoff: the campaign's nomination cut-off has passed.
struct NominationCutoffPassed {
  Verdict operator()(const Campaign& campaign, Timestamp now) const;
};

// Luật Điều 5: no second open or approved dossier for the same nominee in the same campaign.
struct NoOtherOpenDossier {
  Verdict operator()(const DecideFacts& facts) const;
};

// A free-text field the table requires (reason, legal ground, note) is not blank.
struct TextGiven {
  Verdict operator()(std::string_view field, const std::string& text) const;
};

// unit_approve: the unit meeting's minutes are consistent and a majority of members voted for.
struct UnitMeetingPassed {
  Verdict operator()(const UnitApprove& minutes) const;
};

// request_supplement: allowed once per dossier, and names what is missing.
struct FirstSupplementRequest {
  Verdict operator()(const DossierSnapshot& dossier, const RequestSupplement& request) const;
};

// supplement: brings at least one document.
struct SupplementBringsDocuments {
  Verdict operator()(const Supplement& supplement) const;
};

// accept: every document the award requires under the campaign's procedure is attached.
struct RequiredDocumentsAttached {
  Verdict operator()(const RulePack& pack, const AwardRule& award, Procedure procedure,
                     const std::vector<DocumentKind>& attached) const;
};

// council_vote: the counts are consistent (yes + no <= present <= members, members > 0).
struct VoteCountsConsistent {
  Verdict operator()(const CouncilVote& vote) const;
};

// council_vote: names a session the store recorded for the dossier's campaign, with its members
// and attendance.
struct VoteMatchesSession {
  Verdict operator()(const DecideFacts& facts, const CouncilVote& vote,
                     const CampaignId& dossier_campaign) const;
};

// council_vote: the dossier is on the agenda of the session that votes it, when the session
// recorded an agenda.
struct DossierOnAgenda {
  Verdict operator()(const DecideFacts& facts, const DossierId& dossier) const;
};

// The ballot an award is decided by: secret (all members, absent ones in writing) where its
// threshold is a share of all members, show of hands of those present otherwise.
Ballot BallotFor(const AwardRule& award);

// council_vote: the ballot is the award's (BallotFor), and it counts no more votes than members
// were entitled to cast them — those present, or all members where absent members vote in writing
// (the secret ballot for Chiến sĩ thi đua cơ sở). In a secret ballot the written votes come from
// absent members only (written_votes <= members - present) and yes + no <= present +
// written_votes; a show of hands has no written votes. written_votes left out are the votes
// beyond those present.
struct BallotWithinEntitled {
  Verdict operator()(const AwardRule& award, const CouncilVote& vote) const;
};

// council_vote: enough members present (pack's quorum, e.g. 2/3).
struct CouncilQuorumMet {
  Verdict operator()(const Quorum& quorum, const CouncilVote& vote) const;
};

// council_vote: the award's threshold. Majority of members present: yes * 2 > present.
// Share of all members: yes * 100 >= percent * members (8 of 10 passes 80 %, 8 of 11 does not).
struct CouncilThresholdMet {
  Verdict operator()(const AwardRule& award, const CouncilVote& vote) const;
};

// council_vote → public_notice when the campaign posts the list for objections.
struct PublicNoticeRequired {
  bool operator()(const Campaign& campaign) const;
};

// approve: the award is within the commune's authority under the dossier's pack.
struct WithinCommuneAuthority {
  Verdict operator()(const RulePack& pack, const AwardRule& award) const;
};

// approve: the campaign's quota for the award, when it sets one, is not used up.
struct QuotaAvailable {
  Verdict operator()(const Campaign& campaign, const AwardRule& award,
                     const DecideFacts& facts) const;
};

// higher_decision: a decision number, and a reason when the answer is no.
struct HigherDecisionComplete {
  Verdict operator()(const HigherDecision& decision) const;
};

// hold / resume: the dossier is not on hold yet / was held from `state`.
struct HeldFrom {
  bool operator()(const DossierSnapshot& dossier, State state) const;
};

}  // namespace tdkt::engine
