#include "workflows/transition_functors.hpp"

#include <algorithm>
#include <string>

namespace tdkt::workflows::transitions {

using engine::AssignNumber;
using engine::NumberSeries;

bool Check(TransitionContext& c, const Verdict& verdict) {
  if (!verdict) c.Refuse(verdict.reason);
  return verdict.passed;
}

namespace {

bool AwardKnown(TransitionContext& c) {
  if (c.award == nullptr) {
    c.Refuse("award '" + c.before.award.value() + "' is not in rule pack '" + c.pack.id.value() +
             "'");
    return false;
  }
  return true;
}

}  // namespace

bool SubmitReadyFn(TransitionContext& c, const Submit& e) {
  return Check(c, engine::SubmissionComplete{}(c.before, e)) &&
         Check(c, engine::NomineeKindAllowed{}(c.pack, c.before.award, c.before.nominee.kind)) &&
         Check(c, engine::AwardAllowedInCampaign{}(c.campaign, c.before.award)) &&
         Check(c, engine::BeforeNominationCutoff{}(c.campaign, c.now)) &&
         Check(c, engine::NoOtherOpenDossier{}(c.facts));
}

bool MeetingPassedFn(TransitionContext& c, const UnitApprove& e) {
  return Check(c, engine::UnitMeetingPassed{}(e));
}

bool FirstSupplementFn(TransitionContext& c, const RequestSupplement& e) {
  return Check(c, engine::FirstSupplementRequest{}(c.before, e));
}

bool BringsDocumentsFn(TransitionContext& c, const Supplement& e) {
  return Check(c, engine::SupplementBringsDocuments{}(e));
}

bool DocumentsCompleteFn(TransitionContext& c, const Accept&) {
  return AwardKnown(c) && Check(c, engine::RequiredDocumentsAttached{}(
                                       c.pack, *c.award, c.campaign.procedure, c.before.documents));
}

bool NoteGivenFn(TransitionContext& c, const AppraisePass& e) {
  return Check(c, engine::TextGiven{}("appraisal note", e.note));
}

bool QuorateFn(TransitionContext& c, const CouncilVote& e) {
  return AwardKnown(c) && Check(c, engine::VoteMatchesSession{}(c.facts, e, c.before.campaign)) &&
         Check(c, engine::DossierOnAgenda{}(c.facts, c.before.id)) &&
         Check(c, engine::VoteCountsConsistent{}(e)) &&
         Check(c, engine::BallotWithinEntitled{}(*c.award, e)) &&
         Check(c, engine::CouncilQuorumMet{}(c.pack.quorum, e));
}

bool PassedWithNoticeFn(TransitionContext& c, const CouncilVote& e) {
  return QuorateFn(c, e) && engine::CouncilThresholdMet{}(*c.award, e).passed &&
         engine::PublicNoticeRequired{}(c.campaign);
}

bool PassedWithoutNoticeFn(TransitionContext& c, const CouncilVote& e) {
  return QuorateFn(c, e) && engine::CouncilThresholdMet{}(*c.award, e).passed &&
         !engine::PublicNoticeRequired{}(c.campaign);
}

bool QuorateButFailedFn(TransitionContext& c, const CouncilVote& e) {
  return QuorateFn(c, e) && !engine::CouncilThresholdMet{}(*c.award, e).passed;
}

bool ObjectionStatedFn(TransitionContext& c, const Objection& e) {
  return Check(c, engine::TextGiven{}("objector", e.objector)) &&
         Check(c, engine::TextGiven{}("reason", e.reason));
}

bool AuthorityAndQuotaFn(TransitionContext& c, const Approve&) {
  // Who decides is the authority pack's (the successor's once transferred); the quota is the
  // campaign's.
  const engine::AwardRule* decided_by = c.AuthorityAward();
  return AwardKnown(c) && decided_by != nullptr &&
         Check(c, engine::WithinCommuneAuthority{}(c.Authority(), *decided_by)) &&
         Check(c, engine::QuotaAvailable{}(c.campaign, *c.award, c.facts));
}

bool HigherApprovedFn(TransitionContext& c, const HigherDecision& e) {
  return Check(c, engine::HigherDecisionComplete{}(e)) && e.approved;
}

bool HigherRefusedFn(TransitionContext& c, const HigherDecision& e) {
  return Check(c, engine::HigherDecisionComplete{}(e)) && !e.approved;
}

bool CutoffPassedFn(TransitionContext& c, const Cutoff&) {
  return Check(c, engine::NominationCutoffPassed{}(c.campaign, c.now));
}

namespace {

// A transfer's guards pick its row from the plan Decide worked out; the plan is there exactly
// when a pack in force takes the dossier over, and both grounds are given.
bool TransferOutcomeIs(TransitionContext& c, const Transfer& e, engine::TransferOutcome outcome) {
  return Check(c, engine::TextGiven{}("reason", e.reason)) &&
         Check(c, engine::TextGiven{}("legal ground", e.legal_ground)) && c.transfer &&
         c.transfer->outcome == outcome;
}

}  // namespace

bool TransferContinuesFn(TransitionContext& c, const Transfer& e) {
  return TransferOutcomeIs(c, e, engine::TransferOutcome::kContinues) ||
         TransferOutcomeIs(c, e, engine::TransferOutcome::kUnitOnly) ||
         // on hold, a dossier sent up to a gone level resumes at the Chairman: the same row
         (c.before.state == State::kOnHold &&
          TransferOutcomeIs(c, e, engine::TransferOutcome::kToCommune));
}

bool TransferToCommuneFn(TransitionContext& c, const Transfer& e) {
  return c.before.state != State::kOnHold &&
         TransferOutcomeIs(c, e, engine::TransferOutcome::kToCommune);
}

bool TransferEndsFn(TransitionContext& c, const Transfer& e) {
  return TransferOutcomeIs(c, e, engine::TransferOutcome::kEnds);
}

void RecordSubmissionFn(TransitionContext& c, const Submit& e) {
  c.after.rule_pack = c.pack.id;  // the pack in force on the day of submission, kept from now on
  c.after.achievement_summary = e.achievement_summary;
  for (engine::DocumentKind kind : e.documents) {
    if (std::find(c.after.documents.begin(), c.after.documents.end(), kind) ==
        c.after.documents.end()) {
      c.after.documents.push_back(kind);
    }
  }
}

void CountSupplementRequestFn(TransitionContext& c, const RequestSupplement&) {
  ++c.after.supplement_requests;
}

void AttachDocumentsFn(TransitionContext& c, const Supplement& e) {
  for (engine::DocumentKind kind : e.documents) {
    if (std::find(c.after.documents.begin(), c.after.documents.end(), kind) ==
        c.after.documents.end()) {
      c.after.documents.push_back(kind);
    }
  }
}

void RecordMinutesFn(TransitionContext& c, const CouncilVote& e) {
  c.effects.push_back(AssignNumber{NumberSeries::kCouncilMinutes, e.session.value()});
}

void RecordFailedVoteFn(TransitionContext& c, const CouncilVote& e) {
  RecordMinutesFn(c, e);
  c.after.rejected_at = c.before.state;
  c.after.outcome_reason = engine::CouncilThresholdMet{}(*c.award, e).reason;
}

// A signed decision brings its number, số sổ vàng and prize; an approval recorded before
// decisions listed dossiers took a number of its own.
void AssignDecisionNumberFn(TransitionContext& c, const Approve& e) {
  if (!e.decision) {
    c.effects.push_back(AssignNumber{NumberSeries::kDecision, std::nullopt});
    return;
  }
  c.after.decision = e.decision->decision;
  c.after.register_number = e.decision->register_number;
  c.after.prize_vnd = e.decision->prize_vnd;
}

void AssignSubmissionNumberFn(TransitionContext& c, const Escalate& e) {
  if (e.submission) {
    c.after.submission = e.submission->submission;
  } else {
    c.effects.push_back(AssignNumber{NumberSeries::kSubmission, std::nullopt});
  }
  c.after.outcome_reason = e.reason;
}

void RecordHigherDecisionFn(TransitionContext& c, const HigherDecision& e) {
  c.after.higher_decision_number = e.decision_number;
  if (!e.approved) {
    c.after.rejected_at = c.before.state;
    c.after.outcome_reason = e.reason;
  }
}

void RememberHeldFromFn(TransitionContext& c, const Hold& e) {
  c.after.held_from = c.before.state;
  c.after.outcome_reason = e.reason;
}

void ForgetHeldFromFn(TransitionContext& c, const Resume&) { c.after.held_from.reset(); }

void RecordExpiryFn(TransitionContext& c, const Cutoff&) {
  c.after.outcome_reason = "the campaign's nomination cut-off passed";
}

// Completed steps stay as they are (documents, votes, numbers); the successor pack decides from
// now on, and the unit that carries on the dossier's unit, when it ended, holds it. An ended award
// records the pack's reason.
void RecordTransferFn(TransitionContext& c, const Transfer& e) {
  if (e.to_pack) c.after.authority_pack = e.to_pack;  // absent: only the unit moved
  if (e.to_unit) c.after.unit = *e.to_unit;
  if (!c.transfer) return;
  c.after.held_from = c.transfer->held_from;
  if (c.transfer->outcome == engine::TransferOutcome::kEnds) {
    c.after.outcome_reason = c.transfer->ended_reason;
  }
}

}  // namespace tdkt::workflows::transitions
