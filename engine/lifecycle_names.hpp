#pragma once
// The dossier lifecycle's states and event types, with their stable ids (DOMAIN.md) and the
// Vietnamese labels a user reads.
//
// Stable ids are what is persisted and what the HTTP API speaks; never persist the enum's numeric
// value or Boost.MSM's state ids. All functions are pure and safe from any thread.

#include <array>
#include <optional>
#include <string_view>

namespace tdkt::engine {

enum class State {
  kDraft,
  kUnitReview,
  kIntake,
  kAwaitingSupplement,
  kAppraisal,
  kCouncilReview,
  kPublicNotice,
  kChairmanDecision,
  kEscalated,
  kApproved,
  kRejected,
  kWithdrawn,
  kExpired,
  kOnHold,
  kRevoked,
  kDiscontinued,
};

inline constexpr std::array kAllStates = {
    State::kDraft,     State::kUnitReview,    State::kIntake,       State::kAwaitingSupplement,
    State::kAppraisal, State::kCouncilReview, State::kPublicNotice, State::kChairmanDecision,
    State::kEscalated, State::kApproved,      State::kRejected,     State::kWithdrawn,
    State::kExpired,   State::kOnHold,        State::kRevoked,      State::kDiscontinued,
};

enum class EventType {
  kSubmit,
  kUnitReturn,
  kUnitApprove,
  kUnitReject,
  kRequestSupplement,
  kSupplement,
  kAccept,
  kAppraisePass,
  kAppraiseFail,
  kCouncilVote,
  kObjection,
  kNoticeEnded,
  kApprove,
  kEscalate,
  kReject,
  kHigherDecision,
  kWithdraw,
  kHold,
  kResume,
  kRevoke,
  kCutoff,
  kRemind,
  kTransfer,
};

inline constexpr std::array kAllEventTypes = {
    EventType::kSubmit,
    EventType::kUnitReturn,
    EventType::kUnitApprove,
    EventType::kUnitReject,
    EventType::kRequestSupplement,
    EventType::kSupplement,
    EventType::kAccept,
    EventType::kAppraisePass,
    EventType::kAppraiseFail,
    EventType::kCouncilVote,
    EventType::kObjection,
    EventType::kNoticeEnded,
    EventType::kApprove,
    EventType::kEscalate,
    EventType::kReject,
    EventType::kHigherDecision,
    EventType::kWithdraw,
    EventType::kHold,
    EventType::kResume,
    EventType::kRevoke,
    EventType::kCutoff,
    EventType::kRemind,
    EventType::kTransfer,
};

// "draft", "unit_review", ...
std::string_view StateName(State state);
// "Dự thảo", "Đơn vị bình xét", ...
std::string_view StateLabel(State state);
// nullopt for an unknown name.
std::optional<State> ParseState(std::string_view name);

// "submit", "unit_return", ...
std::string_view EventName(EventType type);
std::optional<EventType> ParseEventType(std::string_view name);

// approved (until revoked), rejected, withdrawn, expired, revoked, discontinued.
bool IsTerminal(State state);

// Which reminder a `remind` records: N working days before the deadline, on its day, or after it
// passed (overdue: the supervisor is told too).
enum class ReminderKind { kBefore, kDue, kOverdue };
// "before", "due", "overdue"; nullopt for an unknown name.
std::string_view ReminderKindName(ReminderKind kind);
std::optional<ReminderKind> ParseReminderKind(std::string_view name);

}  // namespace tdkt::engine
