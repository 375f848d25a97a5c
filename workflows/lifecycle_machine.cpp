// The dossier lifecycle as a Boost.MSM state machine (classic back-end, functor front-end).
//
// Read the transition table beside DOMAIN.md's events table: one row per (from, event, to), with
// the action that records the payload and the guard that checks it. The machine is rebuilt for
// every event at the dossier's stored state (the Restore rows at the end), so it holds no state
// between calls; the persisted state is its stable name, never MSM's numeric id.
//
// on_hold / resume: MSM's ShallowHistory would return a submachine to where it was left, but it
// remembers that inside the machine object, and a machine rebuilt from the store has no such
// memory (the store persists `held_from` anyway). So the table is flat: hold has a row from each
// open state and remembers it in the dossier, and resume has a row back to each, guarded by
// WasHeldFrom<S>. A reader checks them against DOMAIN.md's "any non-terminal state" row by row.

#include "workflows/lifecycle_machine.hpp"

#include <boost/mpl/end.hpp>
#include <boost/mpl/insert_range.hpp>
#include <boost/mpl/vector/vector30.hpp>
#include <boost/msm/back/state_machine.hpp>
#include <boost/msm/front/functor_row.hpp>
#include <boost/msm/front/state_machine_def.hpp>

#include <array>
#include <utility>

#include "workflows/transition_functors.hpp"

