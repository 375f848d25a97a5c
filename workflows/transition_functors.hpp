#pragma once
// The guards and actions of the lifecycle's transition table (lifecycle_machine.cpp), as Boost.MSM
// functors: each adapts MSM's (event, fsm, source, target) call to a plain function of the
// TransitionContext, which the machine holds as `ctx_`. No MSM header is needed here; only
// lifecycle_machine.cpp includes this. Stateless; safe from any thread.

#include "engine/commands.hpp"
#include "engine/guards.hpp"
#include "engine/lifecycle_names.hpp"
#include "workflows/lifecycle_machine.hpp"

namespace tdkt::workflows::transitions {

using engine::Accept;
using engine::AppraisePass;
using engine::Approve;
using engine::CouncilVote;
using engine::Cutoff;
using engine::Escalate;
using engine::HigherDecision;
using engine::Hold;
using engine::Objection;
using engine::RequestSupplement;
using engine::Resume;
using engine::State;
using engine::Submit;
using engine::Supplement;
using engine::Transfer;
using engine::UnitApprove;
using engine::Verdict;

// The internal event that places a rebuilt machine at the dossier's stored state.
struct RestoreTo {
  State state;
};

// ---------------------------------------------------------------------------------------------
// Guards: thin adapters from MSM's functor signature to engine/guards.hpp. A refusing guard
// records its reason; guards that only pick between rows of the same event record nothing.

// Records a refusing verdict's reason in the context; returns whether the verdict passed.
bool Check(TransitionContext& c, const Verdict& verdict);

bool SubmitReadyFn(TransitionContext& c, const Submit& e);
bool MeetingPassedFn(TransitionContext& c, const UnitApprove& e);
bool FirstSupplementFn(TransitionContext& c, const RequestSupplement& e);
bool BringsDocumentsFn(TransitionContext& c, const Supplement& e);
bool DocumentsCompleteFn(TransitionContext& c, const Accept&);
bool NoteGivenFn(TransitionContext& c, const AppraisePass& e);
bool QuorateFn(TransitionContext& c, const CouncilVote& e);
bool PassedWithNoticeFn(TransitionContext& c, const CouncilVote& e);
bool PassedWithoutNoticeFn(TransitionContext& c, const CouncilVote& e);
bool QuorateButFailedFn(TransitionContext& c, const CouncilVote& e);
bool ObjectionStatedFn(TransitionContext& c, const Objection& e);
bool AuthorityAndQuotaFn(TransitionContext& c, const Approve&);
bool HigherApprovedFn(TransitionContext& c, const HigherDecision& e);
bool HigherRefusedFn(TransitionContext& c, const HigherDecision& e);
bool CutoffPassedFn(TransitionContext& c, const Cutoff&);
bool TransferContinuesFn(TransitionContext& c, const Transfer& e);
bool TransferToCommuneFn(TransitionContext& c, const Transfer& e);
bool TransferEndsFn(TransitionContext& c, const Transfer& e);

template <auto Fn>
struct Guard {
  template <class Event, class Fsm, class Source, class Target>
  bool operator()(const Event& e, Fsm& fsm, Source&, Target&) const {
    return Fn(*fsm.ctx_, e);
  }
};

using SubmitReady = Guard<&SubmitReadyFn>;
using MeetingPassed = Guard<&MeetingPassedFn>;
using FirstSupplement = Guard<&FirstSupplementFn>;
using BringsDocuments = Guard<&BringsDocumentsFn>;
using DocumentsComplete = Guard<&DocumentsCompleteFn>;
using NoteGiven = Guard<&NoteGivenFn>;
using PassedWithNotice = Guard<&PassedWithNoticeFn>;
using PassedWithoutNotice = Guard<&PassedWithoutNoticeFn>;
using QuorateButFailed = Guard<&QuorateButFailedFn>;
using ObjectionStated = Guard<&ObjectionStatedFn>;
using AuthorityAndQuota = Guard<&AuthorityAndQuotaFn>;
using HigherApproved = Guard<&HigherApprovedFn>;
using HigherRefused = Guard<&HigherRefusedFn>;
using CutoffPassed = Guard<&CutoffPassedFn>;
using TransferContinues = Guard<&TransferContinuesFn>;
using TransferToCommune = Guard<&TransferToCommuneFn>;
using TransferEnds = Guard<&TransferEndsFn>;

// For every event whose payload is a `reason`.
struct ReasonGiven {
  template <class Event, class Fsm, class Source, class Target>
  bool operator()(const Event& e, Fsm& fsm, Source&, Target&) const {
    return Check(*fsm.ctx_, engine::TextGiven{}("reason", e.reason));
  }
};

// hold and revoke: reason and legal ground.
struct GroundsGiven {
  template <class Event, class Fsm, class Source, class Target>
  bool operator()(const Event& e, Fsm& fsm, Source&, Target&) const {
    return Check(*fsm.ctx_, engine::TextGiven{}("reason", e.reason)) &&
           Check(*fsm.ctx_, engine::TextGiven{}("legal ground", e.legal_ground));
  }
};

// resume picks the row back to the state the dossier was held from.
template <State S>
struct WasHeldFrom {
  template <class Fsm, class Source, class Target>
  bool operator()(const Resume& e, Fsm& fsm, Source&, Target&) const {
    TransitionContext& c = *fsm.ctx_;
    return engine::HeldFrom{}(c.before, S) && Check(c, engine::TextGiven{}("reason", e.reason));
  }
};

template <State S>
struct RestoringTo {
  template <class Fsm, class Source, class Target>
  bool operator()(const RestoreTo& e, Fsm&, Source&, Target&) const {
    return e.state == S;
  }
};

// ---------------------------------------------------------------------------------------------
// Actions: record the payload on the dossier and ask for document numbers. Deadlines, notices and
// the audit record are the same for every row, so Decide derives them from the states.

void RecordSubmissionFn(TransitionContext& c, const Submit& e);
void CountSupplementRequestFn(TransitionContext& c, const RequestSupplement&);
void AttachDocumentsFn(TransitionContext& c, const Supplement& e);
void RecordMinutesFn(TransitionContext& c, const CouncilVote& e);
void RecordFailedVoteFn(TransitionContext& c, const CouncilVote& e);
void AssignDecisionNumberFn(TransitionContext& c, const Approve&);
void AssignSubmissionNumberFn(TransitionContext& c, const Escalate& e);
void RecordHigherDecisionFn(TransitionContext& c, const HigherDecision& e);
void RememberHeldFromFn(TransitionContext& c, const Hold& e);
void ForgetHeldFromFn(TransitionContext& c, const Resume&);
void RecordExpiryFn(TransitionContext& c, const Cutoff&);
void RecordTransferFn(TransitionContext& c, const Transfer&);

template <auto Fn>
struct Action {
  template <class Event, class Fsm, class Source, class Target>
  void operator()(const Event& e, Fsm& fsm, Source&, Target&) const {
    Fn(*fsm.ctx_, e);
  }
};

using RecordSubmission = Action<&RecordSubmissionFn>;
using CountSupplementRequest = Action<&CountSupplementRequestFn>;
using AttachDocuments = Action<&AttachDocumentsFn>;
using RecordMinutes = Action<&RecordMinutesFn>;
using RecordFailedVote = Action<&RecordFailedVoteFn>;
using AssignDecisionNumber = Action<&AssignDecisionNumberFn>;
using AssignSubmissionNumber = Action<&AssignSubmissionNumberFn>;
using RecordHigherDecision = Action<&RecordHigherDecisionFn>;
using RememberHeldFrom = Action<&RememberHeldFromFn>;
using ForgetHeldFrom = Action<&ForgetHeldFromFn>;
using RecordExpiry = Action<&RecordExpiryFn>;
using RecordTransfer = Action<&RecordTransferFn>;

// unit_reject, appraise_fail, reject: a rejection carries its stage and reason.
struct RecordRejection {
  template <class Event, class Fsm, class Source, class Target>
  void operator()(const Event& e, Fsm& fsm, Source&, Target&) const {
    fsm.ctx_->after.rejected_at = fsm.ctx_->before.state;
    fsm.ctx_->after.outcome_reason = e.reason;
  }
};

// withdraw, revoke.
struct RecordReason {
  template <class Event, class Fsm, class Source, class Target>
  void operator()(const Event& e, Fsm& fsm, Source&, Target&) const {
    fsm.ctx_->after.outcome_reason = e.reason;
  }
};

}  // namespace tdkt::workflows::transitions