namespace tdkt::workflows {
namespace {

namespace msm = boost::msm;
namespace mpl = boost::mpl;
using msm::front::none;
using msm::front::Row;

using engine::State;

// ---------------------------------------------------------------------------------------------
// Events: engine/commands.hpp's structs, and RestoreTo (transition_functors.hpp). Guards and
// actions: transition_functors.hpp.

using namespace transitions;  // NOLINT(google-build-using-namespace): the table's vocabulary

using engine::Accept;
using engine::AppraiseFail;
using engine::AppraisePass;
using engine::Approve;
using engine::CouncilVote;
using engine::Cutoff;
using engine::Escalate;
using engine::HigherDecision;
using engine::Hold;
using engine::NoticeEnded;
using engine::Objection;
using engine::Reject;
using engine::Remind;
using engine::RequestSupplement;
using engine::Resume;
using engine::Revoke;
using engine::Submit;
using engine::Supplement;
using engine::Transfer;
using engine::UnitApprove;
using engine::UnitReject;
using engine::UnitReturn;
using engine::Withdraw;

// ---------------------------------------------------------------------------------------------
// States. Entering one writes its id into the context: that is how Fire learns the new state.

template <State S>
struct LifecycleState : msm::front::state<> {
  template <class Event, class Fsm>
  void on_entry(const Event&, Fsm& fsm) {
    fsm.ctx_->after.state = S;
  }
};

struct Restoring : msm::front::state<> {};  // a fresh machine, before RestoreTo places it
struct Draft : LifecycleState<State::kDraft> {};
struct UnitReview : LifecycleState<State::kUnitReview> {};
struct Intake : LifecycleState<State::kIntake> {};
struct AwaitingSupplement : LifecycleState<State::kAwaitingSupplement> {};
struct Appraisal : LifecycleState<State::kAppraisal> {};
struct CouncilReview : LifecycleState<State::kCouncilReview> {};
struct PublicNotice : LifecycleState<State::kPublicNotice> {};
struct ChairmanDecision : LifecycleState<State::kChairmanDecision> {};
struct Escalated : LifecycleState<State::kEscalated> {};
struct Approved : LifecycleState<State::kApproved> {};
struct Rejected : LifecycleState<State::kRejected> {};
struct Withdrawn : LifecycleState<State::kWithdrawn> {};
struct Expired : LifecycleState<State::kExpired> {};
struct OnHold : LifecycleState<State::kOnHold> {};
struct Revoked : LifecycleState<State::kRevoked> {};
struct Discontinued : LifecycleState<State::kDiscontinued> {};

// ---------------------------------------------------------------------------------------------
// The tables.

// DOMAIN.md's events table, top to bottom, except the rows that leave many states.
// clang-format off
using StageRows = mpl::vector23<
//    Start               Event               Next                 Action                   Guard
//  +-------------------+-------------------+--------------------+------------------------+-------------------+
Row < Draft             , Submit            , UnitReview         , RecordSubmission       , SubmitReady       >,
Row < UnitReview        , UnitReturn        , Draft              , none                   , ReasonGiven       >,
Row < UnitReview        , UnitApprove       , Intake             , none                   , MeetingPassed     >,
Row < UnitReview        , UnitReject        , Rejected           , RecordRejection        , ReasonGiven       >,
Row < Intake            , RequestSupplement , AwaitingSupplement , CountSupplementRequest , FirstSupplement   >,
Row < AwaitingSupplement, Supplement        , Intake             , AttachDocuments        , BringsDocuments   >,
Row < Intake            , Accept            , Appraisal          , none                   , DocumentsComplete >,
Row < Appraisal         , AppraisePass      , CouncilReview      , none                   , NoteGiven         >,
Row < Appraisal         , AppraiseFail      , Rejected           , RecordRejection        , ReasonGiven       >,
Row < CouncilReview     , CouncilVote       , PublicNotice       , RecordMinutes          , PassedWithNotice  >,
Row < CouncilReview     , CouncilVote       , ChairmanDecision   , RecordMinutes          , PassedWithoutNotice>,
Row < CouncilReview     , CouncilVote       , Rejected           , RecordFailedVote       , QuorateButFailed  >,
Row < PublicNotice      , Objection         , Appraisal          , none                   , ObjectionStated   >,
Row < PublicNotice      , NoticeEnded       , ChairmanDecision   , none                   , none              >,
Row < ChairmanDecision  , Approve           , Approved           , AssignDecisionNumber   , AuthorityAndQuota >,
Row < ChairmanDecision  , Escalate          , Escalated          , AssignSubmissionNumber , none              >,
Row < ChairmanDecision  , Reject            , Rejected           , RecordRejection        , ReasonGiven       >,
Row < Escalated         , HigherDecision    , Approved           , RecordHigherDecision   , HigherApproved    >,
Row < Escalated         , HigherDecision    , Rejected           , RecordHigherDecision   , HigherRefused     >,
Row < Approved          , Revoke            , Revoked            , RecordReason           , GroundsGiven      >,
Row < Draft             , Cutoff            , Expired            , RecordExpiry           , CutoffPassed      >,
Row < UnitReview        , Cutoff            , Expired            , RecordExpiry           , CutoffPassed      >,
//  +-------------------+-------------------+--------------------+------------------------+-------------------+
// remind changes no state (Next = none: an internal transition); accepted where a clock runs.
Row < Draft             , Remind            , none               , none                   , none              >
>;

// withdraw: draft … chairman_decision; hold: any non-terminal state; resume: back where it was held.
using SideRows = mpl::vector26<
//    Start               Event               Next                 Action                   Guard
//  +-------------------+-------------------+--------------------+------------------------+-------------------+
Row < Draft             , Withdraw          , Withdrawn          , RecordReason           , ReasonGiven       >,
Row < UnitReview        , Withdraw          , Withdrawn          , RecordReason           , ReasonGiven       >,
Row < Intake            , Withdraw          , Withdrawn          , RecordReason           , ReasonGiven       >,
Row < AwaitingSupplement, Withdraw          , Withdrawn          , RecordReason           , ReasonGiven       >,
Row < Appraisal         , Withdraw          , Withdrawn          , RecordReason           , ReasonGiven       >,
Row < CouncilReview     , Withdraw          , Withdrawn          , RecordReason           , ReasonGiven       >,
Row < PublicNotice      , Withdraw          , Withdrawn          , RecordReason           , ReasonGiven       >,
Row < ChairmanDecision  , Withdraw          , Withdrawn          , RecordReason           , ReasonGiven       >,
//  +-------------------+-------------------+--------------------+------------------------+-------------------+
Row < Draft             , Hold              , OnHold             , RememberHeldFrom       , GroundsGiven      >,
Row < UnitReview        , Hold              , OnHold             , RememberHeldFrom       , GroundsGiven      >,
Row < Intake            , Hold              , OnHold             , RememberHeldFrom       , GroundsGiven      >,
Row < AwaitingSupplement, Hold              , OnHold             , RememberHeldFrom       , GroundsGiven      >,
Row < Appraisal         , Hold              , OnHold             , RememberHeldFrom       , GroundsGiven      >,
Row < CouncilReview     , Hold              , OnHold             , RememberHeldFrom       , GroundsGiven      >,
Row < PublicNotice      , Hold              , OnHold             , RememberHeldFrom       , GroundsGiven      >,
Row < ChairmanDecision  , Hold              , OnHold             , RememberHeldFrom       , GroundsGiven      >,
Row < Escalated         , Hold              , OnHold             , RememberHeldFrom       , GroundsGiven      >,
//  +-------------------+-------------------+--------------------+------------------------+-------------------+
Row < OnHold            , Resume            , Draft              , ForgetHeldFrom         , WasHeldFrom<State::kDraft>              >,
Row < OnHold            , Resume            , UnitReview         , ForgetHeldFrom         , WasHeldFrom<State::kUnitReview>         >,
Row < OnHold            , Resume            , Intake             , ForgetHeldFrom         , WasHeldFrom<State::kIntake>             >,
Row < OnHold            , Resume            , AwaitingSupplement , ForgetHeldFrom         , WasHeldFrom<State::kAwaitingSupplement> >,
Row < OnHold            , Resume            , Appraisal          , ForgetHeldFrom         , WasHeldFrom<State::kAppraisal>          >,
Row < OnHold            , Resume            , CouncilReview      , ForgetHeldFrom         , WasHeldFrom<State::kCouncilReview>      >,
Row < OnHold            , Resume            , PublicNotice       , ForgetHeldFrom         , WasHeldFrom<State::kPublicNotice>       >,
Row < OnHold            , Resume            , ChairmanDecision   , ForgetHeldFrom         , WasHeldFrom<State::kChairmanDecision>   >,
Row < OnHold            , Resume            , Escalated          , ForgetHeldFrom         , WasHeldFrom<State::kEscalated>          >
>;

// transfer (DOMAIN.md, "Administrative units change"): from any state in flight. The dossier stays
// where it is (an internal transition: its completed steps stay done), or, sent up to a level that
// is gone and now the commune's to decide, returns to the Chairman; an award without a successor
// ends. Decide works out which (engine/transfer.hpp) before the machine runs.
using TransferRows = mpl::vector19<
//    Start               Event               Next                 Action                   Guard
//  +-------------------+-------------------+--------------------+------------------------+-------------------+
Row < UnitReview        , Transfer          , none               , RecordTransfer         , TransferContinues >,
Row < Intake            , Transfer          , none               , RecordTransfer         , TransferContinues >,
Row < AwaitingSupplement, Transfer          , none               , RecordTransfer         , TransferContinues >,
Row < Appraisal         , Transfer          , none               , RecordTransfer         , TransferContinues >,
Row < CouncilReview     , Transfer          , none               , RecordTransfer         , TransferContinues >,
Row < PublicNotice      , Transfer          , none               , RecordTransfer         , TransferContinues >,
Row < ChairmanDecision  , Transfer          , none               , RecordTransfer         , TransferContinues >,
Row < Escalated         , Transfer          , none               , RecordTransfer         , TransferContinues >,
Row < OnHold            , Transfer          , none               , RecordTransfer         , TransferContinues >,
Row < Escalated         , Transfer          , ChairmanDecision   , RecordTransfer         , TransferToCommune >,
//  +-------------------+-------------------+--------------------+------------------------+-------------------+
Row < UnitReview        , Transfer          , Discontinued       , RecordTransfer         , TransferEnds      >,
Row < Intake            , Transfer          , Discontinued       , RecordTransfer         , TransferEnds      >,
Row < AwaitingSupplement, Transfer          , Discontinued       , RecordTransfer         , TransferEnds      >,
Row < Appraisal         , Transfer          , Discontinued       , RecordTransfer         , TransferEnds      >,
Row < CouncilReview     , Transfer          , Discontinued       , RecordTransfer         , TransferEnds      >,
Row < PublicNotice      , Transfer          , Discontinued       , RecordTransfer         , TransferEnds      >,
Row < ChairmanDecision  , Transfer          , Discontinued       , RecordTransfer         , TransferEnds      >,
Row < Escalated         , Transfer          , Discontinued       , RecordTransfer         , TransferEnds      >,
Row < OnHold            , Transfer          , Discontinued       , RecordTransfer         , TransferEnds      >
>;

// The rest of remind, and placing a rebuilt machine at its stored state.
using MachineRows = mpl::vector22<
//    Start               Event               Next                 Action                   Guard
//  +-------------------+-------------------+--------------------+------------------------+-------------------+
Row < UnitReview        , Remind            , none               , none                   , none              >,
Row < AwaitingSupplement, Remind            , none               , none                   , none              >,
Row < Appraisal         , Remind            , none               , none                   , none              >,
Row < PublicNotice      , Remind            , none               , none                   , none              >,
Row < ChairmanDecision  , Remind            , none               , none                   , none              >,
Row < Escalated         , Remind            , none               , none                   , none              >,
//  +-------------------+-------------------+--------------------+------------------------+-------------------+
Row < Restoring         , RestoreTo         , Draft              , none                   , RestoringTo<State::kDraft>              >,
Row < Restoring         , RestoreTo         , UnitReview         , none                   , RestoringTo<State::kUnitReview>         >,
Row < Restoring         , RestoreTo         , Intake             , none                   , RestoringTo<State::kIntake>             >,
Row < Restoring         , RestoreTo         , AwaitingSupplement , none                   , RestoringTo<State::kAwaitingSupplement> >,
Row < Restoring         , RestoreTo         , Appraisal          , none                   , RestoringTo<State::kAppraisal>          >,
Row < Restoring         , RestoreTo         , CouncilReview      , none                   , RestoringTo<State::kCouncilReview>      >,
Row < Restoring         , RestoreTo         , PublicNotice       , none                   , RestoringTo<State::kPublicNotice>       >,
Row < Restoring         , RestoreTo         , ChairmanDecision   , none                   , RestoringTo<State::kChairmanDecision>   >,
Row < Restoring         , RestoreTo         , Escalated          , none                   , RestoringTo<State::kEscalated>          >,
Row < Restoring         , RestoreTo         , Approved           , none                   , RestoringTo<State::kApproved>           >,
Row < Restoring         , RestoreTo         , Rejected           , none                   , RestoringTo<State::kRejected>           >,
Row < Restoring         , RestoreTo         , Withdrawn          , none                   , RestoringTo<State::kWithdrawn>          >,
Row < Restoring         , RestoreTo         , Expired            , none                   , RestoringTo<State::kExpired>            >,
Row < Restoring         , RestoreTo         , OnHold             , none                   , RestoringTo<State::kOnHold>             >,
Row < Restoring         , RestoreTo         , Revoked            , none                   , RestoringTo<State::kRevoked>            >,
Row < Restoring         , RestoreTo         , Discontinued       , none                   , RestoringTo<State::kDiscontinued>       >
>;
// clang-format on

template <class A, class B>
using Join = typename mpl::insert_range<A, typename mpl::end<A>::type, B>::type;

struct LifecycleDef : msm::front::state_machine_def<LifecycleDef> {
  using no_exception_thrown = int;  // guards and actions throw nothing but bad_alloc
  using no_message_queue = int;     // no action sends an event
  using initial_state = Restoring;
  using transition_table = Join<Join<Join<StageRows, SideRows>, TransferRows>, MachineRows>;

  // Fire reads process_event's result instead; MSM's default would assert.
  template <class Fsm, class Event>
  void no_transition(const Event&, Fsm&, int) {}

  TransitionContext* ctx_ = nullptr;
};

using LifecycleMachine = msm::back::state_machine<LifecycleDef>;

FireResult ToResult(msm::back::HandledEnum handled) {
  if (handled == msm::back::HANDLED_TRUE) return FireResult::kAccepted;
  if (handled == msm::back::HANDLED_GUARD_REJECT) return FireResult::kGuardRejected;
  return FireResult::kNoTransition;
}

template <std::size_t... I>
std::array<engine::Command, sizeof...(I)> DefaultCommands(std::index_sequence<I...>) {
  return {engine::Command(std::in_place_index<I>)...};
}

using RowTable =
    std::array<std::array<bool, engine::kAllEventTypes.size()>, engine::kAllStates.size()>;

// Probes the machine: a state has a row for an event when a default (empty) payload is either
// accepted or refused by a guard, rather than finding no row.
RowTable ComputeRows() {
  RowTable rows{};
  const auto commands =
      DefaultCommands(std::make_index_sequence<std::variant_size_v<engine::Command>>());
  const engine::Actor actor;
  const engine::RulePack pack;
  const engine::Campaign campaign;
  const engine::DecideFacts facts;
  for (State state : engine::kAllStates) {
    engine::DossierSnapshot dossier;
    dossier.state = state;
    for (const engine::Command& command : commands) {
      TransitionContext ctx{dossier, actor,   pack, nullptr, campaign, facts,
                            {},      dossier, {},   {},      nullptr,  std::nullopt};
      rows[static_cast<std::size_t>(state)][command.index()] =
          Fire(ctx, command) != FireResult::kNoTransition;
    }
  }
  return rows;
}

}  // namespace

FireResult Fire(TransitionContext& ctx, const engine::Command& command) {
  LifecycleMachine machine;
  machine.ctx_ = &ctx;
  machine.start();
  machine.process_event(RestoreTo{ctx.before.state});
  return ToResult(
      std::visit([&machine](const auto& event) { return machine.process_event(event); }, command));
}

bool HasRow(State state, engine::EventType type) {
  static const RowTable kRows = ComputeRows();
  return kRows[static_cast<std::size_t>(state)][static_cast<std::size_t>(type)];
}

}  // namespace tdkt::workflows
